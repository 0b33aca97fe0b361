namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Absolute value; d/dx = sign(x), so the gradient at exactly 0 is 0 (as in PyTorch). abs(±∞) is +∞; abs(NaN) is NaN with gradient NaN.</summary>
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

            // sign(x), 0 at exactly 0 (as in PyTorch), NaN at NaN.
            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> =>
                g * T.Select(Comparison.Greater, x, T.Constant(0), T.Constant(1),
                    T.Select(Comparison.Less, x, T.Constant(0), T.Constant(-1), T.Select(Comparison.Equal, x, T.Constant(0), T.Constant(0), T.Constant(double.NaN))));
        }
    }
}
