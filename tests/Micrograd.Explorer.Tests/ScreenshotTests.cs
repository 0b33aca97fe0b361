using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The README's picture of the explorer: the page that <c>micrograd neuron --html neuron.html --rankdir TB</c> writes,
/// mid-backward, at the step where x0 receives its gradient (w0*x0's step: local derivative × upstream gradient), in a
/// 1700×860 window. The test writes it to
/// <c>screenshots/explorer-neuron.png</c> in its output folder; docs/images/explorer-neuron.png is a copy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser) : IDisposable
{
    /// <summary>Where the screenshot goes: the test output folder (copy it to docs/images/ to update the README).</summary>
    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "screenshots", "explorer-neuron.png");

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Screenshot_of_the_neuron_mid_backward()
    {
        var page = _files.File("neuron.html");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, CliApp.Run(["neuron", "--html", page, "--rankdir", "TB"], stdout, stderr));
        Assert.Equal("", stderr.ToString());

        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await browser.OpenAsync(page, width: 1700, height: 860);
        var target = trace.Steps - 2; // w0*x0, which passes its gradient to w0 and x0
        for (var s = 1; s <= target; s++) await tab.ClickAsync("step");
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, target, state, "neuron");
        Assert.Contains("x0.grad += w0.data × (w0*x0).grad = 1.3 × 0.00204 = 0.002652", state.Lines);
        Assert.Contains("local ∂(w0*x0)/∂x0 = w0.data = 1.3", state.Factors);
        Assert.Contains("upstream (w0*x0).grad = 0.00204", state.Factors);
        foreach (var factor in new[] { ".factor.local", ".factor.upstream" })
        {
            Assert.True(await tab.Page.Locator($"#lines {factor}").Last.IsVisibleAsync(), $"{factor} is not on screen");
        }
        Assert.Equal("backward", await tab.Page.EvaluateAsync<string>("() => document.body.dataset.phase"));

        await tab.Page.Mouse.MoveAsync(1690, 850); // off the buttons, so that none is drawn hovered
        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        File.Delete(ScreenshotPath);
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotPath });
        Assert.Equal((1700, 860), Png.Size(ScreenshotPath));
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_readme_shows_the_committed_screenshot_and_says_how_to_make_it_again()
    {
        var root = Repository.Root;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Assert.Contains("](docs/images/explorer-neuron.png)", readme, StringComparison.Ordinal);
        Assert.Contains("micrograd neuron --html neuron.html --rankdir TB", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test tests/Micrograd.Explorer.Tests --filter Screenshot", readme, StringComparison.Ordinal);
        var output = Path.GetRelativePath(root, ScreenshotPath).Replace('\\', '/').Replace("/Release/", "/Debug/");
        Assert.Contains($"cp {output} docs/images/", readme, StringComparison.Ordinal);

        Assert.Equal((1700, 860), Png.Size(Path.Combine(root, "docs", "images", "explorer-neuron.png")));
    }

}
