namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// Exponential linear unit with alpha 1 (PyTorch's default): x where x &gt; 0, else eˣ − 1 (computed as exp, then minus 1,
        /// as PyTorch 1.13 does); d/dx is 1 for x ≥ 0 and eˣ below. elu(−∞) is −1 with gradient 0, elu(+∞) is +∞ with gradient 1;
        /// elu(NaN) is NaN with gradient 1 (what PyTorch's element-by-element kernel gives). The second derivative is 0 at
        /// x = 0, PyTorch's convention at the kink.
        /// </summary>
        public Value Elu() => Unary(Ops.EluOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class EluOp() : UnaryOp<EluOp.Formula>("elu", forwardText: "elu({x})", derivativeText: "({x} < 0 ? exp({x}) : 1)")
    {
        public static readonly EluOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Choose(Comparison.LessOrEqual, x, T.Constant(0), T.Exp(x) - T.Constant(1), x);

            // PyTorch's x <= 0 ? g·eˣ : g, with e⁰ = 1 at 0 taken from the constant branch: its second derivative there is 0,
            // as PyTorch's elu_double_backward (masked by x < 0) makes it.
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => T.Choose(Comparison.Less, x, T.Constant(0), g * T.Exp(x), g);
        }
    }
}
