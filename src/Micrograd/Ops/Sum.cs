namespace Micrograd
{
    public sealed partial class Value
    {
        /// <summary>
        /// The sum of many values as one node with many operands (d/dxᵢ = 1 for each), so that a sum of 10,000 terms
        /// is one node rather than a chain 10,000 deep. Terms are added left to right; IEEE rules apply (∞ + (−∞) is NaN).
        /// A value that appears several times receives a gradient contribution for each appearance.
        /// </summary>
        /// <param name="values">The terms. An empty sequence gives a new leaf with data 0.</param>
        public static Value Sum(IEnumerable<Value> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var operands = values.ToArray();
            foreach (var v in operands)
            {
                if (v is null) throw new ArgumentException("Sum's values must not contain null.", nameof(values));
            }
            return operands.Length == 0 ? new Value(0.0) : Nary(Ops.SumOp.Instance, operands);
        }

        /// <summary>
        /// <see cref="Sum"/> of an array made for this call, which becomes the node's operand list without a copy: the caller
        /// must not change or reuse it afterwards. No element may be null.
        /// </summary>
        internal static Value SumOf(Value[] operands) =>
            operands.Length == 0 ? new Value(0.0) : Nary(Ops.SumOp.Instance, operands);
    }
}

namespace Micrograd.Ops
{
    internal sealed class SumOp() : NaryOp<SumOp.Formula>("sum", forwardText: "sum({xs})", derivativeText: "1")
    {
        public static readonly SumOp Instance = new();

        /// <summary>Terms added left to right, from 0.</summary>
        internal readonly struct Formula : INaryFormula
        {
            public T Start<T>() where T : IOpNumber<T> => T.Constant(0);

            public T Step<T>(T folded, T x) where T : IOpNumber<T> => folded + x;

            public T Backward<T>(T x, T y, T g) where T : IOpNumber<T> => g;
        }
    }
}
