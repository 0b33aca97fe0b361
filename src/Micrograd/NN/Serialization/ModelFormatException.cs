namespace Micrograd.NN;

/// <summary>A model file that cannot be loaded: malformed JSON, a missing or mistyped field, or sizes that do not fit.
/// The message names the file and the place (such as <c>layers[1].weights[3]</c>).</summary>
public sealed class ModelFormatException : FormatException
{
    /// <summary>A problem in a model file.</summary>
    /// <param name="fileName">The file (or other source) being read.</param>
    /// <param name="reason">What is wrong, naming the place in the file.</param>
    /// <param name="inner">The underlying exception, such as a <see cref="System.Text.Json.JsonException"/>.</param>
    public ModelFormatException(string fileName, string reason, Exception? inner = null)
        : base($"{fileName}: {reason}", inner)
    {
        FileName = fileName;
        Reason = reason;
    }

    /// <summary>The file (or other source) being read.</summary>
    public string FileName { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
