using System.Text.Json;
using Micrograd.Cli.Tests.Support;
using Micrograd.Cli.Train;
using Micrograd.NN;

namespace Micrograd.Cli.Tests;

/// <summary>
/// <c>train --validation F</c>: a seeded share of the samples is held out; each log line gains val_loss and val_accuracy,
/// the loss and accuracy of the same objective (L2 included) on the held-out samples at the parameters the step is measured
/// with; bad shares are refused in one line.
/// </summary>
public class TrainValidationTests
{
    [Theory]
    [InlineData("--validation -0.1", "--validation '-0.1' must be a fraction from 0 to below 1")]
    [InlineData("--validation 1", "--validation '1' must be a fraction from 0 to below 1")]
    [InlineData("--validation 1.5", "--validation '1.5' must be a fraction from 0 to below 1")]
    [InlineData("--validation NaN", "--validation 'NaN' must be a fraction from 0 to below 1")]
    [InlineData("--validation half", "--validation 'half' is not a number")]
    [InlineData("--validation 0.995", "--validation 0.995 holds out all 100 samples of moons, leaving none to train on; choose a smaller share")]
    [InlineData("--validation 0.76 --samples 4", "--validation 0.76 holds out all 4 samples of moons, leaving none to train on")]
    public void Bad_shares_are_refused(string arguments, string message) =>
        Tool.Run(["train", "--steps", "1", .. arguments.Split(' ')]).AssertRefused(message);

    [Fact]
    public void The_log_has_the_validation_loss_and_accuracy_of_the_held_out_samples_at_each_step()
    {
        using var folder = new TempDirectory();
        string[] args = ["train", "--data", "moons", "--steps", "25", "--batch", "20", "--optimizer", "momentum", "--validation", "0.3", "--seed", "11", "--log", folder.File("log.jsonl")];
        var r = Tool.Run(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("on moons (70 samples, 30 held out for validation): hinge loss + l2 0.0001, momentum", r.Out);
        Assert.Matches(@"after 25 steps: loss [0-9.e-]+, accuracy [0-9.]+ on all 70 training samples, validation loss [0-9.e-]+, accuracy [0-9.]+ on 30; ", r.Out);

        // The same run in C#, from the same seeds: the split, then the validation objective measured before each step.
        var all = DataGenerators.Generate("moons", 100, null, new Random(11));
        var (train, validation) = ValidationSplit.Split(all, 0.3, 11);
        Assert.Equal(70, train.Count);
        Assert.NotNull(validation);
        var model = new Mlp(2, [16, 16, 1], new Random(12));
        var objective = new Objective(model, Loss.Hinge, 1e-4);
        var trainer = new Trainer(new EagerEngine(objective), new Momentum(model.Parameters, LearningRateSchedule.Linear(0.1, 0.01, 25)), new BatchSampler(train, 20, new Random(13)));
        var lines = File.ReadAllLines(folder.File("log.jsonl"));
        Assert.Equal(25, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Assert.Equal(["step", "loss", "accuracy", "val_loss", "val_accuracy"], root.EnumerateObject().Select(p => p.Name));
            var held = objective.Evaluate(validation);
            var step = trainer.Step();
            Assert.Equal(step.Loss, root.GetProperty("loss").GetDouble());
            Assert.Equal(held.Loss, root.GetProperty("val_loss").GetDouble());
            Assert.Equal(held.Accuracy, root.GetProperty("val_accuracy").GetDouble());
        }
    }

    [Fact]
    public void The_split_is_seeded_keeps_the_samples_order_and_holds_out_the_share_rounded_up()
    {
        var data = new Dataset(Enumerable.Range(0, 10).Select(i => (IReadOnlyList<double>)[i, -i]), Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? 1.0 : -1.0), "ten");
        var (train, validation) = ValidationSplit.Split(data, 0.25, 5);
        Assert.Equal(3, validation!.Count); // ⌈2.5⌉
        Assert.Equal(7, train.Count);
        var held = validation.Features.Select(f => (int)f[0]).ToArray();
        var kept = train.Features.Select(f => (int)f[0]).ToArray();
        Assert.Equal(held.Order(), held);
        Assert.Equal(kept.Order(), kept);
        Assert.Equal(Enumerable.Range(0, 10), held.Concat(kept).Order());
        Assert.Equal(held, ValidationSplit.Split(data, 0.25, 5).Validation!.Features.Select(f => (int)f[0]));
        Assert.NotEqual(held, ValidationSplit.Split(data, 0.25, 6).Validation!.Features.Select(f => (int)f[0]));
        Assert.Same(data, ValidationSplit.Split(data, 0, 5).Train);
        Assert.Null(ValidationSplit.Split(data, 0, 5).Validation);
    }

    [Fact]
    public void Help_describes_validation_and_the_training_page()
    {
        var r = Tool.Run("train", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--validation", r.Out);
        Assert.Contains("val_loss", r.Out);
        Assert.Contains("--html <FILE>", r.Out);
        Assert.Contains("training page", r.Out);
    }
}
