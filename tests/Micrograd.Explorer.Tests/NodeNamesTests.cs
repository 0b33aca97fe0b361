using Micrograd.Explorer.Tests.Support;
using Micrograd.Graphs;

namespace Micrograd.Explorer.Tests;

/// <summary>Values without a label are named by the sub-expression that made them, as a person writes it; constants by their number.</summary>
public sealed class NodeNamesTests
{
    private static string[] Names(string expression, params string[] point) =>
        NodeNames.Of(ComputationGraph.Trace(TestGraphs.Expression(expression, point).Root));

    private static string RootName(string expression, params string[] point) => Names(expression, point)[^1];

    [Theory]
    [InlineData("w*x", "w*x")]
    [InlineData("w*x + b", "w*x + b")]
    [InlineData("1/y", "1/y")]
    [InlineData("tanh(w*x + b)", "tanh(w*x + b)")]
    [InlineData("(a + b) * c", "(a + b)*c")]
    [InlineData("a * (b + c)", "a*(b + c)")]
    [InlineData("a - (b - c)", "a - (b - c)")]
    [InlineData("a - b - c", "a - b - c")]
    [InlineData("a / (b * c)", "a/(b*c)")]
    [InlineData("a * b / c", "a*b/c")]
    [InlineData("-x ** 2", "-x**2")]
    [InlineData("(-x) ** 2", "(-x)**2")]
    [InlineData("x ** y ** z", "x**y**z")]
    [InlineData("(x ** y) ** z", "(x**y)**z")]
    [InlineData("x ** (a + b)", "x**(a + b)")]
    [InlineData("-(-x)", "-(-x)")]
    [InlineData("2 * x", "2*x")]
    [InlineData("x * 0.25", "x*0.25")]
    [InlineData("exp(-a) + sigmoid(b)", "exp(-a) + sigmoid(b)")]
    public void A_value_without_a_label_is_named_by_its_sub_expression(string expression, string name)
    {
        var variables = Micrograd.Expressions.Expression.Parse(expression).Variables.Select(v => v + "=0.5").ToArray();
        Assert.Equal(name, RootName(expression, variables));
    }

    [Fact]
    public void Constants_are_their_number_and_labels_are_kept()
    {
        Assert.Equal(["2", "x", "2*x", "0.00001", "2*x + 0.00001"], Names("2 * x + 1e-5", "x=3"));
        var w = new Value(1.5, "w");
        var product = w * new Value(-3.0);
        var y = (product + 1.0).Tanh();
        y.Label = "the output, whatever it holds: {|}";
        var names = NodeNames.Of(ComputationGraph.Trace(y));
        Assert.Equal(["w", "-3", "w*-3", "1", "w*-3 + 1", "the output, whatever it holds: {|}"], names);
    }

    [Fact]
    public void A_label_that_is_not_a_name_is_put_in_parentheses_inside_an_operator()
    {
        var a = new Value(1, "w0*x0");
        var b = new Value(2, "b");
        Assert.Equal("(w0*x0)*b", NodeNames.Of(ComputationGraph.Trace(a * b))[^1]);
        Assert.Equal("tanh(w0*x0)", NodeNames.Of(ComputationGraph.Trace(a.Tanh()))[^1]);
    }

    [Fact]
    public void A_sum_of_many_values_is_a_call_and_long_names_end_with_an_ellipsis()
    {
        var xs = Enumerable.Range(0, 20).Select(i => new Value(i, $"x{i}")).ToArray();
        var name = NodeNames.Of(ComputationGraph.Trace(Value.Sum(xs)))[^1];
        Assert.Equal(NodeNames.MaxLength, name.Length);
        Assert.Equal("sum(x0, x1, x2, x3, x4, x5, x6,…", name);

        // A name built from a cut name is cut again: names never grow with depth.
        var tanh = Value.Sum(xs).Tanh();
        var graph = ComputationGraph.Trace(tanh * new Value(2, "w"));
        var names = NodeNames.Of(graph);
        Assert.Equal("tanh(sum(x0, x1, x2, x3, x4, x5…", names[graph.IdOf(tanh)]);
        Assert.Equal("tanh(sum(x0, x1, x2, x3, x4, x5…", names[^1]);
        Assert.True(names.All(n => n.Length <= NodeNames.MaxLength));
    }
}
