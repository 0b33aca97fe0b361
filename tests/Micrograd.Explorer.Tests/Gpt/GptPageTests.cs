using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The GPT page of a small run (<see cref="GptPageRun"/>), used as a person uses it: the names typed into it go through the
/// model at the step shown, and every probability, attention weight and loss it computes equals the library's, bit for
/// bit; its proof line says so for the run's losses and learning rates; its keys move over the steps; a name outside the
/// vocabulary, or a hostile hash, is refused and does nothing else; and it makes no request.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptPageTests(BrowserFixture browser, GptPageRun run) : IClassFixture<GptPageRun>
{
    private Task<ExplorerTab> OpenAsync(int width = 1600, int height = 900, string hash = "") =>
        ExplorerTab.OpenAsync(browser.Browser, run.Page, width, height, hash, "() => window.gpt !== undefined");

    private static Task<int> CheckpointAsync(ExplorerTab tab) => tab.Page.EvaluateAsync<int>("() => window.gpt.position");

    /// <summary>Types a name as a person does: focus the field with N, select what is there, type, hand the keys back.</summary>
    private static async Task TypeNameAsync(ExplorerTab tab, string name)
    {
        await tab.PressAsync("n");
        await tab.Page.Keyboard.PressAsync("Control+A");
        await tab.Page.Keyboard.PressAsync("Delete");
        await tab.Page.Keyboard.TypeAsync(name);
        await tab.PressAsync("Enter");
    }

    /// <summary>What the page computed for the name shown, every number as its full text.</summary>
    private static async Task<(string[][] Probabilities, string[][][][] Attention, string Loss)> ShownAsync(ExplorerTab tab)
    {
        var json = await tab.Page.EvaluateAsync<string>("""
            () => JSON.stringify({
              p: window.gpt.result.positions.map((q) => Array.from(q.probabilities, Numbers.full)),
              a: window.gpt.result.positions.map((q) => q.attention.map((l) => l.map((h) => Array.from(h, Numbers.full)))),
              loss: Numbers.full(window.gpt.result.loss) })
            """);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];
        return (
            [.. root.GetProperty("p").EnumerateArray().Select(Strings)],
            [.. root.GetProperty("a").EnumerateArray().Select(p => p.EnumerateArray().Select(l => l.EnumerateArray().Select(Strings).ToArray()).ToArray())],
            root.GetProperty("loss").GetString()!);
    }

    [Fact]
    public void The_run_made_by_the_tool_is_the_librarys()
    {
        Assert.Equal(run.Losses, run.LoggedLosses);
        Assert.Matches(@"wrote .*run\.html: 30 steps, the weights after every step, [0-9,]+ KB; open it in a browser", run.Output);
    }

    [Fact]
    public async Task Typed_names_get_the_engines_probabilities_attention_and_loss_at_every_checkpoint_shown()
    {
        await using var tab = await OpenAsync();
        // a name from the data, one the data lacks, the empty name, and one longer than the context (8)
        string[] names = [run.Documents[3], "zoella", "", "elizabethella"];
        foreach (var checkpoint in new[] { 0, 13, GptPageRun.Steps })
        {
            await tab.PressAsync("Home");
            for (var k = 0; k < checkpoint; k++) await tab.PressAsync("ArrowRight");
            Assert.Equal(checkpoint, await CheckpointAsync(tab));
            foreach (var name in names)
            {
                await TypeNameAsync(tab, name);
                var expected = GptReference.Of(GptPageRun.Config, run.Tokenizer.VocabularySize, run.Weights[checkpoint], run.Tokenizer.EncodeDocument(name));
                var (probabilities, attention, loss) = await ShownAsync(tab);
                Assert.Equal(expected.Probabilities.Select(p => p.Select(Shown.Full)), probabilities);
                Assert.Equal(expected.Attention.Select(p => p.Select(l => l.Select(h => h.Select(Shown.Full)))), attention);
                Assert.Equal(Shown.Full(expected.Loss), loss);
                Assert.Contains($"loss of this name with the weights shown: {Shown.Full(expected.Loss)}", await tab.Page.Locator("#name-loss").TextContentAsync(), StringComparison.Ordinal);
                // each position's button shows the true next token's −log p, every digit
                var buttons = await tab.Page.Locator("#name-positions button .numbers").AllTextContentsAsync();
                Assert.Equal(expected.Probabilities.Length, buttons.Count);
                var tokens = run.Tokenizer.EncodeDocument(name);
                for (var p = 0; p < buttons.Count; p++)
                    Assert.EndsWith($"−log p {Shown.Full(-Math.Log(expected.Probabilities[p][tokens[p + 1]]))}", buttons[p], StringComparison.Ordinal);
            }
        }
        Assert.DoesNotContain(tab.Routed, u => u != tab.Url);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_proof_line_says_every_recorded_number_it_recomputes_equals_the_engines()
    {
        await using var tab = await OpenAsync();
        await tab.Page.WaitForFunctionAsync("() => window.gpt.proof && window.gpt.proof.done", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        var counts = await tab.Page.EvaluateAsync<int[]>("() => [window.gpt.proof.numbers, window.gpt.proof.differ]");
        var (numbers, differ) = (counts[0], counts[1]);
        Assert.Equal(0, differ);
        // every step's learning rate and every step's loss, taken again in the page
        Assert.Equal(2 * GptPageRun.Steps, numbers);
        Assert.Equal($"✓ all {numbers.ToString("N0", CultureInfo.InvariantCulture)} numbers equal the engine's, bit for bit", await tab.Page.Locator("#check").TextContentAsync());
        // the step shown: its recorded loss, recomputed in the page
        await tab.PressAsync("End");
        await tab.PressAsync("ArrowLeft");
        var shown = await tab.Page.Locator("#numbers dd[data-key=loss]").TextContentAsync();
        Assert.Equal($"{Shown.Full(run.Losses[GptPageRun.Steps - 1])} ✓", shown);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_keys_move_between_checkpoints_and_leave_the_name_field_its_own()
    {
        await using var tab = await OpenAsync();
        Assert.Equal(0, await CheckpointAsync(tab));
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("ArrowRight");
        Assert.Equal(2, await CheckpointAsync(tab));
        await tab.PressAsync("PageDown");
        Assert.Equal(12, await CheckpointAsync(tab));
        await tab.PressAsync("PageUp");
        await tab.PressAsync("ArrowLeft");
        Assert.Equal(1, await CheckpointAsync(tab));
        await tab.PressAsync("End");
        Assert.Equal(GptPageRun.Steps, await CheckpointAsync(tab));
        Assert.Equal($"step {GptPageRun.Steps} of {GptPageRun.Steps}", await tab.Page.Locator("#progress").TextContentAsync());
        await tab.PressAsync("Home");
        Assert.Equal(0, await CheckpointAsync(tab));

        // in the name field the arrows move the caret, not the run
        await tab.PressAsync("n");
        Assert.True(await tab.TypingAsync());
        await tab.PressAsync("ArrowRight");
        Assert.Equal(0, await CheckpointAsync(tab));
        await tab.PressAsync("Escape");
        Assert.False(await tab.TypingAsync());

        // ] and [ choose the position whose probabilities are shown; M turns the moving average off and on
        await TypeNameAsync(tab, "ava");
        await tab.PressAsync("]");
        await tab.PressAsync("]");
        Assert.Equal(2, await tab.Page.EvaluateAsync<int>("() => window.gpt.chosen"));
        Assert.StartsWith("After “v” at position 2", await tab.Page.Locator("#bars-heading").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await tab.Page.Locator("#smooth").GetAttributeAsync("aria-pressed"));
        await tab.PressAsync("m");
        Assert.Equal("false", await tab.Page.Locator("#smooth").GetAttributeAsync("aria-pressed"));

        // Space plays to the end
        await tab.PressAsync("End");
        await tab.PressAsync(" ");
        await tab.Page.WaitForFunctionAsync($"() => window.gpt.position === {GptPageRun.Steps} && !window.gpt.player.playing");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_name_outside_the_vocabulary_is_refused_with_a_message_and_changes_nothing()
    {
        await using var tab = await OpenAsync();
        await TypeNameAsync(tab, "ava");
        var before = await ShownAsync(tab);
        // typed after "ava": the first refused character leaves the page as it was
        await tab.PressAsync("n");
        await tab.PressAsync("End");
        await tab.Page.Keyboard.TypeAsync("Zoë<img src=x onerror=alert(1)>");
        await tab.PressAsync("Enter");
        Assert.Equal("“Z” is not in the model's vocabulary; it knows only " + string.Join(' ', run.Tokenizer.Characters.Select(c => c.ToString())),
            await tab.Page.Locator("#name-problem").TextContentAsync());
        Assert.Equal("true", await tab.Page.Locator("#name").GetAttributeAsync("aria-invalid"));
        Assert.Equal(before, await ShownAsync(tab), new ShownComparer());
        Assert.Equal(0, await tab.Page.Locator("img").CountAsync());
        await TypeNameAsync(tab, "ella");
        Assert.Equal("", await tab.Page.Locator("#name-problem").TextContentAsync());
        Assert.Null(await tab.Page.Locator("#name").GetAttributeAsync("aria-invalid"));
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData("#step=%E0%A4%A&name=ava")]
    [InlineData("#step=99999999999999&name=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [InlineData("#step=-1&name=" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("#step=12&name=ava")]
    public async Task A_hash_opens_a_checkpoint_and_a_name_and_a_hostile_one_does_nothing_harmful(string hash)
    {
        await using var tab = await OpenAsync(hash: hash);
        var position = await CheckpointAsync(tab);
        if (hash == "#step=12&name=ava")
        {
            Assert.Equal(12, position);
            Assert.Equal("ava", await tab.Page.Locator("#name").InputValueAsync());
        }
        else
        {
            Assert.InRange(position, 0, GptPageRun.Steps);
        }
        Assert.Equal(0, await tab.Page.Locator("img").CountAsync());
        Assert.DoesNotContain(tab.Routed, u => u != tab.Url);
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData(1600, 900)]
    [InlineData(400, 800)]
    public async Task The_page_fits_its_width_and_every_control_is_labelled(int width, int height)
    {
        await using var tab = await OpenAsync(width, height);
        await TypeNameAsync(tab, "isabella");
        var wide = await tab.Page.EvaluateAsync<string[]>($$"""
            () => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > {{width}} + 0.5)
              .map((e) => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            """);
        Assert.True(wide.Length == 0, "wider than the window: " + string.Join(", ", wide));
        var unlabelled = await tab.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, input, select, canvas')]
              .filter((e) => !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim() || e.getAttribute('title')))
              .map((e) => e.id || e.tagName)
            """);
        Assert.Empty(unlabelled);
        tab.AssertNoErrors();
    }

    private sealed class ShownComparer : IEqualityComparer<(string[][], string[][][][], string)>
    {
        public bool Equals((string[][], string[][][][], string) x, (string[][], string[][][][], string) y) =>
            JsonSerializer.Serialize(x.Item1) == JsonSerializer.Serialize(y.Item1) && JsonSerializer.Serialize(x.Item2) == JsonSerializer.Serialize(y.Item2) && x.Item3 == y.Item3;

        public int GetHashCode((string[][], string[][][][], string) obj) => obj.Item3.GetHashCode(StringComparison.Ordinal);
    }
}
