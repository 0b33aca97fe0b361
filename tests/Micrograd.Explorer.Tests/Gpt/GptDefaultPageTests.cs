using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;
using Micrograd.NN.Gpt;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The page of microgpt's default run, <c>micrograd gpt --html FILE</c> (1,000 steps on the built-in names, the weights
/// every 50 steps): its proof covers every learning rate and every step's loss, taken again in the page, and a name after
/// the last step gets the library's numbers. The README's picture of the page is taken here, of that name at
/// the last checkpoint in a 1600×900 window: the test writes it to <c>screenshots/gpt-page.png</c> in its output folder, and
/// docs/images/gpt-page.png is a copy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptDefaultPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_default_runs_page_proves_its_numbers_and_shows_the_trained_models()
    {
        var page = DefaultGptPage.Page;

        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, page, 1600, 900, "", "() => window.gpt !== undefined");
        await tab.Page.WaitForFunctionAsync("() => window.gpt.proof && window.gpt.proof.done", null, new PageWaitForFunctionOptions { Timeout = 300_000 });
        var counts = await tab.Page.EvaluateAsync<int[]>("() => [window.gpt.proof.numbers, window.gpt.proof.differ, window.gpt.run.count]");
        Assert.Equal([1000 + 1000, 0, 21], counts);
        Assert.Equal("✓ all 2,000 numbers equal the engine's, bit for bit", await tab.Page.Locator("#check").TextContentAsync());

        // the trained model, from the library: microgpt's run on the same names
        var random = new PythonRandom(42);
        var names = GptDocuments.Parse(await File.ReadAllTextAsync(NamesFile())).ToList();
        random.Shuffle(names);
        var tokenizer = CharTokenizer.FromDocuments(names);
        var config = new GptConfig();
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, random);
        var trainer = new GptTrainer(model, [.. names.Select(tokenizer.EncodeDocument)], new GptAdam(model.Parameters.Count));
        for (var k = 0; k < 1000; k++) trainer.Step();
        var expected = GptReference.Of(config, tokenizer.VocabularySize, [.. model.Parameters.Select(p => p.Data)], tokenizer.EncodeDocument("karpathy"));

        await tab.PressAsync("End");
        await tab.PressAsync("n");
        await tab.Page.Keyboard.PressAsync("Control+A");
        await tab.Page.Keyboard.TypeAsync("karpathy");
        await tab.PressAsync("Enter");
        var shown = await tab.Page.EvaluateAsync<string[]>(
            "() => [Numbers.full(window.gpt.result.loss), ...window.gpt.result.positions.flatMap((q) => [...Array.from(q.probabilities, Numbers.full), ...q.attention.flat().flatMap((h) => Array.from(h, Numbers.full))])]");
        string[] wanted = [Shown.Full(expected.Loss), .. expected.Probabilities.Zip(expected.Attention, (p, a) => p.Concat(a.SelectMany(l => l.SelectMany(h => h)))).SelectMany(x => x).Select(Shown.Full)];
        Assert.Equal(wanted, shown);

        await tab.Page.Mouse.MoveAsync(1590, 890);
        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        File.Delete(ScreenshotPath);
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotPath });
        Assert.Equal((1600, 900), Png.Size(ScreenshotPath));
        tab.AssertNoErrors();
        Assert.DoesNotContain(tab.Routed, u => u != tab.Url);
        Assert.True(new FileInfo(page).Length < 5_000_000, new FileInfo(page).Length.ToString("N0", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The token embeddings on their first two principal components at the first and the last checkpoint of the default
    /// run, as the page draws them: the C# twin's coordinates (within <see cref="GptInsideTests.PcaTolerance"/>), and the
    /// vowels a, e, i, o, u closer together at the end than at the start, measured against the spread of all 27 tokens (the
    /// mean distance between two vowels over the mean distance between two tokens: 0.686 before training, 0.495 after).
    /// Their distance itself grows, as every embedding's does.
    /// </summary>
    [Fact]
    public async Task The_default_runs_vowels_draw_together_in_the_embeddings_principal_components()
    {
        var page = DefaultGptPage.Page;

        var random = new PythonRandom(42);
        var names = GptDocuments.Parse(await File.ReadAllTextAsync(NamesFile())).ToList();
        random.Shuffle(names);
        var tokenizer = CharTokenizer.FromDocuments(names);
        var config = new GptConfig();
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, random);
        var first = GptPca.Project([.. model.Parameters.Select(p => p.Data)], tokenizer.VocabularySize, config.EmbeddingWidth);
        var trainer = new GptTrainer(model, [.. names.Select(tokenizer.EncodeDocument)], new GptAdam(model.Parameters.Count));
        for (var k = 0; k < 1000; k++) trainer.Step();
        var last = GptPca.Project([.. model.Parameters.Select(p => p.Data)], tokenizer.VocabularySize, config.EmbeddingWidth);

        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, page, 1600, 900, "", "() => window.gpt !== undefined");
        await tab.PressAsync("Home");
        var shownFirst = await tab.Page.EvaluateAsync<double[][]>("() => window.gpt.embedding.points");
        await tab.PressAsync("End");
        var shownLast = await tab.Page.EvaluateAsync<double[][]>("() => window.gpt.embedding.points");
        foreach (var (shown, expected) in new[] { (shownFirst, first), (shownLast, last) })
        {
            Assert.Equal(expected.Length, shown.Length);
            for (var r = 0; r < expected.Length; r++)
                for (var k = 0; k < 2; k++) Assert.True(Math.Abs(shown[r][k] - expected[r][k]) <= GptInsideTests.PcaTolerance, $"row {r}, PC{k + 1}");
        }

        int[] vowels = [.. "aeiou".Select(c => tokenizer.Characters.IndexOf(c))];
        Assert.DoesNotContain(-1, vowels);
        var before = GptPca.Closeness(shownFirst, vowels);
        var after = GptPca.Closeness(shownLast, vowels);
        Assert.True(after < before - 0.1, $"the vowels' closeness: {before} before training, {after} after");
        tab.AssertNoErrors();
    }

    /// <summary>The command the README names for the page.</summary>
    public const string Command = "micrograd gpt --html run.html";

    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "screenshots", "gpt-page.png");

    [Fact]
    public void The_readme_shows_the_committed_screenshot_next_to_the_command_that_made_the_page()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        var picture = readme.IndexOf("](docs/images/gpt-page.png)", StringComparison.Ordinal);
        Assert.True(picture >= 0, "the README does not show docs/images/gpt-page.png");
        var command = readme.IndexOf(Command, StringComparison.Ordinal);
        Assert.True(command >= 0, "the README does not name the command that made the page");
        Assert.True(Math.Abs(picture - command) < 1500, "the command is not next to the picture");
        Assert.Contains("dotnet test tests/Micrograd.Explorer.Tests --filter GptDefaultPage", readme, StringComparison.Ordinal);
        Assert.Equal((1600, 900), Png.Size(Repository.File("docs/images/gpt-page.png")));
    }

    /// <summary>makemore's names.txt as the tool has it built in.</summary>
    private static string NamesFile() => Repository.File("src/Micrograd.Cli/Gpt/names.txt");
}
