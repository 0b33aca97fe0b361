using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// A leaf used many times is drawn again beside its uses (DotWriter's copies, <c>n0_e12</c>): each copy shows the value's
/// numbers as its record does, and is marked with it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CopiedLeafTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Every_copy_of_a_leaf_shows_its_numbers_and_is_selected_with_it()
    {
        // x + x + … + x, 30 terms: x is used 30 times
        var x = new Value(0.5, "x");
        var sum = x;
        for (var i = 1; i < 30; i++) sum += x;
        var trace = EngineTrace.Of(sum);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "copies", sum));

        const string Copies = "() => [...document.querySelectorAll('#graph g.node')].filter((g) => /^n0_e\\d+$/.test(g.id))";
        Assert.True(await tab.Page.EvaluateAsync<int>($"() => ({Copies})().length") > 20);

        await tab.PressAsync("End");
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, state, "copies");
        var record = state.Records.Single(r => r.Id == 0);
        var shown = await tab.Page.EvaluateAsync<string[][]>($"() => ({Copies})().map((g) => [g.querySelector('text.data').textContent, g.querySelector('text.grad').textContent])");
        Assert.All(shown, copy => Assert.Equal(new[] { record.Data, record.Grad }, copy));

        await tab.SelectAsync(0);
        var selected = await tab.Page.EvaluateAsync<bool[]>($"() => ({Copies})().map((g) => g.classList.contains('selected'))");
        Assert.All(selected, Assert.True);
        tab.AssertNoErrors();
    }
}
