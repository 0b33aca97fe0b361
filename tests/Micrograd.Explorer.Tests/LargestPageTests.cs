using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>The largest page the tool writes (<see cref="HtmlOption.MaxPageValues"/> values) opens and steps in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LargestPageTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_page_of_the_most_values_the_tool_allows_opens_with_a_row_for_each_and_steps_to_the_end()
    {
        // x + x + … + x: one leaf and an addition for each further term, drawn cut (the picture is not what is tested)
        var x = new Value(0.5, "x");
        var sum = x;
        for (var i = 1; i < HtmlOption.MaxPageValues; i++) sum += x;
        Assert.Equal(HtmlOption.MaxPageValues, sum.TopologicalOrder().Count);
        var file = PageFile.Write(_files, "largest", sum, new ExplorerOptions { MaxDrawnNodes = 50 });

        // the table's rows are made when the page opens: minutes on a loaded machine (no timing is asserted)
        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, file, 1400, 850, timeout: TimeSpan.FromMinutes(10));
        Assert.Equal(HtmlOption.MaxPageValues, await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#rows tr').length"));
        await tab.PressAsync("End");
        await tab.PressAsync("ArrowLeft");
        await tab.PressAsync("Home");
        tab.AssertNoErrors();
    }
}
