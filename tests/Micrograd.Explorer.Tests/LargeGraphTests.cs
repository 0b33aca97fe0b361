using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>A graph of a few hundred nodes (a small multilayer perceptron) stays usable: it loads, steps, and follows the current node.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LargeGraphTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_multilayer_perceptron_of_hundreds_of_nodes_loads_steps_and_ends_with_the_engines_numbers()
    {
        var root = TestGraphs.Mlp();
        var trace = EngineTrace.Of(root);
        Assert.InRange(trace.Count, 300, 600);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", root));

        var state = await tab.ReadAsync();
        Assert.Equal(trace.Count, state.Rows.Count);
        Assert.Equal(trace.Count, state.Records.Count);
        Assert.Equal("agree", state.CheckClass);

        for (var s = 1; s <= 12; s++) await tab.PressAsync("ArrowRight");
        Expect.StateAt(trace, 12, await tab.ReadAsync(), "mlp");
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), "mlp");
        for (var s = trace.Steps - 1; s >= trace.Steps - 5; s--)
        {
            await tab.PressAsync("ArrowLeft");
            Expect.StateAt(trace, s, await tab.ReadAsync(), "mlp");
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Zoomed_in_the_view_follows_the_current_node_and_its_row_scrolls_into_view()
    {
        var root = TestGraphs.Mlp();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", root));
        for (var i = 0; i < 2; i++) await tab.PressAsync("+");

        // Forward from the first node, then backward from the root, which lies at the other end of the picture; by keys
        // and by the position slider.
        var targets = new[] { 1, 2, 3, 41, trace.Count / 2, trace.Count, trace.Count + 1, trace.Count + 2, trace.Count + 60, trace.Steps - 3 };
        foreach (var target in targets)
        {
            var now = (await tab.ReadAsync()).Step;
            if (target == now + 1) await tab.PressAsync("ArrowRight");
            else await tab.Page.Locator("#position").FillAsync(target.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(target, (await tab.ReadAsync()).Step);
            var current = trace.NodeAt(target);
            var visible = await tab.Page.EvaluateAsync<bool[]>($$"""
                () => {
                  const inside = (r, v) => r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
                  const node = document.getElementById('n{{current}}').getBoundingClientRect();
                  const picture = document.querySelector('#graph svg').getBoundingClientRect();
                  const row = document.getElementById('row-{{current}}').getBoundingClientRect();
                  const panel = document.getElementById('values').getBoundingClientRect();
                  return [inside(node, picture), row.top >= panel.top && row.bottom <= panel.bottom];
                }
                """);
            Assert.True(visible[0], $"node {current} is outside the zoomed view");
            Assert.True(visible[1], $"row {current} is scrolled out of the table");
        }
        var zoomed = await tab.ViewBoxAsync();
        await tab.PressAsync("0");
        Assert.True(zoomed[2] < (await tab.ViewBoxAsync())[2] / 4, "the view stayed zoomed in while following");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_graph_drawn_cut_still_steps_through_every_value()
    {
        var root = TestGraphs.Mlp();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp-cut", root, new ExplorerOptions { MaxDrawnNodes = 60 }));
        var state = await tab.ReadAsync();
        Assert.Equal(trace.Count, state.Rows.Count);
        Assert.Equal(60, state.Records.Count);
        Assert.Equal(1, await tab.Page.Locator("#omitted").CountAsync());

        for (var s = 1; s <= 5; s++) await tab.PressAsync("ArrowRight");
        Expect.StateAt(trace, 5, await tab.ReadAsync(), "cut mlp");
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), "cut mlp");
        tab.AssertNoErrors();
    }
}
