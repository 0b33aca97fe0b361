using Micrograd.Compiled;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Compiled;

/// <summary>CompiledGraph's contract: Value.Backward's accumulation rules, leaves and constants, outputs, and argument errors.</summary>
public class CompiledGraphTests
{
    private static (Value Out, Value X, Value Y, Value H) Graph()
    {
        var x = new Value(0.7, "x");
        var y = new Value(-1.3, "y");
        var h = (x * y).Tanh();
        return (h * x + y.Exp() * h + x.Sin(), x, y, h); // x and h reach the root along several paths
    }

    [Fact]
    public void Backward_twice_accumulates_into_leaves_as_Value_Backward_does()
    {
        var (root, x, y, h) = Graph();
        x.Grad = 0.25; // compiling starts from the leaves' current gradients
        var tape = CompiledGraph.Compile(root, [x, y], [h]);
        tape.Backward();
        tape.Backward();
        root.Backward();
        root.Backward();

        Exact.Assert(x.Grad, tape.LeafGradients[0], "x");
        Exact.Assert(y.Grad, tape.LeafGradients[1], "y");
        Exact.Assert(h.Grad, tape.OutputGradient(0), "interior h, reset on each call");
        Exact.Assert(h.Data, tape.OutputValue(0), "h");
    }

    [Fact]
    public void ZeroGrad_resets_the_tape_gradients_only()
    {
        var (root, x, y, _) = Graph();
        var tape = CompiledGraph.Compile(root, [x, y]);
        tape.Backward();
        var once = tape.LeafGradients[0];
        tape.Backward();
        tape.ZeroGrad();
        tape.Backward();
        Assert.Equal(once, tape.LeafGradients[0]);
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public void Compile_without_leaves_declares_every_leaf_in_topological_order()
    {
        var (root, x, y, _) = Graph();
        var tape = CompiledGraph.Compile(root);
        Assert.Equal(root.TopologicalOrder().Where(v => v.IsLeaf), tape.Leaves);
        Assert.Equal(root.TopologicalOrder().Count, tape.NodeCount);
        Assert.Contains(x, tape.Leaves);
        Assert.Contains(y, tape.Leaves);
    }

    [Fact]
    public void Undeclared_leaves_are_constants_copied_at_compile_time()
    {
        var x = new Value(3.0, "x");
        var c = new Value(2.0, "c");
        var tape = CompiledGraph.Compile(x * c, [x]);
        c.Data = 100;
        tape.SetLeaf(0, 5.0);
        tape.Forward();
        tape.Backward();
        Assert.Equal(10.0, tape.Value);
        Assert.Equal(2.0, tape.LeafGradients[0]);
    }

    [Fact]
    public void A_declared_leaf_the_root_does_not_use_keeps_its_gradient_untouched()
    {
        var x = new Value(3.0, "x");
        var unused = new Value(1.0, "unused") { Grad = -0.0 };
        var tape = CompiledGraph.Compile(x * x, [x, unused]);
        tape.Backward();
        Exact.Assert(-0.0, tape.LeafGradients[1], "unused leaf");
        Assert.Equal(6.0, tape.LeafGradients[0]);
    }

    [Fact]
    public void A_root_that_is_a_leaf_gets_gradient_one_per_call()
    {
        var x = new Value(3.0, "x");
        var tape = CompiledGraph.Compile(x, [x]);
        tape.Backward();
        tape.Backward();
        Assert.Equal(3.0, tape.Value);
        Assert.Equal(2.0, tape.LeafGradients[0]);
    }

    [Fact]
    public void Backward_with_a_seed_scales_from_the_root()
    {
        var (root, x, y, _) = Graph();
        var tape = CompiledGraph.Compile(root, [x, y]);
        tape.Backward(1.0);
        var g = tape.LeafGradients[1];
        tape.ZeroGrad();
        tape.Backward(0.5);
        Assert.Equal(g * 0.5, tape.LeafGradients[1]);
    }

    [Fact]
    public void Forward_uses_the_leaf_values_set_and_ReadLeaves_picks_up_changed_data()
    {
        var (root, x, y, _) = Graph();
        var tape = CompiledGraph.Compile(root, [x, y]);
        x.Data = 0.1;
        tape.ReadLeaves();
        tape.Forward();
        var (again, x2, y2, _) = Graph();
        x2.Data = 0.1;
        var expected = (x2 * y2).Tanh() * x2 + y2.Exp() * (x2 * y2).Tanh() + x2.Sin();
        Exact.Assert(expected.Data, tape.Value, "value at x = 0.1");
        Assert.NotEqual(again.Data, tape.Value);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_messages_that_name_the_problem()
    {
        var (root, x, y, h) = Graph();
        Assert.Contains("is not a leaf", Assert.Throws<ArgumentException>(() => CompiledGraph.Compile(root, [x, h])).Message);
        Assert.Contains("same node as leaves[0]", Assert.Throws<ArgumentException>(() => CompiledGraph.Compile(root, [x, y, x])).Message);
        Assert.Contains("not in the graph", Assert.Throws<ArgumentException>(() => CompiledGraph.Compile(root, [x, y], [new Value(1) + 2])).Message);
        Assert.Contains("not in the graph", Assert.Throws<ArgumentException>(() => CompiledGraph.Compile(x * 2, [x, y], [y])).Message);
        Assert.Throws<ArgumentNullException>(() => CompiledGraph.Compile(null!, [x]));

        var tape = CompiledGraph.Compile(root, [x, y]);
        Assert.Contains("There are 2 leaf slots (0 to 1); 2 is not one of them", Assert.Throws<ArgumentOutOfRangeException>(() => tape.SetLeaf(2, 1.0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => tape.OutputValue(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => tape.Batch(0));
        // too many samples for an array: refused as out of range, not an overflow in the sizes
        Assert.Contains("samples fit in the arrays", Assert.Throws<ArgumentOutOfRangeException>(() => tape.Batch(int.MaxValue)).Message);

        var batch = tape.Batch(3);
        Assert.Contains("3 values, not 2", Assert.Throws<ArgumentException>(() => batch.SetLeaf(0, [1.0, 2.0])).Message);
        Assert.Contains("3 values, not 4", Assert.Throws<ArgumentException>(() => batch.Backward([1.0, 2.0, 3.0, 4.0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.AddGradientSums(1, new double[2]));
    }

    [Fact]
    public void A_new_batch_starts_every_lane_from_the_tape_leaf_values()
    {
        var (root, x, y, _) = Graph();
        var tape = CompiledGraph.Compile(root, [x, y]);
        var batch = tape.Batch(5);
        Assert.All(batch.Values.ToArray(), v => Exact.Assert(tape.Value, v, "lane value"));
        Assert.All(batch.LeafValues(1).ToArray(), v => Assert.Equal(-1.3, v));
    }
}
