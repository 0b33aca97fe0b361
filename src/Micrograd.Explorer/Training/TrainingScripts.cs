using System.Globalization;
using System.Text;
using Micrograd.NN;

namespace Micrograd.Explorer;

/// <summary>
/// Assembles the training page's table of training twins from the engine's own classes, as <see cref="OpTable"/> does for
/// ops: the optimizer's update, the learning-rate schedule and the linear one that the page's "train on" uses, the loss's
/// per-sample numbers and its test of a correct prediction, the batch sampler and .NET's seeded random numbers (<see cref="TrainingTwins"/>). The page's
/// controller has no training formulas of its own.
/// </summary>
/// <remarks>
/// The result is the source of a function <c>microgradTraining(fma, pow)</c> returning
/// <c>{ optimizer, schedule, linearSchedule, numbers, isCorrect, sampler, random, optimizers, losses }</c>; <c>optimizer</c> and the schedules take their
/// settings (an object) and return the update or the rate function; <c>optimizers</c> has, by the name <c>train --optimizer</c>
/// knows, the update and the count of per-parameter state arrays of each optimizer as the command line makes it (its default
/// settings), for the page's train-again; <c>losses</c> has, by name, each loss's <c>numbers</c> and <c>isCorrect</c>.
/// </remarks>
internal static class TrainingScripts
{
    /// <summary>The source of <c>function microgradTraining(fma, pow) { … }</c>.</summary>
    /// <exception cref="ArgumentException">A script could end the page's script element.</exception>
    public static string Source(OptimizerTwin optimizer, LearningRateSchedule schedule, Loss loss)
    {
        var (numbers, isCorrect) = TrainingTwins.Of(loss) ?? throw new ArgumentException($"the '{loss.Name}' loss has no twin", nameof(loss));
        var parts = new (string Name, string Script)[]
        {
            ("optimizer", optimizer.Update),
            ("schedule", TrainingTwins.Of(schedule)?.Script ?? throw new ArgumentException($"the schedule {schedule} has no twin", nameof(schedule))),
            ("linearSchedule", TrainingTwins.Linear),
            ("numbers", numbers),
            ("isCorrect", isCorrect),
            ("sampler", TrainingTwins.Sampler),
            ("random", TrainingTwins.DotNetRandom),
            ("optimizers", CommandLineOptimizers()),
            ("losses", CommandLineLosses()),
        };
        var sb = new StringBuilder("function microgradTraining(fma, pow) {\n  \"use strict\";\n  return {\n");
        foreach (var (name, script) in parts)
        {
            if (script.Contains("</", StringComparison.Ordinal)) throw new ArgumentException($"the {name} twin contains '</'", nameof(optimizer));
            sb.Append("    ").Append(name).Append(": (").Append(Indent(script.Trim())).Append("),\n");
        }
        sb.Append("  };\n}\n");
        return sb.ToString();
    }

    /// <summary>
    /// <c>{ sgd: { update, stateCount }, momentum: …, adam: … }</c>: each optimizer as <c>micrograd train --optimizer</c> makes it
    /// (<c>new Sgd(parameters, schedule)</c>, <c>new Momentum(…)</c>, <c>new Adam(…)</c>: their default settings), where
    /// <c>update</c> is its twin's update function.
    /// </summary>
    private static string CommandLineOptimizers()
    {
        Value[] parameters = [new Value(0.0)];
        var schedule = LearningRateSchedule.Constant(1.0);
        Optimizer[] optimizers = [new Sgd(parameters, schedule), new Momentum(parameters, schedule), new Adam(parameters, schedule)];
        var sb = new StringBuilder("{\n");
        foreach (var optimizer in optimizers)
        {
            var twin = TrainingTwins.Of(optimizer)!;
            sb.Append(CultureInfo.InvariantCulture, $"  {twin.Name}: {{ update: ({twin.Update.Trim()})(), stateCount: {optimizer.State.Count} }},\n");
        }
        return sb.Append('}').ToString();
    }

    /// <summary>
    /// <c>{ hinge: { numbers, isCorrect }, bce: …, mse: …, softmax: … }</c>: the twins of every loss <c>micrograd train --loss</c>
    /// knows, for the page's train-again with another loss.
    /// </summary>
    private static string CommandLineLosses()
    {
        var sb = new StringBuilder("{\n");
        foreach (var loss in Loss.All)
        {
            var (numbers, isCorrect) = TrainingTwins.Of(loss)!.Value;
            sb.Append(CultureInfo.InvariantCulture, $"  {loss.Name}: {{ numbers: ({numbers.Trim()}), isCorrect: ({isCorrect.Trim()}) }},\n");
        }
        return sb.Append('}').ToString();
    }

    private static string Indent(string script) => script.Replace("\n", "\n    ", StringComparison.Ordinal);
}
