using Micrograd.Cli.Tests.Support;
using Micrograd.Expressions;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// <c>grad --json</c> on the expressions that use the functions added in issue 9 (max, min, leaky_relu, elu, softplus, gelu,
/// log1p, expm1, atan): PyTorch's value and gradients, and the engine's doubles exactly.
/// </summary>
public class GradNewFunctionsTests
{
    public static TheoryData<string, int> NewOps => Fixtures.Cases("new_ops.jsonl");

    public static TheoryData<string, int> NewOpsEdges => Fixtures.Cases("new_ops_edges.jsonl");

    [Theory]
    [MemberData(nameof(NewOps))]
    [MemberData(nameof(NewOpsEdges))]
    public void Json_matches_PyTorch_and_the_engine(string file, int index)
    {
        var c = Fixtures.Load(file)[index];
        var r = Tool.Run(GradJson.Arguments(c, "--json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        var json = GradJson.Parse(r.Out);

        Close.Assert(c.Value, json.Value, $"{c}: value");
        Assert.Equal(Expression.Parse(c.Expr).Variables, json.Gradients.Select(g => g.Key));
        foreach (var (name, gradient) in json.Gradients) Close.Assert(c.Gradients[name], gradient, $"{c}: d/d{name}");

        var graph = Expression.Parse(c.Expr).Build(c.At);
        var engine = graph.Gradients();
        Exact.Assert(graph.Root.Data, json.Value, $"{c}: the engine's value");
        foreach (var (name, gradient) in json.Gradients) Exact.Assert(engine[name], gradient, $"{c}: the engine's d/d{name}");
    }

    [Theory]
    [InlineData("max(x)", "max takes 2 arguments, found 1 (the call at position 1): separate them with a comma, as in max(x, y)")]
    [InlineData("gelu(x, x)", "gelu takes 1 argument, found 2 (the call at position 1)")]
    [InlineData("x, x", "',' at position 2 is not between a function's arguments: only a call takes commas, as in max(x, y)")]
    public void A_wrong_number_of_arguments_is_one_line_naming_the_function_and_the_count(string expr, string message)
    {
        var r = Tool.Run("grad", expr, "x=1");
        r.AssertRefused(message);
        Assert.Equal($"error: {message}\n", r.Error);
        Assert.Equal("", r.Out);
    }
}
