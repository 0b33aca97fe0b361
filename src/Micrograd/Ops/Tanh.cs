namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Hyperbolic tangent; d/dx = 1 − tanh²(x). Computed without overflow: tanh(±400) and tanh(±∞) are ±1 with gradient 0 (a formula through exp(2x) would give NaN there). tanh(NaN) is NaN.</summary>
        public Value Tanh() => Unary(Ops.TanhOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class TanhOp() : UnaryOp<TanhOp.Formula>("tanh", forwardText: "tanh({x})", derivativeText: "(1 − {y}²)")
    {
        public static readonly TanhOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Tanh(x);

            // 1 - y² fused, rounded once: near saturation this keeps the digits PyTorch keeps.
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g * T.FusedMultiplyAdd(-y, y, 1);
        }
    }
}
