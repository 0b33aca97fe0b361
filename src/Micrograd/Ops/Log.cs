namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Natural logarithm; d/dx = 1/x. log(0) is −∞ with gradient +∞; for x &lt; 0 the value is NaN while the gradient 1/x stays finite (as in PyTorch); log(+∞) is +∞ with gradient 0.</summary>
        public Value Log() => Unary(Ops.LogOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class LogOp() : UnaryOp<LogOp.Formula>("log", forwardText: "log({x})", derivativeText: "1 / {x}")
    {
        public static readonly LogOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Log(x);

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g / x;
        }
    }
}
