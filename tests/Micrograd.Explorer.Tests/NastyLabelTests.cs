using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>Labels with markup, quotes, line breaks and other scripts' characters are shown as text, never run.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NastyLabelTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Nasty_labels_and_title_are_shown_as_text_and_the_page_works()
    {
        string[] labels = ["</script><script>alert('x')</script>", "a & b <c> \"q\" 'r'", "two\nlines", "{ record | fields }", "naïve ✓ 𝑥²", "x"];
        var leaves = labels.Select((label, i) => new Value(i + 0.5, label)).ToArray();
        var root = Value.Sum(leaves.Select(v => v * v));
        root.Label = "<img src=x onerror=alert(1)>";
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "nasty", root, new ExplorerOptions { Title = "<script>alert('title')</script>" }));

        var state = await tab.ReadAsync();
        foreach (var label in labels.Append(root.Label)) Assert.Contains(state.Rows, r => r.Name == label);
        Assert.Equal("<script>alert('title')</script>", await tab.Page.Locator("#title").TextContentAsync());
        Assert.Equal("agree", state.CheckClass);
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), "nasty labels");
        Assert.Equal(0, await tab.Page.Locator("img").CountAsync());
        tab.AssertNoErrors(); // no dialog opened, no script error
        lock (tab.Requests) Assert.Equal([tab.Url], tab.Requests);
    }
}
