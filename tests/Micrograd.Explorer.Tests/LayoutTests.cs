using System.Text.Json;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The page's layout: every digit on one line, op names in their column, the panels stacked on narrow screens, text
/// colours that pass WCAG AA, and a picture that says what it is.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(1600, 900)]
    [InlineData(1280, 800)]
    [InlineData(400, 800)]
    public async Task Twenty_digit_numbers_and_op_names_fit_their_columns_on_one_line(int width, int height)
    {
        // Numbers of 23 and 24 characters, and sigmoid, the longest op name.
        var root = TestGraphs.Expression("sigmoid(x) * y + tanh(x) / 3", "x=-0.1234567890123456", "y=-1.2345678901234567e-300").Root;
        var trace = EngineTrace.Of(root);
        Assert.Contains(trace.FinalGrad.Concat(trace.Data), v => Shown.Full(v).Length >= 23);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "digits", root), width, height);
        await tab.PressAsync("End");
        var problems = await tab.Page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              const rows = [...document.querySelectorAll('#rows tr')];
              const height = rows[0].offsetHeight;
              for (const row of rows) {
                if (row.offsetHeight !== height) problems.push(`${row.id} is ${row.offsetHeight} px high, not ${height}`);
                for (const box of row.querySelectorAll('td .v, td input[type=text], td.op')) {
                  if (box.scrollWidth > box.clientWidth) problems.push(`${row.id} ${box.parentElement.className}: '${box.textContent || box.value}' needs ${box.scrollWidth} px, has ${box.clientWidth}`);
                }
              }
              return problems;
            }
            """);
        Assert.True(problems.Length == 0, string.Join("\n", problems));
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData(400, 800, true)]
    [InlineData(799, 900, true)]
    [InlineData(800, 900, false)]
    [InlineData(1600, 900, false)]
    public async Task Below_800_pixels_wide_the_picture_the_explanation_and_the_table_are_stacked(int width, int height, bool stacked)
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()), width, height);
        var boxes = await tab.Page.EvaluateAsync<JsonElement>("""
            () => Object.fromEntries(['view', 'explain', 'tools', 'values'].map((id) => {
              const r = document.getElementById(id).getBoundingClientRect();
              return [id, [r.left, r.top, r.width, r.height]];
            }))
            """);
        double[] Box(string id) => boxes.GetProperty(id).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var (view, explain, tools, values) = (Box("view"), Box("explain"), Box("tools"), Box("values"));
        if (stacked)
        {
            Assert.True(view[3] >= 250, $"the picture is {view[3]} px high");
            Assert.True(view[2] >= width - 20, $"the picture is {view[2]} px wide");
            Assert.True(view[1] + view[3] <= explain[1] + 1, "the explanation comes below the picture");
            Assert.True(explain[1] + explain[3] <= tools[1] + 1, "the tools come below the explanation");
            Assert.True(tools[1] + tools[3] <= values[1] + 1, "the table comes below the tools");
            Assert.True(values[2] >= width - 20 && values[3] >= 250, $"the table is {values[2]}×{values[3]}");
        }
        else
        {
            Assert.True(view[0] + view[2] <= explain[0] + 1, "the explanation is beside the picture");
            Assert.True(view[2] >= width * 0.45, $"the picture is {view[2]} px wide");
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task On_a_narrow_screen_a_long_title_takes_at_most_three_lines_and_the_picture_starts_on_the_first_screen()
    {
        // 40 terms and 121 values at the point: the title and its "at …" list run to several hundred characters
        var terms = string.Join(" + ", Enumerable.Range(0, 40).Select(i => $"tanh(w{i}*x + b{i})"));
        var point = Enumerable.Range(0, 40).SelectMany(i => new[] { $"w{i}=0.{i % 9 + 1}", $"b{i}=-0.{i * 3 % 9 + 1}" }).Append("x=1.5").ToArray();
        var graph = TestGraphs.Expression(terms, point);
        var options = new ExplorerOptions { Title = terms, TitleVariables = [.. graph.Variables.Values] };
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "long-title", graph.Root, options), 400, 800);
        var measured = await tab.Page.EvaluateAsync<double[]>("""
            () => {
              const title = document.getElementById('title');
              const lines = title.getBoundingClientRect().height / parseFloat(getComputedStyle(title).lineHeight);
              return [lines, document.getElementById('view').getBoundingClientRect().top];
            }
            """);
        var (lines, viewTop) = (measured[0], measured[1]);
        Assert.True(lines <= 3.05, $"the title takes {lines:0.0} lines");
        Assert.True(viewTop < 800 - 250, $"the picture starts {viewTop} px down, below the first screen");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Every_coloured_text_passes_WCAG_AA_contrast_on_its_background()
    {
        // A page with an infinity (red), a saturated tanh (warning), local and upstream factors, changed values, and rows
        // marked current and operand.
        var root = TestGraphs.Expression("log(x) + tanh(y)", "x=0", "y=5").Root;
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "colours", root), 1600, 900);
        var results = new List<string>();
        foreach (var step in new[] { 2, trace.Count + 1, trace.Count + 2 })
        {
            await tab.Page.Locator("#position").FillAsync(step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (step == 2) await tab.EditLeafAsync(2, "two"); // y: a refusal message
            results.AddRange(await tab.Page.EvaluateAsync<string[]>(ContrastScript));
        }
        Assert.Contains(results, r => r.StartsWith("#lines .note.error", StringComparison.Ordinal));
        Assert.Contains(results, r => r.StartsWith("#lines .note.warn", StringComparison.Ordinal));
        Assert.Contains(results, r => r.StartsWith("#rows .changed", StringComparison.Ordinal));
        Assert.Contains(results, r => r.StartsWith("#rows .bad", StringComparison.Ordinal));
        Assert.Contains(results, r => r.StartsWith("svg text.", StringComparison.Ordinal) && r.Contains(".changed ", StringComparison.Ordinal));
        Assert.Contains(results, r => r.StartsWith("svg text.", StringComparison.Ordinal) && r.Contains(".bad ", StringComparison.Ordinal));
        Assert.Contains(results, r => r.StartsWith("#message", StringComparison.Ordinal));
        var failing = results.Where(r => double.Parse(r[(r.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) < 4.5).ToList();
        Assert.True(failing.Count == 0, "below 4.5:1:\n" + string.Join("\n", failing));
        tab.AssertNoErrors();
    }

    /// <summary>For every visible text that the page colours, "selector text ratio": its contrast with the background it is drawn on.</summary>
    private const string ContrastScript = """
        () => {
          const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
          const luminance = ([r, g, b]) => {
            const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          const background = (e) => {
            for (; e; e = e.parentElement) {
              const c = rgb(getComputedStyle(e).backgroundColor);
              if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
            }
            return [255, 255, 255];
          };
          const out = [];
          const selectors = ['#lines .note.total', '#lines .note.warn', '#lines .note.error', '#lines .note', '#lines .factor.local',
            '#lines .factor.upstream', '#lines .formula .local', '#lines .formula .upstream', '#rows .changed', '#rows .bad',
            '#rows td.op', '#rows td.count span', '#rows td.name .label', '#change', '#message', '#check', '#cut', '#progress', 'footer',
            '#leaf-hint', 'caption', 'button[aria-pressed=true]'];
          for (const selector of selectors) {
            for (const e of document.querySelectorAll(selector)) {
              if (!e.textContent.trim() || e.closest('[hidden]') || !e.getClientRects().length) continue;
              out.push(`${selector} '${e.textContent.trim().slice(0, 30)}' ${ratio(rgb(getComputedStyle(e).color), background(e)).toFixed(2)}`);
            }
          }
          for (const text of document.querySelectorAll('#graph text.changed, #graph text.bad, #graph text.unknown, #graph text.tag')) {
            const shape = text.parentElement.querySelector('polygon, ellipse');
            const fill = shape ? getComputedStyle(shape).fill : 'none';
            const under = fill === 'none' || fill.startsWith('rgba(0, 0, 0, 0') ? [255, 255, 255] : rgb(fill).slice(0, 3);
            const where = text.classList.contains('tag') ? [255, 255, 255] : under;
            out.push(`svg text.${[...text.classList].join('.')} '${text.textContent}' ${ratio(rgb(getComputedStyle(text).fill), where).toFixed(2)}`);
          }
          return out;
        }
        """;

    [Fact]
    public async Task The_picture_is_an_image_with_a_label_and_its_values_are_named()
    {
        var root = TestGraphs.Neuron();
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root, new ExplorerOptions { Title = "the neuron" }), 1600, 900);
        var svg = tab.Page.Locator("#graph svg");
        Assert.Equal("img", await svg.GetAttributeAsync("role"));
        Assert.Equal("The graph of the neuron: 14 values, laid out top to bottom", await svg.GetAttributeAsync("aria-label"));
        Assert.Equal("w0*x0", await tab.Page.Locator("#n2").GetAttributeAsync("aria-label"));
        Assert.Equal(1, await tab.Page.Locator("#graph g.node[tabindex='0']").CountAsync());
        tab.AssertNoErrors();
    }
}
