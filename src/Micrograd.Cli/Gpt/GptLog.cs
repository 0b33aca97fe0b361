using System.Globalization;
using Micrograd.Cli.Train;

namespace Micrograd.Cli.Gpt;

/// <summary>
/// The lines of <c>gpt --log</c>: one JSON object per step, <c>{"step": k, "loss": …, "lr": …}</c>, steps numbered from 1,
/// the loss before the step's update and the learning rate the update used, in the shortest text that reads back to the same
/// double (so microgpt.py's losses appear as Python prints them); a non-finite loss is the string "NaN", "Infinity" or
/// "-Infinity". The file is written as train's is (<see cref="StepLog"/>): to a temporary file, committed at the end of the
/// run or when Ctrl-C or SIGTERM stops it, so that it only ever holds whole lines.
/// </summary>
internal static class GptLog
{
    /// <summary>The JSON line of one step, without the newline.</summary>
    public static string Line(GptStep step) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"step\": {step.Step + 1}, \"loss\": {StepLog.Json(step.Loss)}, \"lr\": {StepLog.Json(step.LearningRate)}}}");
}
