using System.Globalization;
using System.Text;
using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>
/// The <c>--log</c> file: one JSON object per line and per step, <c>{"step": k, "loss": …, "accuracy": …}</c>, with
/// round-trip numbers; a non-finite loss is written as the string "NaN", "Infinity" or "-Infinity".
/// </summary>
internal sealed class StepLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly string _path;

    private StepLog(string path, StreamWriter writer)
    {
        _path = path;
        _writer = writer;
    }

    public static StepLog Open(string path)
    {
        StepLog? log = null;
        UserFiles.Write(path, "--log", () => log = new StepLog(path, new StreamWriter(path, append: false, new UTF8Encoding(false))));
        return log!;
    }

    /// <summary>The JSON line of one step (without the newline).</summary>
    public static string Line(TrainingStep step) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"step\": {step.Step}, \"loss\": {Json(step.Loss)}, \"accuracy\": {Json(step.Accuracy)}}}");

    public void Write(TrainingStep step) => UserFiles.Write(_path, "--log", () =>
    {
        _writer.Write(Line(step));
        _writer.Write('\n');
    });

    public void Dispose() => UserFiles.Write(_path, "--log", _writer.Dispose);

    private static string Json(double x) => double.IsFinite(x) ? Numbers.Format(x) : $"\"{Numbers.Format(x)}\"";
}
