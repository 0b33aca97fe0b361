namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Leaky rectified linear unit with slope 0.01 (PyTorch's default): x where x &gt; 0, else 0.01·x; d/dx is 1 where
        /// x &gt; 0 and 0.01 elsewhere, so the gradient at exactly 0 is 0.01 (as in PyTorch). leaky_relu(+∞) is +∞ with gradient 1,
        /// leaky_relu(−∞) is −∞ with gradient 0.01; leaky_relu(NaN) is NaN with gradient 0.01.</summary>
        public Value LeakyRelu() => Unary(Ops.LeakyReluOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class LeakyReluOp() : UnaryOp<LeakyReluOp.Formula>("leaky_relu", forwardText: "leaky_relu({x})", derivativeText: "({x} > 0 ? 1 : 0.01)")
    {
        public static readonly LeakyReluOp Instance = new();

        private const double Slope = 0.01;

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Choose(Comparison.Greater, x, T.Constant(0), x, x * T.Constant(Slope));

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => T.Choose(Comparison.Greater, x, T.Constant(0), g, g * T.Constant(Slope));
        }
    }
}
