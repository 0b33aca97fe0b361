using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>The page opens from disk and never touches the network: the only request it makes is for its own file.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NetworkTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Opening_and_using_the_page_requests_nothing_but_the_file_itself()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()));
        Assert.StartsWith("file://", tab.Url, StringComparison.Ordinal);

        // Use everything: play, step, zoom, pan, select, edit.
        await tab.Page.Locator("#speed").FillAsync("6");
        await tab.ClickAsync("play");
        await tab.Page.WaitForFunctionAsync("() => window.explorer.step === window.explorer.steps");
        await tab.PressAsync("Home");
        await tab.PressAsync("ArrowRight");
        await tab.ClickAsync("zoom-in");
        await tab.Page.Mouse.WheelAsync(0, 300);
        await tab.PressAsync("0");
        await tab.Page.Locator("#n0").ClickAsync();
        await tab.EditLeafAsync(0, "-3");
        await tab.PressAsync("End");
        Assert.Equal("edited", (await tab.ReadAsync()).CheckClass);

        lock (tab.Requests) Assert.Equal([tab.Url], tab.Requests);
        lock (tab.Routed) Assert.True(tab.Routed.All(url => url == tab.Url), "requests beyond the file: " + string.Join(", ", tab.Routed));
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_page_refers_to_nothing_outside_itself()
    {
        var html = ExplorerPage.Render(TestGraphs.Neuron());

        // The content security policy forbids loading anything at all.
        Assert.Contains("default-src 'none'", html);
        foreach (var reference in new[] { "<link", " src=", "href=", "url(", "@import", "fetch(", "XMLHttpRequest", "WebSocket", "http://", "https://" })
        {
            var at = html.IndexOf(reference, StringComparison.OrdinalIgnoreCase);
            // SVG namespace names look like URLs but are never fetched.
            while (at >= 0 && (reference == "http://") && html.AsSpan(at).StartsWith("http://www.w3.org/", StringComparison.Ordinal))
            {
                at = html.IndexOf(reference, at + 1, StringComparison.OrdinalIgnoreCase);
            }
            Assert.True(at < 0, $"the page contains '{reference}': …{(at >= 0 ? html.Substring(Math.Max(0, at - 60), 120) : "")}…");
        }
    }
}
