namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Negation: d/dx = −1. Maps NaN to NaN and ±∞ to ∓∞.</summary>
        /// <param name="x">The operand.</param>
        public static Value operator -(Value x) => Unary(Ops.NegateOp.Instance, x);
    }
}

namespace Micrograd.Ops
{
    internal sealed class NegateOp() : UnaryOp<NegateOp.Formula>("neg", forwardText: "−{x}", derivativeText: "−1")
    {
        public static readonly NegateOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => -x;

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => -g;
        }
    }
}
