namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// The larger of two values, as PyTorch's <c>torch.maximum</c>: d/da is 1 where a &gt; b and 0 where a &lt; b, and a tie
        /// gives each operand half the gradient. NaN if either operand is NaN, and then each operand gets the whole gradient
        /// (PyTorch's formula: neither comparison holds). max(x, +∞) is +∞; max(−0, +0) is its first operand, as C's
        /// <c>std::max</c> gives it.
        /// </summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand.</param>
        public static Value Max(Value a, Value b) => Binary(Ops.MaxOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class MaxOp() : BinaryOp<MaxOp.Formula>("max", forwardText: "max({a}, {b})",
        derivativeLeft: "({a} < {b} ? 0 : {a} == {b} ? 0.5 : 1)", derivativeRight: "({a} > {b} ? 0 : {a} == {b} ? 0.5 : 1)")
    {
        public static readonly MaxOp Instance = new();

        internal readonly struct Formula : IBinaryFormula
        {
            // b where a < b or b is NaN, else a: std::max(a, b), and NaN when either is (PyTorch's maximum).
            public T Forward<T>(T a, T b) where T : IOpNumber<T> =>
                T.Choose(Comparison.Less, a, b, b, T.Choose(Comparison.Equal, b, b, a, b));

            // PyTorch: where(a == b, grad / 2, grad).masked_fill_(a < b, 0).
            public T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T> =>
                T.Choose(Comparison.Equal, a, b, g / T.Constant(2), T.Choose(Comparison.Less, a, b, T.Constant(0), g));

            public T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T> =>
                T.Choose(Comparison.Equal, a, b, g / T.Constant(2), T.Choose(Comparison.Greater, a, b, T.Constant(0), g));
        }
    }
}
