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
    public async Task A_multilayer_perceptron_stepped_end_to_end_shows_the_engines_numbers_at_every_step()
    {
        var root = TestGraphs.Mlp();
        var trace = EngineTrace.Of(root);
        Assert.InRange(trace.Count, 300, 600);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", root));
        Expect.StateAt(trace, 0, await tab.ReadAsync(), "mlp");
        for (var s = 1; s <= trace.Steps; s++)
        {
            await tab.PressAsync("ArrowRight");
            Expect.StateAt(trace, s, await tab.ReadAsync(), "mlp");
        }
        Assert.Equal("agree", (await tab.ReadAsync()).CheckClass);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_graph_drawn_cut_still_steps_through_every_value_and_says_which_are_not_drawn()
    {
        var root = TestGraphs.Mlp();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp-cut", root, new ExplorerOptions { MaxDrawnNodes = 60 }));
        var state = await tab.ReadAsync();
        Assert.Equal(trace.Count, state.Rows.Count);
        Assert.Equal(60, state.Records.Count);
        Assert.Equal(1, await tab.Page.Locator("#omitted").CountAsync());

        // The status bar says it, in the page's own text size.
        var cut = tab.Page.Locator("#cut");
        Assert.True(await cut.IsVisibleAsync());
        Assert.Equal($"{trace.Count - 60} of {trace.Count} values not drawn (the picture shows the 60 nearest the result; the table lists every value)", await cut.TextContentAsync());
        Assert.True(await cut.EvaluateAsync<double>("e => e.getBoundingClientRect().height") >= 12);

        // The explanation says "(not drawn)" for a value that is not drawn, and only then.
        var drawn = state.Records.Select(r => r.Id).ToHashSet();
        for (var s = 1; s <= 5; s++) await tab.PressAsync("ArrowRight");
        state = await tab.ReadAsync();
        Expect.StateAt(trace, 5, state, "cut mlp");
        Assert.DoesNotContain(trace.NodeAt(5), drawn);
        Assert.EndsWith($"· {trace.Name(trace.NodeAt(5))} (not drawn)", state.Phase, StringComparison.Ordinal);
        await tab.PressAsync("End");
        state = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, state, "cut mlp");
        Assert.True(drawn.Contains(trace.NodeAt(trace.Steps)) == !state.Phase.EndsWith("(not drawn)", StringComparison.Ordinal));
        await tab.Page.Locator("#position").FillAsync((trace.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("(not drawn)", (await tab.ReadAsync()).Phase, StringComparison.Ordinal); // the root is always drawn
        tab.AssertNoErrors();
    }
}
