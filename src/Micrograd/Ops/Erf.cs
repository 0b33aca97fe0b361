namespace Micrograd.Ops;

/// <summary>
/// The error function, <see cref="Fdlibm.Erf"/>: d/dx = 2/√π·e^(−x²) (PyTorch's formula). No public member makes it: it appears
/// in the gradient graphs of gelu (<see cref="Gradients.Of"/>), as fma does in tanh's.
/// </summary>
internal sealed class ErfOp() : UnaryOp<ErfOp.Formula>("erf", forwardText: "erf({x})", derivativeText: "2 / √π × exp(−{x}²)")
{
    public static readonly ErfOp Instance = new();

    /// <summary>2/√π as PyTorch computes it: 2.0 / sqrt(M_PI).</summary>
    private static readonly double TwoOverSqrtPi = 2.0 / Math.Sqrt(Math.PI);

    internal readonly struct Formula : IUnaryFormula
    {
        public T Forward<T>(T x) where T : IOpNumber<T> => T.Erf(x);

        public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => T.Constant(TwoOverSqrtPi) * T.Exp(-(x * x)) * g;
    }
}
