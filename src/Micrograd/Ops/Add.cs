namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Sum of two values: d/da = d/db = 1. IEEE addition: ∞ + (−∞) is NaN.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Value operator +(Value a, Value b) => Binary(Ops.AddOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class AddOp() : BinaryOp<AddOp.Formula>("+", forwardText: "{a} + {b}", derivativeLeft: "1", derivativeRight: "1")
    {
        public static readonly AddOp Instance = new();

        internal readonly struct Formula : IBinaryFormula
        {
            public T Forward<T>(T a, T b) where T : IOpNumber<T> => a + b;

            public T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g;

            public T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g;
        }
    }
}
