namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Rectified linear unit, <c>max(0, x)</c>; d/dx is 1 where x &gt; 0 and 0 elsewhere, so the gradient at exactly 0 is 0 (as in PyTorch). relu(−0) is −0; relu(NaN) is NaN with gradient 1 (PyTorch's threshold_backward passes the gradient wherever the result is not ≤ 0); relu(+∞) is +∞ with gradient 1; relu(−∞) is 0.</summary>
        public Value Relu() => Unary(Ops.ReluOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class ReluOp() : UnaryOp<ReluOp.Formula>("relu", forwardText: "relu({x})", derivativeText: "({y} > 0 ? 1 : 0)")
    {
        public static readonly ReluOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            // 0 where x < 0, else x itself (so −0 stays −0 and NaN stays NaN), as PyTorch's clamp_min(x, 0).
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Choose(Comparison.Less, x, T.Constant(0), T.Constant(0), x);

            // PyTorch's threshold_backward(g, y, 0): 0 where y <= 0, else g (so g at NaN, which fails the test).
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => T.Choose(Comparison.LessOrEqual, y, T.Constant(0), T.Constant(0), g);
        }
    }
}
