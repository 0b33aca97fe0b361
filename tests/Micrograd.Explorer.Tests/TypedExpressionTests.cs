using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;
using Micrograd.Expressions;
using Micrograd.Graphs;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The explorer's expression box: the page's lexer, parser and builder (expression-*.js) against the engine's
/// (<see cref="Expression"/>) on one list of cases, run through both: a valid text gives the same graph (ops, operands,
/// names) with the same data and gradients bit for bit, an invalid one the same message. Then the box itself: Enter
/// shows the new graph (laid out in the page) with everything the engine computes, a reload and Back keep to the #hash,
/// a text that is not an expression shows the parser's message and keeps the graph, and hostile text stays text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TypedExpressionTests(BrowserFixture browser) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly string[] Valid =
    [
        "x", "2", "-x", "-2", "+x", "--x", "- - 2 * x", "3 - -x", "x + y", "x - y - z", "x * y / z", "x*x*x", "((((x))))",
        "x ** 2", "x ** 3", "x ** -1", "x ** 0.5", "x ** -0.5", "x ** -2", "x ** 0", "x ** -0", "x ** 1", "x ** 4", "x ** 1.5",
        "x ** 2.5", "x ** 1e-7", "x ** 1e15", "x ** 123456789012345", "x ** 0.0001", "x ** 0.00001", "x ** 0.00012", "x ** 1e16", "x ** 1e17", "x ** 1.5e17", "x ** 12345678901234567890", "x ** 1.7976931348623157e308",
        "2 ** x", "x ** y", "-x ** 2", "x ** -y", "x ** 2 ** 3", "x ** (1 + 1)", "(-2) ** 0.5", "-2 ** 0.5",
        "(x + 1) * (x - 1)", "tanh(w * x + b)", "max(x, y) + min(x, 2)", "max(min(x, y), -z)", "sigmoid(x) * x ** 2 / (1 + exp(-x))",
        "abs(x) + atan(x) + cos(x) + elu(x) + exp(x) + expm1(x) + gelu(x) + hardtanh(x) + leaky_relu(x)",
        "log(x) + log1p(x) + relu(x) + sigmoid(x) + sin(x) + softplus(x) + sqrt(x) + tanh(x)",
        "log(z - z) * x", "x / 0", "1e3 * x + .5 * y - 2.e1 * z", "a_1 + _b * A9", "x\u00a0+\ty\n", "y * x + x * y + x",
        "sqrt(-x) + log(y)", "exp(1000 * x)", "x * 1e-320",
    ];

    private static readonly string[] Invalid =
    [
        "", "   ", ")", "(", "()", "x +", "x y", "x $ 2", "1e", "1e+", "2e-x", "1e400", "1" + new string('0', 400), "foo(x)", "sin", "sin x",
        "max(x)", "max(x, y, z)", "sin(x, y)", "sin()", "max()", "(x", "sin(x", "max(x, (y", "x)", "x, y", "(x, y)", "x ** ", "* x",
        "max(x,)", "max(x y)", "2 3", "x @", "é", "\ufeffx", "x ** ** 2", "<img src=x onerror=alert(1)>", "x;y", "😀",
    ];

    private static double ValueOf(string name) => name switch
    {
        "x" => 0.7,
        "y" => -1.3,
        "z" => 2.5,
        "w" => 0.5,
        "b" => -1,
        _ => 0.3,
    };

    private sealed record JsNode(string Op, int[] Operands, string Name, string Data, string Grad);

    private sealed record JsResult(int[]? Problem, int Position, JsNode[]? Nodes)
    {
        public string? Message => Problem is null ? null : new string(Problem.Select(c => (char)c).ToArray());
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static async Task<JsResult> BuildInPage(ExplorerTab tab, string text, double[] values)
    {
        var json = await tab.Page.EvaluateAsync<string>("""
            ([text, values]) => {
              const r = window.explorer.build(text, values);
              const full = window.explorer.format.full;
              return JSON.stringify(r.graph
                ? { nodes: r.graph.nodes.map((n) => ({ op: n.op, operands: n.operands, name: n.name, data: full(n.data), grad: full(n.grad) })) }
                : { problem: [...r.problem].map((c) => c.charCodeAt(0)), position: r.position }); // UTF-16 code units: a lone surrogate survives
            }
            """, new object[] { text, values });
        return JsonSerializer.Deserialize<JsResult>(json, Json)!;
    }

    private string SmallPage(string name = "small")
    {
        var graph = Expression.Parse("a * b").Build(new Dictionary<string, double> { ["a"] = 2, ["b"] = 3 });
        return PageFile.Write(_files, name, graph.Root, new ExplorerOptions { Title = "a * b", TitleVariables = [graph.Variables["a"], graph.Variables["b"]] });
    }

    [Fact]
    public async Task The_pages_parser_and_the_engines_agree_on_every_case()
    {
        await using var tab = await browser.OpenAsync(SmallPage());
        var failures = new List<string>();
        foreach (var text in Valid)
        {
            var expression = Expression.Parse(text);
            var values = expression.Variables.Select(ValueOf).ToArray();
            var graph = expression.Build(expression.Variables.ToDictionary(v => v, ValueOf));
            var trace = EngineTrace.Of(graph.Root);
            var js = await BuildInPage(tab, text, values);
            if (js.Nodes is null)
            {
                failures.Add($"{text}: the page says {js.Message}");
                continue;
            }
            if (js.Nodes.Length != trace.Count)
            {
                failures.Add($"{text}: {js.Nodes.Length} nodes in the page, {trace.Count} in the engine");
                continue;
            }
            for (var id = 0; id < trace.Count; id++)
            {
                var node = trace.Graph.Nodes[id];
                var operands = trace.Graph.EdgesInto(id).ToArray().Select(e => e.From).ToArray();
                var page = js.Nodes[id];
                if (page.Op != node.Op || !page.Operands.SequenceEqual(operands) || page.Name != trace.Name(id))
                    failures.Add($"{text}: node {id} is {page.Op} {page.Name} of [{string.Join(",", page.Operands)}] in the page, {node.Op} {trace.Name(id)} of [{string.Join(",", operands)}] in the engine");
                if (!EngineTrace.Same(Number(page.Data), trace.Data[id]) || !EngineTrace.Same(Number(page.Grad), trace.FinalGrad[id]))
                    failures.Add($"{text}: node {id} data {page.Data} grad {page.Grad} in the page, {trace.Data[id]:R} {trace.FinalGrad[id]:R} in the engine");
            }
        }
        foreach (var text in Invalid)
        {
            var error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));
            var js = await BuildInPage(tab, text, []);
            if (js.Message != error.Message || js.Position != error.Position)
                failures.Add($"'{text}': the page says {js.Message ?? "(a graph)"} (at {js.Position}), the engine {error.Message} (at {error.Position})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Enter_in_the_box_shows_the_new_graph_laid_out_in_the_page_with_the_engines_numbers()
    {
        await using var tab = await browser.OpenAsync(SmallPage(), 400, 800);
        Assert.Equal("a * b", await tab.Page.InputValueAsync("#expression"));
        const string text = "tanh(a * x + b) ** 2";
        await tab.Page.FillAsync("#expression", text);
        await tab.Page.PressAsync("#expression", "Enter");
        await tab.Page.WaitForFunctionAsync($"() => window.explorer && window.explorer.expression === {JsonSerializer.Serialize(text)}");

        // a and b keep their values; x, new, is 1
        var graph = Expression.Parse(text).Build(new Dictionary<string, double> { ["a"] = 2, ["x"] = 1, ["b"] = 3 });
        var trace = EngineTrace.Of(graph.Root);
        var state = await tab.ReadAsync();
        Assert.Equal("tanh(a * x + b) ** 2 at a=2, x=1, b=3", state.Title);
        Expect.StateAt(trace, 0, state, text);
        Assert.Equal(Enumerable.Range(0, trace.Count), state.Records.Select(r => r.Id).Order());
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), text);

        // The picture has every edge GraphView looks for, and no two records overlap.
        var edges = await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#graph svg g.edge[id^=\"e\"]:not([id^=\"edge\"])').length");
        Assert.Equal(trace.Graph.Edges.Count, edges);
        await AssertNoOverlapAsync(tab);

        // A reload shows it again; Back shows the graph before.
        await tab.Page.WaitForFunctionAsync("() => location.hash === '#' + window.explorer.hash && window.explorer.hash.includes('&step=' + window.explorer.step + '&')");
        Assert.StartsWith("#expr=" + text + "&at=2,1,3&", await tab.Page.EvaluateAsync<string>("() => decodeURIComponent(location.hash)"));
        await tab.Page.ReloadAsync();
        await tab.Page.WaitForFunctionAsync("() => window.explorer !== undefined");
        Assert.Equal(text, await tab.Page.EvaluateAsync<string>("() => window.explorer.expression"));
        Assert.Equal(text, await tab.Page.InputValueAsync("#expression"));
        await tab.Page.GoBackAsync();
        await tab.Page.WaitForFunctionAsync("() => window.explorer !== undefined && window.explorer.expression === null");
        Assert.Equal(3, (await tab.ReadAsync()).Rows.Count);
        tab.AssertNoErrors();
        Assert.DoesNotContain(tab.Routed, url => url != tab.Url && !url.StartsWith(tab.Url + "#", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_that_is_not_an_expression_shows_the_parsers_message_and_keeps_the_graph()
    {
        await using var tab = await browser.OpenAsync(SmallPage());
        var before = await tab.ReadAsync();
        await tab.Page.FillAsync("#expression", "max(x, )");
        await tab.Page.ClickAsync("#build");
        var alert = tab.Page.Locator("#expression-problem");
        await alert.WaitForAsync();
        Assert.Equal("alert", await alert.GetAttributeAsync("role"));
        Assert.Equal(Assert.Throws<ExpressionException>(() => Expression.Parse("max(x, )")).Message, await alert.TextContentAsync());
        Assert.Equal("true", await tab.Page.GetAttributeAsync("#expression", "aria-invalid"));
        Assert.Null(await tab.Page.EvaluateAsync<string?>("() => window.explorer.expression"));
        Assert.Equal(before.Rows.Count, (await tab.ReadAsync()).Rows.Count);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Hostile_text_in_the_box_or_the_hash_stays_text()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var message = Assert.Throws<ExpressionException>(() => Expression.Parse(hostile)).Message;
        var file = SmallPage();
        var hash = "#expr=" + Uri.EscapeDataString(hostile) + "&at=" + Uri.EscapeDataString(hostile);
        await using (var tab = await browser.OpenAsync(file, hash: hash))
        {
            Assert.Equal(message, await tab.Page.TextContentAsync("#expression-problem"));
            Assert.Equal(hostile, await tab.Page.InputValueAsync("#expression"));
            Assert.Equal(3, (await tab.ReadAsync()).Rows.Count); // the graph the page holds
            await tab.Page.PressAsync("#expression", "Enter");
            Assert.Equal(message, await tab.Page.TextContentAsync("#expression-problem"));
            Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('img').length"));
            tab.AssertNoErrors();
        }

        // Two expressions: the first counts, and the page opens once (no reload after reload).
        await using (var tab = await browser.OpenAsync(file, hash: "#expr=x&expr=y&step=1"))
        {
            Assert.Equal("x", await tab.Page.EvaluateAsync<string>("() => window.explorer.expression"));
            await tab.Page.WaitForTimeoutAsync(500);
            Assert.Single(tab.Requests, url => url.StartsWith(tab.Url, StringComparison.Ordinal));
            tab.AssertNoErrors();
        }

        // A valid expression with hostile values: each unreadable value is 1.
        await using (var tab = await browser.OpenAsync(file, hash: "#expr=x%20*%20y&at=" + Uri.EscapeDataString(hostile + ",2")))
        {
            Assert.Equal("x * y", await tab.Page.EvaluateAsync<string>("() => window.explorer.expression"));
            Assert.Equal("x * y at x=1, y=2", (await tab.ReadAsync()).Title);
            Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('img').length"));
            tab.AssertNoErrors();
        }
    }

    /// <summary>In both directions, no two shapes of the picture (records, ops) overlap.</summary>
    private static async Task AssertNoOverlapAsync(ExplorerTab tab)
    {
        foreach (var direction in new[] { "dir-tb", "dir-lr" })
        {
            await tab.ClickAsync(direction);
            var boxes = await tab.Page.EvaluateAsync<double[][]>("""
                () => [...document.querySelectorAll('#graph svg g.node > polygon, #graph svg g.node > ellipse')].map((s) => {
                  if (s.tagName === 'ellipse') { const [x, y, rx, ry] = ['cx', 'cy', 'rx', 'ry'].map((a) => Number(s.getAttribute(a))); return [x - rx, y - ry, x + rx, y + ry]; }
                  const p = s.getAttribute('points').trim().split(/[\s,]+/).map(Number);
                  const xs = p.filter((_, i) => i % 2 === 0), ys = p.filter((_, i) => i % 2 === 1);
                  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
                })
                """);
            for (var i = 0; i < boxes.Length; i++)
            {
                for (var j = i + 1; j < boxes.Length; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    Assert.False(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3], $"{direction}: shapes {i} and {j} overlap");
                }
            }
        }
    }

    [Fact]
    public async Task A_long_typed_expression_is_laid_out_whole_without_overlaps_and_computes_as_the_engine()
    {
        var text = string.Join(" + ", Enumerable.Range(0, 60).Select(i => $"sin(x{i % 7} * {i}) * y ** {i % 5}"));
        var expression = Expression.Parse(text);
        var trace = EngineTrace.Of(expression.Build(expression.Variables.ToDictionary(v => v, _ => 1.0)).Root);
        await using var tab = await browser.OpenAsync(SmallPage(), hash: "#expr=" + Uri.EscapeDataString(text));
        Assert.Equal(text, await tab.Page.EvaluateAsync<string>("() => window.explorer.expression"));
        await tab.PressAsync("End");
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, state, "the long expression");
        Assert.Equal(trace.Count, state.Records.Count);
        await AssertNoOverlapAsync(tab);
        tab.AssertNoErrors();
    }
}
