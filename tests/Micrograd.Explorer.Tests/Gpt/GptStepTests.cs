using System.Globalization;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;
using Micrograd.NN.Gpt;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// A GPT page whose weights are stored only every 5 steps (<c>micrograd gpt</c> of 200 steps, 2 layers), and the same run
/// trained again here with the library, keeping the weights after every step.
/// </summary>
public sealed class GptThinnedRun : IDisposable
{
    public const int Steps = 200;
    public const int Seed = 11;
    public static readonly GptConfig Config = new(layers: 2, embeddingWidth: 8, heads: 2, contextLength: 8);

    private readonly TempDirectory _folder = new();

    public GptThinnedRun()
    {
        string[] names = ["emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia", "amelia", "harper", "evelyn", "abigail", "emily",
            "elizabeth", "mila", "ella", "avery", "sofia", "camila", "aria", "scarlett", "victoria", "madison", "luna", "grace"];
        var data = _folder.Write("names.txt", string.Join('\n', names) + "\n");
        Page = _folder.File("run.html");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["gpt", "--data", data, "--layers", "2", "--embd", "8", "--heads", "2", "--block", "8",
            "--steps", Steps.ToString(CultureInfo.InvariantCulture), "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--samples", "1",
            "--html", Page], stdout, stderr);
        Assert.True(code == 0, $"gpt exited {code}:\n{stdout}\n{stderr}");
        Assert.Contains("the weights every 5 steps", stdout.ToString(), StringComparison.Ordinal);

        (_, Tokenizer, Weights, Losses) = GptPageRun.Train(data, Config, Seed, Steps);
    }

    public string Page { get; }

    public CharTokenizer Tokenizer { get; }

    /// <summary>The weights after 0, 1, …, <see cref="Steps"/> steps.</summary>
    public List<double[]> Weights { get; }

    public List<double> Losses { get; }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// The GPT page moves over every step, not only the stored ones: on a run whose weights are stored every 5 steps
/// (<see cref="GptThinnedRun"/>), the keys, the slider, a click on the chart and the #hash reach steps between checkpoints,
/// forwards and back, and a typed name gets the library's probabilities, attention and loss with the weights after that
/// step, bit for bit; the step's recorded loss is recomputed and marked ✓; the proof covers every step's loss; and a
/// hostile step in the hash is refused or clamped.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptStepTests(BrowserFixture browser, GptThinnedRun run) : IClassFixture<GptThinnedRun>
{
    private const string ShownReady = "() => window.gpt.shown === window.gpt.position";

    private Task<ExplorerTab> OpenAsync(string hash = "") =>
        ExplorerTab.OpenAsync(browser.Browser, run.Page, 1600, 900, hash, "() => window.gpt !== undefined");

    /// <summary>The step the page shows, once its model is rebuilt there.</summary>
    private static async Task<int> StepAsync(ExplorerTab tab)
    {
        await tab.Page.WaitForFunctionAsync(ShownReady);
        return await tab.Page.EvaluateAsync<int>("() => window.gpt.position");
    }

    private static async Task TypeNameAsync(ExplorerTab tab, string name)
    {
        await tab.PressAsync("n");
        await tab.Page.Keyboard.PressAsync("Control+A");
        await tab.Page.Keyboard.PressAsync("Delete");
        await tab.Page.Keyboard.TypeAsync(name);
        await tab.PressAsync("Enter");
    }

    /// <summary>The name's probabilities and attention (every number's full text) and its loss, as the page shows them,
    /// equal the library's with the weights after `step` steps; and so does the step's own recorded loss, marked ✓.</summary>
    private async Task AssertModelAtAsync(ExplorerTab tab, int step, string name)
    {
        Assert.Equal(step, await StepAsync(tab));
        var expected = GptReference.Of(GptThinnedRun.Config, run.Tokenizer.VocabularySize, run.Weights[step], run.Tokenizer.EncodeDocument(name));
        var shown = await tab.Page.EvaluateAsync<string[]>(
            "() => [Numbers.full(window.gpt.result.loss), ...window.gpt.result.positions.flatMap((q) => [...Array.from(q.probabilities, Numbers.full), ...q.attention.flat().flatMap((h) => Array.from(h, Numbers.full))])]");
        string[] wanted = [Shown.Full(expected.Loss), .. expected.Probabilities.Zip(expected.Attention, (p, a) => p.Concat(a.SelectMany(l => l.SelectMany(h => h)))).SelectMany(x => x).Select(Shown.Full)];
        Assert.Equal(wanted, shown);
        Assert.Equal(run.Tokenizer.EncodeDocument(name).Length - 1, expected.Probabilities.Length);
        if (step < GptThinnedRun.Steps)
            Assert.Equal($"{Shown.Full(run.Losses[step])} ✓", await tab.Page.Locator("#numbers dd[data-key=loss]").TextContentAsync());
        Assert.Equal(step == 0 ? "the initial weights, before any step" : $"after {step.ToString("N0", CultureInfo.InvariantCulture)} of {GptThinnedRun.Steps} steps", await tab.Page.Locator("#numbers dd[data-key=model]").TextContentAsync());
    }

    [Fact]
    public async Task The_keys_reach_every_step_forwards_and_back_with_the_engines_numbers()
    {
        await using var tab = await OpenAsync();
        await TypeNameAsync(tab, "zoella");
        await tab.PressAsync("Home");
        await AssertModelAtAsync(tab, 0, "zoella");
        for (var k = 0; k < 3; k++) await tab.PressAsync("ArrowRight");
        await AssertModelAtAsync(tab, 3, "zoella");
        await tab.PressAsync("PageDown");
        await AssertModelAtAsync(tab, 13, "zoella");
        await tab.PressAsync("ArrowLeft");
        await AssertModelAtAsync(tab, 12, "zoella");
        await tab.PressAsync("End");
        await AssertModelAtAsync(tab, GptThinnedRun.Steps, "zoella");
        await tab.PressAsync("PageUp");
        await tab.PressAsync("ArrowLeft");
        await AssertModelAtAsync(tab, 189, "zoella");
        // the typed name at a step between checkpoints, a character at a time
        await TypeNameAsync(tab, "ava");
        await AssertModelAtAsync(tab, 189, "ava");
        Assert.Equal($"step 189 of {GptThinnedRun.Steps}", await tab.Page.Locator("#progress").TextContentAsync());
        await tab.Page.WaitForFunctionAsync("() => location.hash.startsWith('#step=189&name=ava&')");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_slider_and_a_click_on_the_chart_reach_steps_between_checkpoints()
    {
        await using var tab = await OpenAsync();
        await TypeNameAsync(tab, "mila");
        Assert.Equal(GptThinnedRun.Steps.ToString(CultureInfo.InvariantCulture), await tab.Page.Locator("#position").GetAttributeAsync("max"));
        await tab.Page.Locator("#position").FillAsync("77");
        await AssertModelAtAsync(tab, 77, "mila");
        // the slider's own keys move it one step
        await tab.Page.Locator("#position").FocusAsync();
        await tab.Page.Keyboard.PressAsync("ArrowLeft");
        await AssertModelAtAsync(tab, 76, "mila");

        // a click on the chart goes to the step under it (steps cover the plot's width: 200 steps over ~600 pixels)
        var box = (await tab.Page.Locator("#chart").BoundingBoxAsync())!;
        await tab.Page.Mouse.ClickAsync(box.X + 46 + ((box.Width - 46 - 52) * 0.4313f), box.Y + (box.Height / 2));
        var step = await StepAsync(tab);
        Assert.InRange(step, 80, 92);
        await AssertModelAtAsync(tab, step, "mila");
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData("#step=123&name=ava", 123)]
    [InlineData("#step=7&name=ava", 7)]
    [InlineData("#step=99999&name=ava", GptThinnedRun.Steps)]
    [InlineData("#step=-1&name=ava", 0)]
    [InlineData("#step=x&name=ava", 0)]
    [InlineData("#step=1e3&name=ava", 0)]
    public async Task The_hash_opens_any_step_and_a_hostile_step_is_clamped_or_ignored(string hash, int step)
    {
        await using var tab = await OpenAsync(hash);
        await AssertModelAtAsync(tab, step, "ava");
        Assert.Equal(step.ToString(CultureInfo.InvariantCulture), await tab.Page.Locator("#position").InputValueAsync());
        tab.AssertNoErrors();
    }

    /// <summary>A long seek is taken in slices (GptReplay.seek with a time limit returns null and keeps its place); the
    /// weights it reaches are those of one seek, bit for bit, and so are those a step back reaches from the marks kept on
    /// the way; and of two moves in a row the page shows the latter.</summary>
    [Fact]
    public async Task A_seek_in_slices_reaches_the_same_weights_and_the_latest_move_wins()
    {
        await using var tab = await OpenAsync();
        var result = await tab.Page.EvaluateAsync<int[]>("""
            () => {
              const data = JSON.parse(document.getElementById("run-data").textContent);
              const whole = new GptReplay(data);
              const wanted = Float64Array.from(whole.seek(199));
              const sliced = new GptReplay(data);
              sliced.restore(0);
              let slices = 0;
              let weights = null;
              while (weights === null) { slices++; weights = sliced.seek(199, performance.now() + 0.05); }
              let differ = 0;
              for (let i = 0; i < wanted.length; i++) if (!Object.is(wanted[i], weights[i])) differ++;
              // back and forth inside a stretch, from the marks kept on the way (every 3 steps here) or the checkpoint
              const marked = new GptReplay(data);
              for (const step of [199, 198, 197, 199, 198, 184, 183, 181, 184]) {
                const fresh = new GptReplay(data).seek(step);
                const got = marked.seek(step);
                for (let i = 0; i < fresh.length; i++) if (!Object.is(fresh[i], got[i])) differ++;
              }
              window.gpt.goTo(198);
              window.gpt.goTo(57);
              return [differ, slices > 1 ? 1 : 0, window.gpt.position, marked.marks.size];
            }
            """);
        Assert.Equal([0, 1, 57, 1], result); // one mark of the last stretch (180 … 184): 183
        await TypeNameAsync(tab, "luna");
        await AssertModelAtAsync(tab, 57, "luna");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_proof_replays_every_steps_loss()
    {
        await using var tab = await OpenAsync();
        await tab.Page.WaitForFunctionAsync("() => window.gpt.proof && window.gpt.proof.done", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        var counts = await tab.Page.EvaluateAsync<int[]>("() => [window.gpt.proof.numbers, window.gpt.proof.differ, window.gpt.proof.losses, window.gpt.proof.rates]");
        Assert.Equal([2 * GptThinnedRun.Steps, 0, GptThinnedRun.Steps, GptThinnedRun.Steps], counts);
        Assert.Equal($"✓ all {2 * GptThinnedRun.Steps} numbers equal the engine's, bit for bit", await tab.Page.Locator("#check").TextContentAsync());
        Assert.Contains("every 5 steps", await tab.Page.Locator("#thinning").TextContentAsync(), StringComparison.Ordinal);
        tab.AssertNoErrors();
    }
}
