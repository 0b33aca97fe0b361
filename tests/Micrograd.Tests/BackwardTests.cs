namespace Micrograd.Tests;

public class BackwardTests
{
    [Fact]
    public void A_chain_a_million_nodes_deep_runs_backward()
    {
        const int depth = 1_000_000;
        var x = new Value(0.5, "x");
        var v = x;
        for (var i = 1; i < depth; i++) v = v + x; // each node depends on the previous one: depth 1,000,000
        v.Backward();

        Assert.Equal(depth * 0.5, v.Data);
        Assert.Equal(depth, x.Grad);
    }

    [Fact]
    public void A_chain_of_unary_ops_a_million_deep_runs_backward()
    {
        var x = new Value(2.0, "x");
        var v = x;
        for (var i = 0; i < 1_000_000; i++) v = -v;
        v.Backward();

        Assert.Equal(2.0, v.Data);
        Assert.Equal(1.0, x.Grad);
    }

    [Fact]
    public void Backward_twice_doubles_every_leaf_gradient_exactly_and_keeps_interior_gradients()
    {
        var x = new Value(0.7, "x");
        var y = new Value(-1.3, "y");
        var h = (x * y).Tanh();
        var out1 = h * x + y.Exp() * h + x.Sin(); // x and h reach the root along several paths
        out1.Backward();
        var (gx, gy, gh) = (x.Grad, y.Grad, h.Grad);

        out1.Backward();

        Assert.Equal(2 * gx, x.Grad);
        Assert.Equal(2 * gy, y.Grad);
        Assert.Equal(gh, h.Grad);
        Assert.Equal(1.0, out1.Grad);
    }

    [Fact]
    public void Backward_from_an_interior_node_after_a_later_root_resets_the_interior()
    {
        var x = new Value(3.0, "x");
        var a = x * x;
        var b = a * 2;
        b.Backward(); // a.Grad == 2
        Assert.Equal(2.0, a.Grad);

        x.Grad = 0;
        a.Backward();
        Assert.Equal(1.0, a.Grad);
        Assert.Equal(6.0, x.Grad);
    }

    [Fact]
    public void A_reused_node_gets_every_contribution()
    {
        var a = new Value(3.0, "a");
        var b = a + a;
        var c = b + b;
        c.Backward();

        Assert.Equal(12.0, c.Data);
        Assert.Equal(2.0, b.Grad);
        Assert.Equal(4.0, a.Grad);
    }

    [Fact]
    public void Backward_on_a_leaf_gives_it_one_each_time()
    {
        var x = new Value(5.0);
        x.Backward();
        Assert.Equal(1.0, x.Grad);
        x.Backward();
        Assert.Equal(2.0, x.Grad);
    }

    [Fact]
    public void Sum_is_one_node_with_every_term_as_an_operand()
    {
        var terms = Enumerable.Range(0, 10_000).Select(i => new Value(i, $"t{i}")).ToArray();
        var x = new Value(2.0, "x");
        var total = Value.Sum(terms.Append(x).Append(x));
        total.Backward();

        Assert.Equal("sum", total.Op);
        Assert.Equal(10_002, total.Children.Count);
        Assert.Equal(9999.0 * 10_000 / 2 + 4, total.Data);
        Assert.All(terms, t => Assert.Equal(1.0, t.Grad));
        Assert.Equal(2.0, x.Grad);
    }

    [Fact]
    public void Sum_of_nothing_is_a_zero_leaf()
    {
        var total = Value.Sum([]);
        Assert.True(total.IsLeaf);
        Assert.Equal(0.0, total.Data);
    }

    [Fact]
    public void ZeroGrad_clears_the_given_values()
    {
        var x = new Value(1.0);
        var y = new Value(2.0);
        (x * y).Backward();
        Assert.NotEqual(0.0, x.Grad);
        new[] { x, y }.ZeroGrad();
        Assert.Equal(0.0, x.Grad);
        Assert.Equal(0.0, y.Grad);
    }
}
