namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Arctangent, in (−π/2, π/2); d/dx = 1/(x² + 1). atan(±∞) is ±π/2 with gradient 0, and the gradient is 0 already
        /// where x² overflows (|x| above about 1.3e154); atan(NaN) is NaN.</summary>
        public Value Atan() => Unary(Ops.AtanOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class AtanOp() : UnaryOp<AtanOp.Formula>("atan", forwardText: "atan({x})", derivativeText: "1 / ({x}² + 1)")
    {
        public static readonly AtanOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Atan(x);

            // PyTorch: grad / (self.pow(2) + 1), its pow(2) being self * self.
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g / (x * x + T.Constant(1));
        }
    }
}
