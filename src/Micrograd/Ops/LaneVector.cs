using System.Numerics;
using System.Runtime.CompilerServices;

namespace Micrograd.Ops;

/// <summary>
/// A <see cref="Vector{T}"/> of lanes (one sample each) as an <see cref="IOpNumber{T}"/>: the formulas' form for the
/// compiled batched tape. Arithmetic, <see cref="Sqrt"/>, <see cref="Abs"/>, <see cref="FusedMultiplyAdd"/> and
/// <see cref="Choose"/> are vector instructions, which round as the scalar ones do; no vector exp, log, sin, cos, tanh, atan or
/// pow rounds as <see cref="Math"/>'s does, so those (and <see cref="Fdlibm"/>'s erf, log1p and expm1) apply the scalar function lane by lane, and every lane gets
/// exactly what the <see cref="Scalar"/> form gives.
/// </summary>
internal readonly struct LaneVector(Vector<double> lanes) : IOpNumber<LaneVector>
{
    public Vector<double> Lanes { get; } = lanes;

    public static LaneVector operator +(LaneVector a, LaneVector b) => new(a.Lanes + b.Lanes);

    public static LaneVector operator -(LaneVector a, LaneVector b) => new(a.Lanes - b.Lanes);

    public static LaneVector operator *(LaneVector a, LaneVector b) => new(a.Lanes * b.Lanes);

    public static LaneVector operator /(LaneVector a, LaneVector b) => new(a.Lanes / b.Lanes);

    public static LaneVector operator -(LaneVector x) => new(-x.Lanes);

    public static LaneVector Constant(double value) => new(new Vector<double>(value));

    public static LaneVector Abs(LaneVector x) => new(Vector.Abs(x.Lanes));

    public static LaneVector Sqrt(LaneVector x) => new(Vector.SquareRoot(x.Lanes));

    public static LaneVector Exp(LaneVector x) => PerLane<ExpOfLane>(x);

    public static LaneVector Log(LaneVector x) => PerLane<LogOfLane>(x);

    public static LaneVector Sin(LaneVector x) => PerLane<SinOfLane>(x);

    public static LaneVector Cos(LaneVector x) => PerLane<CosOfLane>(x);

    public static LaneVector Tanh(LaneVector x) => PerLane<TanhOfLane>(x);

    public static LaneVector Atan(LaneVector x) => PerLane<AtanOfLane>(x);

    public static LaneVector Erf(LaneVector x) => PerLane<ErfOfLane>(x);

    public static LaneVector Log1p(LaneVector x) => PerLane<Log1pOfLane>(x);

    public static LaneVector Expm1(LaneVector x) => PerLane<Expm1OfLane>(x);

    public static LaneVector Pow(LaneVector x, LaneVector y)
    {
        var result = x.Lanes;
        var exponents = y.Lanes;
        ref var lane = ref Unsafe.As<Vector<double>, double>(ref result);
        ref var exponent = ref Unsafe.As<Vector<double>, double>(ref exponents);
        for (var i = 0; i < Vector<double>.Count; i++) Unsafe.Add(ref lane, i) = Math.Pow(Unsafe.Add(ref lane, i), Unsafe.Add(ref exponent, i));
        return new(result);
    }

    public static LaneVector FusedMultiplyAdd(LaneVector a, LaneVector b, double addend) => new(Vector.FusedMultiplyAdd(a.Lanes, b.Lanes, new Vector<double>(addend)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneVector Choose(Comparison comparison, LaneVector left, LaneVector right, LaneVector ifTrue, LaneVector ifFalse)
    {
        Vector<double> l = left.Lanes, r = right.Lanes;
        var holds = comparison switch
        {
            Comparison.Equal => Vector.Equals(l, r),
            Comparison.Less => Vector.LessThan(l, r),
            Comparison.LessOrEqual => Vector.LessThanOrEqual(l, r),
            Comparison.Greater => Vector.GreaterThan(l, r),
            _ => Vector.GreaterThanOrEqual(l, r),
        };
        return new(Vector.ConditionalSelect(holds, ifTrue.Lanes, ifFalse.Lanes));
    }

    /// <summary><typeparamref name="TFunction"/>'s scalar function in each lane.</summary>
    private static LaneVector PerLane<TFunction>(LaneVector x) where TFunction : struct, ILaneFunction
    {
        var result = x.Lanes;
        ref var lane = ref Unsafe.As<Vector<double>, double>(ref result);
        for (var i = 0; i < Vector<double>.Count; i++) Unsafe.Add(ref lane, i) = TFunction.Of(Unsafe.Add(ref lane, i));
        return new(result);
    }

    private interface ILaneFunction
    {
        static abstract double Of(double x);
    }

    private readonly struct ExpOfLane : ILaneFunction
    {
        public static double Of(double x) => Math.Exp(x);
    }

    private readonly struct LogOfLane : ILaneFunction
    {
        public static double Of(double x) => Math.Log(x);
    }

    private readonly struct SinOfLane : ILaneFunction
    {
        public static double Of(double x) => Math.Sin(x);
    }

    private readonly struct CosOfLane : ILaneFunction
    {
        public static double Of(double x) => Math.Cos(x);
    }

    private readonly struct TanhOfLane : ILaneFunction
    {
        public static double Of(double x) => Math.Tanh(x);
    }

    private readonly struct AtanOfLane : ILaneFunction
    {
        public static double Of(double x) => Math.Atan(x);
    }

    private readonly struct ErfOfLane : ILaneFunction
    {
        public static double Of(double x) => Fdlibm.Erf(x);
    }

    private readonly struct Log1pOfLane : ILaneFunction
    {
        public static double Of(double x) => Fdlibm.Log1p(x);
    }

    private readonly struct Expm1OfLane : ILaneFunction
    {
        public static double Of(double x) => Fdlibm.Expm1(x);
    }
}
