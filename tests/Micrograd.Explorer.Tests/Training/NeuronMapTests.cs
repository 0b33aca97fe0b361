using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// What each neuron computes (issue #20): a map per hidden neuron of its output over the plane at the step shown, the
/// engine's numbers (Layer.Evaluate with the step's weights), drawn large when pointed at or reached with Tab; and the first
/// layer's zero lines w·x + b = 0 over the plane, switched on and off with a checkbox, from the keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NeuronMapTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>
{
    private const int K = 37;

    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    public sealed record Grid(int N, double[] Xs, double[] Ys, double[][] Values, int Neuron = -1);

    public sealed record Line(int Neuron, string Name, double[] From, double[] To, double[] ScreenFrom, double[] ScreenTo);

    public sealed record Bounds(double X, double Y, double Span);

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    private static async Task<T> ReadAsync<T>(ExplorerTab tab, string script) =>
        JsonSerializer.Deserialize<T>(await tab.Page.EvaluateAsync<string>(script), CaseInsensitive)!;

    private static Task<Grid> SmallAsync(ExplorerTab tab) => ReadAsync<Grid>(tab,
        "() => { const m = window.training.neuronMaps.small; return JSON.stringify({ n: m.n, xs: Array.from(m.xs), ys: Array.from(m.ys), values: m.values.map((v) => Array.from(v)) }); }");

    private static Task<Grid> LargeAsync(ExplorerTab tab) => ReadAsync<Grid>(tab,
        "() => { const m = window.training.neuronMaps.large; return JSON.stringify({ n: m.n, neuron: m.neuron, xs: Array.from(m.xs), ys: Array.from(m.ys), values: [Array.from(m.values)] }); }");

    /// <summary>Every hidden neuron's output at (x, y), layer by layer, as the engine computes it (Layer.Evaluate).</summary>
    private static double[] EngineNeurons(Mlp model, double x, double y)
    {
        var outputs = new List<double>();
        var input = new[] { x, y };
        for (var l = 0; l < model.Layers.Count - 1; l++)
        {
            input = model.Layers[l].Evaluate(input);
            outputs.AddRange(input);
        }
        return [.. outputs];
    }

    private static void AssertEngines(Mlp model, Grid grid, Func<int, int> neuronOf, string what)
    {
        Assert.Equal(grid.N * grid.N, grid.Xs.Length);
        for (var at = 0; at < grid.Xs.Length; at++)
        {
            var engine = EngineNeurons(model, grid.Xs[at], grid.Ys[at]);
            for (var k = 0; k < grid.Values.Length; k++)
            {
                var expected = engine[neuronOf(k)];
                Assert.True(expected.Equals(grid.Values[k][at]),
                    $"{what}, neuron {neuronOf(k)} at ({grid.Xs[at]:R}, {grid.Ys[at]:R}): the page {grid.Values[k][at]:R}, the engine {expected:R}");
            }
        }
    }

    [Fact]
    public async Task Each_hidden_neurons_map_is_the_engines_output_and_pointing_or_tabbing_at_one_draws_it_large()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, 400, 800);
        await GoToAsync(tab, K);
        var model = moons.ModelAt(K);
        var hidden = model.Layers.Take(model.Layers.Count - 1).Sum(l => l.OutputCount);
        var names = await tab.Page.EvaluateAsync<string[]>("() => window.training.neuronMaps.names");
        Assert.Equal(hidden, names.Length);
        Assert.Equal("l0.n0", names[0]);
        Assert.Equal($"l1.n{model.Layers[1].OutputCount - 1}", names[^1]);
        var thumbnails = tab.Page.Locator("#neuron-maps canvas");
        Assert.Equal(hidden, await thumbnails.CountAsync());

        // Every thumbnail's every grid point, at step K: the engine's output of that neuron.
        AssertEngines(model, await SmallAsync(tab), k => k, $"step {K}");
        Assert.False(await tab.Page.Locator("#neuron-large-box").IsVisibleAsync());

        // Pointing at one draws it large: the engine's numbers again, over a finer grid.
        await thumbnails.Nth(20).ScrollIntoViewIfNeededAsync();
        await thumbnails.Nth(20).HoverAsync();
        Assert.True(await tab.Page.Locator("#neuron-large-box").IsVisibleAsync());
        var large = await LargeAsync(tab);
        Assert.Equal(20, large.Neuron);
        Assert.Equal(60, large.N);
        AssertEngines(model, large, _ => 20, $"step {K}, large");
        Assert.StartsWith($"neuron {names[20]} (relu) at step {K}: ", await tab.Page.Locator("#neuron-said").TextContentAsync(), StringComparison.Ordinal);
        var box = (await tab.Page.Locator("#neuron-large").BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 400.5 && box.Width > 200, $"the large map is at {box.X} + {box.Width}");

        // From the keyboard: Tab from a thumbnail reaches the next, which is drawn large; → steps the page, and the maps follow.
        await thumbnails.Nth(3).FocusAsync();
        Assert.Equal(3, (await LargeAsync(tab)).Neuron);
        await tab.PressAsync("Tab");
        Assert.Equal(4, (await LargeAsync(tab)).Neuron);
        Assert.StartsWith($"neuron {names[4]} (relu) at step {K}: ", await tab.Page.Locator("#neuron-said").TextContentAsync(), StringComparison.Ordinal);
        await tab.PressAsync("ArrowRight");
        Assert.Equal(K + 1, await TrainingView.StepAsync(tab));
        var next = moons.ModelAt(K + 1);
        AssertEngines(next, await SmallAsync(tab), k => k, $"step {K + 1}");
        AssertEngines(next, await LargeAsync(tab), _ => 4, $"step {K + 1}, large");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_first_layers_zero_lines_lie_where_each_neurons_sum_is_zero_and_the_checkbox_toggles_them_by_keyboard()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, 400, 800);
        await GoToAsync(tab, K);
        const string Lines = "() => JSON.stringify(window.training.zeroLines)";
        Assert.Empty(await ReadAsync<Line[]>(tab, Lines));
        Assert.False(await tab.Page.Locator("#plane-lines").IsVisibleAsync());

        await tab.Page.Locator("#zero-lines").FocusAsync();
        await tab.PressAsync(" ");
        Assert.True(await tab.Page.Locator("#zero-lines").IsCheckedAsync());
        Assert.False(await TrainingView.StepAsync(tab) != K || await tab.Page.EvaluateAsync<bool>("() => window.training.playing"), "Space on the checkbox ticks it, and does not play");
        Assert.True(await tab.Page.Locator("#plane-lines").IsVisibleAsync());
        var (plane, over) = ((await tab.Page.Locator("#plane").BoundingBoxAsync())!, (await tab.Page.Locator("#plane-lines").BoundingBoxAsync())!);
        Assert.Equal((plane.X, plane.Y, plane.Width, plane.Height), (over.X, over.Y, over.Width, over.Height));
        await AssertLinesAsync(tab, moons.ModelAt(K), K);

        // → with the focus on the checkbox steps the page, and the lines follow the step's weights.
        await tab.PressAsync("ArrowRight");
        Assert.Equal(K + 1, await TrainingView.StepAsync(tab));
        await AssertLinesAsync(tab, moons.ModelAt(K + 1), K + 1);

        await tab.PressAsync(" ");
        Assert.False(await tab.Page.Locator("#zero-lines").IsCheckedAsync());
        Assert.Empty(await ReadAsync<Line[]>(tab, Lines));
        Assert.False(await tab.Page.Locator("#plane-lines").IsVisibleAsync());
        tab.AssertNoErrors();
    }

    /// <summary>
    /// Each first-layer neuron whose line w·x + b = 0 crosses the square shown (its sum changes sign between the square's
    /// corners, by the engine's weights) has one drawn, from an edge of the square to another, and its points (ends and
    /// middle) are where w·x + b is 0.
    /// </summary>
    private static async Task AssertLinesAsync(ExplorerTab tab, Mlp model, int step)
    {
        var lines = await ReadAsync<Line[]>(tab, "() => JSON.stringify(window.training.zeroLines)");
        var b = await ReadAsync<Bounds>(tab, "() => JSON.stringify(window.training.planeBounds)");
        var size = await tab.Page.EvaluateAsync<double[]>("() => [document.getElementById('plane').clientWidth, document.getElementById('plane').clientHeight]");
        var first = model.Layers[0].Neurons;
        double Sum(int n, double x, double y) => first[n].Weights[0].Data * x + first[n].Weights[1].Data * y + first[n].Bias.Data;
        var corners = new[] { (b.X, b.Y), (b.X + b.Span, b.Y), (b.X, b.Y + b.Span), (b.X + b.Span, b.Y + b.Span) };
        var crossing = Enumerable.Range(0, first.Count).Where(n => corners.Any(c => Sum(n, c.Item1, c.Item2) > 0) && corners.Any(c => Sum(n, c.Item1, c.Item2) < 0)).ToArray();
        Assert.NotEmpty(crossing);
        Assert.Equal(crossing, lines.Select(l => l.Neuron));
        foreach (var line in lines)
        {
            var n = line.Neuron;
            Assert.Equal($"l0.n{n}", line.Name);
            var scale = Math.Abs(first[n].Weights[0].Data) * b.Span + Math.Abs(first[n].Weights[1].Data) * b.Span + Math.Abs(first[n].Bias.Data);
            var middle = new[] { (line.From[0] + line.To[0]) / 2, (line.From[1] + line.To[1]) / 2 };
            foreach (var p in new[] { line.From, line.To, middle })
            {
                var sum = Sum(n, p[0], p[1]);
                Assert.True(Math.Abs(sum) <= 1e-12 * scale, $"step {step}, neuron {n}: w·x + b = {sum:R} at ({p[0]:R}, {p[1]:R})");
            }
            foreach (var p in new[] { line.ScreenFrom, line.ScreenTo })
            {
                var edge = new[] { Math.Abs(p[0]), Math.Abs(p[0] - size[0]), Math.Abs(p[1]), Math.Abs(p[1] - size[1]) }.Min();
                Assert.True(edge < 0.01 && p[0] > -0.01 && p[0] < size[0] + 0.01 && p[1] > -0.01 && p[1] < size[1] + 0.01,
                    $"step {step}, neuron {n}: an end at ({p[0]}, {p[1]}) is not on the plane's edge ({size[0]} × {size[1]})");
            }
        }
    }
}
