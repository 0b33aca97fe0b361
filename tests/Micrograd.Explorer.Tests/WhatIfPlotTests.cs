using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The what-if plot (issue #20, item 6): for the selected leaf, the output over the what-if slider's range, the point now,
/// the tangent whose slope is the gradient and the nudge check's secant. Every plotted number is compared with the engine's,
/// rebuilt in C# at that input.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WhatIfPlotTests(BrowserFixture browser) : IDisposable
{
    private const string Tanh = "tanh(w*x + b)";
    private static readonly string[] TanhPoint = ["w=0.8", "x=1.5", "b=-0.3"];

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private string TanhPage()
    {
        var graph = TestGraphs.Expression(Tanh, TanhPoint);
        return PageFile.Write(_files, "tanh", graph.Root, new ExplorerOptions { Title = Tanh, TitleVariables = [.. graph.Variables.Values] });
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static Value TanhAt(double w, double x = 1.5, double b = -0.3) =>
        TestGraphs.Expression(Tanh, $"w={R(w)}", $"x={R(x)}", $"b={R(b)}").Root;

    private static int Row(PageState state, string name) => state.Rows.Single(r => r.Name == name).Id;

    /// <summary>What the plot shows (window.explorer.whatIf), every number sent as JavaScript's String(), which round-trips.</summary>
    private sealed record Plot(int Leaf, double[] Xs, double[] Ys, double X, double Y, double Slope, double SecantX, double H, double Down, double Up, double Estimate);

    private static async Task<Plot?> ReadPlotAsync(ExplorerTab tab)
    {
        var json = await tab.Page.EvaluateAsync<string>("""
            () => {
              const w = window.explorer.whatIf;
              if (!w) return "null";
              const s = (v) => String(v);
              return JSON.stringify({ leaf: w.leaf, xs: w.xs.map(s), ys: w.ys.map(s), x: s(w.x), y: s(w.y), slope: s(w.slope),
                secantX: s(w.secant.x), h: s(w.secant.h), down: s(w.secant.down), up: s(w.secant.up), estimate: s(w.secant.estimate) });
            }
            """);
        using var document = JsonDocument.Parse(json);
        var e = document.RootElement;
        if (e.ValueKind == JsonValueKind.Null) return null;
        static double D(JsonElement v) => double.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        double[] A(string name) => [.. e.GetProperty(name).EnumerateArray().Select(D)];
        return new Plot(e.GetProperty("leaf").GetInt32(), A("xs"), A("ys"), D(e.GetProperty("x")), D(e.GetProperty("y")), D(e.GetProperty("slope")),
            D(e.GetProperty("secantX")), D(e.GetProperty("h")), D(e.GetProperty("down")), D(e.GetProperty("up")), D(e.GetProperty("estimate")));
    }

    /// <summary>Bit for bit (0 not equal to −0), and NaN for NaN (its payload does not survive the trip from JavaScript).</summary>
    private static void AssertSame(double expected, double actual, string what) =>
        Assert.True(double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: the page has {R(actual)}, the engine {R(expected)}");

    /// <summary>Each plotted output equals the engine's forward pass at the plotted input, the other leaves as given.</summary>
    private static void AssertCurve(Plot plot, Func<double, Value> engineAt, double min, double max)
    {
        Assert.Equal(101, plot.Xs.Length);
        Assert.Equal(101, plot.Ys.Length);
        Assert.Equal(min, plot.Xs[0], 12);
        Assert.Equal(max, plot.Xs[^1], 12);
        for (var i = 1; i < plot.Xs.Length; i++) Assert.True(plot.Xs[i] > plot.Xs[i - 1], $"the points go left to right ({i})");
        for (var i = 0; i < plot.Xs.Length; i++) AssertSame(engineAt(plot.Xs[i]).Data, plot.Ys[i], $"f at point {i} ({R(plot.Xs[i])})");
    }

    /// <summary>The tangent's slope is the engine's gradient, and the secant is the nudge check's, by the engine.</summary>
    private static void AssertLines(Plot plot, Func<double, Value> engineAt, int leaf)
    {
        var now = engineAt(plot.X);
        AssertSame(now.Data, plot.Y, "the point now");
        AssertSame(EngineTrace.Of(now).FinalGrad[leaf], plot.Slope, "the tangent's slope");
        var h = 1e-4 * Math.Max(1, Math.Abs(plot.X));
        AssertSame(h, plot.H, "h");
        var up = engineAt(plot.X + h).Data;
        var down = engineAt(plot.X - h).Data;
        AssertSame(up, plot.Up, "f(x + h)");
        AssertSame(down, plot.Down, "f(x − h)");
        AssertSame((up - down) / (2 * h), plot.Estimate, "the secant's slope");
    }

    [Fact]
    public async Task The_plotted_points_are_the_engines_forward_pass_and_the_tangent_has_the_engines_gradient()
    {
        await using var tab = await browser.OpenAsync(TanhPage());
        Assert.Null(await ReadPlotAsync(tab));
        Assert.True(await tab.Page.Locator("#what-if").IsHiddenAsync(), "no plot without a selected leaf");

        var w = Row(await tab.ReadAsync(), "w");
        await tab.SelectAsync(w);
        var plot = await ReadPlotAsync(tab);
        Assert.NotNull(plot);
        Assert.Equal(w, plot.Leaf);
        Assert.Equal(0.8, plot.X);
        // w's slider spans 0.8 ± 1.
        AssertCurve(plot, x => TanhAt(x), -0.2, 1.8);
        AssertLines(plot, x => TanhAt(x), w);

        // What is drawn: the 101 points, the point now, and both lines with those slopes; the axes are labelled.
        Assert.True(await tab.Page.Locator("#what-if").IsVisibleAsync());
        var d = await tab.Page.Locator("#what-if-plot path.curve").GetAttributeAsync("d") ?? "";
        Assert.Equal(101, d.Count(c => c is 'M' or 'L'));
        Assert.Equal(1, await tab.Page.Locator("#what-if-plot circle.now").CountAsync());
        Assert.Equal(R(plot.Slope), await tab.Page.Locator("#what-if-plot line.tangent").GetAttributeAsync("data-slope"));
        Assert.Equal(R(plot.Estimate), await tab.Page.Locator("#what-if-plot line.secant").GetAttributeAsync("data-slope"));
        var axes = await tab.Page.Locator("#what-if-plot text.axis").AllTextContentsAsync();
        Assert.Equal(["w", "↑ " + Tanh], axes);
        var legend = await tab.Page.Locator("#what-if-legend").TextContentAsync() ?? "";
        Assert.Contains($"tangent: slope w.grad = {Shown.Short(plot.Slope)}", legend);
        Assert.Contains($"secant of the nudge check (h = 0.0001): slope {Shown.Short(plot.Estimate)}", legend);
        Assert.Contains("tanh(w*x + b) as a function of w from -0.2 to 1.8", await tab.Page.Locator("#what-if-plot").GetAttributeAsync("aria-label"));
        await AssertReadableAsync(tab);
        // On a wide screen the plot leaves the table room for several rows.
        var values = (await tab.Page.Locator("#values").BoundingBoxAsync())!;
        Assert.True(values.Height >= 150, $"the table has {values.Height} px");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_plot_follows_another_selected_leaf_and_the_slider()
    {
        await using var tab = await browser.OpenAsync(TanhPage());
        var state = await tab.ReadAsync();
        var (w, b) = (Row(state, "w"), Row(state, "b"));
        await tab.SelectAsync(w);
        Assert.Equal(w, (await ReadPlotAsync(tab))!.Leaf);

        await tab.SelectAsync(b);
        var plot = (await ReadPlotAsync(tab))!;
        Assert.Equal(b, plot.Leaf);
        AssertCurve(plot, x => TanhAt(0.8, 1.5, x), -1.3, 0.7);
        AssertLines(plot, x => TanhAt(0.8, 1.5, x), b);
        Assert.Equal(["b", "↑ " + Tanh], await tab.Page.Locator("#what-if-plot text.axis").AllTextContentsAsync());

        // Dragging b moves the point and both lines along the same curve.
        await tab.Page.Locator("#leaf-slider").FillAsync("300");
        await tab.Page.WaitForFunctionAsync("() => window.explorer.whatIf.x === 0.2");
        var dragged = (await ReadPlotAsync(tab))!;
        Assert.Equal(plot.Ys, dragged.Ys);
        AssertLines(dragged, x => TanhAt(0.8, 1.5, x), b);

        // Changing another leaf (w, typed in the table) changes b's curve.
        await tab.EditLeafAsync(w, "2");
        var edited = (await ReadPlotAsync(tab))!;
        Assert.Equal(b, edited.Leaf);
        AssertCurve(edited, x => TanhAt(2, 1.5, x), -1.3, 0.7);
        AssertLines(edited, x => TanhAt(2, 1.5, x), b);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_arrow_keys_on_the_plot_move_the_leaf_along_the_plotted_points_and_keep_the_step()
    {
        await using var tab = await browser.OpenAsync(TanhPage());
        var w = Row(await tab.ReadAsync(), "w");
        await tab.SelectAsync(w);
        var before = (await ReadPlotAsync(tab))!;

        await tab.Page.Locator("#what-if-plot").FocusAsync();
        await tab.PressAsync("ArrowRight");
        var right = (await ReadPlotAsync(tab))!;
        Assert.Equal(before.Xs[51], right.X);
        Assert.Equal(Shown.Full(right.X), await tab.Page.Locator("#leaf-value").TextContentAsync());
        AssertSame(right.Ys[51], right.Y, "the point now is the plotted point");
        AssertLines(right, x => TanhAt(x), w);
        // As the slider does: a change shows both passes finished; from then on the page keeps its step (← did not step back).
        var step = await tab.Page.EvaluateAsync<int>("() => window.explorer.steps");
        Assert.Equal(step, await tab.Page.EvaluateAsync<int>("() => window.explorer.step"));

        await tab.PressAsync("End");
        Assert.Equal(1.8, (await ReadPlotAsync(tab))!.X);
        await tab.PressAsync("ArrowLeft");
        await tab.PressAsync("ArrowLeft");
        var left = (await ReadPlotAsync(tab))!;
        Assert.Equal(before.Xs[98], left.X);
        AssertLines(left, x => TanhAt(x), w);
        Assert.Equal(step, await tab.Page.EvaluateAsync<int>("() => window.explorer.step"));
        Assert.Equal("what-if-plot", await tab.Page.EvaluateAsync<string>("() => document.activeElement.id"));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task At_a_kink_the_tangent_and_the_secant_differ_and_NaN_breaks_the_curve()
    {
        // relu at 0: the engine's gradient is 0, the nudge's secant 1.5.
        var relu = TestGraphs.Expression("relu(x) * 3", "x=0").Root;
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "relu", relu));
        var x = Row(await tab.ReadAsync(), "x");
        await tab.SelectAsync(x);
        var plot = (await ReadPlotAsync(tab))!;
        Value ReluAt(double v) => TestGraphs.Expression("relu(x) * 3", $"x={R(v)}").Root;
        AssertCurve(plot, ReluAt, -1, 1);
        AssertLines(plot, ReluAt, x);
        Assert.Equal(0, plot.Slope);
        Assert.Equal(1.5, plot.Estimate, 12);

        // log of a negative number is NaN: those points are left out of the drawn curve, and still the engine's.
        var log = TestGraphs.Expression("log(x)", "x=0.5").Root;
        await using var logTab = await browser.OpenAsync(PageFile.Write(_files, "log", log));
        var lx = Row(await logTab.ReadAsync(), "x");
        await logTab.SelectAsync(lx);
        var logPlot = (await ReadPlotAsync(logTab))!;
        Value LogAt(double v) => TestGraphs.Expression("log(x)", $"x={R(v)}").Root;
        AssertCurve(logPlot, LogAt, -0.5, 1.5);
        var finite = logPlot.Ys.Count(double.IsFinite);
        Assert.InRange(finite, 1, 100);
        var d = await logTab.Page.Locator("#what-if-plot path.curve").GetAttributeAsync("data-points");
        var path = await logTab.Page.Locator("#what-if-plot path.curve").GetAttributeAsync("d") ?? "";
        Assert.Equal("101", d);
        Assert.Equal(finite, path.Count(c => c is 'M' or 'L'));
        Assert.DoesNotContain("NaN", path);
        logTab.AssertNoErrors();
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task For_every_leaf_of_the_seeds_neuron_the_plot_is_the_engines()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()));
        var state = await tab.ReadAsync();
        foreach (var (name, value) in TestGraphs.NeuronPoint)
        {
            var id = Row(state, name);
            await tab.SelectAsync(id);
            var plot = (await ReadPlotAsync(tab))!;
            Assert.Equal(id, plot.Leaf);
            Value At(double v) => TestGraphs.NeuronAt(new Dictionary<string, double>(TestGraphs.NeuronPoint) { [name] = v });
            var half = Math.Max(1, Math.Abs(value));
            AssertCurve(plot, At, value - half, value + half);
            AssertLines(plot, At, id);
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task On_a_big_graph_the_curve_is_computed_a_slice_a_frame_and_is_still_the_engines()
    {
        // x + x + … + x, 20,000 values: a forward pass per point, so about 20 points a frame.
        const int Count = 20_000;
        static Value SumAt(double v)
        {
            var x = new Value(v, "x");
            var sum = x;
            for (var i = 1; i < Count; i++) sum += x;
            return sum;
        }
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "sum", SumAt(0.3), new ExplorerOptions { MaxDrawnNodes = 50 }));
        await tab.SelectAsync(Row(await tab.ReadAsync(), "x"));
        await tab.Page.WaitForFunctionAsync("() => window.explorer.whatIf.complete");
        // Computed a slice a frame: how many frames it took is the page's count, not a race with the test's clock.
        Assert.True(await tab.Page.EvaluateAsync<int>("() => window.explorer.whatIf.slices") > 1, "a big graph's curve was computed in one frame");
        var plot = (await ReadPlotAsync(tab))!;
        AssertCurve(plot, SumAt, -0.7, 1.3);
        AssertLines(plot, SumAt, 0);
        Assert.Equal("101", await tab.Page.Locator("#what-if-plot path.curve").GetAttributeAsync("data-points"));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task With_the_plot_drawn_and_the_leaf_dragged_the_idle_page_does_no_work()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()));
        await tab.SelectAsync(Row(await tab.ReadAsync(), "w0"));
        await tab.Page.Locator("#leaf-slider").FillAsync("250");
        await tab.Page.WaitForFunctionAsync("() => window.explorer.whatIf.x !== 1.3");
        await tab.Page.WaitForTimeoutAsync(3000);
        Assert.Equal(0, await MainThread.RunningAnimationsAsync(tab.Page));
        var busy = await MainThread.BusyShareAsync(tab.Page);
        Assert.True(busy < 0.05, $"the idle page kept the main thread {busy:P1} busy");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_plot_is_readable_on_a_phone()
    {
        await using var tab = await browser.OpenAsync(TanhPage(), 400, 800);
        await tab.SelectAsync(Row(await tab.ReadAsync(), "w"));
        await tab.Page.Locator("#what-if-plot").ScrollIntoViewIfNeededAsync();
        var box = (await tab.Page.Locator("#what-if-plot").BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 400, $"the plot fits the screen's width ({box.X} + {box.Width})");
        Assert.True(box.Width >= 280, $"the plot is wide enough to read ({box.Width} px)");
        await AssertReadableAsync(tab);
        tab.AssertNoErrors();
    }

    /// <summary>The plot's numbers and labels are at least 11 px high on the screen, and the table keeps room for rows.</summary>
    private static async Task AssertReadableAsync(ExplorerTab tab)
    {
        foreach (var text in await tab.Page.Locator("#what-if-plot text").AllAsync())
        {
            var box = (await text.BoundingBoxAsync())!;
            Assert.True(box.Height >= 11, $"text {await text.TextContentAsync()} is {box.Width} × {box.Height} px");
        }
    }

    [Fact]
    public async Task Screenshot_of_the_what_if_plot()
    {
        await using var tab = await browser.OpenAsync(TanhPage(), 1600, 900);
        var w = Row(await tab.ReadAsync(), "w");
        await tab.SelectAsync(w);
        await tab.ClickAsync("end");
        var plot = (await ReadPlotAsync(tab))!;
        Assert.Equal(w, plot.Leaf);
        AssertLines(plot, x => TanhAt(x), w);
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "explorer-what-if.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await tab.Page.Mouse.MoveAsync(1595, 5);
        await tab.Page.ScreenshotAsync(new() { Path = path });
        Assert.Equal((1600, 900), Png.Size(path));
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_readme_shows_the_committed_screenshot_and_the_command_that_takes_it()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        Assert.Contains("dotnet test tests/Micrograd.Explorer.Tests --filter WhatIfPlot", readme, StringComparison.Ordinal);
        Assert.Contains("](docs/images/explorer-what-if.png)", readme, StringComparison.Ordinal);
        Assert.Equal((1600, 900), Png.Size(Repository.File("docs/images/explorer-what-if.png")));
    }

}
