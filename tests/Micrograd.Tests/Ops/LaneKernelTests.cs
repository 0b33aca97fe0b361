using Micrograd.Ops;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Ops;

/// <summary>Every op's lane kernels (vector fast paths and generic fallbacks) against its scalar formulas, lane by lane, bit for bit.</summary>
public class LaneKernelTests
{
    /// <summary>OpCases.Edges, then random values of mixed scale, padded to a whole number of vectors.</summary>
    private static double[] LaneValues(int seed, int count)
    {
        var random = new Random(seed);
        var lanes = new double[Lanes.Padded(count)];
        for (var i = 0; i < lanes.Length; i++)
            lanes[i] = i < OpCases.Edges.Length && seed % 2 == 0 ? OpCases.Edges[(i + seed) % OpCases.Edges.Length] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
        return lanes;
    }

    public static TheoryData<string> UnaryOps()
    {
        var data = new TheoryData<string>();
        foreach (var name in UnaryOpsByName.Keys) data.Add(name);
        return data;
    }

    /// <summary>Every unary op of the catalog, and constant powers of exponents beyond the common ones.</summary>
    private static readonly Dictionary<string, UnaryOp> UnaryOpsByName = OpCatalog.All.OfType<UnaryOp>()
        .Concat(new[] { 1.5, -3, 2.5 }.Select(e => (UnaryOp)PowConstantOp.For(e)))
        .ToDictionary(op => op.Name);

    public static TheoryData<string> BinaryOps() => new(OpCatalog.All.OfType<BinaryOp>().Select(op => op.Name));

    private static BinaryOp Binary(string name) => OpCatalog.All.OfType<BinaryOp>().Single(op => op.Name == name);

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_lane_kernels_equal_the_scalar_formula_in_every_lane(string name)
    {
        var op = UnaryOpsByName[name];
        for (var seed = 0; seed < 8; seed++)
        {
            var x = LaneValues(seed, 40);
            var g = LaneValues(seed + 100, 40);
            var gx = LaneValues(seed + 200, 40);
            var y = new double[x.Length];
            op.Forward(x, y);
            var gxAfter = (double[])gx.Clone();
            op.Backward(x, y, g, gxAfter);
            for (var i = 0; i < x.Length; i++)
            {
                Exact.Assert(op.Forward(x[i]), y[i], $"{name} forward at {Value.Format(x[i])}");
                Exact.Assert(gx[i] + op.Backward(x[i], y[i], g[i]), gxAfter[i], $"{name} backward at x={Value.Format(x[i])}, g={Value.Format(g[i])}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_lane_kernels_equal_the_scalar_formulas_in_every_lane(string name)
    {
        var op = Binary(name);
        for (var seed = 0; seed < 8; seed++)
        {
            var a = LaneValues(seed, 40);
            var b = LaneValues(seed + 1, 40).Reverse().ToArray();
            var g = LaneValues(seed + 100, 40);
            var ga = LaneValues(seed + 200, 40);
            var gb = LaneValues(seed + 300, 40);
            var y = new double[a.Length];
            op.Forward(a, b, y);
            var (gaAfter, gbAfter) = ((double[])ga.Clone(), (double[])gb.Clone());
            op.Backward(a, b, y, g, gaAfter, gbAfter);
            for (var i = 0; i < a.Length; i++)
            {
                var at = $"{name} at a={Value.Format(a[i])}, b={Value.Format(b[i])}, g={Value.Format(g[i])}";
                Exact.Assert(op.Forward(a[i], b[i]), y[i], $"{at}: forward");
                Exact.Assert(ga[i] + op.BackwardLeft(a[i], b[i], y[i], g[i]), gaAfter[i], $"{at}: left");
                Exact.Assert(gb[i] + op.BackwardRight(a[i], b[i], y[i], g[i]), gbAfter[i], $"{at}: right");
            }
        }
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_backward_with_the_same_operand_twice_adds_left_then_right(string name)
    {
        var op = Binary(name);
        var x = LaneValues(4, 24);
        var g = LaneValues(5, 24);
        var gx = LaneValues(6, 24);
        var y = new double[x.Length];
        op.Forward(x, x, y);
        var after = (double[])gx.Clone();
        op.Backward(x, x, y, g, after, after);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = gx[i] + op.BackwardLeft(x[i], x[i], y[i], g[i]);
            expected += op.BackwardRight(x[i], x[i], y[i], g[i]);
            Exact.Assert(expected, after[i], $"{name} at x={Value.Format(x[i])}");
        }
    }

    [Fact]
    public void Sum_lane_kernels_equal_the_scalar_formula_with_repeated_operands()
    {
        const int stride = 16;
        int[] operands = [2, 0, 2, 1, 3];
        var values = new double[4 * stride];
        var grads = new double[values.Length];
        for (var slot = 0; slot < 4; slot++) LaneValues(slot * 2, stride).AsSpan(0, stride).CopyTo(values.AsSpan(slot * stride));
        LaneValues(9, stride).AsSpan(0, stride).CopyTo(grads);
        var before = (double[])grads.Clone();
        var g = LaneValues(11, stride);
        var y = new double[stride];
        var rows = new LaneRows(values, stride, 0, stride);
        SumOp.Instance.Forward(rows, operands, y);
        SumOp.Instance.Backward(rows, new LaneRows(grads, stride, 0, stride), operands, y, g);

        for (var lane = 0; lane < stride; lane++)
        {
            var expected = 0.0;
            foreach (var slot in operands) expected += values[slot * stride + lane];
            Exact.Assert(expected, y[lane], $"sum, lane {lane}");
            Exact.Assert(SumOp.Instance.Forward(new NaryOperands(operands, values, stride, lane)), y[lane], $"sum through NaryOperands, lane {lane}");
            for (var slot = 0; slot < 4; slot++)
            {
                var grad = before[slot * stride + lane];
                foreach (var s in operands) if (s == slot) grad += g[lane];
                Exact.Assert(grad, grads[slot * stride + lane], $"sum backward, slot {slot}, lane {lane}");
            }
        }
    }

    /// <summary>An n-ary op with only scalar formulas: its lane kernels are the generic ones of <see cref="NaryOp"/>.</summary>
    private sealed class WeightedSumOp : NaryOp
    {
        public override string Name => "wsum";
        public override OpArity Arity => OpArity.Nary;
        public override string ForwardText => "wsum({xs})";
        public override IReadOnlyList<string> DerivativeTexts => ["k"];
        public override double Forward(ReadOnlySpan<Value> operands) => throw new NotSupportedException();
        internal override void Propagate(Value node) => throw new NotSupportedException();
        internal override double Contribution(Value node, int operand, double g) => throw new NotSupportedException();
        internal override Value ContributionGraph(Value node, int operand, Value g) => throw new NotSupportedException();

        public override double Forward(NaryOperands operands)
        {
            var sum = 0.0;
            for (var k = 0; k < operands.Count; k++) sum += (k + 1) * operands[k];
            return sum;
        }

        public override void Backward(NaryOperands operands, double y, double g, NaryOperands gradients)
        {
            for (var k = 0; k < operands.Count; k++) gradients.Add(k, g * (k + 1) * y);
        }
    }

    [Fact]
    public void The_generic_nary_lane_kernels_run_the_scalar_formula_in_each_lane()
    {
        const int stride = 8;
        int[] operands = [1, 0, 1];
        var values = new double[2 * stride];
        LaneValues(3, 2 * stride).AsSpan(0, 2 * stride).CopyTo(values);
        var grads = new double[values.Length];
        var g = LaneValues(5, stride);
        var y = new double[stride];
        var op = new WeightedSumOp();
        op.Forward(new LaneRows(values, stride, 0, stride), operands, y);
        op.Backward(new LaneRows(values, stride, 0, stride), new LaneRows(grads, stride, 0, stride), operands, y, g);
        for (var lane = 0; lane < stride; lane++)
        {
            var (x0, x1) = (values[lane], values[stride + lane]);
            Exact.Assert(0.0 + 1 * x1 + 2 * x0 + 3 * x1, y[lane], $"lane {lane}: forward");
            Exact.Assert(0.0 + g[lane] * 2 * y[lane], grads[lane], $"lane {lane}: gradient of slot 0");
            Exact.Assert(0.0 + g[lane] * 1 * y[lane] + g[lane] * 3 * y[lane], grads[stride + lane], $"lane {lane}: gradient of slot 1");
        }
    }

    [Fact]
    public void A_lane_span_that_is_not_whole_vectors_is_refused()
    {
        var odd = new double[Lanes.Width + 1];
        var error = Assert.Throws<ArgumentException>(() => AddOp.Instance.Forward(odd, odd, odd));
        Assert.Contains("whole number of vectors", error.Message);
    }
}
