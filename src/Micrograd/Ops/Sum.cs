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
    internal sealed class SumOp : NaryOp
    {
        public static readonly SumOp Instance = new();
        public override string Name => "sum";

        public override double Forward(ReadOnlySpan<Value> operands)
        {
            var sum = 0.0;
            foreach (var v in operands) sum += v.Data;
            return sum;
        }

        public override void Propagate(Value node)
        {
            var g = node.Grad;
            foreach (var v in node.Many!) v.Grad += g;
        }

        public override OpScript Script { get; } = OpScript.Nary("xs.reduce((s, v) => s + v, 0)", "g", "sum({xs})", "1");
        public override double Forward(NaryOperands operands)
        {
            var sum = 0.0;
            for (var k = 0; k < operands.Count; k++) sum += operands[k];
            return sum;
        }

        public override void Backward(NaryOperands operands, double y, double g, NaryOperands gradients)
        {
            for (var k = 0; k < gradients.Count; k++) gradients.Add(k, g);
        }

        public override void Forward(LaneRows values, ReadOnlySpan<int> operands, Span<double> y)
        {
            var vy = Lanes.Of(y);
            vy.Clear();
            foreach (var slot in operands)
            {
                var vx = Lanes.Of(values.Row(slot));
                for (var i = 0; i < vy.Length; i++) vy[i] += vx[i];
            }
        }

        public override void Backward(LaneRows values, LaneRows gradients, ReadOnlySpan<int> operands, ReadOnlySpan<double> y, ReadOnlySpan<double> g)
        {
            var vg = Lanes.Of(g);
            foreach (var slot in operands)
            {
                var vgx = Lanes.Of(gradients.Row(slot));
                for (var i = 0; i < vg.Length; i++) vgx[i] += vg[i];
            }
        }
    }
}
