using System.Globalization;
using System.Text.Json;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;
using Micrograd.NN.Gpt;
using Xunit.Abstractions;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The GPT page rebuilds the weights at any step (gpt-replay.js, gpt-backward.js): from each checkpoint it takes the
/// steps to the next one again, and every loss equals the engine's, and the weights, m and v it reaches equal the next
/// checkpoint's, bit for bit; for a small run of 2 layers (a checkpoint every 5 steps) and for microgpt's default run (every
/// 50). The exceptions the page's Adam needs (where C's pow differs from g·g and the square root) are exactly those.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptReplayTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Ready = "() => typeof GptReplay === 'function' && document.getElementById('run-data') !== null";

    /// <summary>In the page: from each checkpoint to the next, every replayed step's loss (full text, in step order), how
    /// many weights, m and v differ from the next checkpoint's, the milliseconds the replay took, and the exceptions.</summary>
    private const string ReplayAll = """
        () => {
          const replay = new GptReplay(JSON.parse(document.getElementById("run-data").textContent));
          const losses = [];
          const differ = [0, 0, 0];
          const steps = replay.checkpointSteps;
          const n = replay.size;
          let time = 0;
          for (let i = 0; i + 1 < steps.length; i++) {
            replay.restore(i);
            const start = performance.now();
            while (replay.step < steps[i + 1]) losses.push(Numbers.full(replay.next()));
            time += performance.now() - start;
            const w = replay.checkpointWeights.subarray((i + 1) * n, (i + 2) * n);
            const m = replay.moments.subarray(2 * (i + 1) * n, (2 * (i + 1) + 1) * n);
            const v = replay.moments.subarray((2 * (i + 1) + 1) * n, (2 * (i + 1) + 2) * n);
            for (let j = 0; j < n; j++) {
              if (!Object.is(replay.weights[j], w[j])) differ[0]++;
              if (!Object.is(replay.m[j], m[j])) differ[1]++;
              if (!Object.is(replay.v[j], v[j])) differ[2]++;
            }
          }
          return JSON.stringify({ losses, differ, steps, time, exceptions: replay.exceptionCounts });
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Replayed(string[] Losses, int[] Differ, int[] Steps, double Time, int[] Exceptions);

    private static async Task<Replayed> ReplayAllAsync(ExplorerTab tab) =>
        JsonSerializer.Deserialize<Replayed>(await tab.Page.EvaluateAsync<string>(ReplayAll), Json)!;

    private static readonly string[] SmallNames =
    [
        "emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia", "amelia", "harper", "evelyn", "abigail", "emily",
        "elizabeth", "mila", "ella", "avery", "sofia", "camila", "aria", "scarlett", "victoria", "madison", "luna", "grace",
    ];

    [Fact]
    public async Task A_small_run_is_replayed_from_every_checkpoint_and_any_step_is_rebuilt_bit_for_bit()
    {
        const int steps = 200, seed = 11;
        using var folder = new TempDirectory();
        var data = folder.Write("names.txt", string.Join('\n', SmallNames) + "\n");
        var page = folder.File("run.html");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["gpt", "--data", data, "--layers", "2", "--embd", "8", "--heads", "2", "--block", "8",
            "--steps", steps.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture), "--samples", "1",
            "--html", page], stdout, stderr);
        Assert.True(code == 0, $"gpt exited {code}:\n{stdout}\n{stderr}");

        // the same run with the library's eager engine, keeping the weights after every step
        var random = new PythonRandom(seed);
        var documents = GptDocuments.Parse(File.ReadAllText(data)).ToList();
        random.Shuffle(documents);
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var model = Micrograd.NN.Gpt.Gpt.Create(new GptConfig(2, 8, 2, 8), tokenizer.VocabularySize, random);
        var trainer = new GptTrainer(model, [.. documents.Select(tokenizer.EncodeDocument)], new GptAdam(model.Parameters.Count, 0.01, steps), GptEngine.Eager);
        var weights = new List<double[]> { model.Parameters.Select(p => p.Data).ToArray() };
        var losses = new List<double>();
        for (var k = 0; k < steps; k++)
        {
            losses.Add(trainer.Step());
            weights.Add([.. model.Parameters.Select(p => p.Data)]);
        }

        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, page, 1200, 800, "", Ready);
        var replayed = await ReplayAllAsync(tab);
        Assert.Equal(Enumerable.Range(0, (steps / 5) + 1).Select(i => i * 5), replayed.Steps);
        Assert.Equal(losses.Select(Shown.Full), replayed.Losses);
        Assert.Equal([0, 0, 0], replayed.Differ);

        // any step, forwards and back, from the checkpoint before it or from where the replay is
        int[] wanted = [1, 3, 4, 7, 9, 123, 124, 57, 199, 200, 0, 198];
        var json = await tab.Page.EvaluateAsync<string>($$"""
            () => {
              const replay = new GptReplay(JSON.parse(document.getElementById("run-data").textContent));
              return JSON.stringify([{{string.Join(", ", wanted)}}].map((s) => Array.from(replay.seek(s), Numbers.full)));
            }
            """);
        var shown = JsonSerializer.Deserialize<string[][]>(json)!;
        for (var i = 0; i < wanted.Length; i++) Assert.Equal(weights[wanted[i]].Select(Shown.Full), shown[i]);
        output.WriteLine($"small run: {model.Parameters.Count:N0} parameters, {replayed.Time / steps:0.###} ms a step, exceptions {replayed.Exceptions[0]} squares and {replayed.Exceptions[1]} square roots");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_default_run_is_replayed_from_every_checkpoint_bit_for_bit_and_fast()
    {
        var (page, log) = (DefaultGptPage.Page, DefaultGptPage.Log);
        var logged = File.ReadAllLines(log).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("loss").GetDouble()).ToList();
        var size = new FileInfo(page).Length;
        Assert.True(size < 5_000_000, size.ToString("N0", CultureInfo.InvariantCulture));

        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, page, 1200, 800, "", Ready);
        var replayed = await ReplayAllAsync(tab);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => i * 50), replayed.Steps);
        Assert.Equal(logged.Select(Shown.Full), replayed.Losses);
        Assert.Equal([0, 0, 0], replayed.Differ);
        Assert.All(replayed.Exceptions, count => Assert.InRange(count, 1, 20_000));
        var perStep = replayed.Time / 1000;
        output.WriteLine($"default run: page {size:N0} bytes, {perStep:0.###} ms a step replayed, exceptions {replayed.Exceptions[0]:N0} squares and {replayed.Exceptions[1]:N0} square roots");
        Assert.True(perStep < 25, $"{perStep} ms a step");

        // one step on from anywhere: at most 49 steps from the checkpoint before it
        var worst = await tab.Page.EvaluateAsync<double>("""
            () => {
              const replay = new GptReplay(JSON.parse(document.getElementById("run-data").textContent));
              const start = performance.now();
              replay.seek(949);
              return performance.now() - start;
            }
            """);
        output.WriteLine($"default run: the weights after step 949 (49 steps after a checkpoint) in {worst:0.#} ms");
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_recorded_exceptions_are_exactly_where_pow_differs_from_the_browsers_arithmetic()
    {
        const int steps = 40;
        var names = GptDocuments.Parse(File.ReadAllText(Repository.File("src/Micrograd.Cli/Gpt/names.txt"))).Take(500).ToList();
        var tokenizer = CharTokenizer.FromDocuments(names);
        var tokens = names.Select(tokenizer.EncodeDocument).ToList();
        var config = new GptConfig();
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, new PythonRandom(3));
        var adam = new GptAdam(model.Parameters.Count, 0.01, steps);
        var trainer = new GptTrainer(model, tokens, adam);
        var recorder = new GptRunRecorder(trainer, tokenizer, 3);

        // a shadow run with the eager engine, its Adam written out here
        var shadow = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, new PythonRandom(3));
        var count = shadow.Parameters.Count;
        var (m, v) = (new double[count], new double[count]);
        var (squares, roots) = (new List<int>(), new List<int>());
        // an exception: the index · 2, + 1 where pow is the next double up from the correctly rounded number
        static int Code(int i, double pow, double ieee)
        {
            Assert.Equal(1, Math.Abs(BitConverter.DoubleToInt64Bits(pow) - BitConverter.DoubleToInt64Bits(ieee)));
            return (2 * i) + (pow > ieee ? 1 : 0);
        }
        int[] squareStarts = new int[steps + 1], rootStarts = new int[steps + 1];
        for (var k = 0; k < steps; k++)
        {
            Assert.Equal(names[k % names.Count], recorder.StepDocuments[k]);
            recorder.Record(trainer.Step());
            shadow.ZeroGrad();
            shadow.Loss(tokens[k % tokens.Count]).Backward();
            var (c1, c2, rate) = (1 - Math.Pow(0.85, k + 1), 1 - Math.Pow(0.99, k + 1), adam.LearningRateAt(k));
            Assert.Equal(c1, recorder.Corrections[2 * k]);
            Assert.Equal(c2, recorder.Corrections[(2 * k) + 1]);
            for (var i = 0; i < count; i++)
            {
                var p = shadow.Parameters[i];
                var g = p.Grad;
                if (Math.Pow(g, 2) != g * g) squares.Add(Code(i, Math.Pow(g, 2), g * g));
                m[i] = (0.85 * m[i]) + ((1 - 0.85) * g);
                v[i] = (0.99 * v[i]) + ((1 - 0.99) * Math.Pow(g, 2));
                var vHat = v[i] / c2;
                if (Math.Pow(vHat, 0.5) != Math.Sqrt(vHat)) roots.Add(Code(i, Math.Pow(vHat, 0.5), Math.Sqrt(vHat)));
                p.Data -= rate * (m[i] / c1) / (Math.Pow(vHat, 0.5) + 1e-8);
            }
            squareStarts[k + 1] = squares.Count;
            rootStarts[k + 1] = roots.Count;
        }
        Assert.Equal(model.Parameters.Select(p => p.Data), shadow.Parameters.Select(p => p.Data));
        Assert.Equal(squareStarts, recorder.Squares.Starts);
        Assert.Equal(squares, recorder.Squares.Codes);
        Assert.Empty(recorder.Squares.OtherIndices);
        Assert.Equal(new int[steps + 1], recorder.Squares.OtherStarts);
        Assert.Equal(rootStarts, recorder.Roots.Starts);
        Assert.Equal(roots, recorder.Roots.Codes);
        Assert.Empty(recorder.Roots.OtherIndices);
        Assert.Equal(new int[steps + 1], recorder.Roots.OtherStarts);
        Assert.NotEmpty(squares);
        Assert.NotEmpty(roots);
        Assert.Equal(recorder.CheckpointSteps.Count, recorder.Moments.Count);
        Assert.Equal([.. m, .. v], recorder.Moments[^1]);
        output.WriteLine($"{steps} steps of {count:N0} parameters: {squares.Count} squares and {roots.Count} square roots differ from g·g and √v̂");
    }
}
