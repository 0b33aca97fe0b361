using Micrograd.Expressions;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Differentiation;

/// <summary>
/// Every line of hessians.jsonl, new_ops.jsonl and new_ops_edges.jsonl (PyTorch float64): value, gradients and every Hessian
/// entry through the expression language and <see cref="Gradients.Of"/> (gradients of gradients), non-finite numbers exactly,
/// and at the edges' kinks PyTorch's conventions; and, away from edges, the third derivatives (gradients of Hessian entries)
/// against central differences of the Hessian.
/// </summary>
public class HessianReferenceTests
{
    private const double Relative = 1e-8;
    private const double Absolute = 1e-10;

    public static TheoryData<string, int> Lines() => LinesOf(HessianCase.File, "new_ops.jsonl");

    public static TheoryData<string, int> EdgeLines() => LinesOf("new_ops_edges.jsonl");

    private static TheoryData<string, int> LinesOf(params string[] files)
    {
        var data = new TheoryData<string, int>();
        foreach (var file in files)
        {
            for (var i = 0; i < HessianCase.Load(file).Count; i++) data.Add(file, i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    [MemberData(nameof(EdgeLines))]
    public void Value_gradients_and_Hessian_match_PyTorch(string file, int line)
    {
        var c = HessianCase.Load(file)[line];
        var (names, graph) = Build(c.Expr, c.At);
        var gradients = Gradients.Of(graph.Root, Leaves(graph, names));

        Close.Assert(c.Value, graph.Root.Data, $"{c}: value", Relative, Absolute);
        Assert.Equal(c.Gradients.Keys.Order(), names.Order());
        Assert.Equal(c.Hessian.Keys.Order(), names.Order());
        for (var i = 0; i < names.Count; i++)
        {
            Close.Assert(c.Gradients[names[i]], gradients[i].Data, $"{c}: d/d{names[i]}", Relative, Absolute);
            var row = Gradients.Of(gradients[i], Leaves(graph, names));
            Assert.Equal(c.Hessian[names[i]].Keys.Order(), names.Order());
            for (var j = 0; j < names.Count; j++)
                Close.Assert(c.Hessian[names[i]][names[j]], row[j].Data, $"{c}: d²/d{names[i]}d{names[j]}", Relative, Absolute);
        }
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Third_derivatives_match_central_differences_of_the_Hessian(string file, int line)
    {
        var c = HessianCase.Load(file)[line];
        var (names, graph) = Build(c.Expr, c.At);
        var leaves = Leaves(graph, names);
        var gradients = Gradients.Of(graph.Root, leaves);
        const double eps = 1e-6;
        var failures = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var hessianRow = Gradients.Of(gradients[i], leaves);
            for (var j = 0; j < names.Count; j++)
            {
                var third = Gradients.Of(hessianRow[j], leaves);
                for (var k = 0; k < names.Count; k++)
                {
                    var plus = HessianEntry(c.Expr, Moved(c.At, names[k], eps), names, i, j);
                    var minus = HessianEntry(c.Expr, Moved(c.At, names[k], -eps), names, i, j);
                    var numerical = (plus - minus) / (2 * eps);
                    // gradcheck's tolerances (atol 1e-5, rtol 1e-3), the error of a central difference being about eps².
                    if (!(Math.Abs(third[k].Data - numerical) <= 1e-5 + 1e-3 * Math.Abs(numerical)))
                        failures.Add($"d³/d{names[i]}d{names[j]}d{names[k]}: graph {Close.Format(third[k].Data)}, differences {Close.Format(numerical)}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{c}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void The_fixture_holds_what_the_reference_readme_says()
    {
        var cases = HessianCase.Load();
        Assert.Equal(120, cases.Count);
        Assert.All(cases, c => Assert.True(c.Hessian.Values.SelectMany(r => r.Values).All(double.IsFinite), c.ToString()));
    }

    private static (IReadOnlyList<string> Names, ExpressionGraph Graph) Build(string expr, IReadOnlyDictionary<string, double> at)
    {
        var expression = Expression.Parse(expr);
        return (expression.Variables, expression.Build(at));
    }

    private static Value[] Leaves(ExpressionGraph graph, IReadOnlyList<string> names) => names.Select(n => graph.Variables[n]).ToArray();

    private static double HessianEntry(string expr, IReadOnlyDictionary<string, double> at, IReadOnlyList<string> names, int i, int j)
    {
        var (_, graph) = Build(expr, at);
        var leaves = Leaves(graph, names);
        return Gradients.Of(Gradients.Of(graph.Root, leaves)[i], leaves)[j].Data;
    }

    private static Dictionary<string, double> Moved(IReadOnlyDictionary<string, double> at, string name, double by) =>
        at.ToDictionary(p => p.Key, p => p.Key == name ? p.Value + by : p.Value);
}
