using System.Text.Json;
using Micrograd.Cli.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Cli.Tests;

public class TrainCommandTests
{
    private static string[] Demo(TempDirectory folder, params string[] more) =>
    [
        "train", "--data", CliFixtures.MoonsCsv, "--init", CliFixtures.MoonsInit,
        "--steps", "100", "--lr", "1.0", "--lr-end", "0.1", "--l2", "1e-4", "--loss", "hinge",
        "--log", folder.File("log.jsonl"), "--save", folder.File("final.json"), .. more,
    ];

    private static void AssertMatchesTrajectory(TempDirectory folder)
    {
        var (steps, finalLayers) = CliFixtures.Trajectory();
        var log = CliFixtures.ReadLog(folder.File("log.jsonl"));
        Assert.Equal(steps.Count, log.Count);
        for (var k = 0; k < log.Count; k++)
        {
            Assert.Equal(k + 1, log[k].Step);
            CliFixtures.Close(steps[k].Loss, log[k].Loss, $"loss at step {k}");
            CliFixtures.Close(steps[k].Accuracy, log[k].Accuracy, $"accuracy at step {k}");
        }

        using var saved = JsonDocument.Parse(File.ReadAllText(folder.File("final.json")));
        var layers = saved.RootElement.GetProperty("layers");
        Assert.Equal(finalLayers.GetArrayLength(), layers.GetArrayLength());
        for (var l = 0; l < layers.GetArrayLength(); l++)
        {
            foreach (var part in new[] { "weights", "biases" })
            {
                var expected = Flatten(finalLayers[l].GetProperty(part));
                var actual = Flatten(layers[l].GetProperty(part));
                Assert.Equal(expected.Length, actual.Length);
                for (var i = 0; i < expected.Length; i++) CliFixtures.Close(expected[i], actual[i], $"layer {l} {part} {i}");
            }
        }
    }

    private static double[] Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten).ToArray() : [e.GetDouble()];

    [Theory]
    [InlineData(null, "compiled engine")]
    [InlineData("compiled", "compiled engine")]
    [InlineData("eager", "eager engine")]
    public void The_demo_run_matches_the_reference_trajectory_and_final_weights(string? engine, string described)
    {
        using var folder = new TempDirectory();
        var r = Tool.Run(engine is null ? Demo(folder) : Demo(folder, "--engine", engine));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        AssertMatchesTrajectory(folder);
        Assert.Contains("training MLP 2-16-16-1 (relu, relu, linear) (337 parameters) on moons.csv (100 samples): hinge loss + l2 0.0001, sgd, lr 1 -> 0.1, full batch, 100 steps, " + described + "\n", r.Out);
        Assert.Contains("after 100 steps: loss", r.Out);
        Assert.Contains("accuracy 1 on all 100 samples; " + described + ": ", r.Out);
        Assert.Contains(" ms per step\n", r.Out);
    }

    [Theory]
    [InlineData("--data", "moons")]
    [InlineData("--data", "blobs", "--classes", "4", "--loss", "softmax", "--optimizer", "adam", "--batch", "30", "--activation", "tanh")]
    [InlineData("--data", "spirals", "--loss", "bce", "--optimizer", "momentum", "--batch", "7", "--hidden", "8,8,8", "--l2", "0")]
    [InlineData("--data", "circles", "--loss", "mse", "--activation", "sigmoid", "--hidden", "none", "--samples", "333")]
    public void The_compiled_and_eager_engines_write_the_same_log_and_model(params string[] options)
    {
        using var folder = new TempDirectory();
        string[] Args(string engine) =>
            ["train", .. options, "--steps", "30", "--engine", engine, "--log", folder.File(engine + ".jsonl"), "--save", folder.File(engine + ".json")];
        var compiled = Tool.Run(Args("compiled"));
        var eager = Tool.Run(Args("eager"));
        Assert.True(compiled.ExitCode == 0, compiled.ToString());
        Assert.True(eager.ExitCode == 0, eager.ToString());
        Assert.Contains(", compiled engine\n", compiled.Out);
        Assert.Contains(", eager engine\n", eager.Out);
        Assert.Equal(30, CliFixtures.ReadLog(folder.File("compiled.jsonl")).Count);
        Assert.Equal(File.ReadAllText(folder.File("eager.jsonl")), File.ReadAllText(folder.File("compiled.jsonl")));
        Assert.Equal(File.ReadAllText(folder.File("eager.json")), File.ReadAllText(folder.File("compiled.json")));
    }

    [Fact]
    public void The_demo_run_as_a_real_process_matches_and_draws_a_png_headless()
    {
        using var folder = new TempDirectory();
        var r = Tool.RunProcess(Demo(folder, "--plot", folder.File("moons.png")));
        Assert.True(r.ExitCode == 0, r.ToString());
        AssertMatchesTrajectory(folder);
        var png = File.ReadAllBytes(folder.File("moons.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(520, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Contains($"drew {folder.File("moons.png")}", r.Out);
    }

    [Fact]
    public void The_log_holds_round_trip_doubles_equal_to_the_library_run()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("train", "--data", "circles", "--hidden", "6", "--activation", "tanh", "--steps", "12", "--loss", "bce",
            "--optimizer", "momentum", "--lr", "0.3", "--lr-end", "0.3", "--l2", "0", "--seed", "5", "--log", folder.File("log.jsonl"));
        Assert.True(r.ExitCode == 0, r.ToString());

        // the same run through the library, with the seeds train documents: data seed, model seed + 1
        var data = DataGenerators.Circles(100, 0.05, new Random(5));
        var model = new Mlp(2, [6, 1], new Random(6), Activation.Tanh);
        var trainer = new Trainer(new EagerEngine(new Objective(model, Loss.BinaryCrossEntropy)),
            new Momentum(model.Parameters, LearningRateSchedule.Constant(0.3)), BatchSampler.Full(data));
        var expected = trainer.Run(12);
        var log = CliFixtures.ReadLog(folder.File("log.jsonl"));
        Assert.Equal(expected.Select(s => (s.Step + 1, s.Loss, s.Accuracy)), log); // the log numbers steps from 1
    }

    [Fact]
    public void Defaults_are_the_demos()
    {
        var r = Tool.Run("train");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("training MLP 2-16-16-1 (relu, relu, linear) (337 parameters) on moons (100 samples): hinge loss + l2 0.0001, sgd, lr 1 -> 0.1, full batch, 100 steps", r.Out);
        // redirected output: plain progress lines, about ten and the last
        var progress = r.Out.Split('\n').Where(l => l.StartsWith("step ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(11, progress.Length);
        Assert.StartsWith("step 1/100  loss ", progress[0]);
        Assert.StartsWith("step 100/100  loss ", progress[^1]);
        Assert.DoesNotContain("\u001b[", r.Out);
    }

    [Fact]
    public void The_seed_fixes_the_run_and_another_seed_changes_it()
    {
        using var folder = new TempDirectory();
        string[] Args(string seed, string log) => ["train", "--steps", "5", "--batch", "20", "--seed", seed, "--log", folder.File(log)];
        Assert.Equal(0, Tool.Run(Args("3", "a.jsonl")).ExitCode);
        Assert.Equal(0, Tool.Run(Args("3", "b.jsonl")).ExitCode);
        Assert.Equal(0, Tool.Run(Args("4", "c.jsonl")).ExitCode);
        Assert.Equal(File.ReadAllText(folder.File("a.jsonl")), File.ReadAllText(folder.File("b.jsonl")));
        Assert.NotEqual(File.ReadAllText(folder.File("a.jsonl")), File.ReadAllText(folder.File("c.jsonl")));
        // batches of 20: every accuracy is a multiple of 1/20
        Assert.All(CliFixtures.ReadLog(folder.File("a.jsonl")), s => Assert.Equal(0, s.Accuracy * 20 % 1, 9));
    }

    [Theory]
    [InlineData("moons", "hinge", "sgd")]
    [InlineData("circles", "bce", "adam")]
    [InlineData("blobs", "mse", "momentum")]
    [InlineData("spirals", "hinge", "adam")]
    public void Every_data_set_loss_and_optimizer_trains(string data, string loss, string optimizer)
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("train", "--data", data, "--loss", loss, "--optimizer", optimizer, "--steps", "40", "--hidden", "8,8",
            "--log", folder.File("log.jsonl"), "--save", folder.File("model.json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var log = CliFixtures.ReadLog(folder.File("log.jsonl"));
        Assert.Equal(40, log.Count);
        Assert.True(log[^1].Loss < log[0].Loss, $"loss went from {log[0].Loss} to {log[^1].Loss}");
        Assert.Equal("MLP 2-8-8-1 (relu, relu, linear)", ModelFile.Load(folder.File("model.json")).ToString());
    }

    [Fact]
    public void Softmax_trains_several_classes_and_saves_one_output_per_class()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("train", "--data", "blobs", "--classes", "4", "--loss", "softmax", "--optimizer", "adam", "--steps", "60",
            "--hidden", "8", "--activation", "tanh", "--save", folder.File("model.json"), "--plot", folder.File("blobs.png"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("MLP 2-8-4 (tanh, linear)", ModelFile.Load(folder.File("model.json")).ToString());
        Assert.Contains("softmax loss", r.Out);
        Assert.Equal((1200, 520), Png.Size(folder.File("blobs.png")));
    }

    [Fact]
    public void A_linear_model_trains_with_hidden_none()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("train", "--data", "blobs", "--hidden", "none", "--steps", "20", "--save", folder.File("model.json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("MLP 2-1 (linear)", ModelFile.Load(folder.File("model.json")).ToString());
    }

    [Fact]
    public void A_diverged_run_still_logs_saves_and_draws()
    {
        // a rate this large sends the weights to infinity and the loss to NaN within a few steps
        using var folder = new TempDirectory();
        var r = Tool.Run("train", "--steps", "3", "--lr", "1e308", "--log", folder.File("log.jsonl"), "--save", folder.File("m.json"),
            "--plot", folder.File("p.png"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("loss NaN", r.Out);
        Assert.Contains("\"NaN\"", File.ReadAllText(folder.File("m.json")));
        Assert.Equal((1200, 520), Png.Size(folder.File("p.png")));
    }

    [Fact]
    public void A_csv_with_more_features_trains()
    {
        using var folder = new TempDirectory();
        var random = new Random(1);
        var lines = Enumerable.Range(0, 40).Select(_ =>
        {
            double a = random.NextDouble() - 0.5, b = random.NextDouble() - 0.5, c = random.NextDouble() - 0.5;
            return FormattableString.Invariant($"{a},{b},{c},{(a + b - c > 0 ? 1 : -1)}");
        });
        var csv = folder.Write("three.csv", string.Join('\n', lines));
        var r = Tool.Run("train", "--data", csv, "--hidden", "4", "--steps", "30", "--lr", "0.5", "--save", folder.File("m.json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("on three.csv (40 samples)", r.Out);
        Assert.Equal(3, ModelFile.Load(folder.File("m.json")).InputCount);
    }
}

public class TrainHelpTests
{
    [Fact]
    public void Help_lists_every_option()
    {
        var r = Tool.Run("train", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var option in new[] { "--data", "--hidden", "--activation", "--init", "--steps", "--lr", "--lr-end", "--optimizer", "--loss", "--l2", "--batch", "--engine", "--seed", "--save", "--log", "--plot" })
        {
            Assert.Contains(option + " ", r.Out);
        }
        Assert.Contains("<sgd|momentum|adam>", r.Out);
        Assert.Contains("<compiled|eager>", r.Out);
        Assert.Contains("static", r.Out);
        Assert.Contains("--model", Tool.Run("predict", "--help").Out);
    }
}
