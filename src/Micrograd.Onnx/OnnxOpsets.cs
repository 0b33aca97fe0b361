namespace Micrograd.Onnx;

/// <summary>
/// Which opset of the default ONNX domain a file states, and the IR version that goes with it: the lowest opset that has
/// every op of the graph, in the form the export writes (float64 inputs and outputs), and never below
/// <see cref="OnnxExport.MinimumOpset"/>.
/// </summary>
internal static class OnnxOpsets
{
    /// <summary>The first opset of each op type the export writes whose form takes double tensors (ONNX's Operators.md).</summary>
    private static readonly Dictionary<string, int> FirstWithDouble = new(StringComparer.Ordinal)
    {
        ["Abs"] = 6,
        ["Add"] = 7,
        ["Cos"] = 7,
        ["Div"] = 7,
        ["Equal"] = 11,
        ["Exp"] = 6,
        ["Expand"] = 8,
        ["Floor"] = 6,
        ["Gemm"] = 7,
        ["Greater"] = 9,
        ["GreaterOrEqual"] = 12,
        ["Identity"] = 1,
        ["IsNaN"] = 9,
        ["Less"] = 9,
        ["LessOrEqual"] = 12,
        ["Log"] = 6,
        ["Mul"] = 7,
        ["Neg"] = 6,
        ["Not"] = 1,
        ["Or"] = 7,
        ["Pow"] = 7,
        ["Relu"] = 6,
        ["Shape"] = 1,
        ["Sin"] = 7,
        ["Sqrt"] = 6,
        ["Sub"] = 7,
        ["Tanh"] = 6,
        ["Where"] = 9,
    };

    /// <summary>The IR version of each opset from <see cref="OnnxExport.MinimumOpset"/> to <see cref="OnnxExport.MaximumOpset"/>
    /// (the one of the ONNX release that introduced that opset).</summary>
    private static readonly int[] IrVersions = [7, 7, 8, 8, 8, 8, 9, 9, 10]; // opsets 13 to 21

    /// <summary>The lowest opset, not below <see cref="OnnxExport.MinimumOpset"/>, that has every op of <paramref name="opTypes"/>.</summary>
    public static int Needed(IEnumerable<string> opTypes) =>
        opTypes.Select(op => FirstWithDouble.TryGetValue(op, out var first) ? first
            : throw new InvalidOperationException($"The export wrote the op type '{op}', which has no opset listed.")).Append(OnnxExport.MinimumOpset).Max();

    /// <summary>The IR version of <paramref name="opset"/>.</summary>
    public static long IrVersion(int opset) => IrVersions[opset - OnnxExport.MinimumOpset];
}
