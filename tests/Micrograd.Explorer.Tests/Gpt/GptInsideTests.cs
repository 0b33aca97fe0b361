using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// What the GPT page of a small run (<see cref="GptPageRun"/>) shows of the model's inside: the residual stream's RMS
/// before and after each block for the typed name, bit for bit the library's; the token embeddings on their first two
/// principal components, as a C# twin of the page's PCA computes them; the sampling's seed and temperature kept in the
/// #hash (a reload restores them, a hostile hash does nothing); and a header that stays compact on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptInsideTests(BrowserFixture browser, GptPageRun run) : IClassFixture<GptPageRun>
{
    /// <summary>How far the page's PCA coordinates may be from the C# twin's (they are of order 0.1 to 1).</summary>
    public const double PcaTolerance = 1e-12;

    private Task<ExplorerTab> OpenAsync(int width = 1600, int height = 900, string hash = "") =>
        ExplorerTab.OpenAsync(browser.Browser, run.Page, width, height, hash, "() => window.gpt !== undefined");

    private static async Task TypeNameAsync(ExplorerTab tab, string name)
    {
        await tab.PressAsync("n");
        await tab.Page.Keyboard.PressAsync("Control+A");
        await tab.Page.Keyboard.PressAsync("Delete");
        await tab.Page.Keyboard.TypeAsync(name);
        await tab.PressAsync("Enter");
    }

    private static async Task GoToAsync(ExplorerTab tab, int checkpoint)
    {
        await tab.PressAsync("Home");
        for (var k = 0; k < checkpoint; k++) await tab.PressAsync("ArrowRight");
        Assert.Equal(checkpoint, await tab.Page.EvaluateAsync<int>("() => window.gpt.position"));
    }

    [Fact]
    public async Task The_residual_streams_size_at_each_block_is_the_librarys_bit_for_bit()
    {
        await using var tab = await OpenAsync();
        foreach (var checkpoint in new[] { 0, 13, GptPageRun.Steps })
        {
            await GoToAsync(tab, checkpoint);
            foreach (var name in new[] { run.Documents[3], "zoella", "", "elizabethella" })
            {
                await TypeNameAsync(tab, name);
                var tokens = run.Tokenizer.EncodeDocument(name);
                var expected = GptReference.Of(GptPageRun.Config, run.Tokenizer.VocabularySize, run.Weights[checkpoint], tokens);
                var shown = await tab.Page.EvaluateAsync<string[][]>("() => window.gpt.result.positions.map((q) => Array.from(q.stream, Numbers.full))");
                // 2 layers: after the embeddings' rmsnorm, then after each layer's attention and MLP
                Assert.All(expected.Stream, s => Assert.Equal(1 + 2 * GptPageRun.Config.Layers, s.Length));
                Assert.Equal(expected.Stream.Select(p => p.Select(Shown.Full)), shown);
                // the table: a row per position, its cells' full digits on hover
                var titles = await tab.Page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#stream-rows tr')].map((r) => [...r.querySelectorAll('td')].map((d) => d.title))");
                Assert.Equal(expected.Stream.Select(p => p.Select(Shown.Full)), titles);
            }
        }
        var heads = await tab.Page.Locator("#stream-head th").AllTextContentsAsync();
        Assert.Equal(["position", "embedding + rmsnorm", "layer 1: after attention", "layer 1: after MLP", "layer 2: after attention", "layer 2: after MLP"], heads);
        Assert.StartsWith("RMS = √(Σ x² / 8)", await tab.Page.Locator("#stream-about").TextContentAsync(), StringComparison.Ordinal);
        // ] marks the chosen position's row
        await tab.PressAsync("]");
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>("() => [...document.querySelectorAll('#stream-rows tr')].findIndex((r) => r.getAttribute('aria-current') === 'true')"));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_embeddings_principal_components_are_the_C_sharp_twins()
    {
        await using var tab = await OpenAsync();
        var vocabulary = run.Tokenizer.VocabularySize;
        var width = GptPageRun.Config.EmbeddingWidth;
        foreach (var checkpoint in new[] { 0, 1, 13, GptPageRun.Steps })
        {
            await GoToAsync(tab, checkpoint);
            var shown = await tab.Page.EvaluateAsync<double[][]>("() => window.gpt.embedding.points");
            var expected = GptPca.Project(run.Weights[checkpoint], vocabulary, width);
            Assert.Equal(vocabulary, shown.Length);
            for (var r = 0; r < vocabulary; r++)
            {
                for (var k = 0; k < 2; k++)
                    Assert.True(Math.Abs(shown[r][k] - expected[r][k]) <= PcaTolerance, $"checkpoint {checkpoint}, row {r}, PC{k + 1}: the page's {shown[r][k]:R}, C#'s {expected[r][k]:R}");
            }
            var label = await tab.Page.Locator("#embeddings").GetAttributeAsync("aria-label");
            Assert.StartsWith($"The {vocabulary} token embeddings (wte rows, BOS included) after {checkpoint} steps", label, StringComparison.Ordinal);
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_sampling_seed_and_temperature_are_kept_in_the_hash_and_a_reload_restores_them()
    {
        await using var tab = await OpenAsync();
        await GoToAsync(tab, 13);
        await TypeNameAsync(tab, "ava");
        await tab.Page.Locator("#draw-seed").FillAsync("123");
        await tab.Page.Locator("#draw-temperature").FocusAsync();
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("ArrowRight");
        var temperature = await tab.Page.InputValueAsync("#draw-temperature");
        Assert.Equal("0.6", temperature);
        var drawn = await tab.Page.EvaluateAsync<string[]>("() => window.gpt.drawn");
        await tab.Page.WaitForFunctionAsync("() => location.hash === '#step=13&name=ava&seed=123&temperature=0.6'");

        await tab.Page.ReloadAsync();
        await tab.Page.WaitForFunctionAsync("() => window.gpt !== undefined");
        Assert.Equal(13, await tab.Page.EvaluateAsync<int>("() => window.gpt.position"));
        Assert.Equal("ava", await tab.Page.InputValueAsync("#name"));
        Assert.Equal("123", await tab.Page.InputValueAsync("#draw-seed"));
        Assert.Equal("0.6", await tab.Page.InputValueAsync("#draw-temperature"));
        Assert.Equal(drawn, await tab.Page.EvaluateAsync<string[]>("() => window.gpt.drawn"));
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData("#seed=2147483648&temperature=2.05")]
    [InlineData("#seed=-1&temperature=0.01")]
    [InlineData("#seed=1.5&temperature=NaN")]
    [InlineData("#seed=1e3&temperature=1e0")]
    [InlineData("#seed=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&temperature=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("#seed=99999999999999999999999&temperature=Infinity&name=%E0%A4%A")]
    [InlineData("#temperature=-0.5&seed=&step=")]
    public async Task A_hostile_sampling_hash_is_ignored_and_does_nothing_harmful(string hash)
    {
        await using var tab = await OpenAsync(hash: hash);
        Assert.Equal(GptPageRun.Seed.ToString(CultureInfo.InvariantCulture), await tab.Page.InputValueAsync("#draw-seed"));
        Assert.Equal(0.5, double.Parse(await tab.Page.InputValueAsync("#draw-temperature"), CultureInfo.InvariantCulture));
        Assert.Equal("", await tab.Page.Locator("#draw-problem").TextContentAsync());
        Assert.Equal(10, (await tab.Page.EvaluateAsync<string[]>("() => window.gpt.drawn")).Length);
        Assert.Equal(0, await tab.Page.Locator("img").CountAsync());
        Assert.Equal(2, await tab.Page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.DoesNotContain(tab.Routed, u => u != tab.Url);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task On_a_phone_the_header_is_compact_and_every_control_in_it_labelled_and_reached_by_the_keyboard()
    {
        await using var tab = await OpenAsync(400, 800);
        var height = await tab.Page.EvaluateAsync<double>("() => document.querySelector('header').getBoundingClientRect().height");
        Assert.True(height <= 120, $"the header is {height} px high");
        // every button keeps its word as its accessible name, though only its symbol shows
        foreach (var word in new[] { "First", "Back", "Play", "Step", "End" })
            Assert.Equal(1, await tab.Page.Locator("header").GetByRole(AriaRole.Button, new() { Name = word }).CountAsync());
        Assert.Equal(1, await tab.Page.Locator("header").GetByRole(AriaRole.Slider, new() { Name = "Speed" }).CountAsync());
        Assert.Equal(1, await tab.Page.Locator("header").GetByRole(AriaRole.Slider, new() { Name = "Go to a step" }).CountAsync());
        // Tab reaches each of them, in order
        var reached = new List<string>();
        for (var k = 0; k < 7; k++)
        {
            await tab.PressAsync("Tab");
            reached.Add(await tab.Page.EvaluateAsync<string>("() => document.activeElement.id"));
        }
        Assert.Equal(["reset", "back", "play", "step", "end", "speed", "position"], reached);
        // and the keys work from there: Enter on Step moves one step
        await tab.Page.Locator("#step").FocusAsync();
        await tab.PressAsync("Enter");
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>("() => window.gpt.position"));
        tab.AssertNoErrors();
    }
}
