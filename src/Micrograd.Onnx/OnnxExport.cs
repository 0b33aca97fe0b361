using System.Reflection;
using Google.Protobuf;
using Micrograd.NN;
using Onnx;

namespace Micrograd.Onnx;

/// <summary>
/// Writes ONNX files, for ONNX Runtime and other inference engines: a trained network, or any <see cref="Value"/> graph.
/// A file states the lowest opset of the default ONNX domain that has every op it uses, and never below
/// <see cref="MinimumOpset"/> (13: ONNX 1.8, IR version 7), unless the caller asks for a later one.
/// </summary>
/// <remarks>
/// <para>In float64 the files give the engine's numbers: to a relative 1e-12 or better, and NaN and infinities exactly (the
/// tests check this with ONNX Runtime 1.31). One difference is only in the sign of a zero: ONNX's Sum of terms that are all −0
/// is −0 where the engine's sum is +0 (as PyTorch's sum and Python's are).</para>
/// <para>A file is written whole or not at all: to a temporary file in the same folder, then renamed over
/// <c>path</c>; a failure leaves any earlier file at <c>path</c> as it was, and no temporary file. A <c>path</c> that is a
/// symbolic link replaces the file it points to and keeps the link; a replaced file keeps its permissions; a device such as
/// <c>/dev/null</c> is written in place.</para>
/// </remarks>
public static class OnnxExport
{
    /// <summary>The lowest opset a file states (13: ONNX 1.8, IR version 7), whatever its ops.</summary>
    public const int MinimumOpset = 13;

    /// <summary>The highest opset a caller may ask for (21: ONNX 1.16, IR version 10).</summary>
    public const int MaximumOpset = 21;

    /// <summary>The name and version written into every file as its producer.</summary>
    internal const string ProducerName = "Micrograd.NET";

    /// <summary>
    /// Writes a network: input <c>x</c> of shape [N, inputs] (N, the batch size, is free), then per layer a <c>Gemm</c>
    /// (<c>x·Wᵀ + b</c>, the weights and biases as initializers <c>layer{i}.weight</c> [outputs, inputs] and <c>layer{i}.bias</c>
    /// [outputs]) and its activation (<c>Relu</c>, <c>Tanh</c>, sigmoid as <c>1 / (1 + Exp(-x))</c> since ONNX Runtime's float64
    /// <c>Sigmoid</c> loses the engine's small values, or none for linear), and output <c>score</c> of
    /// shape [N, outputs]: the last layer's values, which <c>micrograd predict</c> prints (a softmax model's logits, without the softmax).
    /// The file's metadata holds the layer sizes (<c>layer_sizes</c>, such as <c>2,16,16,1</c>) and activations, and the producer's name and version.
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="path">The file to write; an existing file is replaced.</param>
    /// <param name="precision">Float64 (the engine's numbers) or Float32 (weights rounded to floats).</param>
    /// <param name="opset">The opset the file states, from <see cref="MinimumOpset"/> to <see cref="MaximumOpset"/>; when null,
    /// the lowest that has every op it uses (<see cref="LowestOpset(Mlp, OnnxPrecision)"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opset"/> is outside that range.</exception>
    /// <exception cref="OnnxExportException">In float32, a finite weight or bias lies beyond float32's range (it would become
    /// ±Infinity): the message names the first. Nothing is written.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be written.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The two Save overloads take a model or a graph first, so no call can be ambiguous between them")]
    public static void Save(Mlp model, string path, OnnxPrecision precision = OnnxPrecision.Float64, int? opset = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Enum.IsDefined(precision)) throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a defined precision.");
        CheckOpset(opset);
        var file = Model(MlpExport.Build(model, precision), model.ToString(), opset);
        file.MetadataProps.Add(new StringStringEntryProto { Key = "layer_sizes", Value = MlpExport.LayerSizes(model) });
        file.MetadataProps.Add(new StringStringEntryProto { Key = "activations", Value = string.Join(',', model.Layers.Select(l => l.Activation.Name())) });
        file.MetadataProps.Add(new StringStringEntryProto { Key = "precision", Value = precision == OnnxPrecision.Float64 ? "float64" : "float32" });
        Write(file, path);
    }

    /// <summary>
    /// Writes the graph that <paramref name="root"/> depends on, in float64. Each labelled leaf becomes an input named by its label,
    /// of shape [N] so that one run evaluates N points, unless it is one of <paramref name="constants"/>: then it becomes an
    /// initializer of that name holding its current data. Each unlabelled leaf (a number) becomes a scalar initializer, each op
    /// the ONNX ops that compute it elementwise, and the root the output <c>value</c>, of shape [N]. A graph must have an input.
    /// </summary>
    /// <param name="root">The value to compute.</param>
    /// <param name="path">The file to write; an existing file is replaced.</param>
    /// <param name="constants">Labelled leaves to write as initializers rather than inputs; none when null.</param>
    /// <param name="opset">The opset the file states, from <see cref="MinimumOpset"/> to <see cref="MaximumOpset"/>; when null,
    /// the lowest that has every op it uses (<see cref="LowestOpset(Value)"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opset"/> is outside that range.</exception>
    /// <exception cref="OnnxExportException">The graph has no input (no labelled leaf that is not a constant: the message names
    /// the leaves without a label); an op has no ONNX form (the message names it); two leaves have the same label; or a leaf is
    /// labelled <c>value</c>. Nothing is written.</exception>
    /// <exception cref="ArgumentException">A constant is not a leaf of the graph.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be written.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The two Save overloads take a model or a graph first, so no call can be ambiguous between them")]
    public static void Save(Value root, string path, IEnumerable<Value>? constants = null, int? opset = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckOpset(opset);
        Write(Model(ValueGraphExport.Build(root, constants), "A Micrograd.NET Value graph", opset), path);
    }

    /// <summary>The opset a file of <paramref name="model"/> states unless asked for another: the lowest that has every op it
    /// uses, and not below <see cref="MinimumOpset"/>.</summary>
    /// <param name="model">The network.</param>
    /// <param name="precision">The precision the file would have.</param>
    /// <exception cref="OnnxExportException">In float32, a finite weight or bias lies beyond float32's range.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads take a model or a graph first, so no call can be ambiguous between them")]
    public static int LowestOpset(Mlp model, OnnxPrecision precision = OnnxPrecision.Float64)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Versions(MlpExport.Build(model, precision), null).Opset;
    }

    /// <summary>The opset a file of the graph of <paramref name="root"/> states unless asked for another: the lowest that has
    /// every op it uses, and not below <see cref="MinimumOpset"/>.</summary>
    /// <param name="root">The value to compute.</param>
    /// <exception cref="OnnxExportException">The graph cannot be exported (as for <see cref="Save(Value, string, IEnumerable{Value}, int?)"/>).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The overloads take a model or a graph first, so no call can be ambiguous between them")]
    public static int LowestOpset(Value root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Versions(ValueGraphExport.Build(root, null), null).Opset;
    }

    /// <summary>The opset a file states and its IR version: <paramref name="asked"/>, or the lowest one that has every op of
    /// <paramref name="graph"/>.</summary>
    internal static (int Opset, long IrVersion) Versions(GraphProto graph, int? asked)
    {
        var needed = OnnxOpsets.Needed(graph.Node.Select(n => n.OpType));
        var opset = asked ?? needed;
        if (opset < needed) throw new OnnxExportException($"the graph needs opset {needed} or later, not {opset}");
        return (opset, OnnxOpsets.IrVersion(opset));
    }

    private static void CheckOpset(int? opset)
    {
        if (opset is < MinimumOpset or > MaximumOpset)
            throw new ArgumentOutOfRangeException(nameof(opset), opset, $"The opset must be from {MinimumOpset} to {MaximumOpset}.");
    }

    /// <summary>The version written as the producer's: this library's informational version.</summary>
    internal static string ProducerVersion { get; } =
        typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static ModelProto Model(GraphProto graph, string description, int? opset)
    {
        var (version, irVersion) = Versions(graph, opset);
        var model = new ModelProto
        {
            IrVersion = irVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            DocString = description,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = version });
        return model;
    }

    /// <summary>Writes the file through the library's one atomic writer, as every other output of the library and the tool.</summary>
    private static void Write(ModelProto model, string path) => AtomicFile.Write(path, model.WriteTo);
}
