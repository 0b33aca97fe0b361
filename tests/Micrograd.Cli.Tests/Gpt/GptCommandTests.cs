using System.Globalization;
using System.Text.Json;
using Micrograd.Cli.Gpt;
using Micrograd.Cli.Tests.Support;
using Micrograd.Cli.Train;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Tests.Gpt;

/// <summary><c>micrograd gpt</c> is microgpt.py: with no options, its 1,000 losses (as Python prints them) and its 20 names;
/// then <c>gpt sample</c> from a saved model.</summary>
public class GptCommandTests
{
    /// <summary>microgpt.py's 1,000 losses as the text of their JSON numbers in run_default.json, which Python's repr wrote.</summary>
    private static IReadOnlyList<string> ReferenceLossTexts()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.File("tests/Micrograd.Tests/Fixtures/microgpt/run_default.json")));
        return [.. document.RootElement.GetProperty("losses").EnumerateArray().Select(e => e.GetRawText())];
    }

    /// <summary>A --log file's lines: each must have exactly step, loss and lr; the loss as the number's raw text.</summary>
    private static List<(int Step, string Loss, double LearningRate)> ReadLog(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.Equal(["step", "loss", "lr"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, root.GetProperty("loss").ValueKind);
            return (root.GetProperty("step").GetInt32(), root.GetProperty("loss").GetRawText(), root.GetProperty("lr").GetDouble());
        }).ToList();

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    /// <summary>microgpt.py's default run through the tool. Both engines run all 1,000 steps (the eager one takes about 8 s
    /// in a Debug build).</summary>
    [Theory]
    [InlineData(null, "compiled engine")]
    [InlineData("eager", "eager engine")]
    public void With_no_options_it_is_microgpt_py_every_loss_to_the_last_digit_and_every_name(string? engine, string described)
    {
        using var folder = new TempDirectory();
        var log = folder.File("log.jsonl");
        string[] args = engine is null ? ["gpt", "--log", log] : ["gpt", "--log", log, "--engine", engine];
        var r = Tool.Run(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);

        var steps = ReadLog(log);
        var reference = ReferenceLossTexts();
        Assert.Equal(1000, reference.Count);
        Assert.Equal(Enumerable.Range(1, 1000), steps.Select(s => s.Step));
        for (var k = 0; k < 1000; k++)
        {
            Assert.True(reference[k] == steps[k].Loss, $"step {k + 1}: microgpt.py's loss {reference[k]}, the log's {steps[k].Loss}");
            var lr = 0.01 * (1 - (double)k / 1000);
            Assert.True(BitConverter.DoubleToInt64Bits(lr) == BitConverter.DoubleToInt64Bits(steps[k].LearningRate), $"step {k + 1}: lr {steps[k].LearningRate:R}, not {lr:R}");
        }

        var lines = Lines(r.Out);
        Assert.Equal(
            "training a GPT (1 layer, width 16, 4 heads, context 16; 4,192 parameters) on 32,033 documents from makemore's names.txt (built in), " +
            $"vocabulary 27 (26 characters and BOS): adam, lr 0.01 -> 0, 1,000 steps, seed 42, {described}", lines[0]);
        // redirected, the progress is a line every 100 steps from the first, and the last, with the log's numbers
        int[] shown = [1, 101, 201, 301, 401, 501, 601, 701, 801, 901, 1000];
        Assert.Equal(shown.Select(k => new GptStep(k - 1, double.Parse(steps[k - 1].Loss, CultureInfo.InvariantCulture), steps[k - 1].LearningRate).Line(1000)), lines[1..12]);
        Assert.Equal("step 1/1000  loss 3.36597  lr 0.01", lines[1]);
        Assert.Matches($"^after 1000 steps: loss 2\\.64969 at the last step; {described}: [0-9.]+ ms per step$", lines[12]);
        Assert.Equal($"wrote 1000 steps to {log}", lines[13]);
        Assert.Equal("--- inference (new, hallucinated names) ---", lines[14]);
        Assert.Equal(Microgpt.Default.Samples.Select((name, i) => $"sample {i + 1,2}: {name}"), lines[15..]);
        Assert.Equal("sample  1: kamon", lines[15]);
        Assert.Equal("sample 20: anton", lines[^1]);
    }

    [Fact]
    public void Without_a_log_the_output_is_the_description_the_progress_the_summary_and_the_names()
    {
        var r = Tool.Run("gpt", "--steps", "20", "--samples", "3");
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = Lines(r.Out);
        Assert.Equal(1 + 11 + 1 + 1 + 3, lines.Length); // 20 steps: every second one from the first (10), and the last
        Assert.StartsWith("training a GPT ", lines[0]);
        Assert.Contains(", 20 steps, seed 42, compiled engine", lines[0]);
        Assert.Equal(["step 1/20  loss 3.36597  lr 0.01", "step 3/20  loss 3.17758  lr 0.009"], lines[1..3]);
        Assert.StartsWith("step 20/20  loss ", lines[11]);
        Assert.StartsWith("after 20 steps: loss ", lines[12]);
        Assert.Equal(GptSamples.Heading, lines[13]);
        Assert.Matches("^sample  1: [a-z]+$", lines[14]);
        Assert.Matches("^sample  3: [a-z]+$", lines[16]);
    }

    /// <summary>microgpt's recipe in process: seed, shuffle, vocabulary, weights, training.</summary>
    private static (Micrograd.NN.Gpt.Gpt Model, CharTokenizer Tokenizer, PythonRandom Random) TrainInProcess(IReadOnlyList<string> names, int steps, GptConfig config, int seed = 42)
    {
        var random = new PythonRandom(seed);
        var documents = names.ToList();
        random.Shuffle(documents);
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, random);
        var trainer = new GptTrainer(model, documents.Select(tokenizer.EncodeDocument).ToList(), new GptAdam(model.Parameters.Count, 0.01, steps));
        for (var k = 0; k < steps; k++) trainer.Step();
        return (model, tokenizer, random);
    }

    [Fact]
    public void The_saved_model_is_the_one_microgpts_recipe_trains_and_its_names_are_drawn_on_from_the_same_generator()
    {
        using var folder = new TempDirectory();
        var save = folder.File("m.json");
        var r = Tool.Run("gpt", "--steps", "60", "--layers", "2", "--embd", "12", "--heads", "3", "--block", "10", "--seed", "7", "--samples", "6",
            "--temperature", "0.8", "--save", save);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"\nsaved the model to {save}\n", r.Out);

        var (model, tokenizer, random) = TrainInProcess(Microgpt.Names, 60, new GptConfig(2, 12, 3, 10), seed: 7);
        Assert.Equal(GptModelFile.ToJson(model, tokenizer), File.ReadAllText(save));
        var sampler = new GptSampler(model, tokenizer);
        var expected = Enumerable.Range(0, 6).Select(i => $"sample {i + 1,2}: {sampler.Sample(random, 0.8)}");
        Assert.Equal(expected, Lines(r.Out)[^6..]);
    }

    [Theory]
    [InlineData("compiled")]
    [InlineData("eager")]
    public void Gpt_sample_draws_from_a_saved_model_what_GptSampler_draws_in_process(string engine)
    {
        using var folder = new TempDirectory();
        var save = folder.File("m.json");
        Assert.Equal(0, Tool.Run("gpt", "--steps", "200", "--samples", "1", "--save", save).ExitCode);

        var r = Tool.Run("gpt", "sample", "--model", save, "--seed", "9", "--temperature", "0.7", "--samples", "12", "--engine", engine);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        var (model, tokenizer) = GptModelFile.Load(save);
        var sampler = new GptSampler(model, tokenizer);
        var random = new PythonRandom(9);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"sample {i + 1,2}: {sampler.Sample(random, 0.7)}"), Lines(r.Out));
    }

    [Fact]
    public void Gpt_sample_defaults_to_20_names_at_seed_42_and_temperature_0_5_and_both_engines_agree()
    {
        using var folder = new TempDirectory();
        var save = folder.File("m.json");
        Assert.Equal(0, Tool.Run("gpt", "--steps", "100", "--samples", "1", "--save", save).ExitCode);
        var compiled = Tool.Run("gpt", "sample", "--model", save);
        var eager = Tool.Run("gpt", "sample", "--model", save, "--engine", "eager");
        Assert.True(compiled.ExitCode == 0, compiled.ToString());
        Assert.Equal(compiled.Out, eager.Out);
        var (model, tokenizer) = GptModelFile.Load(save);
        var sampler = new GptSampler(model, tokenizer, GptEngine.Eager);
        var random = new PythonRandom(42);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"sample {i + 1,2}: {sampler.Sample(random, 0.5)}"), Lines(compiled.Out));
    }

    [Fact]
    public void Every_name_sampled_with_a_prefix_starts_with_it_as_GptSampler_continues_it()
    {
        using var folder = new TempDirectory();
        var save = folder.File("m.json");
        Assert.Equal(0, Tool.Run("gpt", "--steps", "200", "--samples", "1", "--save", save).ExitCode);
        var r = Tool.Run("gpt", "sample", "--model", save, "--prefix", "ma", "--samples", "10", "--seed", "3");
        Assert.True(r.ExitCode == 0, r.ToString());
        var names = Lines(r.Out).Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(10, names.Count);
        Assert.All(names, name => Assert.StartsWith("ma", name));
        Assert.Contains(names, name => name.Length > 2);
        var (model, tokenizer) = GptModelFile.Load(save);
        var random = new PythonRandom(3);
        var sampler = new GptSampler(model, tokenizer);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => sampler.Sample(random, 0.5, "ma")), names);

        // a prefix as long as the context leaves nothing to draw
        var full = Tool.Run("gpt", "sample", "--model", save, "--prefix", "abcdefghijklmnop", "--samples", "2");
        Assert.Equal("sample  1: abcdefghijklmnop\nsample  2: abcdefghijklmnop\n", full.Out);
    }

    [Fact]
    public void A_data_file_is_read_as_UTF8_one_document_per_line_stripped_with_blank_lines_skipped()
    {
        using var folder = new TempDirectory();
        var data = folder.Write("words.txt", "  zoé \r\n\r\nchloë\n\t\nnoël\r\n😀ami\n");
        var save = folder.File("m.json");
        var r = Tool.Run("gpt", "--data", data, "--steps", "10", "--samples", "2", "--save", save);
        Assert.True(r.ExitCode == 0, r.ToString());
        // a c h i l m n o z é ë 😀 (one token, as Python counts it): 12 characters
        Assert.Contains($"on 4 documents from {data}, vocabulary 13 (12 characters and BOS)", Lines(r.Out)[0]);
        var (model, tokenizer) = GptModelFile.Load(save);
        Assert.Equal("achilmnoz\u00e9\u00eb😀", tokenizer.Characters);
        Assert.Equal(13, model.VocabularySize);

        var (expected, expectedTokenizer, _) = TrainInProcess(["zoé", "chloë", "noël", "😀ami"], 10, new GptConfig());
        Assert.Equal(GptModelFile.ToJson(expected, expectedTokenizer), File.ReadAllText(save));

        var prefixed = Tool.Run("gpt", "sample", "--model", save, "--prefix", "😀", "--samples", "2");
        Assert.True(prefixed.ExitCode == 0, prefixed.ToString());
        Assert.All(Lines(prefixed.Out), line => Assert.StartsWith("sample  ", line));
        Assert.All(Lines(prefixed.Out), line => Assert.Contains(": 😀", line));
    }

    [Fact]
    public void The_built_in_names_are_makemores_with_its_MIT_licence()
    {
        var names = GptData.Load(null);
        Assert.Equal(GptData.BuiltInDocuments, names.Documents.Count);
        Assert.Equal(Microgpt.Names, names.Documents);
        var license = GptData.Resource(GptData.LicenseResource);
        Assert.Equal(File.ReadAllText(Repository.File("src/Micrograd.Cli/Gpt/names.LICENSE.txt")), license);
        Assert.StartsWith("MIT License\n\nCopyright (c) 2022 Andrej Karpathy\n", license);
    }

    [Fact]
    public void The_progress_of_a_long_run_shows_the_loss_on_a_live_bar_on_a_terminal()
    {
        var screen = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(screen),
            Ansi = Spectre.Console.AnsiSupport.Yes,
            ColorSystem = Spectre.Console.ColorSystemSupport.Standard,
            Interactive = Spectre.Console.InteractionSupport.Yes,
        });
        var plain = new StringWriter();
        var seen = new List<int>();
        TrainingProgress.Run(5, console, plain, k =>
        {
            seen.Add(k);
            return new GptStep(k, 3.25 - k, 0.01);
        }, step => step.Describe(5), step => step.Line(5));
        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.Equal("", plain.ToString());
        Assert.Contains("\u001b[", screen.ToString());
        Assert.Contains("step 5/5  loss -0.75", screen.ToString());
        Assert.Contains("100%", screen.ToString());
    }
}
