namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Square root; d/dx = 1 / (2√x). sqrt(0) is 0 with gradient +∞; for x &lt; 0 the value and the gradient are NaN; sqrt(+∞) is +∞ with gradient 0.</summary>
        public Value Sqrt() => Unary(Ops.SqrtOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SqrtOp() : UnaryOp<SqrtOp.Formula>("sqrt", forwardText: "sqrt({x})", derivativeText: "1 / (2 × {y})")
    {
        public static readonly SqrtOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Sqrt(x);

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g / (T.Constant(2) * y);
        }
    }
}
