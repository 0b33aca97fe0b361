namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Cosine (radians); d/dx = −sin(x). cos(±∞) and cos(NaN) are NaN, and so is the gradient.</summary>
        public Value Cos() => Unary(Ops.CosOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class CosOp() : UnaryOp<CosOp.Formula>("cos", forwardText: "cos({x})", derivativeText: "−sin({x})")
    {
        public static readonly CosOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Cos(x);

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g * -T.Sin(x);
        }
    }
}
