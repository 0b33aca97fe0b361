using System.Runtime.CompilerServices;

namespace Micrograd.Ops;

/// <summary>One <c>double</c> as an <see cref="IOpNumber{T}"/>: the formulas' scalar form, which <see cref="Value"/>'s ops,
/// <see cref="Value.Backward"/> and the compiled scalar tape run. A struct, so that the JIT compiles each formula for it
/// into plain double arithmetic.</summary>
internal readonly struct Scalar(double number) : IFdlibmNumber<Scalar>
{
    public double Number { get; } = number;

    public static Scalar operator +(Scalar a, Scalar b) => new(a.Number + b.Number);

    public static Scalar operator -(Scalar a, Scalar b) => new(a.Number - b.Number);

    public static Scalar operator *(Scalar a, Scalar b) => new(a.Number * b.Number);

    public static Scalar operator /(Scalar a, Scalar b) => new(a.Number / b.Number);

    public static Scalar operator -(Scalar x) => new(-x.Number);

    public static Scalar Constant(double value) => new(value);

    public static Scalar Abs(Scalar x) => new(Math.Abs(x.Number));

    public static Scalar Sqrt(Scalar x) => new(Math.Sqrt(x.Number));

    public static Scalar Exp(Scalar x) => new(Math.Exp(x.Number));

    public static Scalar Log(Scalar x) => new(Math.Log(x.Number));

    public static Scalar Sin(Scalar x) => new(Math.Sin(x.Number));

    public static Scalar Cos(Scalar x) => new(Math.Cos(x.Number));

    public static Scalar Tanh(Scalar x) => new(Math.Tanh(x.Number));

    public static Scalar Atan(Scalar x) => new(Math.Atan(x.Number));

    public static Scalar Erf(Scalar x) => Fdlibm.Erf(x);

    public static Scalar WithLowWordZero(Scalar x) =>
        new(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x.Number) & unchecked((long)0xffffffff00000000UL)));

    public static Scalar Log1p(Scalar x) => new(Fdlibm.Log1p(x.Number));

    public static Scalar Expm1(Scalar x) => new(Fdlibm.Expm1(x.Number));

    public static Scalar Pow(Scalar x, Scalar y) => new(Math.Pow(x.Number, y.Number));

    public static Scalar FusedMultiplyAdd(Scalar a, Scalar b, double addend) => new(Math.FusedMultiplyAdd(a.Number, b.Number, addend));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar Choose(Comparison comparison, Scalar left, Scalar right, Scalar ifTrue, Scalar ifFalse) =>
        Holds(comparison, left.Number, right.Number) ? ifTrue : ifFalse;

    /// <summary>Whether <c>left comparison right</c> holds (false with a NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Holds(Comparison comparison, double left, double right) => comparison switch
    {
        Comparison.Equal => left == right,
        Comparison.Less => left < right,
        Comparison.LessOrEqual => left <= right,
        Comparison.Greater => left > right,
        _ => left >= right,
    };
}
