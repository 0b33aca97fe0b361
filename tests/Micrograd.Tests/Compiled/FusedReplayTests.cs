using Micrograd.Compiled;
using Micrograd.NN;
using Micrograd.Tests.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Compiled;

/// <summary>
/// Sums of products fused into one instruction (a product gets no slot) and dense layers run as blocked kernels with the
/// parameters shared by every sample: the structure the tape compiler finds, the cases where it must not fuse, and results
/// equal to eager mode bit for bit at every size of the scale table, for every activation and loss.
/// </summary>
public class FusedReplayTests
{
    [Fact]
    public void A_neurons_products_are_fused_into_its_sum_and_get_no_slot()
    {
        var model = new Mlp(2, [16, 16, 1], new Random(1));
        var inputs = new[] { new Value(0.5), new Value(-1.5) };
        var score = model.Forward(inputs)[0];
        var tape = CompiledGraph.Compile(score, [.. model.Parameters, .. inputs]);

        const int products = 2 * 16 + 16 * 16 + 16;
        Assert.Equal(tape.NodeCount - products, tape.SlotCount);
        tape.Verify(model.Forward(inputs)[0]); // the structure check still sees the products

        var plan = tape.Plan(model.Parameters.Count);
        Assert.Equal(3, plan.Layers.Count);
        Assert.Equal([16, 16, 1], plan.Layers.Select(l => l.Count));
        Assert.Equal(model.Parameters.Count, plan.ScalarLeaves);
        Assert.Equal(tape.SlotCount - model.Parameters.Count, plan.RowCount);
    }

    [Fact]
    public void A_parameter_used_twice_in_a_sample_keeps_rows_and_still_sums_in_eager_order()
    {
        var model = new Mlp(2, [3, 1], new Random(2));
        var inputs = new[] { new Value(0.5), new Value(-1.5) };
        var root = model.Forward(inputs)[0] * model.Parameters[0];
        var tape = CompiledGraph.Compile(root, [.. model.Parameters, .. inputs]);
        var plan = tape.Plan(model.Parameters.Count);
        Assert.Equal(0, plan.ScalarLeaves);
        Assert.Empty(plan.Layers);
    }

    [Fact]
    public void A_plan_made_for_another_compiled_graph_is_refused()
    {
        var model = new Mlp(2, [3, 1], new Random(5));
        CompiledGraph Compile()
        {
            var inputs = new[] { new Value(0.5), new Value(-1.5) };
            return CompiledGraph.Compile(model.Forward(inputs)[0], [.. model.Parameters, .. inputs]);
        }
        var tape = Compile();
        var other = Compile(); // the same structure, but another graph
        Assert.NotNull(tape.Batch(4, tape.Plan(model.Parameters.Count)));

        var error = Assert.Throws<ArgumentException>(() => tape.Batch(4, other.Plan(model.Parameters.Count)));
        Assert.Equal("plan", error.ParamName);
        Assert.Contains("another compiled graph", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_planned_replay_seeded_per_sample_gives_the_inputs_what_a_replay_without_a_plan_gives()
    {
        // Backward(seeds) on a plan with shared leaves runs the layers' kernels without summing the parameters' gradients.
        var model = new Mlp(3, [5, 4, 2], new Random(3));
        var inputs = new[] { new Value(0.0), new Value(0.0), new Value(0.0) };
        var tape = CompiledGraph.Compile(Value.Sum(model.Forward(inputs)).Tanh(), [.. model.Parameters, .. inputs]);
        var plan = tape.Plan(model.Parameters.Count);
        Assert.NotEmpty(plan.Layers);

        const int samples = 11;
        var random = new Random(4);
        var fused = tape.Batch(samples, plan);
        var plain = tape.Batch(samples);
        for (var f = 0; f < inputs.Length; f++)
        {
            var column = Enumerable.Range(0, samples).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            fused.SetLeaf(model.Parameters.Count + f, column);
            plain.SetLeaf(model.Parameters.Count + f, column);
        }
        var seeds = Enumerable.Range(0, samples).Select(_ => random.NextDouble() - 0.5).ToArray();
        foreach (var graph in new[] { fused, plain })
        {
            graph.Forward();
            graph.Backward(seeds);
        }
        for (var i = 0; i < samples; i++) Exact.Assert(plain.Values[i], fused.Values[i], $"sample {i}: value");
        for (var f = 0; f < inputs.Length; f++)
        {
            var leaf = model.Parameters.Count + f;
            for (var i = 0; i < samples; i++) Exact.Assert(plain.LeafGradients(leaf)[i], fused.LeafGradients(leaf)[i], $"sample {i}: d/dx{f}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_product_is_fused_only_where_its_backward_can_move_to_the_sum(bool readBetween)
    {
        // Σ(w·x, tanh(x)): tanh(x) comes between the product and the sum and adds into x's gradient, so moving the product's
        // backward to the sum would change the order of x's additions; Σ(tanh(x), w·x) has nothing between them.
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            double wd = random.NextDouble() * 4 - 2, xd = random.NextDouble() * 4 - 2;
            (Value Root, Value W, Value X) Build()
            {
                var w = new Value(wd);
                var x = new Value(xd);
                Value[] terms = readBetween ? [w * x, x.Tanh()] : [x.Tanh(), w * x];
                return (Value.Sum(terms).Tanh(), w, x);
            }
            var eager = Build();
            eager.Root.Backward();
            var compiled = Build();
            var tape = CompiledGraph.Compile(compiled.Root, [compiled.W, compiled.X]);
            tape.Backward();

            Assert.Equal(readBetween ? tape.NodeCount : tape.NodeCount - 1, tape.SlotCount);
            Exact.Assert(eager.Root.Data, tape.Value, "value");
            Exact.Assert(eager.W.Grad, tape.LeafGradients[0], "d/dw");
            Exact.Assert(eager.X.Grad, tape.LeafGradients[1], "d/dx");
        }
    }

    public static TheoryData<string, string> ActivationsAndLosses()
    {
        var cases = new TheoryData<string, string>();
        foreach (var activation in Activations.All)
        {
            foreach (var loss in Loss.All) cases.Add(activation.Name(), loss.Name);
        }
        return cases;
    }

    /// <summary>Hidden layers of 9 and 6 (blocks of four neurons and tails), 301 samples (two passes of 256 lanes and a
    /// part vector), three classes for softmax, L2 on: two steps against the eager engine.</summary>
    [Theory]
    [MemberData(nameof(ActivationsAndLosses))]
    public void Every_activation_and_loss_matches_eager_mode_bit_for_bit(string activation, string lossName)
    {
        var loss = Loss.Parse(lossName);
        var data = loss == Loss.SoftmaxCrossEntropy
            ? DataGenerators.Blobs(301, 0.8, new Random(3), classes: 3)
            : DataGenerators.Moons(301, 0.2, new Random(3));
        AssertSameSteps(data, [9, 6], Activations.Parse(activation), loss, steps: 2);
    }

    /// <summary>The reference below follows Value.Backward's order by hand; here it is checked against the eager engine at
    /// each width of the table, so that the larger sizes can be checked against it without building their huge eager graphs.</summary>
    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(128)]
    public void The_hand_written_reference_is_the_eager_engine(int hidden)
    {
        var data = DataGenerators.Moons(23, 0.1, new Random(hidden));
        var model = new Mlp(2, [hidden, hidden, 1], new Random(hidden), Activation.Relu);
        var reference = EagerOrder.Step(model, data, Alpha);
        var objective = new Objective(model, Loss.Hinge, Alpha);
        var eager = new EagerEngine(objective).ComputeGradients(data);
        Exact.Assert(eager.Loss, reference.Loss, "loss");
        for (var j = 0; j < model.Parameters.Count; j++) Exact.Assert(model.Parameters[j].Grad, reference.Gradients[j], $"gradient {j}");
    }

    /// <summary>Every size of the scale table (bench/scale.sh): 2-H-H-1 relu, hinge + L2, full batch, one step.</summary>
    [Theory]
    [InlineData(100, 16)]
    [InlineData(1000, 16)]
    [InlineData(10000, 16)]
    [InlineData(100, 64)]
    [InlineData(1000, 64)]
    [InlineData(10000, 64)]
    [InlineData(100, 128)]
    [InlineData(1000, 128)]
    [InlineData(10000, 128)]
    public void Every_size_of_the_scale_table_gives_the_eager_gradients(int samples, int hidden)
    {
        var data = DataGenerators.Moons(samples, 0.1, new Random(samples));
        var model = new Mlp(2, [hidden, hidden, 1], new Random(hidden), Activation.Relu);
        var reference = EagerOrder.Step(model, data, Alpha);
        var measured = new CompiledEngine(new Objective(model, Loss.Hinge, Alpha)).ComputeGradients(data);
        Exact.Assert(reference.Loss, measured.Loss, "loss");
        for (var j = 0; j < model.Parameters.Count; j++) Exact.Assert(reference.Gradients[j], model.Parameters[j].Grad, $"gradient {j}");
    }

    private const double Alpha = 1e-4;

    private static void AssertSameSteps(Dataset data, int[] hidden, Activation activation, Loss loss, int steps) =>
        EngineTwins.AssertSameSteps(() => new Mlp(data.FeatureCount, [.. hidden, loss.OutputCountFor(data.ClassCount)], new Random(5), activation), loss, Alpha,
            parameters => new Sgd(parameters, LearningRateSchedule.Constant(0.3)), [.. Enumerable.Repeat(data, steps)]);

    /// <summary>
    /// The eager engine's step for an MLP of linear output, hinge loss and L2, computed with doubles in the order in which
    /// <see cref="Value.Backward"/> visits the graph <see cref="Objective.Build"/> makes: the L2 term first, then the samples
    /// from the last to the first; in a sample, the layers from the last, and each input's gradient gets the neurons'
    /// contributions from the last neuron to the first.
    /// </summary>
    private static class EagerOrder
    {
        public static (double Loss, double[] Gradients) Step(Mlp model, Dataset data, double alpha)
        {
            var parameters = model.Parameters;
            var totals = new double[parameters.Count];
            var squares = 0.0;
            foreach (var p in parameters) squares += p.Data * p.Data;
            var square = 0.0 + 1.0 * alpha; // each square's gradient: alpha · Σ p·p's, after Add's and Multiply's
            for (var j = parameters.Count - 1; j >= 0; j--)
            {
                var p = parameters[j].Data;
                totals[j] = 0.0 + square * p + square * p;
            }
            var n = data.Count;
            var seed = 0.0 + 1.0 * (1.0 / n); // each sample loss's gradient: Σ loss · (1/n)
            var losses = new double[n];
            var weights = model.Layers.Select(l => l.Neurons.Select(u => u.Weights.Select(w => w.Data).ToArray()).ToArray()).ToArray();
            var biases = model.Layers.Select(l => l.Neurons.Select(u => u.Bias.Data).ToArray()).ToArray();
            for (var i = n - 1; i >= 0; i--) losses[i] = Sample(model, weights, biases, data.Features[i], data.Labels![i], seed, totals);
            var sum = 0.0;
            foreach (var l in losses) sum += l;
            var total = sum * (1.0 / n) + alpha * squares;
            for (var j = 0; j < totals.Length; j++) totals[j] += 0.0;
            return (total, totals);
        }

        /// <summary>One sample forward and backward; adds its parameters' gradients into <paramref name="totals"/>.</summary>
        private static double Sample(Mlp model, double[][][] weights, double[][] biases, IReadOnlyList<double> x, double y, double seed, double[] totals)
        {
            var layers = model.Layers;
            var activations = new double[layers.Count + 1][];
            activations[0] = [.. x];
            var sums = new double[layers.Count][];
            for (var l = 0; l < layers.Count; l++)
            {
                var w = weights[l];
                sums[l] = new double[w.Length];
                activations[l + 1] = new double[w.Length];
                for (var j = 0; j < w.Length; j++)
                {
                    var s = 0.0;
                    s += biases[l][j];
                    for (var k = 0; k < w[j].Length; k++) s += w[j][k] * activations[l][k];
                    sums[l][j] = s;
                    activations[l + 1][j] = layers[l].Activation.Apply(s);
                }
            }
            var score = activations[^1][0];
            var margin = 1.0 + -y * score;
            var loss = margin > 0 ? margin : 0.0;

            // relu(1 + (−y)·score) backward, then the layers from the last
            var gMargin = 0.0 + (loss > 0 ? seed : 0.0);
            var gradients = new double[] { 0.0 + (0.0 + gMargin) * -y };
            var offset = totals.Length;
            for (var l = layers.Count - 1; l >= 0; l--)
            {
                var w = weights[l];
                var below = new double[activations[l].Length];
                offset -= layers[l].Parameters.Count;
                for (var j = w.Length - 1; j >= 0; j--)
                {
                    var g = layers[l].Activation switch
                    {
                        Activation.Linear => gradients[j],
                        Activation.Relu => 0.0 + (activations[l + 1][j] > 0 ? gradients[j] : 0.0),
                        _ => throw new NotSupportedException(),
                    };
                    var at = offset + j * (w[j].Length + 1);
                    totals[at + w[j].Length] += g; // the bias
                    var product = 0.0 + g;
                    for (var k = w[j].Length - 1; k >= 0; k--)
                    {
                        totals[at + k] += product * activations[l][k];
                        below[k] += product * w[j][k];
                    }
                }
                gradients = below;
            }
            return loss;
        }
    }
}
