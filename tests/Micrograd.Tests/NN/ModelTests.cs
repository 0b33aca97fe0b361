using CsCheck;
using Micrograd.NN;

namespace Micrograd.Tests.NN;

public class ModelTests
{
    [Fact]
    public void The_demo_network_has_337_parameters_relu_hidden_layers_and_a_linear_output()
    {
        var model = new Mlp(2, [16, 16, 1], new Random(1));
        Assert.Equal(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1, model.Parameters.Count);
        Assert.Equal([Activation.Relu, Activation.Relu, Activation.Linear], model.Layers.Select(l => l.Activation));
        Assert.Equal(2, model.InputCount);
        Assert.Equal(1, model.OutputCount);
        Assert.Equal("MLP 2-16-16-1 (relu, relu, linear)", model.ToString());
    }

    [Fact]
    public void Initialization_is_uniform_in_minus_one_to_one_with_zero_biases_and_depends_only_on_the_seed()
    {
        var a = new Mlp(3, [20, 20, 2], new Random(42), Activation.Tanh, Activation.Sigmoid);
        var b = new Mlp(3, [20, 20, 2], new Random(42), Activation.Tanh, Activation.Sigmoid);
        var c = new Mlp(3, [20, 20, 2], new Random(43), Activation.Tanh, Activation.Sigmoid);
        var weights = a.Layers.SelectMany(l => l.Neurons).SelectMany(n => n.Weights).Select(w => w.Data).ToArray();
        Assert.All(weights, w => Assert.InRange(w, -1.0, 1.0));
        Assert.True(weights.Min() < -0.9 && weights.Max() > 0.9, "weights should spread over [-1, 1)");
        Assert.All(a.Layers.SelectMany(l => l.Neurons), n => Assert.Equal(0.0, n.Bias.Data));
        Assert.Equal(a.Parameters.Select(p => p.Data), b.Parameters.Select(p => p.Data));
        Assert.NotEqual(a.Parameters.Select(p => p.Data), c.Parameters.Select(p => p.Data));
        Assert.Equal([Activation.Tanh, Activation.Tanh, Activation.Sigmoid], a.Layers.Select(l => l.Activation));
    }

    [Fact]
    public void Parameters_are_each_neurons_weights_then_bias_as_the_same_leaves_every_time()
    {
        var model = new Mlp(2, [2, 1], new Random(3));
        var expected = model.Layers.SelectMany(l => l.Neurons).SelectMany(n => n.Weights.Append(n.Bias)).ToArray();
        Assert.Equal(expected.Length, model.Parameters.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Same(expected[i], model.Parameters[i]);
        Assert.Same(model.Parameters, model.Parameters);
        Assert.All(model.Parameters, p => Assert.True(p.IsLeaf));
        Assert.Equal(["l0.n0.w0", "l0.n0.w1", "l0.n0.b", "l0.n1.w0", "l0.n1.w1", "l0.n1.b", "l1.n0.w0", "l1.n0.w1", "l1.n0.b"],
            model.Parameters.Select(p => p.Label));
    }

    [Fact]
    public void Forward_computes_a_small_network_by_hand()
    {
        // hidden: relu(0.5 + 1·x0 − 2·x1), relu(−1 + 3·x0 + 0.25·x1); output: 0.1 + 2·h0 − 1·h1
        var model = new Mlp(2,
        [
            new Layer([new Neuron([1.0, -2.0], 0.5, Activation.Relu), new Neuron([3.0, 0.25], -1.0, Activation.Relu)]),
            new Layer([new Neuron([2.0, -1.0], 0.1, Activation.Linear)]),
        ]);
        // at (1, 0.25): h0 = relu(1) = 1, h1 = relu(2.0625) = 2.0625, out = 0.1 + 2 − 2.0625 = 0.0375
        var output = model.Forward([1.0, 0.25]);
        Assert.Single(output);
        Assert.Equal(0.1 + 2.0 - 2.0625, output[0].Data, 15);
        // at (0, 1): h0 = relu(−1.5) = 0, h1 = relu(−0.75) = 0, out = 0.1
        Assert.Equal(0.1, model.Forward([0.0, 1.0])[0].Data);

        output[0].Backward();
        var w = model.Parameters;
        // d out / d(l1 weights) = hidden outputs; d out / d(l0.n0.w0) = 2·x0 (h0 active); l0.n1: −1·x
        Assert.Equal(1.0, w[6].Grad);
        Assert.Equal(2.0625, w[7].Grad);
        Assert.Equal(1.0, w[8].Grad);
        Assert.Equal([2.0, 0.5, 2.0, -1.0, -0.25, -1.0], w.Take(6).Select(p => p.Grad));
    }

    [Fact]
    public void A_neuron_is_one_sum_node_bias_first()
    {
        var neuron = new Neuron([2.0, 3.0], 1.0, Activation.Linear);
        var y = neuron.Forward([new Value(10.0), new Value(100.0)]);
        Assert.Equal("sum", y.Op);
        Assert.Equal(3, y.Children.Count);
        Assert.Same(neuron.Bias, y.Children[0]);
        Assert.Equal(321.0, y.Data);
        Assert.Equal("tanh", new Neuron([1.0], 0.0, Activation.Tanh).Forward([new Value(0.5)]).Op);
    }

    [Fact]
    public void Evaluate_gives_exactly_the_data_of_forward_for_every_activation()
    {
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 5], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int, Gen.Double[-5, 5].Array[4])
            .Sample((inputs, width, hidden, output, seed, x) =>
            {
                var model = new Mlp(inputs, [width, width, 2], new Random(seed), Activations.All[hidden], Activations.All[output]);
                var point = x.Take(inputs).ToArray();
                var graph = model.Forward(point).Select(v => v.Data).ToArray();
                var plain = model.Evaluate(point);
                return graph.Length == plain.Length && graph.Zip(plain).All(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second));
            }, iter: 300);
    }

    [Fact]
    public void ZeroGrad_clears_every_parameter()
    {
        var model = new Mlp(2, [3, 1], new Random(5));
        model.Forward([0.3, -0.7])[0].Backward();
        Assert.Contains(model.Parameters, p => p.Grad != 0);
        model.ZeroGrad();
        Assert.All(model.Parameters, p => Assert.Equal(0.0, p.Grad));
    }

    [Fact]
    public void Mismatched_sizes_are_refused_with_a_message()
    {
        var model = new Mlp(2, [3, 1], new Random(5));
        Assert.Contains("takes 2 inputs but was given 3", Assert.Throws<ArgumentException>(() => model.Forward([1.0, 2.0, 3.0])).Message);
        Assert.Contains("takes 2 inputs but was given 1", Assert.Throws<ArgumentException>(() => model.Evaluate([1.0])).Message);
        Assert.Contains("Layer 1 takes 2 inputs but receives 3",
            Assert.Throws<ArgumentException>(() => new Mlp(2, [new Layer(2, 3, Activation.Relu, new Random(1)), new Layer(2, 1, Activation.Linear, new Random(1))])).Message);
        Assert.Contains("Neuron 1 takes 3 inputs",
            Assert.Throws<ArgumentException>(() => new Layer([new Neuron([1.0, 2.0], 0, Activation.Relu), new Neuron([1.0, 2.0, 3.0], 0, Activation.Relu)])).Message);
        Assert.Contains("uses tanh",
            Assert.Throws<ArgumentException>(() => new Layer([new Neuron([1.0], 0, Activation.Relu), new Neuron([1.0], 0, Activation.Tanh)])).Message);
        var layer = new Layer(2, 2, Activation.Relu, new Random(1));
        Assert.Contains("same neuron or layer twice", Assert.Throws<ArgumentException>(() => new Mlp(2, [layer, layer])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(2, [3, 0], new Random(1)));
        Assert.Throws<ArgumentException>(() => new Mlp(2, Array.Empty<int>(), new Random(1)));
        Assert.Throws<ArgumentException>(() => new Neuron(Array.Empty<double>(), 0, Activation.Relu));
    }
}
