namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>log(1 + x), accurate for x near 0 where <c>(1 + x).Log()</c> loses its digits; d/dx = 1/(x + 1). log1p(−1) is −∞
        /// with gradient +∞; below −1 the value is NaN while the gradient 1/(x + 1) stays finite (as in PyTorch); log1p(+∞) is +∞
        /// with gradient 0; log1p(NaN) is NaN. Computed by fdlibm's algorithm, within 1 ulp.</summary>
        public Value Log1p() => Unary(Ops.Log1pOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class Log1pOp() : UnaryOp<Log1pOp.Formula>("log1p", forwardText: "log1p({x})", derivativeText: "1 / ({x} + 1)")
    {
        public static readonly Log1pOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Log1p(x);

            // PyTorch's log1p_backward: grad / (self + 1).
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g / (x + T.Constant(1));
        }
    }
}
