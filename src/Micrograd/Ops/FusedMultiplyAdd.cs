namespace Micrograd.Ops;

/// <summary>
/// <c>a·b + c</c> rounded once, as <see cref="Math.FusedMultiplyAdd"/>, with a constant addend c that the op carries (as
/// a constant power carries its exponent): ∂/∂a = b, ∂/∂b = a. No public member makes it: it appears in gradient graphs
/// (<see cref="Gradients.Of"/>) where a formula fuses, such as tanh's <c>1 − y²</c>, so that a gradient's graph computes exactly
/// the number <see cref="Value.Backward"/> computes.
/// </summary>
internal sealed class FusedMultiplyAddOp : BinaryOp<FusedMultiplyAddOp.Formula>
{
    /// <summary>The op of addend 1, which tanh's gradient uses; any other addend gets a new op.</summary>
    public static readonly FusedMultiplyAddOp Instance = new(1.0);

    private FusedMultiplyAddOp(double addend)
        : base("fma+" + Value.Format(addend), $"fma({{a}}, {{b}}, {OpText.Number(addend)})", derivativeLeft: "{b}", derivativeRight: "{a}", new Formula(addend))
    {
        Addend = addend;
    }

    public double Addend { get; }

    public static FusedMultiplyAddOp For(double addend) => Instance.Addend.Equals(addend) ? Instance : new FusedMultiplyAddOp(addend);

    internal readonly struct Formula(double addend) : IBinaryFormula
    {
        public T Forward<T>(T a, T b) where T : IOpNumber<T> => T.FusedMultiplyAdd(a, b, addend);

        public T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g * b;

        public T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g * a;
    }
}
