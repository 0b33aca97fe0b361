using System.Globalization;
using Micrograd.NN;
using Spectre.Console;

namespace Micrograd.Cli.Train;

/// <summary>
/// Shows a run's progress: a live Spectre.Console bar with the loss and accuracy on an interactive terminal, or plain
/// lines (about ten per run, and the last step) when the output is redirected.
/// </summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="steps"/> steps of <paramref name="trainer"/>, calling <paramref name="onStep"/> after each.</summary>
    public static IReadOnlyList<TrainingStep> Run(Trainer trainer, int steps, IAnsiConsole console, TextWriter plain, Action<TrainingStep> onStep)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            IReadOnlyList<TrainingStep> result = [];
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Describe(null, steps), maxValue: steps);
                    result = trainer.Run(steps, step =>
                    {
                        onStep(step);
                        task.Description = Describe(step, steps);
                        task.Increment(1);
                    });
                });
            return result;
        }

        var every = Math.Max(1, steps / 10);
        return trainer.Run(steps, step =>
        {
            onStep(step);
            if (step.Step % every == 0 || step.Step == steps - 1) plain.WriteLine(Line(step, steps));
        });
    }

    /// <summary>A plain progress line, such as <c>step 10/100  loss 0.3127  accuracy 0.87  lr 0.91</c>.</summary>
    public static string Line(TrainingStep step, int steps) => string.Create(CultureInfo.InvariantCulture,
        $"step {step.Step + 1}/{steps}  loss {Short(step.Loss)}  accuracy {Short(step.Accuracy)}  lr {Short(step.LearningRate)}");

    private static string Describe(TrainingStep? step, int steps) => step is null
        ? "training"
        : Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"step {step.Step + 1}/{steps}  loss {Short(step.Loss)}  accuracy {100 * step.Accuracy:0.#}%"));

    /// <summary>Six significant digits: enough to watch, short enough to read.</summary>
    public static string Short(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
