using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;
using Micrograd.NN.Gpt;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The backpropagation of one position on the page of microgpt's default run (<c>micrograd gpt --html FILE</c>: 1 layer,
/// width 16, 4 heads, 1,000 steps, the weights every 50): position 3 of the first step's document, 9,803 values; every
/// value's data and gradient the engine's at step 0, step 37 (rebuilt in the page) and the last step; the time a step on
/// takes with the panel closed and open (printed, never asserted); the page at 400×800; and the picture of the panel for
/// the README, at 1600×900: the test writes it to <c>screenshots/gpt-backprop.png</c> in its output folder, and
/// docs/images/gpt-backprop.png is a copy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptBackpropDefaultTests(BrowserFixture browser, ITestOutputHelper output)
{
    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "screenshots", "gpt-backprop.png");

    [Fact]
    public async Task The_default_runs_position_graph_is_the_engines_at_every_step_shown()
    {
        var page = DefaultGptPage.Page;
        var size = new FileInfo(page).Length;
        output.WriteLine($"default page: {size:N0} bytes");
        Assert.True(size < 5_000_000, size.ToString("N0", CultureInfo.InvariantCulture));

        // the weights at steps 0, 37 and 1,000, from the library: microgpt's run on the same names
        var random = new PythonRandom(42);
        var names = GptDocuments.Parse(await File.ReadAllTextAsync(Repository.File("src/Micrograd.Cli/Gpt/names.txt"))).ToList();
        random.Shuffle(names);
        var tokenizer = CharTokenizer.FromDocuments(names);
        var config = new GptConfig();
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, random);
        var trainer = new GptTrainer(model, [.. names.Select(tokenizer.EncodeDocument)], new GptAdam(model.Parameters.Count));
        var weights = new Dictionary<int, double[]> { [0] = [.. model.Parameters.Select(p => p.Data)] };
        for (var k = 1; k <= 1000; k++)
        {
            trainer.Step();
            if (k is 37 or 1000) weights[k] = [.. model.Parameters.Select(p => p.Data)];
        }

        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, page, 1600, 900, "", "() => window.gpt !== undefined && window.gpt.backprop !== undefined");
        var document = await tab.Page.EvaluateAsync<string>("() => window.gpt.backprop.position.data.document");
        Assert.Equal(names[0], document);
        Assert.Equal(3, await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.position.data.position"));
        var closed = await StepOnAsync(tab);
        await GptBackpropTests.OpenPanelAsync(tab);
        foreach (var step in new[] { 0, 37, 1000 })
        {
            await tab.Page.EvaluateAsync($"() => window.gpt.goTo({step})");
            await tab.Page.WaitForFunctionAsync($"() => window.gpt.backprop.step === {step}", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            var engine = GptBackpropTests.Engine(config, tokenizer, weights[step], document, 3);
            Assert.Equal(9803, engine.Graph.Nodes.Count);
            GptBackpropTests.AssertSame(engine, await GptBackpropTests.PageNumbersAsync(tab));
        }
        var open = await StepOnAsync(tab);
        var drawing = await tab.Page.EvaluateAsync<double>("() => window.gpt.backprop.milliseconds");
        output.WriteLine($"a step on, median of 20: {closed:F1} ms with the panel closed, {open:F1} ms open (its numbers and picture: {drawing:F1} ms)");

        // The picture for the README: after the last step, the last dot product (a logit's) chosen and expanded.
        await tab.Page.EvaluateAsync("() => window.gpt.goTo(1000)");
        await tab.Page.WaitForFunctionAsync("() => window.gpt.backprop.step === 1000");
        var group = GptPositionGraph.DotProducts(GptBackpropTests.Engine(config, tokenizer, weights[1000], document, 3).Graph)[^1];
        await tab.Page.EvaluateAsync($"() => {{ window.gpt.backprop.select({group.Output}); window.gpt.backprop.view.focus({group.Output}); }}");
        await tab.PressAsync("e");
        await tab.Page.WaitForFunctionAsync($"() => window.gpt.backprop.expanded && window.gpt.backprop.expanded.output === {group.Output}");
        await tab.Page.Locator("#backprop-panel").ScrollIntoViewIfNeededAsync();
        await tab.Page.EvaluateAsync("() => document.getElementById('backprop').scrollIntoView({ block: 'start' })");
        await tab.Page.Mouse.MoveAsync(1590, 890);
        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        File.Delete(ScreenshotPath);
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotPath });
        Assert.Equal((1600, 900), Png.Size(ScreenshotPath));

        // A narrow screen: nothing wider than it.
        await tab.Page.SetViewportSizeAsync(400, 800);
        await tab.Page.WaitForTimeoutAsync(200);
        await tab.Page.EvaluateAsync("() => document.getElementById('backprop').scrollIntoView({ block: 'start' })");
        await tab.Page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetDirectoryName(ScreenshotPath)!, "gpt-backprop-narrow.png") });
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 400"),
            (await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ToString(CultureInfo.InvariantCulture));
        tab.AssertNoErrors();
        Assert.DoesNotContain(tab.Routed, u => u != tab.Url);
    }

    /// <summary>The median time of 20 steps on, each from a task of its own, until the step is drawn.</summary>
    private static Task<double> StepOnAsync(ExplorerTab tab) => tab.Page.EvaluateAsync<double>("""
        async () => {
          const gpt = window.gpt;
          const wait = () => new Promise((resolve) => { const check = () => (gpt.shown === gpt.position ? resolve() : setTimeout(check, 0)); check(); });
          const later = () => new Promise((resolve) => setTimeout(resolve, 0));
          gpt.goTo(400);
          await wait();
          const times = [];
          for (let k = 0; k < 20; k++) {
            await later();
            const t = performance.now();
            gpt.goTo(gpt.position + 1);
            await wait();
            times.push(performance.now() - t);
          }
          return times.sort((a, b) => a - b)[10];
        }
        """);

    [Fact]
    public void The_readme_shows_the_committed_screenshot_and_the_command_that_takes_it()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        Assert.Contains("dotnet test tests/Micrograd.Explorer.Tests --filter GptBackpropDefault", readme, StringComparison.Ordinal);
        Assert.Contains("](docs/images/gpt-backprop.png)", readme, StringComparison.Ordinal);
        Assert.Equal((1600, 900), Png.Size(Repository.File("docs/images/gpt-backprop.png")));
    }

}
