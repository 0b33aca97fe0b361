using Micrograd.Tests.Support;

namespace Micrograd.Tests;

public class ValueTests
{
    [Fact]
    public void A_leaf_has_its_data_label_and_no_op()
    {
        var x = new Value(1.5, "x");
        Assert.Equal(1.5, x.Data);
        Assert.Equal(0.0, x.Grad);
        Assert.Equal("x", x.Label);
        Assert.Equal("", x.Op);
        Assert.True(x.IsLeaf);
        Assert.Empty(x.Children);
    }

    [Fact]
    public void Operands_are_listed_in_order_and_repeated_when_used_twice()
    {
        var a = new Value(2.0, "a");
        var b = new Value(3.0, "b");
        Assert.Equal([a, b], (a - b).Children);
        Assert.Equal([b, a], (b / a).Children);
        Assert.Equal([a, a], (a * a).Children);
        Assert.Equal([a], a.Tanh().Children);
        Assert.Equal("-", (a - b).Op);
    }

    [Fact]
    public void Nodes_have_reference_identity()
    {
        var a = new Value(1.0);
        var b = new Value(1.0);
        Assert.False(a.Equals(b));
        Assert.Equal(2, new HashSet<Value> { a, b }.Count);
        Assert.DoesNotContain(typeof(Value).GetMethods(), m => m.Name == "op_Equality");
    }

    [Fact]
    public void ToString_gives_round_trip_numbers_in_the_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            Thread.CurrentThread.CurrentCulture = comma;
            Assert.Equal("0,5", 0.5.ToString(comma)); // the culture really differs
            var y = new Value(0.9989793986334531) { Grad = 0.1 + 0.2 };
            Assert.Equal("Value(data=0.9989793986334531, grad=0.30000000000000004)", y.ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Doubles_mix_on_either_side_of_every_operator()
    {
        var x = new Value(4.0, "x");
        Assert.Equal(8.0, (2 * x).Data);
        Assert.Equal(8.0, (x * 2).Data);
        Assert.Equal(-3.0, (1 - x).Data);
        Assert.Equal(3.0, (x - 1).Data);
        Assert.Equal(0.5, (2 / x).Data);
        Assert.Equal(2.0, (x / 2).Data);
        Assert.Equal(5.0, (1 + x).Data);
        Assert.Equal(5.0, (x + 1).Data);
        Assert.Equal(-4.0, (-x).Data);

        var y = 2 / x;
        y.Backward();
        Assert.Equal(-2.0 / 16.0, x.Grad);
    }

    [Fact]
    public void Pow_with_a_constant_exponent_is_named_like_the_seed()
    {
        var x = new Value(3.0);
        Assert.Equal("**2", x.Pow(2).Op);
        Assert.Equal("**-1", x.Pow(-1).Op);
        Assert.Equal("**0.25", x.Pow(0.25).Op);
        Assert.Single(x.Pow(2).Children);
        Assert.Equal("**", x.Pow(new Value(2.0)).Op);
    }

    [Fact]
    public void Labels_are_never_null()
    {
        var x = new Value(1.0);
        Assert.Equal("", x.Label);
        Assert.Throws<ArgumentNullException>(() => x.Label = null!);
        Assert.Throws<ArgumentNullException>(() => new Value(1.0, null!));
    }

    [Fact]
    public void Labels_of_leaves_and_interior_nodes_are_set_read_and_cleared_without_touching_the_graph()
    {
        var a = new Value(2.0, "a");
        var b = new Value(3.0);
        var sum = Value.Sum([a, b, a]);
        var product = a * b;
        var tanh = product.Tanh();
        Assert.Equal(["a", "", "", "", ""], new[] { a.Label, b.Label, sum.Label, product.Label, tanh.Label });

        b.Label = "b";
        sum.Label = "s";
        product.Label = "p";
        Assert.Equal(["a", "b", "s", "p", ""], new[] { a.Label, b.Label, sum.Label, product.Label, tanh.Label });
        Assert.Equal([a, b, a], sum.Children);
        Assert.Equal([a, b], product.Children);
        Assert.Equal([product], tanh.Children);
        Assert.Empty(b.Children);
        Assert.True(b.IsLeaf);

        product.Label = "q";
        a.Label = "";
        sum.Label = "";
        Assert.Equal(["", "b", "", "q"], new[] { a.Label, b.Label, sum.Label, product.Label });
        tanh.Backward();
        Assert.Equal(3.0 * (1 - Math.Tanh(6.0) * Math.Tanh(6.0)), a.Grad, 1e-15);
        Assert.Equal([a, b, product, tanh], tanh.TopologicalOrder());
    }

    [Fact]
    public void Children_is_read_by_index_count_and_enumeration_without_allocating()
    {
        var a = new Value(2.0, "a");
        var b = new Value(3.0, "b");
        Value[] nodes = [a, -a, a * b, Value.Sum([a, b, a])];
        var seen = 0;
        Allocations.AssertNone(() =>
        {
            foreach (var node in nodes)
            {
                var children = node.Children;
                for (var i = 0; i < children.Count; i++) seen += ReferenceEquals(children[i], a) ? 1 : 0;
                foreach (var child in node.Children) seen += ReferenceEquals(child, b) ? 1 : 0;
            }
        }, "reading Children");
        Assert.True(seen > 0);
        Assert.Equal([a, b, a], nodes[3].Children.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => nodes[2].Children[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => nodes[1].Children[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Children[0]);
    }
}
