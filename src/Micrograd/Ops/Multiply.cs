namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Product of two values: d/da = b, d/db = a. IEEE multiplication: 0 × ∞ is NaN, in the forward
        /// value and in a gradient (a zero gradient times an infinite operand gives NaN, as in PyTorch).</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator *(Value a, Value b) => Binary(Ops.MultiplyOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class MultiplyOp() : BinaryOp<MultiplyOp.Formula>("*", forwardText: "{a} × {b}", derivativeLeft: "{b}", derivativeRight: "{a}")
    {
        public static readonly MultiplyOp Instance = new();

        internal readonly struct Formula : IBinaryFormula
        {
            public T Forward<T>(T a, T b) where T : IOpNumber<T> => a * b;

            public T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g * b;

            public T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g * a;
        }
    }
}
