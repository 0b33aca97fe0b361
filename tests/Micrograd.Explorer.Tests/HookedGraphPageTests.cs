using System.Globalization;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// A graph with gradient hooks (<see cref="Value.RegisterHook"/>), C# functions that replace a gradient during the
/// backward pass: the page steps through the engine's numbers, the hooked gradients included, bit for bit, says at each
/// hooked node that a hook replaced its gradient, and refuses to change any leaf (it cannot rerun a hook).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HookedGraphPageTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();
    private readonly List<IDisposable> _hooks = [];

    public void Dispose()
    {
        foreach (var hook in _hooks) hook.Dispose();
        _files.Dispose();
    }

    /// <summary>
    /// out = h·h + b·h with h = tanh(u + a), u = a·b: h's gradient (2h + b, a sum of three contributions) is clipped to
    /// [−1, 1], u's is halved and b's (a leaf used twice) doubled.
    /// </summary>
    private Value Graph()
    {
        var a = new Value(0.7, "a");
        var b = new Value(-1.3, "b");
        var u = a * b;
        u.Label = "u";
        var h = (u + a).Tanh();
        h.Label = "h";
        _hooks.Add(h.RegisterHook(g => g.Data < -1 ? -1.0 : g.Data > 1 ? 1.0 : g));
        _hooks.Add(u.RegisterHook(g => g * 0.5));
        _hooks.Add(b.RegisterHook(g => g * 2));
        var output = h * h + b * h;
        output.Label = "out";
        return output;
    }

    [Fact]
    public async Task Every_step_shows_the_engines_hooked_gradients_and_the_page_agrees_with_the_engine()
    {
        var root = Graph();
        var trace = EngineTrace.Of(root);
        int Id(string label) => trace.Graph.Nodes.Select((v, id) => (v, id)).Single(p => p.v.Label == label).id;
        var h = Id("h");
        Assert.Equal(-1.0, trace.HookOf(h)!.Hooked); // the clip did clip: without it h.grad would be 2h + b
        Assert.NotEqual(trace.HookOf(h)!.Sum, trace.HookOf(h)!.Hooked);
        Assert.NotEqual(trace.HookOf(Id("u"))!.Sum, trace.HookOf(Id("u"))!.Hooked);

        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "hooked", root));
        var state = await tab.ReadAsync();
        Assert.Equal("agree", state.CheckClass);
        Assert.Equal(
            "b, u, h have gradient hooks, C# functions that replace a gradient in the backward pass: the page shows the engine's gradients for them and cannot rerun the hooks, so no leaf can be changed here",
            await tab.Page.Locator("#hooked").TextContentAsync());
        Assert.True(await tab.Page.Locator("#hooked").IsVisibleAsync());

        for (var s = 0; s <= trace.Steps; s++)
        {
            Expect.StateAt(trace, s, await tab.ReadAsync(), "hooked");
            await tab.PressAsync("ArrowRight");
        }
        var end = await tab.ReadAsync();
        for (var id = 0; id < trace.Count; id++)
        {
            Assert.Equal(Shown.Full(trace.Graph.Nodes[id].Data), end.Rows[id].Data);
        }

        // h's own backward step: its gradient, the sum of its contributions, replaced by the hook's, which it passes back.
        await tab.Page.Locator("#position").FillAsync((2 * trace.ForwardSteps - h).ToString(CultureInfo.InvariantCulture));
        var step = await tab.ReadAsync();
        var hook = trace.HookOf(h)!;
        Assert.Equal($"h.grad = {Shown.Short(hook.Sum)} → -1", step.Lines[0]);
        Assert.Contains(step.Notes, n => n == "a C# hook replaced h's gradient, the sum of its contributions: this is the hook's result, as the engine computed it, and what h passes back");
        Assert.StartsWith("(u + a).grad += (1 − h.data²) × h.grad = ", step.Lines[1], StringComparison.Ordinal);
        Assert.Contains(step.Factors, f => f == "upstream h.grad = -1");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Skipping_leaves_still_gives_a_hooked_leaf_the_engines_gradient()
    {
        var root = Graph();
        var trace = EngineTrace.Of(root).SkippingLeaves();
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "hooked", root));
        await tab.Page.Locator("#skip-leaves").CheckAsync();
        await tab.PressAsync("Home");
        for (var s = 0; s <= trace.Steps; s++)
        {
            Expect.StateAt(trace, s, await tab.ReadAsync(), "hooked, leaves skipped");
            await tab.PressAsync("ArrowRight");
        }
        Assert.Equal("agree", (await tab.ReadAsync()).CheckClass);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_hook_on_the_output_replaces_the_gradient_of_1_it_starts_from()
    {
        var x = new Value(0.4, "x");
        var root = (x * x).Exp();
        root.Label = "y";
        _hooks.Add(root.RegisterHook(g => g * 3));
        var trace = EngineTrace.Of(root);
        Assert.Equal(3.0, trace.HookOf(trace.Count - 1)!.Hooked);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "hooked output", root));
        for (var s = 0; s <= trace.Steps; s++)
        {
            Expect.StateAt(trace, s, await tab.ReadAsync(), "hooked output");
            await tab.PressAsync("ArrowRight");
        }
        var end = await tab.ReadAsync();
        Assert.Equal("agree", end.CheckClass);
        Assert.Equal("y has a gradient hook, a C# function that replaces a gradient in the backward pass: the page shows the engine's gradients for it and cannot rerun the hook, so no leaf can be changed here",
            await tab.Page.Locator("#hooked").TextContentAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task No_leaf_can_be_changed_and_a_link_that_changes_one_is_ignored()
    {
        var root = Graph();
        var trace = EngineTrace.Of(root);
        var a = trace.Graph.Nodes.Select((v, id) => (v, id)).Single(p => p.v.Label == "a").id;
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "hooked", root), hash: $"#step={trace.Steps}&n{a}=5");
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, state, "hooked with a=5 in the link");
        Assert.Equal("agree", state.CheckClass);

        Assert.Equal(0, await tab.Page.Locator("#rows td.data input").CountAsync());
        Assert.Equal(0, await tab.Page.Locator("#rows input.learn").CountAsync());
        foreach (var name in new[] { "a", "b" })
        {
            await tab.SelectAsync(state.Rows.Single(r => r.Name == name).Id);
            Assert.True(await tab.Page.Locator("#leaf-panel").IsHiddenAsync());
            Assert.Equal(
                $"the graph has gradient hooks (on b, u, h), which the page cannot rerun (C# functions): {name} cannot be changed here.",
                await tab.Page.Locator("#leaf-hint").TextContentAsync());
        }

        // A learning step says why it cannot run, rather than asking for leaves that cannot be ticked.
        await tab.ClickAsync("learn-step");
        Assert.Equal("no leaf of this graph can be changed here, so none can learn", await tab.Page.Locator("#learn-result").TextContentAsync());
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), "after the learning step was refused");
        tab.AssertNoErrors();
    }
}
