namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Absolute value; d/dx = sign(x), so the gradient at exactly 0 is 0 (as in PyTorch). abs(±∞) is +∞; abs(NaN) is NaN with gradient 0 (PyTorch's sign of NaN is 0).</summary>
        public Value Abs() => Unary(Ops.AbsOp.Instance, this);
    }
}

namespace Micrograd.Ops
{
    internal sealed class AbsOp() : UnaryOp<AbsOp.Formula>("abs", forwardText: "abs({x})", derivativeText: "sign({x})")
    {
        public static readonly AbsOp Instance = new();

        internal readonly struct Formula : IUnaryFormula
        {
            public T Forward<T>(T x) where T : IOpNumber<T> => T.Abs(x);

            // PyTorch's abs_backward, g · sgn(x) with sgn(x) = (0 < x) − (x < 0): 0 at ±0 and at NaN.
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> =>
                g * T.Choose(Comparison.Greater, x, T.Constant(0), T.Constant(1), T.Choose(Comparison.Less, x, T.Constant(0), T.Constant(-1), T.Constant(0)));
        }
    }
}
