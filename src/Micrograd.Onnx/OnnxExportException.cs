namespace Micrograd.Onnx;

/// <summary>
/// A graph that cannot be written as ONNX: an op with no ONNX form (the message names it), or leaf labels that cannot be
/// the model's input names (two leaves labelled alike, or a leaf labelled <c>value</c>, the name of the output).
/// </summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot be exported, and why.</param>
    public OnnxExportException(string message)
        : base(message)
    {
    }
}
