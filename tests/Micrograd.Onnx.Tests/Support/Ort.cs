using Microsoft.ML.OnnxRuntime;

namespace Micrograd.Onnx.Tests.Support;

/// <summary>
/// ONNX Runtime for the tests. One environment for the test process, created before any session, records every message
/// ONNX Runtime logs at warning level or above together with the id of the session that logged it, so that a test can
/// assert that loading and running its file logged nothing.
/// </summary>
public static class Ort
{
    private static readonly List<(string LogId, OrtLoggingLevel Severity, string Message)> Messages = [];

    // kept in a field for the process's lifetime: ONNX Runtime calls it from native code
    private static readonly DOrtLoggingFunction Logger = (_, severity, _, logId, _, message) =>
    {
        lock (Messages) Messages.Add((logId, severity, message));
    };

    static Ort()
    {
        var options = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, loggingFunction = Logger };
        OrtEnv.CreateInstanceWithOptions(ref options);
    }

    /// <summary>Loads a file with default session options (as a user would), failing the test if ONNX Runtime logged a
    /// warning or an error while loading it.</summary>
    public static OrtModel Load(string path) => Load(path, expectQuiet: true);

    /// <summary>What ONNX Runtime logs, at warning level or above, while loading <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> LoadingMessages(string path)
    {
        using var model = Load(path, expectQuiet: false);
        return model.Messages();
    }

    private static OrtModel Load(string path, bool expectQuiet)
    {
        var id = "test-" + Guid.NewGuid().ToString("N");
        using var options = new SessionOptions { LogId = id, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING };
        var model = new OrtModel(new InferenceSession(path, options), id);
        if (expectQuiet) model.AssertQuiet("loading " + Path.GetFileName(path));
        return model;
    }

    internal static List<string> MessagesOf(string logId)
    {
        lock (Messages) return Messages.Where(m => m.LogId == logId).Select(m => $"{m.Severity}: {m.Message}").ToList();
    }
}

/// <summary>A loaded ONNX file: runs it on tensors, checking after each run that ONNX Runtime logged nothing.</summary>
public sealed class OrtModel(InferenceSession session, string logId) : IDisposable
{
    public InferenceSession Session { get; } = session;

    /// <summary>Runs the file and returns one output's values (row-major) and shape.</summary>
    public (T[] Data, long[] Shape) Run<T>(string output, params OrtInput<T>[] inputs)
        where T : unmanaged
    {
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Data, i.Shape)).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var results = Session.Run(runOptions, inputs.Select(i => i.Name).ToList(), values, [output]);
            var result = (results[0].GetTensorDataAsSpan<T>().ToArray(), results[0].GetTensorTypeAndShape().Shape);
            AssertQuiet("running it");
            return result;
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    public IReadOnlyList<string> Messages() => Ort.MessagesOf(logId);

    public void AssertQuiet(string what)
    {
        var messages = Messages();
        if (messages.Count > 0) throw new Xunit.Sdk.XunitException($"ONNX Runtime logged while {what}:\n{string.Join('\n', messages)}");
    }

    public void Dispose() => Session.Dispose();
}

/// <summary>A named input tensor: its values in row-major order and its shape.</summary>
public sealed record OrtInput<T>(string Name, T[] Data, params long[] Shape);
