using System.Globalization;
using Micrograd.NN;
using Spectre.Console;

namespace Micrograd.Cli.Train;

/// <summary>
/// Shows a run's progress: a live Spectre.Console bar with the latest step's numbers on an interactive terminal, or plain
/// lines (about ten per run, and the last step) when the output is redirected. <c>train</c> shows its loss and accuracy,
/// <c>gpt</c> its loss (Gpt.GptSession).
/// </summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="steps"/> steps of <paramref name="trainer"/>, calling <paramref name="onStep"/> after each.</summary>
    public static IReadOnlyList<TrainingStep> Run(Trainer trainer, int steps, IAnsiConsole console, TextWriter plain, Action<TrainingStep> onStep)
    {
        var run = new List<TrainingStep>();
        Run(steps, console, plain, _ =>
        {
            var step = trainer.Step();
            run.Add(step);
            onStep(step);
            return step;
        }, step => Describe(step, steps), step => Line(step, steps));
        return run;
    }

    /// <summary>
    /// Runs steps 0 to <paramref name="steps"/> − 1 of <paramref name="step"/> (which takes the step's index and returns what
    /// it measured): on a terminal under a live bar described by <paramref name="describe"/> (plain text, escaped here), else
    /// printing <paramref name="line"/> of every tenth of the run, from the first step, and of the last.
    /// </summary>
    public static void Run<T>(int steps, IAnsiConsole console, TextWriter plain, Func<int, T> step, Func<T, string> describe, Func<T, string> line)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("training", maxValue: steps);
                    for (var k = 0; k < steps; k++)
                    {
                        var result = step(k);
                        task.Description = Markup.Escape(describe(result));
                        task.Increment(1);
                    }
                });
            return;
        }

        var every = Math.Max(1, steps / 10);
        for (var k = 0; k < steps; k++)
        {
            var result = step(k);
            if (k % every == 0 || k == steps - 1) plain.WriteLine(line(result));
        }
    }

    /// <summary>A plain progress line, such as <c>step 10/100  loss 0.3127  accuracy 0.87  lr 0.91</c>.</summary>
    public static string Line(TrainingStep step, int steps) => string.Create(CultureInfo.InvariantCulture,
        $"step {step.Step + 1}/{steps}  loss {Short(step.Loss)}  accuracy {Short(step.Accuracy)}  lr {Short(step.LearningRate)}");

    private static string Describe(TrainingStep step, int steps) =>
        string.Create(CultureInfo.InvariantCulture, $"step {step.Step + 1}/{steps}  loss {Short(step.Loss)}  accuracy {100 * step.Accuracy:0.#}%");

    /// <summary>Six significant digits: enough to watch, short enough to read.</summary>
    public static string Short(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds per step with three significant digits and no exponent (0.46, 12.3, 1550).</summary>
    public static string PerStep(double ms) =>
        ms >= 1000 ? ms.ToString("0", CultureInfo.InvariantCulture) : double.Parse(ms.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
