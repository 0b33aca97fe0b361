using Micrograd.Compiled;
using Micrograd.Graphs;
using Micrograd.NN;

namespace Micrograd.Tests.NN;

/// <summary>
/// <see cref="Loss.SampleForm"/>: a built-in loss's per-sample graph with its per-sample numbers as operands of their own.
/// Built over constants it is <see cref="Loss.SampleLoss"/>'s graph, node for node; built once over leaves and replayed
/// with each sample's numbers it computes what <see cref="Loss.SampleLoss"/> computes, bit for bit.
/// </summary>
public class SampleLossFormTests
{
    public static TheoryData<string> Losses => ["hinge", "bce", "mse", "softmax"];

    /// <summary>Samples for a loss: (outputs, target), with ties, zeros, large logits and every valid target.</summary>
    private static List<(double[] Outputs, double Target)> Samples(string name)
    {
        var random = new Random(5);
        var samples = new List<(double[], double)>();
        foreach (var width in name == "softmax" ? new[] { 2, 3, 5 } : [1])
        {
            double[] targets = name == "softmax" ? [.. Enumerable.Range(0, width).Select(k => (double)k), .. width == 2 ? new[] { -1.0 } : []]
                : name == "mse" ? [-1, 1, 0.5, -3] : [-1, 1];
            foreach (var target in targets)
            {
                for (var i = 0; i < 10; i++) samples.Add(([.. Enumerable.Range(0, width).Select(_ => random.NextDouble() * 6 - 3)], target));
                samples.Add(([.. Enumerable.Repeat(0.25, width)], target));
                samples.Add(([.. Enumerable.Range(0, width).Select(k => k == 0 ? 800.0 : -800.0)], target));
                samples.Add(([.. Enumerable.Repeat(0.0, width)], target));
            }
        }
        return samples;
    }

    private static double[] NumbersOf(SampleLossForm form, double[] outputs, double target)
    {
        var numbers = new double[form.NumberCount(outputs.Length)];
        form.Numbers(outputs, target, numbers);
        return numbers;
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Built_over_constants_it_is_the_sample_loss_node_for_node(string name)
    {
        var loss = Loss.Parse(name);
        var form = loss.SampleForm!;
        foreach (var (outputs, target) in Samples(name))
        {
            var eagerOutputs = outputs.Select(z => new Value(z, "z")).ToArray();
            var formOutputs = outputs.Select(z => new Value(z, "z")).ToArray();
            var eager = loss.SampleLoss(eagerOutputs, target);
            var built = form.Build(formOutputs, [.. NumbersOf(form, outputs, target).Select(n => new Value(n))]);

            var a = ComputationGraph.Trace(eager);
            var b = ComputationGraph.Trace(built);
            Assert.Equal(a.Nodes.Count, b.Nodes.Count);
            Assert.Equal(a.Edges, b.Edges);
            for (var id = 0; id < a.Nodes.Count; id++)
            {
                Assert.Equal(a.Nodes[id].Op, b.Nodes[id].Op);
                Assert.Equal(a.Nodes[id].Label, b.Nodes[id].Label);
                Exact.Assert(a.Nodes[id].Data, b.Nodes[id].Data, $"{name}, node {id}");
            }
            eager.Backward();
            built.Backward();
            for (var k = 0; k < outputs.Length; k++) Exact.Assert(eagerOutputs[k].Grad, formOutputs[k].Grad, $"{name}, d loss / d z{k}");
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Built_once_over_leaves_it_replays_every_samples_loss_and_gradient_bit_for_bit(string name)
    {
        var loss = Loss.Parse(name);
        var form = loss.SampleForm!;
        foreach (var group in Samples(name).GroupBy(s => s.Outputs.Length))
        {
            var width = group.Key;
            var outputs = Enumerable.Range(0, width).Select(k => new Value(0.0, $"z{k}")).ToArray();
            var numbers = Enumerable.Range(0, form.NumberCount(width)).Select(q => new Value(0.0, $"n{q}")).ToArray();
            var tape = CompiledGraph.Compile(form.Build(outputs, numbers), [.. outputs, .. numbers]);
            foreach (var (z, target) in group)
            {
                var sampleNumbers = NumbersOf(form, z, target);
                for (var k = 0; k < width; k++) tape.SetLeaf(k, z[k]);
                for (var q = 0; q < sampleNumbers.Length; q++) tape.SetLeaf(width + q, sampleNumbers[q]);
                tape.Forward();
                tape.ZeroGrad();
                tape.Backward();

                var eagerOutputs = z.Select(x => new Value(x)).ToArray();
                var eager = loss.SampleLoss(eagerOutputs, target);
                eager.Backward();
                Exact.Assert(eager.Data, tape.Value, $"{name} loss at [{string.Join(", ", z)}], target {target}");
                for (var k = 0; k < width; k++) Exact.Assert(eagerOutputs[k].Grad, tape.LeafGradients[k], $"{name}, d loss / d z{k}");
            }
        }
    }

    [Fact]
    public void The_numbers_are_each_losss_own()
    {
        Assert.Equal([-1.0], NumbersOf(Loss.Hinge.SampleForm!, [0.5], 1));
        Assert.Equal([0.0], NumbersOf(Loss.BinaryCrossEntropy.SampleForm!, [0.5], -1));
        Assert.Equal([0.5], NumbersOf(Loss.MeanSquaredError.SampleForm!, [2.0], 0.5));
        // softmax: the largest logit once for each use (K + 1), then the one-hot target
        Assert.Equal([3.0, 3.0, 3.0, 3.0, 0.0, 0.0, 1.0], NumbersOf(Loss.SoftmaxCrossEntropy.SampleForm!, [1.0, 3.0, -2.0], 2));
        Assert.Equal(7, Loss.SoftmaxCrossEntropy.SampleForm!.NumberCount(3));
        Assert.Equal(1, Loss.Hinge.SampleForm!.NumberCount(1));
    }

    [Fact]
    public void Non_finite_outputs_pass_into_the_numbers_that_read_them()
    {
        var softmax = Loss.SoftmaxCrossEntropy.SampleForm!;
        Assert.True(double.IsNaN(NumbersOf(softmax, [double.NaN, 1.0], 0)[0]));
        Assert.Equal(double.PositiveInfinity, NumbersOf(softmax, [1.0, double.PositiveInfinity], 0)[0]);
        Assert.Equal(double.NegativeInfinity, NumbersOf(softmax, [double.NegativeInfinity, double.NegativeInfinity], 1)[2]);
        // numbers from the target alone do not read the outputs
        Assert.Equal([-1.0], NumbersOf(Loss.Hinge.SampleForm!, [double.NaN], 1));
    }

    [Fact]
    public void Wrong_counts_and_invalid_targets_are_refused()
    {
        var hinge = Loss.Hinge.SampleForm!;
        var softmax = Loss.SoftmaxCrossEntropy.SampleForm!;
        Assert.Throws<ArgumentOutOfRangeException>(() => hinge.NumberCount(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => hinge.NumberCount(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => softmax.NumberCount(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => hinge.Numbers([1.0, 2.0], 1, new double[1]));
        Assert.Contains("not -1 or 1", Assert.Throws<ArgumentException>(() => hinge.Numbers([1.0], 0.5, new double[1])).Message);
        Assert.Contains("class index", Assert.Throws<ArgumentException>(() => softmax.Numbers([1.0, 2.0, 3.0], 3, new double[7])).Message);
        Assert.Equal("numbers", Assert.Throws<ArgumentException>(() => softmax.Numbers([1.0, 2.0], 1, new double[4])).ParamName);

        var z = new Value(1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => hinge.Build([z, z], [new Value(1.0)]));
        Assert.Equal("numbers", Assert.Throws<ArgumentException>(() => hinge.Build([z], [])).ParamName);
        Assert.Equal("numbers", Assert.Throws<ArgumentException>(() => hinge.Build([z], [null!])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => softmax.Build([z, null!], [.. Enumerable.Repeat(z, 5)])).ParamName);
        Assert.Throws<ArgumentNullException>(() => hinge.Build(null!, [z]));
    }

    [Fact]
    public void Every_built_in_loss_has_a_form_and_a_loss_of_ones_own_has_none()
    {
        Assert.All(Loss.All, loss => Assert.NotNull(loss.SampleForm));
        Assert.Null(new AbsoluteError().SampleForm);
    }

    /// <summary>A loss this library does not define: <c>|score − y|</c>.</summary>
    private sealed class AbsoluteError : Loss
    {
        public override string Name => "absolute";

        public override Value SampleLoss(IReadOnlyList<Value> output, double target) => (output[0] - target).Abs();

        public override bool IsCorrect(IReadOnlyList<double> output, double target) => output[0] > 0 == target > 0;

        public override int OutputCountFor(int classes) => 1;

        public override string? TargetError(double target, int outputCount) => double.IsFinite(target) ? null : "not finite";
    }
}
