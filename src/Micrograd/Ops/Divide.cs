namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>Quotient of two values: d/da = 1/b, d/db = −(a/b)/b. IEEE division: 1/0 is +∞, −1/0 is −∞,
        /// 0/0 is NaN; so at b = 0 the gradients are infinite or NaN, as in PyTorch.</summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor.</param>
        public static Value operator /(Value a, Value b) => Binary(Ops.DivideOp.Instance, a, b);
    }
}

namespace Micrograd.Ops
{
    internal sealed class DivideOp() : BinaryOp<DivideOp.Formula>("/", forwardText: "{a} / {b}", derivativeLeft: "1 / {b}", derivativeRight: "−{a} / {b}²")
    {
        public static readonly DivideOp Instance = new();

        internal readonly struct Formula : IBinaryFormula
        {
            public T Forward<T>(T a, T b) where T : IOpNumber<T> => a / b;

            public T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T> => g / b;

            // PyTorch's order of operations: -grad * ((a / b) / b).
            public T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T> => -g * (a / b / b);
        }
    }
}
