using Micrograd.Cli.Train;
using Micrograd.NN;
using Spectre.Console;

namespace Micrograd.Cli.Tests;

public class TrainingProgressTests
{
    private static Trainer SmallTrainer()
    {
        var data = DataGenerators.Moons(20, 0.1, new Random(1));
        var model = new Mlp(2, [4, 1], new Random(2));
        return new Trainer(new EagerEngine(new Objective(model, Loss.Hinge)), new Sgd(model.Parameters, LearningRateSchedule.Constant(0.1)), BatchSampler.Full(data));
    }

    [Fact]
    public void On_a_terminal_a_live_bar_shows_the_loss_and_accuracy()
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(screen),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
        });
        var plain = new StringWriter();
        var seen = new List<TrainingStep>();
        var steps = TrainingProgress.Run(SmallTrainer(), 5, console, plain, seen.Add);

        Assert.Equal(5, steps.Count);
        Assert.Equal(steps, seen);
        Assert.Equal("", plain.ToString());
        var text = screen.ToString();
        Assert.Contains("\u001b[", text);
        Assert.Contains("step 5/5", text);
        Assert.Contains($"loss {TrainingProgress.Short(steps[^1].Loss)}", text);
        Assert.Contains("accuracy", text);
        Assert.Contains("100%", text);
    }

    [Fact]
    public void Redirected_output_gets_plain_lines()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No });
        var plain = new StringWriter();
        var steps = TrainingProgress.Run(SmallTrainer(), 25, console, plain, _ => { });
        var lines = plain.ToString().TrimEnd('\n').Split('\n');
        // every second step (25 / 10 = 2) from the first, and the last
        Assert.Equal(Enumerable.Range(0, 13).Select(i => 2 * i + 1).Append(25).Distinct().Select(k => TrainingProgress.Line(steps[k - 1], 25)), lines);
    }
}
