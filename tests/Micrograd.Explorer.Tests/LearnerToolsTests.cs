using System.Globalization;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// What a learner does to the leaves: checks a gradient by nudging, drags a what-if slider, takes a learning step; the
/// title and the explanation follow, and the state is kept in the URL's #hash. Every number is compared with the engine's
/// at the new point.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LearnerToolsTests(BrowserFixture browser) : IDisposable
{
    private const string Tanh = "tanh(w*x + b)";
    private static readonly string[] TanhPoint = ["w=0.8", "x=1.5", "b=-0.3"];

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The page <c>micrograd explore "tanh(w*x + b)" w=0.8 x=1.5 b=-0.3</c> writes: its title lists the point.</summary>
    private string TanhPage()
    {
        var graph = TestGraphs.Expression(Tanh, TanhPoint);
        return PageFile.Write(_files, "tanh", graph.Root, new ExplorerOptions { Title = Tanh, TitleVariables = [.. graph.Variables.Values] });
    }

    private static Value TanhAt(double w, double x = 1.5, double b = -0.3) =>
        TestGraphs.Expression(Tanh, $"w={w.ToString("R", CultureInfo.InvariantCulture)}", $"x={x.ToString("R", CultureInfo.InvariantCulture)}", $"b={b.ToString("R", CultureInfo.InvariantCulture)}").Root;

    private static int Row(PageState state, string name) => state.Rows.Single(r => r.Name == name).Id;

    [Fact]
    public async Task The_nudge_check_gives_the_central_difference_next_to_the_gradient()
    {
        await using var tab = await browser.OpenAsync(TanhPage());
        var w = Row(await tab.ReadAsync(), "w");
        await tab.SelectAsync(w);
        await tab.ClickAsync("nudge");

        // (f(w+h) − f(w−h)) / 2h with h = 1e-4 · max(1, |w|), by the engine.
        const double h = 1e-4;
        var expected = (TanhAt(0.8 + h).Data - TanhAt(0.8 - h).Data) / (2 * h);
        var estimate = double.Parse(await tab.Page.Locator("#nudge-result").GetAttributeAsync("data-estimate") ?? "", CultureInfo.InvariantCulture);
        Assert.Equal(expected, estimate);
        var gradient = EngineTrace.Of(TanhAt(0.8)).FinalGrad[w];
        Assert.Equal(gradient, estimate, 1e-7);
        var text = await tab.Page.Locator("#nudge-result").TextContentAsync();
        Assert.Contains($"f = tanh(w*x + b), h = 0.0001: f(w+h) = {Shown.Full(TanhAt(0.8 + h).Data)}", text);
        Assert.Contains($"(f(w+h) − f(w−h)) / 2h = {Shown.Short(expected)}", text);
        Assert.Contains($"w.grad (backward) = {Shown.Short(gradient)}: they agree", text);
        Assert.Equal($"w.grad = {Shown.Full(gradient)}", await tab.Page.Locator("#leaf-grad").TextContentAsync());

        // Nudging changes nothing.
        var state = await tab.ReadAsync();
        Assert.Equal("agree", state.CheckClass);
        Assert.False(await tab.TypingAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_nudge_check_says_when_the_function_is_not_smooth()
    {
        var root = TestGraphs.Expression("relu(x) * 3", "x=0").Root;
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "relu", root));
        await tab.SelectAsync(Row(await tab.ReadAsync(), "x"));
        await tab.ClickAsync("nudge");
        Assert.Contains("they differ: the function may not be smooth here", await tab.Page.Locator("#nudge-result").TextContentAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Dragging_the_what_if_slider_recomputes_everything_live()
    {
        await using var tab = await browser.OpenAsync(TanhPage());
        var before = await tab.ReadAsync();
        var w = Row(before, "w");
        await tab.SelectAsync(w);
        Assert.Equal("w", await tab.Page.Locator("#leaf-name").TextContentAsync());

        // The slider spans w's first value ± max(1, |w|): 400 notches from -0.2 to 1.8; notch 300 is 1.3.
        foreach (var (notch, value) in new[] { (300, 1.3), (40, 0.0), (400, 1.8) })
        {
            await tab.Page.Locator("#leaf-slider").FillAsync(notch.ToString(CultureInfo.InvariantCulture));
            await tab.Page.WaitForFunctionAsync($"() => document.getElementById('leaf-value').textContent === '{Shown.Full(value)}'");
            var trace = EngineTrace.Of(TanhAt(value));
            var state = await tab.ReadAsync();
            Expect.StateAt(trace, trace.Steps, state, $"w dragged to {value}");
            Assert.Equal(Shown.Full(value), state.Rows.Single(r => r.Id == w).Data);
            Assert.Equal($"tanh(w*x + b) at w={Shown.Full(value)}, x=1.5, b=-0.3", state.Title);
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_learning_step_moves_the_ticked_leaves_against_their_gradient_and_shows_the_output_moving()
    {
        await using var tab = await browser.OpenAsync(TanhPage());
        var state = await tab.ReadAsync();
        var (w, x, b) = (Row(state, "w"), Row(state, "x"), Row(state, "b"));
        var start = EngineTrace.Of(TanhAt(0.8));

        // Leave x out: only the parameters learn.
        await tab.Page.Locator($"#row-{x} input.learn").UncheckAsync();
        await tab.Page.Locator("#lr").FillAsync("0.5");
        await tab.ClickAsync("learn-step");

        var newW = 0.8 - 0.5 * start.FinalGrad[w];
        var newB = -0.3 - 0.5 * start.FinalGrad[b];
        var trace = EngineTrace.Of(TanhAt(newW, 1.5, newB));
        var after = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, after, "after a learning step");
        Assert.Equal("1.5", after.Rows.Single(r => r.Id == x).Data);
        var root = start.Count - 1;
        var predicted = -0.5 * (start.FinalGrad[w] * start.FinalGrad[w] + start.FinalGrad[b] * start.FinalGrad[b]);
        Assert.Equal(
            $"step 1: tanh(w*x + b) {Shown.Short(start.Data[root])} → {Shown.Short(trace.Data[root])} (change {Shown.Short(trace.Data[root] - start.Data[root])}; the gradient predicts −lr·Σgrad² = {Shown.Short(predicted)})",
            await tab.Page.Locator("#learn-result").TextContentAsync());
        Assert.True(trace.Data[root] < start.Data[root], "a step against the gradient lowers the output");

        // The original values come back with one button, and with them the ✓.
        await tab.ClickAsync("restore");
        var restored = await tab.ReadAsync();
        Expect.StateAt(start, start.Steps, restored, "restored");
        Assert.Equal("agree", restored.CheckClass);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_title_follows_edits_and_the_explanation_says_what_changed_until_the_values_are_back()
    {
        await using var tab = await browser.OpenAsync(TanhPage());
        var state = await tab.ReadAsync();
        Assert.Equal("tanh(w*x + b) at w=0.8, x=1.5, b=-0.3", state.Title);
        Assert.Equal("tanh(w*x + b) at w=0.8, x=1.5, b=-0.3 · micrograd explorer", await tab.Page.TitleAsync());
        Assert.Equal("", state.Change);
        var w = Row(state, "w");

        await tab.EditLeafAsync(w, "2");
        var start = EngineTrace.Of(TanhAt(0.8));
        var now = EngineTrace.Of(TanhAt(2));
        var root = start.Count - 1;
        var edited = await tab.ReadAsync();
        Assert.Equal("tanh(w*x + b) at w=2, x=1.5, b=-0.3", edited.Title);
        Assert.Equal("tanh(w*x + b) at w=2, x=1.5, b=-0.3 · micrograd explorer", await tab.Page.TitleAsync());
        Assert.Equal(
            $"w 0.8 → 2: tanh(w*x + b) {Shown.Short(start.Data[root])} → {Shown.Short(now.Data[root])}; w.grad {Shown.Short(start.FinalGrad[w])} → {Shown.Short(now.FinalGrad[w])}",
            edited.Change);
        Assert.Equal("edited", edited.CheckClass);

        await tab.EditLeafAsync(w, "0.8");
        var back = await tab.ReadAsync();
        Assert.Equal("", back.Change);
        Assert.Equal("agree", back.CheckClass);
        Assert.StartsWith("✓", back.Check, StringComparison.Ordinal);
        Assert.Equal("tanh(w*x + b) at w=0.8, x=1.5, b=-0.3", back.Title);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_step_and_the_leaf_values_are_kept_in_the_hash_and_a_link_opens_the_same_view()
    {
        var file = TanhPage();
        string hash;
        int w;
        await using (var tab = await browser.OpenAsync(file))
        {
            w = Row(await tab.ReadAsync(), "w");
            await tab.EditLeafAsync(w, "-1.25");
            await tab.PressAsync("Home");
            for (var i = 0; i < 8; i++) await tab.PressAsync("ArrowRight");
            await tab.ClickAsync("dir-lr");
            hash = await tab.SettledHashAsync();
            Assert.Equal($"#step=8&dir=LR&n{w}=-1.25", hash);
            tab.AssertNoErrors();
        }

        var trace = EngineTrace.Of(TanhAt(-1.25));
        await using (var tab = await browser.OpenAsync(file, hash: hash))
        {
            var state = await tab.ReadAsync();
            Expect.StateAt(trace, 8, state, "opened from a link");
            Assert.Equal("LR", await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));
            Assert.Equal("tanh(w*x + b) at w=-1.25, x=1.5, b=-0.3", state.Title);
            Assert.Equal("edited", state.CheckClass);

            // Changing the hash by hand moves the page too.
            await tab.Page.EvaluateAsync("() => { location.hash = '#step=3'; }");
            await tab.Page.WaitForFunctionAsync("() => window.explorer.step === 3");
            Expect.StateAt(EngineTrace.Of(TanhAt(0.8)), 3, await tab.ReadAsync(), "after the hash changed");
            tab.AssertNoErrors();
        }
    }

    [Theory]
    [InlineData("#%E0%A4%A")]
    [InlineData("#%")]
    [InlineData("#step=5&n0=%E0%A4%A")]
    [InlineData("#step=%&dir=TB")]
    public async Task A_malformed_hash_is_ignored_and_the_page_opens_as_without_one(string hash)
    {
        var file = TanhPage();
        var trace = EngineTrace.Of(TanhAt(0.8));
        await using var tab = await browser.OpenAsync(file, hash: hash);
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, 0, state, $"opened with the hash {hash}");
        Assert.Equal("tanh(w*x + b) at w=0.8, x=1.5, b=-0.3", state.Title);
        Assert.StartsWith("✓", state.Check, StringComparison.Ordinal);

        // The page still works, and a malformed hash typed later is ignored too.
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("ArrowRight");
        await tab.Page.EvaluateAsync($"() => {{ location.hash = {System.Text.Json.JsonSerializer.Serialize(hash)}; }}");
        await tab.Page.EvaluateAsync("() => new Promise((done) => setTimeout(done, 50))");
        Expect.StateAt(trace, 2, await tab.ReadAsync(), "after a malformed hash was typed");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_titles_numbers_read_as_the_tables_do_before_and_after_the_script_runs()
    {
        // Numbers that .NET's "R" and JavaScript write differently: 1E-05 / 0.00001, 1E-07 / 1e-7, 1E+15 / 1000000000000000,
        // 1E+21 / 1e+21, -0 / -0, and a constant among them.
        const string Expression = "a*b + c*d - e + 2.5e-6";
        var graph = TestGraphs.Expression(Expression, "a=1e-5", "b=1e-7", "c=1e15", "d=1e21", "e=-0.0");
        var file = PageFile.Write(_files, "numbers", graph.Root, new ExplorerOptions { Title = Expression, TitleVariables = [.. graph.Variables.Values] });
        var html = await File.ReadAllTextAsync(file);
        var written = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<h1 id=\"title\">([^<]*)</h1>").Groups[1].Value);

        await using var tab = await browser.OpenAsync(file);
        var state = await tab.ReadAsync();
        var shown = string.Join(", ", "abcde".Select(name => $"{name}={state.Rows.Single(r => r.Name == name.ToString()).Data}"));
        Assert.Equal($"{Expression} at {shown}", state.Title);
        Assert.Equal("a*b + c*d - e + 2.5e-6 at a=0.00001, b=1e-7, c=1000000000000000, d=1e+21, e=-0", state.Title);
        Assert.Equal(state.Title, written); // the page as written, before its script ran
        Assert.Equal($"{state.Title} · micrograd explorer", await tab.Page.TitleAsync());
        // A constant's name is its number as the table shows it.
        var constant = state.Rows.Single(r => r.Op == "" && r.Name.StartsWith('0'));
        Assert.Equal(constant.Data, constant.Name);
        tab.AssertNoErrors();
    }
}
