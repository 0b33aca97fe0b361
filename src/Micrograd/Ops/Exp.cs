namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Exponential, <c>eˣ</c>; d/dx = eˣ. Overflows to +∞ (gradient +∞) above about 709.78 and underflows to 0 (gradient 0) below about −745; exp(−∞) is 0, exp(NaN) is NaN.</summary>
        public Value Exp() => Unary(Ops.ExpOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class ExpOp() : UnaryOp<ExpOp.Formula>("exp", forwardText: "exp({x})", derivativeText: "{y}")
    {
        public static readonly ExpOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Exp(x);

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g * y;
        }
    }
}
