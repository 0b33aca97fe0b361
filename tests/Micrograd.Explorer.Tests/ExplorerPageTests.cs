using System.Text.Json;
using System.Text.RegularExpressions;
using Micrograd.Explorer.Tests.Support;
using Micrograd.Graphs;

namespace Micrograd.Explorer.Tests;

/// <summary>The page as text: what it embeds, what it leaves alone, and what happens without Graphviz.</summary>
public sealed partial class ExplorerPageTests
{
    [Fact]
    public void The_page_embeds_the_graph_as_json_with_the_engines_values_in_topological_order()
    {
        var root = TestGraphs.Expression("x * x + 3 * y ** 2 + tanh(x)", "x=0.5", "y=-2").Root;
        var trace = EngineTrace.Of(root);
        using var json = GraphJson(ExplorerPage.Render(root, new ExplorerOptions { Title = "t", RankDirection = RankDirection.TopToBottom }));
        var model = json.RootElement;

        Assert.Equal("t", model.GetProperty("title").GetString());
        Assert.Equal("TB", model.GetProperty("rankdir").GetString());
        Assert.Equal(trace.Count - 1, model.GetProperty("root").GetInt32());
        var nodes = model.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(trace.Count, nodes.Count);
        for (var id = 0; id < trace.Count; id++)
        {
            var node = nodes[id];
            var value = trace.Graph.Nodes[id];
            Assert.Equal(id, node.GetProperty("id").GetInt32());
            Assert.Equal(trace.Name(id), node.GetProperty("name").GetString());
            Assert.Equal(value.Label, node.GetProperty("label").GetString());
            Assert.Equal(value.Op, node.GetProperty("op").GetString());
            Assert.Equal(trace.Graph.EdgesInto(id).ToArray().Select(e => e.From), node.GetProperty("operands").EnumerateArray().Select(e => e.GetInt32()));
            Assert.True(EngineTrace.Same(trace.Data[id], Number(node.GetProperty("data"))), $"data of {id}");
            Assert.True(EngineTrace.Same(trace.FinalGrad[id], Number(node.GetProperty("grad"))), $"grad of {id}");
            Assert.True(node.GetProperty("drawn").GetBoolean());
            Assert.Equal(value.IsLeaf && value.Label == "", node.GetProperty("constant").GetBoolean());
            Assert.Equal(value.Op == "**2", node.TryGetProperty("exponent", out var exponent) && exponent.GetDouble() == 2);
        }
    }

    [Fact]
    public void The_title_lists_the_title_variables_that_are_leaves_of_the_graph_and_the_page_knows_their_ids()
    {
        var graph = TestGraphs.Expression("x * y + x", "x=0.5", "y=-2");
        var (x, y) = (graph.Variables["x"], graph.Variables["y"]);
        var elsewhere = new Value(3, "z");
        var html = ExplorerPage.Render(graph.Root, new ExplorerOptions { Title = "t", TitleVariables = [y, elsewhere, x, y] });
        Assert.Contains("<title>t at y=-2, x=0.5 · micrograd explorer</title>", html);
        Assert.Contains("<h1 id=\"title\">t at y=-2, x=0.5</h1>", html);
        using var json = GraphJson(html);
        var trace = ComputationGraph.Trace(graph.Root);
        Assert.Equal([trace.IdOf(y), trace.IdOf(x)], json.RootElement.GetProperty("point").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("t", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Non_finite_numbers_are_written_as_strings_that_the_page_reads_back()
    {
        var root = TestGraphs.Expression("log(x) + 0 * exp(y)", "x=0", "y=1000").Root;
        using var json = GraphJson(ExplorerPage.Render(root));
        var texts = json.RootElement.GetProperty("nodes").EnumerateArray()
            .SelectMany(n => new[] { n.GetProperty("data"), n.GetProperty("grad") })
            .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "-Infinity", "Infinity", "NaN" }, texts);
    }

    [Fact]
    public void Making_a_page_leaves_the_graphs_gradients_as_they_were()
    {
        var graph = TestGraphs.Expression("x * y + x", "x=2", "y=3");
        graph.Variables["x"].Grad = 42;
        graph.Variables["y"].Grad = double.NaN;
        graph.Root.Grad = -7;
        ExplorerPage.Render(graph.Root);
        Assert.Equal(42, graph.Variables["x"].Grad);
        Assert.True(double.IsNaN(graph.Variables["y"].Grad));
        Assert.Equal(-7, graph.Root.Grad);

        // And the page's gradients are one backward pass from zero, whatever the graph held.
        using var json = GraphJson(ExplorerPage.Render(graph.Root));
        Assert.Equal(4, json.RootElement.GetProperty("nodes")[0].GetProperty("grad").GetDouble()); // d(xy + x)/dx = y + 1
    }

    [Fact]
    public void The_picture_is_graphvizs_svg_inline_with_the_dot_ids_of_every_value_op_and_edge()
    {
        RequireGraphviz.Dot();
        var root = TestGraphs.Neuron();
        var graph = ComputationGraph.Trace(root);
        var html = ExplorerPage.Render(root);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("<!DOCTYPE svg", html);

        // Laid out in both directions, each in a template the page instantiates when it shows that direction.
        var layouts = Layout().Matches(html);
        Assert.Equal(["LR", "TB"], layouts.Select(m => m.Groups[1].Value));
        foreach (Match layout in layouts)
        {
            var svg = layout.Groups[2].Value;
            Assert.Single(SvgElement().Matches(svg));
            for (var id = 0; id < graph.Nodes.Count; id++)
            {
                Assert.Contains($"<g id=\"n{id}\" class=\"node\">", svg);
                if (!graph.Nodes[id].IsLeaf) Assert.Contains($"<g id=\"n{id}_op\" class=\"node\">", svg);
            }
            for (var k = 0; k < graph.Edges.Count; k++) Assert.Contains($"<g id=\"e{k}\" class=\"edge\">", svg);
        }
        Assert.True(Width(layouts[0].Groups[2].Value) > Width(layouts[1].Groups[2].Value), "the left-to-right layout of the neuron is the wider one");
    }

    [Fact]
    public void The_op_table_holds_exactly_the_ops_of_the_graph_and_of_the_expression_box_from_their_twins()
    {
        var root = TestGraphs.Expression("tanh(x) * x ** 2 + x ** 2.5", "x=1").Root;
        var html = ExplorerPage.Render(root);
        var names = OpEntry().Matches(html).Select(m => JsonSerializer.Deserialize<string>(m.Groups[1].Value)).ToHashSet();
        // the graph's ops (**2.5 among them), and every op an expression typed in the page makes: the arithmetic, the
        // functions, and the constant powers whose twin is not the general one (microgradPower's)
        HashSet<string?> expected = ["**2.5", "+", "-", "*", "/", "**", "neg", .. Micrograd.Ops.OpCatalog.Functions.Select(op => op.Name),
            .. ShortcutPowers];
        Assert.True(expected.SetEquals(names), $"missing: {string.Join(" ", expected.Except(names))}; not expected: {string.Join(" ", names.Except(expected))}");
        Assert.Contains("function microgradPower(fma, pow, number)", html);
        Assert.Contains("backward: (k, [x], y, g) => (g * fma(-y, y, 1))", html);
        Assert.Contains("forward: ([x]) => (x * x)", html);
    }

    [Fact]
    public void Without_graphviz_making_a_page_fails_with_the_install_hint_and_writes_nothing()
    {
        using var empty = new TempDirectory();
        var writer = new StringWriter();
        var e = Assert.Throws<GraphvizNotFoundException>(() =>
            ExplorerPage.Write(TestGraphs.Neuron(), writer, new ExplorerOptions { Graphviz = new GraphvizOptions { SearchPath = empty.Path } }));
        Assert.Contains("install Graphviz", e.Message);
        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void The_title_is_escaped_in_the_markup_and_nasty_labels_cannot_end_a_script()
    {
        var x = new Value(1, "</script><script>alert('x')</script>");
        var y = new Value(2, "a & b <c> \"q\" \n line");
        var html = ExplorerPage.Render(x * y, new ExplorerOptions { Title = "<b>tanh & co</b>" });
        Assert.Contains("<title>&lt;b&gt;tanh &amp; co&lt;/b&gt; · micrograd explorer</title>", html);
        Assert.DoesNotContain("<b>tanh", html);
        Assert.Equal(4, Regex.Count(html, "</script>", RegexOptions.IgnoreCase)); // the graph's, the expression language's, the op table's and the script's own
        Assert.DoesNotContain("alert('x')</script>", html);
    }

    [Fact]
    public void The_default_title_is_used_when_none_is_given()
    {
        Assert.Contains("<h1 id=\"title\">micrograd explorer</h1>", ExplorerPage.Render(new Value(1, "x")));
    }

    private static JsonDocument GraphJson(string html)
    {
        var match = GraphData().Match(html);
        Assert.True(match.Success, "no graph data in the page");
        return JsonDocument.Parse(match.Groups[1].Value);
    }

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : e.GetDouble();

    [GeneratedRegex("<script type=\"application/json\" id=\"graph-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex GraphData();

    [GeneratedRegex("<svg[ >]")]
    private static partial Regex SvgElement();

    [GeneratedRegex("<template data-direction=\"(LR|TB)\">(.*?)</template>", RegexOptions.Singleline)]
    private static partial Regex Layout();

    [GeneratedRegex("viewBox=\"[-0-9.]+ [-0-9.]+ ([0-9.]+) ")]
    private static partial Regex ViewBoxWidth();

    private static double Width(string svg) => double.Parse(ViewBoxWidth().Match(svg).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] ShortcutPowers = ["**2", "**3", "**-1", "**0.5", "**-2", "**-0.5", "**1", "**0", "**4", "**1.5"];

    [GeneratedRegex("^    (\"[^\"]*\"): \\{$", RegexOptions.Multiline)]
    private static partial Regex OpEntry();
}
