using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The keys stay the page's: after typing a value and pressing Enter (or Escape), after clicking a node, and the picture's
/// values can be reached and selected with the keyboard alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static async Task StepWithKeysAsync(ExplorerTab tab, EngineTrace trace, string context)
    {
        Assert.False(await tab.TypingAsync(), $"{context}: the focus is still in a text field");
        await tab.PressAsync("Home");
        Expect.StateAt(trace, 0, await tab.ReadAsync(), context);
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("ArrowRight");
        Expect.StateAt(trace, 2, await tab.ReadAsync(), context);
        await tab.PressAsync("ArrowLeft");
        Expect.StateAt(trace, 1, await tab.ReadAsync(), context);
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), context);
    }

    [Fact]
    public async Task After_typing_a_value_and_Enter_the_arrows_Home_and_End_step_the_page()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()));
        var x1 = (await tab.ReadAsync()).Rows.Single(r => r.Name == "x1").Id;
        await tab.EditLeafAsync(x1, "-0.25"); // types into the field, then Enter
        var point = new Dictionary<string, double>(TestGraphs.NeuronPoint) { ["x1"] = -0.25 };
        await StepWithKeysAsync(tab, EngineTrace.Of(TestGraphs.NeuronAt(point)), "after Enter");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task After_Escape_in_a_field_the_keys_step_the_page()
    {
        var root = TestGraphs.Neuron();
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root));
        var input = tab.Page.Locator("#row-0 td.data input");
        await input.ClickAsync();
        await input.PressAsync("End");
        await input.PressAsync("Backspace"); // the field keeps its keys while typing: End and Backspace edit it
        Assert.True(await tab.TypingAsync());
        Assert.Equal(0, (await tab.ReadAsync()).Step);
        await input.PressAsync("Escape");
        Assert.Equal("1.3", await input.InputValueAsync());
        await StepWithKeysAsync(tab, EngineTrace.Of(root), "after Escape");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task After_clicking_a_node_and_after_clicking_a_button_the_keys_step_the_page()
    {
        var root = TestGraphs.Neuron();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root));
        await tab.PressAsync("0");
        await tab.Page.Locator("#n1").ClickAsync();
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>("() => window.explorer.selected"));
        await StepWithKeysAsync(tab, trace, "after a click on a node");
        await tab.ClickAsync("back");
        await StepWithKeysAsync(tab, trace, "after a click on Back");
        await tab.Page.Locator("#row-3 td.name .label").ClickAsync();
        await StepWithKeysAsync(tab, trace, "after a click on a row");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_pictures_values_are_reached_with_Tab_moved_between_with_the_arrows_and_selected_with_Enter()
    {
        var root = TestGraphs.Neuron();
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root));
        const string Focused = "() => { const g = document.activeElement.closest && document.activeElement.closest('#graph g.node'); return g ? Number(g.dataset.id) : -1; }";
        var reached = -1;
        for (var i = 0; i < 30 && reached < 0; i++)
        {
            await tab.PressAsync("Tab");
            reached = await tab.Page.EvaluateAsync<int>(Focused);
        }
        Assert.Equal(0, reached); // one tab stop in the picture: the first value

        await tab.PressAsync("ArrowDown");
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>(Focused));
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("ArrowUp");
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>(Focused));
        await tab.PressAsync("Enter");
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>("() => window.explorer.selected"));
        Assert.Equal("x0", await tab.Page.Locator("#leaf-name").TextContentAsync());

        // On a value, → still steps the page; the focus stays where it is.
        await tab.PressAsync("ArrowRight");
        Assert.Equal(1, (await tab.ReadAsync()).Step);
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>(Focused));

        // Tab leaves the picture in one press, whatever its size.
        await tab.PressAsync("Tab");
        Assert.Equal(-1, await tab.Page.EvaluateAsync<int>(Focused));
        tab.AssertNoErrors();
    }
}
