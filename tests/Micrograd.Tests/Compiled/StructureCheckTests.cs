using Micrograd.Compiled;

namespace Micrograd.Tests.Compiled;

/// <summary>Verify and Rebind: a freshly built graph is accepted when it has the compiled structure, refused with a
/// GraphStructureException naming the first differing node otherwise.</summary>
public class StructureCheckTests
{
    private static (Value Root, Value[] Leaves) Neuron(Func<Value, Value, Value, Value, Value>? body = null, double w1 = 0.3)
    {
        var w = new Value(0.5, "w");
        var x = new Value(2.0, "x");
        var b = new Value(-1.0, "b");
        var v = new Value(w1, "v");
        var root = (body ?? ((w, x, b, v) => (w * x + b * 2).Tanh() + v.Pow(2)))(w, x, b, v);
        return (root, [w, x, b, v]);
    }

    [Fact]
    public void The_same_structure_with_other_leaf_objects_and_data_passes_and_Rebind_replays_it()
    {
        var (root, leaves) = Neuron();
        var tape = CompiledGraph.Compile(root, leaves);
        var (again, newLeaves) = Neuron(w1: -4.0);

        tape.Verify(root);
        tape.Rebind(again, newLeaves);
        tape.Forward();
        tape.Backward();
        tape.WriteGradients();

        again.Backward();
        Assert.Equal(again.Data, tape.Value);
        Assert.Same(newLeaves[0], tape.Leaves[0]);
        Assert.Equal(-4.0, tape.LeafValues[3]);
        // WriteGradients set each new leaf's Grad to the tape's; the eager Backward then added its own, so each is twice.
        Assert.Equal(2 * tape.LeafGradients[0], newLeaves[0].Grad);
    }

    public static TheoryData<string, string[]> Changes() => new()
    {
        { "another op", ["'tanh'", "'sigmoid'", "node 7"] },
        { "swapped operands", ["node 0 of 11", "the tape has declared leaf 0 'w'", "'x', a leaf with data 2 (declared leaf 1)"] },
        { "another constant", ["the constant 2", "data 3"] },
        { "another exponent", ["'**2'", "'**3'"] },
        { "another leaf", ["declared leaf 0 'w'", "declared leaf 3"] },
        { "a node more", ["12 nodes", "has 11", "'neg' node"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_different_structure_is_refused_with_the_first_differing_node(string change, string[] mentioned)
    {
        var (root, leaves) = Neuron();
        var tape = CompiledGraph.Compile(root, leaves);
        Func<Value, Value, Value, Value, Value> body = change switch
        {
            "another op" => (w, x, b, v) => (w * x + b * 2).Sigmoid() + v.Pow(2),
            "swapped operands" => (w, x, b, v) => (x * w + b * 2).Tanh() + v.Pow(2),
            "another constant" => (w, x, b, v) => (w * x + b * 3).Tanh() + v.Pow(2),
            "another exponent" => (w, x, b, v) => (w * x + b * 2).Tanh() + v.Pow(3),
            "another leaf" => (w, x, b, v) => (v * x + b * 2).Tanh() + v.Pow(2),
            _ => (w, x, b, v) => -((w * x + b * 2).Tanh() + v.Pow(2)),
        };
        var (changed, newLeaves) = Neuron(body);

        var error = Assert.Throws<GraphStructureException>(() => tape.Verify(changed, newLeaves));

        foreach (var text in mentioned) Assert.Contains(text, error.Message);
        Assert.Contains("differs from the compiled graph", error.Message);
        Assert.InRange(error.Node, 0, 11);
    }

    [Fact]
    public void The_error_gives_the_position_of_the_first_differing_node_in_topological_order()
    {
        var (root, leaves) = Neuron();
        var tape = CompiledGraph.Compile(root, leaves);
        var (changed, newLeaves) = Neuron((w, x, b, v) => (w * x + b * 2).Tanh() + v.Pow(3));

        var error = Assert.Throws<GraphStructureException>(() => tape.Verify(changed, newLeaves));

        var order = changed.TopologicalOrder();
        Assert.Equal("**3", order[error.Node].Op);
        Assert.All(order.Take(error.Node), v => Assert.NotEqual("**3", v.Op));
    }

    [Fact]
    public void A_sum_with_another_number_of_terms_is_refused()
    {
        var xs = Enumerable.Range(0, 4).Select(i => new Value(i)).ToArray();
        var tape = CompiledGraph.Compile(Value.Sum(xs.Take(3)), xs);
        var error = Assert.Throws<GraphStructureException>(() => tape.Verify(Value.Sum(xs), xs));
        Assert.Contains("'sum'", error.Message);
    }

    [Fact]
    public void Verify_with_the_tape_own_leaves_refuses_a_graph_built_on_new_leaf_objects()
    {
        var (root, leaves) = Neuron();
        var tape = CompiledGraph.Compile(root, leaves);
        var (again, _) = Neuron();
        var error = Assert.Throws<GraphStructureException>(() => tape.Verify(again));
        Assert.Contains("declared leaf 0 'w'", error.Message);
    }

    [Fact]
    public void A_failed_Rebind_leaves_the_tape_unchanged()
    {
        var (root, leaves) = Neuron();
        var tape = CompiledGraph.Compile(root, leaves);
        var (changed, newLeaves) = Neuron((w, x, b, v) => (w * x + b * 2).Tanh() - v.Pow(2));
        newLeaves[0].Data = 99;

        Assert.Throws<GraphStructureException>(() => tape.Rebind(changed, newLeaves));

        Assert.Same(leaves[0], tape.Leaves[0]);
        Assert.Equal(0.5, tape.LeafValues[0]);
    }

    [Fact]
    public void A_leaf_list_of_the_wrong_length_is_an_argument_error()
    {
        var (root, leaves) = Neuron();
        var tape = CompiledGraph.Compile(root, leaves);
        var error = Assert.Throws<ArgumentException>(() => tape.Verify(root, leaves[..2]));
        Assert.Contains("4 leaves; 2 were given", error.Message);
    }
}
