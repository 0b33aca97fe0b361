using System.Globalization;
using System.Text;
using Micrograd.Cli.Io;
using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>
/// The <c>--log</c> file: one JSON object per line and per step, <c>{"step": k, "loss": …, "accuracy": …}</c>, steps
/// numbered from 1, with round-trip numbers (and <c>"val_loss"</c>, <c>"val_accuracy"</c> with <c>--validation</c>); a non-finite loss is written as the string "NaN", "Infinity" or "-Infinity".
/// Lines are written as the run goes to a temporary file next to the log, which <see cref="Commit"/> flushes and renames
/// over the log at the end of the run, or when the run is stopped by a signal. A write that fails part way (a full disk)
/// does not end the run: the lines that reached the file whole are kept, the file is cut after them and renamed over the
/// log at once, and <see cref="Failure"/> says why, so that the run can stop as on Ctrl-C and still write its other outputs.
/// A run that fails otherwise, or is killed, leaves the old log as it was; the log file itself only ever holds whole lines.
/// </summary>
internal sealed class StepLog : IDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly AtomicFile _file;
    private readonly string _path;

    /// <summary>Lines not yet written to the file, and where each ends in the file.</summary>
    private readonly MemoryStream _buffer = new();
    private readonly List<long> _ends = [];

    /// <summary>Bytes and lines that reached the file.</summary>
    private long _written;
    private int _writtenLines;
    private bool _done;

    private StepLog(string path, AtomicFile file)
    {
        _path = path;
        _file = file;
    }

    /// <summary>The number of steps written.</summary>
    public int Count { get; private set; }

    /// <summary>Why the log could not be written, as one line naming it (<c>cannot write --log 'log.jsonl': No space left on
    /// device</c>); null while it can.</summary>
    public string? Failure { get; private set; }

    /// <summary>After a <see cref="Failure"/>: the number of whole lines the log file keeps, or null when the old log was
    /// left as it was.</summary>
    public int? Kept { get; private set; }

    /// <summary>Starts the log: creates its temporary file next to <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The temporary file cannot be created (the message names --log and the path).</exception>
    public static StepLog Open(string path)
    {
        StepLog? log = null;
        // unbuffered: the lines are buffered here, and what a failed write left is in the file, to be cut to whole lines
        UserFiles.Write(path, "--log", () => log = new StepLog(path, AtomicFile.Create(path, bufferSize: 0)));
        return log!;
    }

    /// <summary>The JSON line of one step (without the newline), numbered from 1, with the validation loss and accuracy when there are.</summary>
    public static string Line(TrainingStep step, LossAndAccuracy? validation = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"step\": {step.Step + 1}, \"loss\": {Json(step.Loss)}, \"accuracy\": {Json(step.Accuracy)}") +
        (validation is { } v ? $", \"val_loss\": {Json(v.Loss)}, \"val_accuracy\": {Json(v.Accuracy)}}}" : "}");

    /// <summary>Writes one step's line (<see cref="Line"/>) to the temporary file.</summary>
    /// <exception cref="OutputClosedException">The log is standard output, whose reader has gone.</exception>
    public void Write(TrainingStep step, LossAndAccuracy? validation = null) => WriteLine(Line(step, validation));

    /// <summary>Writes one step's JSON line (given without the newline) to the temporary file: <c>gpt</c>'s steps (Gpt.GptLog).
    /// After a <see cref="Failure"/>, nothing more is written.</summary>
    /// <exception cref="OutputClosedException">The log is standard output, whose reader has gone.</exception>
    public void WriteLine(string json)
    {
        if (Failure is not null || _done) return;
        _buffer.Write(Utf8.GetBytes(json + "\n"));
        _ends.Add(_written + _buffer.Length);
        Count++;
        if (_buffer.Length >= BufferSize) Flush();
    }

    /// <summary>Flushes every line and replaces the log file with them; a failure sets <see cref="Failure"/> (and keeps the
    /// whole lines that reached the file, or the old log).</summary>
    /// <exception cref="OutputClosedException">The log is standard output, whose reader has gone.</exception>
    public void Commit()
    {
        if (_done) return;
        Flush();
        if (_done) return;
        try
        {
            _file.Commit();
            _done = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the temporary file is deleted and the old log left as it was (a failed fsync, say)
            Fail(e, salvage: false);
        }
    }

    /// <summary>Without <see cref="Commit"/>: deletes the temporary file, leaving the old log as it was.</summary>
    public void Dispose()
    {
        _done = true;
        _file.Dispose();
    }

    /// <summary>A number as JSON: the shortest round-trip text, or the string "NaN", "Infinity" or "-Infinity".</summary>
    internal static string Json(double x) => double.IsFinite(x) ? Numbers.Format(x) : $"\"{Numbers.Format(x)}\"";

    private void Flush()
    {
        if (_buffer.Length == 0) return;
        try
        {
            _file.Stream.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            _file.Stream.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e, salvage: true);
            return;
        }
        _written += _buffer.Length;
        _writtenLines += _ends.Count;
        _buffer.SetLength(0);
        _ends.Clear();
    }

    /// <summary>Records the failure; with <paramref name="salvage"/>, cuts the temporary file after the last whole line that
    /// reached it and renames it over the log.</summary>
    private void Fail(Exception e, bool salvage)
    {
        if (e is IOException && UserFiles.IsStandardOutput(_path) && StandardOutput.ReaderGone()) throw new OutputClosedException(e);
        _done = true;
        Failure = $"cannot write --log '{_path}': {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}";
        Kept = null;
        if (!salvage) return;
        if (_file.TemporaryPath is null)
        {
            // written in place (a pipe, a device): what reached it stays
            Kept = _writtenLines;
            _file.Dispose();
            return;
        }
        try
        {
            var reached = _file.Length;
            var whole = _ends.Count(end => end <= reached);
            _file.Truncate(whole == 0 ? _written : _ends[whole - 1]);
            _file.Commit();
            Kept = _writtenLines + whole;
        }
        catch (Exception again) when (again is IOException or UnauthorizedAccessException)
        {
            // the temporary file is deleted: the old log stays
            _file.Dispose();
        }
    }
}

/// <summary>Thrown from a training step when the log has failed (<see cref="StepLog.Failure"/>): the run stops there.</summary>
internal sealed class LogFailedException() : Exception("the log cannot be written");
