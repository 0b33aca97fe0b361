namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Logistic function, <c>1 / (1 + e⁻ˣ)</c>; d/dx = σ(x)(1 − σ(x)). Saturates without overflow: sigmoid(800) is 1 and sigmoid(−800) is 0, both with gradient 0. sigmoid(NaN) is NaN.</summary>
        public Value Sigmoid() => Unary(Ops.SigmoidOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SigmoidOp() : UnaryOp<SigmoidOp.Formula>("sigmoid", forwardText: "sigmoid({x})", derivativeText: "(1 − {y}) × {y}")
    {
        public static readonly SigmoidOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Constant(1) / (T.Constant(1) + T.Exp(-x));

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g * (T.Constant(1) - y) * y;
        }
    }
}
