namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Rectified linear unit, <c>max(0, x)</c>; d/dx is 1 where x &gt; 0 and 0 elsewhere, so the gradient at exactly 0 is 0 (as in PyTorch). relu(NaN) is NaN with gradient 0; relu(+∞) is +∞ with gradient 1; relu(−∞) is 0.</summary>
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
            // x where x > 0 or x is NaN, else 0.
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Select(Comparison.LessOrEqual, x, T.Constant(0), T.Constant(0), x);

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => T.Select(Comparison.Greater, y, T.Constant(0), g, T.Constant(0));
        }
    }
}
