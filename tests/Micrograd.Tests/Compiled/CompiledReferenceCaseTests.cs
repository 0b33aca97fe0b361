using Micrograd.Compiled;
using Micrograd.Expressions;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Compiled;

/// <summary>Every expression of edge_cases.jsonl, expressions.jsonl, new_ops.jsonl and new_ops_edges.jsonl: the compiled tape against a freshly built eager graph,
/// bit for bit, at the reference point and at other points, scalar and batched.</summary>
public class CompiledReferenceCaseTests
{
    public static TheoryData<string, int> EdgeCases => Fixtures.Cases("edge_cases.jsonl");
    public static TheoryData<string, int> Expressions => Fixtures.Cases("expressions.jsonl");
    public static TheoryData<string, int> NewOps => Fixtures.Cases("new_ops.jsonl");
    public static TheoryData<string, int> NewOpsEdges => Fixtures.Cases("new_ops_edges.jsonl");

    /// <summary>Values that exercise every op's edges, used as other points for each expression.</summary>
    private static readonly double[] Specials =
        [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 20.0, 400.0, -400.0, 800.0, 710.0, 1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    [Theory]
    [MemberData(nameof(EdgeCases))]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(NewOps))]
    [MemberData(nameof(NewOpsEdges))]
    public void Replays_equal_a_freshly_built_graph_bit_for_bit(string file, int line)
    {
        var c = Fixtures.Load(file)[line];
        var expression = Expression.Parse(c.Expr);
        var names = expression.Variables;
        var compiledGraph = expression.Build(c.At);
        var tape = CompiledGraph.Compile(compiledGraph.Root, names.Select(n => compiledGraph.Variables[n]).ToList());

        foreach (var point in Points(c.At, names))
        {
            var eager = expression.Build(point);
            var gradients = eager.Gradients();
            for (var i = 0; i < names.Count; i++) tape.SetLeaf(i, point[names[i]]);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward();

            var where = $"{c.Expr} at {string.Join(", ", point.Select(p => $"{p.Key}={Value.Format(p.Value)}"))}";
            Exact.Assert(eager.Root.Data, tape.Value, $"{where}: value");
            for (var i = 0; i < names.Count; i++) Exact.Assert(gradients[names[i]], tape.LeafGradients[i], $"{where}: d/d{names[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(NewOps))]
    [MemberData(nameof(NewOpsEdges))]
    public void Batched_lanes_equal_scalar_replays_bit_for_bit(string file, int line)
    {
        var c = Fixtures.Load(file)[line];
        var expression = Expression.Parse(c.Expr);
        var names = expression.Variables;
        var graph = expression.Build(c.At);
        var tape = CompiledGraph.Compile(graph.Root, names.Select(n => graph.Variables[n]).ToList());
        var points = Points(c.At, names).ToList();
        var batch = tape.Batch(points.Count);
        for (var i = 0; i < names.Count; i++) batch.SetLeaf(i, points.Select(p => p[names[i]]).ToArray());
        var seeds = points.Select((_, s) => s % 3 == 0 ? 1.0 : 0.25 * s - 1).ToArray();
        batch.Forward();
        batch.Backward(seeds);

        var sums = new double[names.Count];
        batch.AddGradientSums(0, sums);
        var expectedSums = new double[names.Count];
        tape.ZeroGrad();
        for (var s = points.Count - 1; s >= 0; s--) // AddGradientSums adds the last sample first
        {
            for (var i = 0; i < names.Count; i++) tape.SetLeaf(i, points[s][names[i]]);
            tape.Forward();
            tape.Backward(seeds[s]); // accumulates into the leaf gradients, as the sums do
            Exact.Assert(tape.Value, batch.Values[s], $"{c.Expr}, sample {s}: value");
            for (var i = 0; i < names.Count; i++) expectedSums[i] = tape.LeafGradients[i];
        }
        for (var i = 0; i < names.Count; i++) Exact.Assert(expectedSums[i], sums[i], $"{c.Expr}: summed d/d{names[i]}");

        for (var s = 0; s < points.Count; s++)
        {
            for (var i = 0; i < names.Count; i++) tape.SetLeaf(i, points[s][names[i]]);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward(seeds[s]);
            for (var i = 0; i < names.Count; i++)
                Exact.Assert(tape.LeafGradients[i], batch.LeafGradients(i)[s], $"{c.Expr}, sample {s}: d/d{names[i]}");
        }
    }

    /// <summary>The reference point, then each variable set in turn to each special value, then a few shifted points.</summary>
    private static IEnumerable<Dictionary<string, double>> Points(IReadOnlyDictionary<string, double> at, IReadOnlyList<string> names)
    {
        yield return new Dictionary<string, double>(at);
        foreach (var name in names)
        {
            foreach (var special in Specials)
            {
                var point = new Dictionary<string, double>(at) { [name] = special };
                yield return point;
            }
        }
        for (var k = 1; k <= 3; k++) yield return names.ToDictionary(n => n, n => at[n] * (1 + 0.1 * k) - 0.05 * k);
    }
}
