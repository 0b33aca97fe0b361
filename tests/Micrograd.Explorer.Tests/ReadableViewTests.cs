using Micrograd.Explorer.Tests.Support;
using Micrograd.Graphs;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The picture opens readable: text at least 11 px high on screen, the whole picture when it fits so, else zoomed in around
/// the first node and following from there; top to bottom when left to right would be too small; with a switch between the two.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadableViewTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The height on screen of a value's "data" text, and whether its record is inside the picture's area.</summary>
    private static async Task<(double TextHeight, bool OnScreen)> LookAsync(ExplorerTab tab, int id)
    {
        var look = await tab.Page.EvaluateAsync<double[]>($$"""
            () => {
              const text = document.querySelector('#n{{id}} text.data').getBoundingClientRect();
              const node = document.getElementById('n{{id}}').getBoundingClientRect();
              const area = document.getElementById('graph').getBoundingClientRect();
              const inside = node.left >= area.left - 1 && node.right <= area.right + 1 && node.top >= area.top - 1 && node.bottom <= area.bottom + 1;
              return [text.height, inside ? 1 : 0];
            }
            """);
        return (look[0], look[1] == 1);
    }

    private static Task<string> DirectionAsync(ExplorerTab tab) => tab.Page.EvaluateAsync<string>("() => window.explorer.direction");

    [Fact]
    public async Task The_neuron_opens_top_to_bottom_readable_and_switches_to_left_to_right_readable()
    {
        var root = TestGraphs.Neuron();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root), 1600, 900);
        Assert.Equal("TB", await DirectionAsync(tab)); // asked for LR, which fitted would be about 6 px high
        var (height, onScreen) = await LookAsync(tab, 0);
        Assert.True(height >= 11, $"text {height:F1} px high");
        Assert.True(onScreen);
        Assert.Equal("true", await tab.Page.Locator("#dir-tb").GetAttributeAsync("aria-pressed"));

        for (var i = 0; i < 9; i++) await tab.PressAsync("ArrowRight");
        await tab.ClickAsync("dir-lr");
        Assert.Equal("LR", await DirectionAsync(tab));
        Assert.Equal("true", await tab.Page.Locator("#dir-lr").GetAttributeAsync("aria-pressed"));
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, 9, state, "after switching to LR");
        (height, onScreen) = await LookAsync(tab, trace.NodeAt(9));
        Assert.True(height >= 11, $"text {height:F1} px high in LR");
        Assert.True(onScreen, "the current node is on screen after the switch");
        Assert.Contains("left to right", await tab.Page.Locator("#graph svg").GetAttributeAsync("aria-label"));

        // Stepping on follows the current node.
        for (var s = 10; s <= 14; s++)
        {
            await tab.PressAsync("ArrowRight");
            Assert.True((await LookAsync(tab, trace.NodeAt(s))).OnScreen, $"node {trace.NodeAt(s)} at step {s}");
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_seeds_neuron_opens_whole_where_its_text_stays_at_least_11_px_high()
    {
        var root = TestGraphs.Neuron();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root), 1600, 900);
        var fitted = await tab.Page.EvaluateAsync<double>("() => window.explorer.textPixels");
        for (var id = 0; id < trace.Count; id++)
        {
            var (height, onScreen) = await LookAsync(tab, id);
            Assert.True(onScreen, $"{trace.Name(id)} is off screen (the whole graph fits with text {fitted:F1} px high)");
            Assert.True(height >= 11, $"{trace.Name(id)}'s text is {height:F1} px high");
        }
        var view = await tab.ViewBoxAsync();
        await tab.PressAsync("0");
        var fit = await tab.ViewBoxAsync();
        Assert.True(Math.Abs(view[2] / fit[2] - 1) < 0.01, $"it opened showing {view[2]:F0} units across, fitted {fit[2]:F0}"); // it opened fitted
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_small_graph_opens_whole_in_the_direction_asked_for()
    {
        var root = TestGraphs.Expression("x*y", "x=2", "y=3").Root;
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "small", root), 1600, 900);
        Assert.Equal("LR", await DirectionAsync(tab));
        var view = await tab.ViewBoxAsync();
        await tab.PressAsync("0");
        Assert.Equal(await tab.ViewBoxAsync(), view); // fitted already
        Assert.True((await LookAsync(tab, 0)).TextHeight >= 11);

        await using var tb = await browser.OpenAsync(PageFile.Write(_files, "small-tb", root, new ExplorerOptions { RankDirection = RankDirection.TopToBottom }), 1600, 900);
        Assert.Equal("TB", await DirectionAsync(tb));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_graph_of_hundreds_of_values_opens_readable_around_its_first_node_and_follows_the_steps()
    {
        var root = TestGraphs.Mlp();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", root), 1600, 900);
        var (height, onScreen) = await LookAsync(tab, 0);
        Assert.True(height >= 11, $"text {height:F1} px high");
        Assert.True(onScreen, "the first node is on screen");
        foreach (var target in new[] { 1, 2, 3, 4, 5, 6 })
        {
            await tab.PressAsync("ArrowRight");
            Assert.True((await LookAsync(tab, trace.NodeAt(target))).OnScreen, $"node {trace.NodeAt(target)}");
        }

        // Fitted, the whole picture's text would be unreadably small; the fit button shows it all the same.
        await tab.PressAsync("0");
        Assert.True((await LookAsync(tab, 0)).TextHeight < 11);
        tab.AssertNoErrors();
    }
}
