using System.Globalization;
using System.Text;
using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>
/// The <c>--log</c> file: one JSON object per line and per step, <c>{"step": k, "loss": …, "accuracy": …}</c>, steps
/// numbered from 1, with round-trip numbers (and <c>"val_loss"</c>, <c>"val_accuracy"</c> with <c>--validation</c>); a non-finite loss is written as the string "NaN", "Infinity" or "-Infinity".
/// Lines are written as the run goes to a temporary file next to the log, which <see cref="Commit"/> flushes and renames
/// over the log at the end of the run, or when the run is stopped by Ctrl-C or SIGTERM. A run
/// that fails otherwise, or is killed, leaves the old log as it was; the log file itself only ever holds whole lines.
/// </summary>
internal sealed class StepLog : IDisposable
{
    private readonly AtomicFile _file;
    private readonly StreamWriter _writer;
    private readonly string _path;

    private StepLog(string path, AtomicFile file)
    {
        _path = path;
        _file = file;
        _writer = new StreamWriter(file.Stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
    }

    /// <summary>The number of steps written.</summary>
    public int Count { get; private set; }

    /// <summary>Starts the log: creates its temporary file next to <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The temporary file cannot be created (the message names --log and the path).</exception>
    public static StepLog Open(string path)
    {
        StepLog? log = null;
        UserFiles.Write(path, "--log", () => log = new StepLog(path, AtomicFile.Create(path)));
        return log!;
    }

    /// <summary>The JSON line of one step (without the newline), numbered from 1, with the validation loss and accuracy when there are.</summary>
    public static string Line(TrainingStep step, LossAndAccuracy? validation = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"step\": {step.Step + 1}, \"loss\": {Json(step.Loss)}, \"accuracy\": {Json(step.Accuracy)}") +
        (validation is { } v ? $", \"val_loss\": {Json(v.Loss)}, \"val_accuracy\": {Json(v.Accuracy)}}}" : "}");

    /// <summary>Writes one step's line (<see cref="Line"/>) to the temporary file.</summary>
    /// <exception cref="UsageException">The line cannot be written (the message names --log and the path).</exception>
    public void Write(TrainingStep step, LossAndAccuracy? validation = null) => WriteLine(Line(step, validation));

    /// <summary>Writes one step's JSON line (given without the newline) to the temporary file: <c>gpt</c>'s steps (Gpt.GptLog).</summary>
    /// <exception cref="UsageException">The line cannot be written (the message names --log and the path).</exception>
    public void WriteLine(string json)
    {
        UserFiles.Write(_path, "--log", () => _writer.Write(json + "\n"));
        Count++;
    }

    /// <summary>Flushes every line and replaces the log file with them.</summary>
    public void Commit() => UserFiles.Write(_path, "--log", () =>
    {
        _writer.Flush();
        _file.Commit();
    });

    /// <summary>Without <see cref="Commit"/>: deletes the temporary file, leaving the old log as it was.</summary>
    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the lines could not be flushed; the temporary file is deleted anyway
        }
        _file.Dispose();
    }

    /// <summary>A number as JSON: the shortest round-trip text, or the string "NaN", "Infinity" or "-Infinity".</summary>
    internal static string Json(double x) => double.IsFinite(x) ? Numbers.Format(x) : $"\"{Numbers.Format(x)}\"";
}
