using Micrograd.Explorer.Tests.Support;
using Micrograd.Graphs;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The neurons the neuron-level picture draws as one box each (issue #20): found in any graph made of values, as a sum of
/// products w·x (with a bias and an activation, or neither), whatever built it: <c>+</c> chains, <c>Value.SumOf</c>
/// (Micrograd.NN's Neuron), or microgpt's dot products.
/// </summary>
public sealed class NeuronGroupsTests
{
    [Fact]
    public void A_multilayer_perceptron_of_plus_chains_has_one_group_per_neuron_holding_its_3k_plus_1_values()
    {
        var graph = ComputationGraph.Trace(TestGraphs.Mlp(16, 16, 1));
        var groups = NeuronGroups.Find(graph);
        Assert.Equal(33, groups.Count);
        var k = new[] { 3, 16, 16 };
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var inputs = k[g < 16 ? 0 : g < 32 ? 1 : 2];
            Assert.Equal("tanh", group.Activation);
            Assert.Equal("tanh", graph.Nodes[group.Output].Op);
            Assert.True(group.HasBias);
            Assert.Equal(inputs, group.Products);
            Assert.Equal(inputs, group.Inputs.Length);
            // k weights, k products, k additions and the bias (TestGraphs.Mlp adds b + w0·x0 + …: a neuron is 3k + 2 values).
            Assert.Equal(3 * inputs + 1, group.Members.Length);
            Assert.Equal("Σ" + inputs + " w·x + b → tanh", group.Text);
        }
        // Every box is used by the next layer's boxes (or is the output); no value is in two boxes.
        var all = groups.SelectMany(g => g.Members.Append(g.Output)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(graph.Nodes.Count - 3, all.Count); // all but the 3 inputs
        Assert.Equal(groups[^1].Output, graph.Nodes.Count - 1);
        for (var g = 16; g < 32; g++) Assert.Equal(groups.Take(16).Select(x => x.Output).ToArray(), groups[g].Inputs);
    }

    [Fact]
    public void Micrograd_NN_neurons_built_with_one_sum_node_are_found_and_linear_ones_have_no_activation()
    {
        var mlp = new Mlp(2, [4, 1], new Random(3), Activation.Relu, Activation.Linear);
        var output = mlp.Forward([new Value(0.5, "x0"), new Value(-1.5, "x1")])[0];
        var graph = ComputationGraph.Trace(output);
        var groups = NeuronGroups.Find(graph);
        Assert.Equal(5, groups.Count);
        Assert.All(groups.Take(4), g => Assert.Equal("relu", g.Activation));
        Assert.Equal("", groups[4].Activation);
        Assert.Equal("sum", graph.Nodes[groups[4].Output].Op);
        Assert.Equal("Σ4 w·x + b", groups[4].Text);
        // one sum node, 2 products, 2 weights, the bias: 6 values besides the relu
        Assert.All(groups.Take(4), g => Assert.Equal(6, g.Members.Length));
    }

    [Fact]
    public void A_sum_with_another_kind_of_term_or_a_lone_product_is_no_neuron()
    {
        var a = new Value(1, "a");
        var b = new Value(2, "b");
        var c = new Value(3, "c");
        Assert.Empty(NeuronGroups.Find(ComputationGraph.Trace((a * b + c.Exp()).Tanh())));
        Assert.Empty(NeuronGroups.Find(ComputationGraph.Trace(a * b + c * a + b))); // b is used twice: not a bias
        Assert.Empty(NeuronGroups.Find(ComputationGraph.Trace((a * b).Tanh())));
        // One product and a bias: a hinge loss's relu(1 + (−y)·score) as much as a neuron of one input; it stays drawn.
        Assert.Empty(NeuronGroups.Find(ComputationGraph.Trace((a * b + c).Relu())));
        var two = NeuronGroups.Find(ComputationGraph.Trace((a * b + c * new Value(4, "d") + new Value(0.5, "e")).Relu()));
        Assert.Equal("Σ2 w·x + b → relu", Assert.Single(two).Text);
    }

    [Fact]
    public void A_weight_used_elsewhere_stays_drawn_and_a_weight_shared_by_boxes_is_held_by_the_first()
    {
        var w = new Value(0.5, "w");
        var v = new Value(-0.25, "v");
        var x = new Value(2, "x");
        var y = new Value(3, "y");
        var first = (w * x + v * y + new Value(0.1, "b1")).Tanh();
        var second = (w * y + v * x + new Value(0.2, "b2")).Tanh();
        var graph = ComputationGraph.Trace(first * second);
        var groups = NeuronGroups.Find(graph);
        Assert.Equal(2, groups.Count);
        Assert.Contains(graph.IdOf(w), groups[0].Members);
        Assert.DoesNotContain(graph.IdOf(w), groups[1].Members);

        var used = (w * x + v * y + new Value(0.1, "b1")).Tanh() + w;
        var again = NeuronGroups.Find(ComputationGraph.Trace(used));
        Assert.Single(again);
        Assert.DoesNotContain(ComputationGraph.Trace(used).IdOf(w), again[0].Members);
    }

    [Fact]
    public void Microgpts_dot_products_are_boxes_without_bias()
    {
        var x = Enumerable.Range(0, 4).Select(i => new Value(0.1 * (i + 1), "x" + i)).ToArray();
        var w = GptMatrix.Create("w", 3, 4, (r, c) => 0.01 * (r * 4 + c + 1));
        var y = GptFunctions.Linear(x, w);
        var graph = ComputationGraph.Trace(y[0] + y[1] + y[2]);
        var groups = NeuronGroups.Find(graph);
        Assert.Equal(3, groups.Count);
        Assert.All(groups, g => Assert.Equal("Σ4 w·x", g.Text));
    }

    [Fact]
    public void A_sum_of_a_hundred_thousand_products_is_walked_without_recursion_and_its_picture_is_left_out_past_the_cap()
    {
        var x = new Value(0.5, "x");
        Value sum = new Value(0.25, "b");
        for (var i = 0; i < 100_000; i++) sum = sum + new Value(i * 1e-6, "w") * x;
        var big = (sum.Tanh() * (new Value(1, "w2") * x + new Value(2, "w3") * x + new Value(0.5, "c")).Relu());
        var graph = ComputationGraph.Trace(big);
        var groups = NeuronGroups.Find(graph);
        Assert.Equal(2, groups.Count);
        Assert.Equal(100_000, groups[0].Products);
        Assert.Equal([graph.IdOf(x)], groups[0].Inputs);
        // 300,004 values collapse to a handful: the neuron-level picture is drawn whatever the full one's cap.
        Assert.Equal(2, NeuronGroups.ForPicture(graph, 1000).Count);

        // A graph whose collapsed picture is still past the cap has none.
        var many = Enumerable.Range(0, 600).Select(i => new Value(i, "u" + i)).Aggregate((Value)new Value(0, "s"), (a, u) => a * u);
        var both = ComputationGraph.Trace(big + many);
        Assert.Empty(NeuronGroups.ForPicture(both, 500));
        Assert.Equal(2, NeuronGroups.ForPicture(both, 2000).Count);
    }
}
