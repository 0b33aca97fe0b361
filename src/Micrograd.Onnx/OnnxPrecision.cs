namespace Micrograd.Onnx;

/// <summary>The number type of an exported model's input, weights and output.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "float64 and float32 are the names ONNX and every tensor library use for these precisions")]
public enum OnnxPrecision
{
    /// <summary>64-bit doubles, as the engine computes: ONNX Runtime gives the engine's scores to a relative 1e-12 or better.</summary>
    Float64,

    /// <summary>32-bit floats, which most inference engines and accelerators prefer: the weights are rounded to the nearest
    /// float, and ONNX Runtime gives the engine's scores to about a relative 1e-5.</summary>
    Float32,
}
