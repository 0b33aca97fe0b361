namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>eˣ − 1, accurate for x near 0 where <c>x.Exp() - 1</c> loses its digits; d/dx = eˣ = y + 1. Overflows to +∞
        /// (gradient +∞) above about 709.78; expm1(−∞) is −1 with gradient 0; expm1(NaN) is NaN. Computed by fdlibm's
        /// algorithm, within 1 ulp.</summary>
        public Value Expm1() => Unary(Ops.Expm1Op.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class Expm1Op() : UnaryOp<Expm1Op.Formula>("expm1", forwardText: "expm1({x})", derivativeText: "({y} + 1)")
    {
        public static readonly Expm1Op Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Expm1(x);

            // PyTorch: grad * (result + 1).
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g * (y + T.Constant(1));
        }
    }
}
