using System.Globalization;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN.Gpt;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// Sampling in the GPT page of a small run (<see cref="GptPageRun"/>): the names the page draws from the checkpoint shown,
/// with the seed typed and the temperature set with the slider's keys, are the names <c>micrograd gpt sample</c> prints for a
/// model file holding that checkpoint's weights (the library's own run), with the same seed and temperature.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptSampleTests(BrowserFixture browser, GptPageRun run) : IClassFixture<GptPageRun>
{
    private Task<ExplorerTab> OpenAsync(int width = 1600, int height = 900) =>
        ExplorerTab.OpenAsync(browser.Browser, run.Page, width, height, "", "() => window.gpt !== undefined");

    /// <summary>What <c>micrograd gpt sample</c> prints for the weights, read back as names.</summary>
    private string[] CommandSamples(double[] weights, int seed, double temperature, int count)
    {
        using var folder = new TempDirectory();
        var next = 0;
        var model = new Micrograd.NN.Gpt.Gpt(GptPageRun.Config, run.Tokenizer.VocabularySize, (_, _, _) => weights[next++]);
        Assert.Equal(weights.Length, next);
        var path = folder.File("model.json");
        GptModelFile.Save(model, run.Tokenizer, path);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["gpt", "sample", "--model", path, "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--temperature", temperature.ToString("R", CultureInfo.InvariantCulture), "--samples", count.ToString(CultureInfo.InvariantCulture)], stdout, stderr);
        Assert.True(code == 0, $"gpt sample exited {code}:\n{stdout}\n{stderr}");
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count, lines.Length);
        return [.. lines.Select((line, i) =>
        {
            var head = string.Create(CultureInfo.InvariantCulture, $"sample {i + 1,2}: ");
            Assert.StartsWith(head, line, StringComparison.Ordinal);
            return line[head.Length..].TrimEnd('\r');
        })];
    }

    private static async Task<(string[] Names, double Temperature)> DrawnAsync(ExplorerTab tab) =>
        (await tab.Page.EvaluateAsync<string[]>("() => window.gpt.drawn"),
         await tab.Page.EvaluateAsync<double>("() => Number(document.getElementById('draw-temperature').value)"));

    [Fact]
    public async Task The_page_draws_the_names_that_gpt_sample_draws_at_every_checkpoint_seed_and_temperature()
    {
        await using var tab = await OpenAsync();
        // the run's seed and temperature (the page's defaults), then other seeds at the slider's two ends
        var settings = new (int Seed, string? SliderKey)[] { (GptPageRun.Seed, null), (123, "Home"), (2147483647, "End"), (0, "ArrowLeft") };
        Assert.Equal(GptPageRun.Seed.ToString(CultureInfo.InvariantCulture), await tab.Page.InputValueAsync("#draw-seed"));
        foreach (var checkpoint in new[] { 0, 13, GptPageRun.Steps })
        {
            await tab.PressAsync("Home");
            for (var k = 0; k < checkpoint; k++) await tab.PressAsync("ArrowRight");
            Assert.Equal(checkpoint, await tab.Page.EvaluateAsync<int>("() => window.gpt.position"));
            foreach (var (seed, key) in settings)
            {
                if (checkpoint > 0 || key is not null) await tab.Page.Locator("#draw-seed").FillAsync(seed.ToString(CultureInfo.InvariantCulture));
                if (key is not null)
                {
                    await tab.Page.Locator("#draw-temperature").FocusAsync();
                    await tab.PressAsync(key);
                    await tab.PressAsync("Escape");
                }
                var (names, temperature) = await DrawnAsync(tab);
                Assert.Equal(CommandSamples(run.Weights[checkpoint], seed, temperature, 10), names);
                var shown = await tab.Page.Locator("#draw-names li").AllTextContentsAsync();
                Assert.Equal(names.Select(n => n == "" ? "(empty)" : n), shown);
            }
        }
        // the slider's ends are the temperatures the page allows
        await tab.Page.Locator("#draw-temperature").FocusAsync();
        await tab.PressAsync("Home");
        Assert.Equal(0.05, (await DrawnAsync(tab)).Temperature);
        await tab.PressAsync("End");
        Assert.Equal(2.0, (await DrawnAsync(tab)).Temperature);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_number_of_names_follows_its_field_and_a_bad_seed_or_count_is_refused()
    {
        await using var tab = await OpenAsync(400, 800);
        await tab.Page.Locator("#draw-count").FillAsync("3");
        await tab.Page.Locator("#draw-seed").FillAsync("42");
        var (names, temperature) = await DrawnAsync(tab);
        Assert.Equal(0.5, temperature);
        Assert.Equal(CommandSamples(run.Weights[0], 42, temperature, 3), names);
        foreach (var bad in new[] { "-1", "2147483648", "1.5", "" })
        {
            await tab.Page.Locator("#draw-seed").FillAsync(bad);
            Assert.Empty((await DrawnAsync(tab)).Names);
            Assert.Contains("seed must be a whole number", await tab.Page.Locator("#draw-problem").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("true", await tab.Page.EvaluateAsync<string>("() => String(document.getElementById('draw-seed').classList.contains('bad'))"));
        }
        await tab.Page.Locator("#draw-seed").FillAsync("42");
        await tab.Page.Locator("#draw-count").FillAsync("21");
        Assert.Empty((await DrawnAsync(tab)).Names);
        Assert.Contains("from 1 to 20", await tab.Page.Locator("#draw-problem").TextContentAsync(), StringComparison.Ordinal);
        await tab.Page.Locator("#draw-count").FillAsync("20");
        Assert.Equal(CommandSamples(run.Weights[0], 42, 0.5, 20), (await DrawnAsync(tab)).Names);
        Assert.Equal("", await tab.Page.Locator("#draw-problem").TextContentAsync());
        tab.AssertNoErrors();
    }
}
