namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// Softplus with beta 1 and threshold 20 (PyTorch's defaults): log(1 + eˣ), and x itself where x &gt; 20; d/dx is
        /// eˣ/(eˣ + 1), and 1 where x &gt; 20. softplus(−∞) is 0 with gradient 0, softplus(+∞) is +∞ with gradient 1,
        /// softplus(NaN) is NaN with gradient NaN. At exactly 20 the value and gradient are the smooth formula's and the second
        /// derivative is 0: PyTorch's conventions (its gradient switches above 20, its second derivative from 20).
        /// </summary>
        public Value Softplus() => Unary(Ops.SoftplusOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SoftplusOp() : UnaryOp<SoftplusOp.Formula>("softplus", forwardText: "softplus({x})", derivativeText: "({x} > 20 ? 1 : exp({x}) / (exp({x}) + 1))")
    {
        public static readonly SoftplusOp Instance = new();

        private const double Threshold = 20;

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Choose(Comparison.Greater, x, T.Constant(Threshold), x, T.Log1p(T.Exp(x)));

            // PyTorch's g·z/(z + 1) with z = eˣ, and g above the threshold. At the threshold itself z is e²⁰ read from a
            // constant (the same number), so that the second derivative there is 0, as PyTorch's softplus_double_backward
            // (masked by x < 20) makes it.
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T>
            {
                var z = T.Exp(T.Choose(Comparison.Equal, x, T.Constant(Threshold), T.Constant(Threshold), x));
                return T.Choose(Comparison.Greater, x, T.Constant(Threshold), g, g * z / (z + T.Constant(1)));
            }
        }
    }
}
