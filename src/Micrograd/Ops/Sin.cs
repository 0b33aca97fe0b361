namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Sine (radians); d/dx = cos(x). sin(±∞) and sin(NaN) are NaN, and so is the gradient.</summary>
        public Value Sin() => Unary(Ops.SinOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SinOp() : UnaryOp<SinOp.Formula>("sin", forwardText: "sin({x})", derivativeText: "cos({x})")
    {
        public static readonly SinOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Sin(x);

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g * T.Cos(x);
        }
    }
}
