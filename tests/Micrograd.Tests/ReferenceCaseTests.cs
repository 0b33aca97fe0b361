using Micrograd.Expressions;
using Micrograd.Tests.Support;

namespace Micrograd.Tests;

/// <summary>Every line of edge_cases.jsonl, expressions.jsonl, new_ops.jsonl and new_ops_edges.jsonl (PyTorch float64) through
/// the parser and the engine.</summary>
public class ReferenceCaseTests
{
    public static TheoryData<string, int> EdgeCases => Fixtures.Cases("edge_cases.jsonl");
    public static TheoryData<string, int> Expressions => Fixtures.Cases("expressions.jsonl");
    public static TheoryData<string, int> NewOps => Fixtures.Cases("new_ops.jsonl");
    public static TheoryData<string, int> NewOpsEdges => Fixtures.Cases("new_ops_edges.jsonl");

    [Theory]
    [MemberData(nameof(EdgeCases))]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(NewOps))]
    [MemberData(nameof(NewOpsEdges))]
    public void Value_and_gradients_match_PyTorch(string file, int line)
    {
        var c = Fixtures.Load(file)[line];
        var graph = Expression.Parse(c.Expr).Build(c.At);
        var gradients = graph.Gradients();

        Close.Assert(c.Value, graph.Root.Data, $"{c}: value");
        Assert.Equal(c.Gradients.Keys.Order(), gradients.Keys.Order());
        foreach (var (name, expected) in c.Gradients) Close.Assert(expected, gradients[name], $"{c}: d/d{name}");
    }

    [Fact]
    public void The_fixtures_hold_what_their_readme_says()
    {
        Assert.Equal(150, Fixtures.Load("expressions.jsonl").Count);
        Assert.True(Fixtures.Load("edge_cases.jsonl").Count >= 25);
        Assert.Equal(150, Fixtures.Load("new_ops.jsonl").Count);
        Assert.Equal(29, Fixtures.Load("new_ops_edges.jsonl").Count);
    }
}
