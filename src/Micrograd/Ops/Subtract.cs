namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Difference of two values: d/da = 1, d/db = −1. IEEE subtraction: ∞ − ∞ is NaN.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator -(Value a, Value b) => Binary(Ops.SubtractOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SubtractOp() : BinaryOp<SubtractOp.Formula>("-", forwardText: "{a} − {b}", derivativeLeft: "1", derivativeRight: "−1")
    {
        public static readonly SubtractOp Instance = new();

        internal readonly struct Formula : IBinaryFormula
        {
            public T Forward<T>(T a, T b) where T : IOpNumber<T> => a - b;

            public T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g;

            public T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T> => -g;
        }
    }
}
