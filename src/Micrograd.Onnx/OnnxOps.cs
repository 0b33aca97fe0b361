using Micrograd.Ops;

namespace Micrograd.Onnx;

/// <summary>
/// The engine's ops in an ONNX graph: each op's own forward formula (<see cref="Op.Evaluate{T}"/>), evaluated on
/// <see cref="OnnxTensor"/>, so an op of the engine is exported with no line here, and gives the engine's numbers (the tests
/// check every op of <see cref="OpCatalog.All"/> at its edge cases). Models use it for their activations too.
/// </summary>
/// <remarks>
/// An op is refused, with an <see cref="OnnxExportException"/> that names it, when it has no formula (a
/// <see cref="DifferentiableFunction"/> of the caller's, which runs C# code) or its formula needs what ONNX lacks (the fused
/// multiply-add of some gradient graphs).
/// </remarks>
internal static class OnnxOps
{
    /// <summary>The tensor holding <paramref name="op"/> of <paramref name="operands"/> (in the order of <see cref="Value.Children"/>).</summary>
    /// <exception cref="OnnxExportException">The op has no ONNX form.</exception>
    public static OnnxTensor Apply(Op op, ReadOnlySpan<OnnxTensor> operands)
    {
        if (!op.HasFormula) throw Refused(op, "it runs C# code of its own, which has no ONNX form");
        try
        {
            return op.Evaluate(operands);
        }
        catch (NotSupportedException e)
        {
            throw Refused(op, e.Message);
        }
    }

    private static OnnxExportException Refused(Op op, string why) =>
        new($"the op '{op.Name}' cannot be written in ONNX ({why}), so this graph cannot be exported to ONNX");
}
