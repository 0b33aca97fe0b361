namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Hard tanh with PyTorch's default bounds: x clamped to [−1, 1]; d/dx is 1 strictly between the bounds and 0
        /// at and beyond them (so 0 at exactly ±1, as in PyTorch). hardtanh(±∞) is ±1 with gradient 0; hardtanh(NaN) is NaN with
        /// gradient 1 (NaN is not beyond a bound); hardtanh(−0) is −0.</summary>
        public Value Hardtanh() => Unary(Ops.HardtanhOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class HardtanhOp() : UnaryOp<HardtanhOp.Formula>("hardtanh", forwardText: "hardtanh({x})", derivativeText: "(-1 < {x} < 1 ? 1 : 0)")
    {
        public static readonly HardtanhOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            // PyTorch: clamp(x, -1, 1), which keeps NaN and -0.
            public T Forward<T>(T x) where T : IOpNumber<T> =>
                T.Choose(Comparison.Less, x, T.Constant(-1), T.Constant(-1), T.Choose(Comparison.Greater, x, T.Constant(1), T.Constant(1), x));

            // PyTorch: grad.masked_fill((x <= -1) | (x >= 1), 0).
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> =>
                T.Choose(Comparison.LessOrEqual, x, T.Constant(-1), T.Constant(0), T.Choose(Comparison.GreaterOrEqual, x, T.Constant(1), T.Constant(0), g));
        }
    }
}
