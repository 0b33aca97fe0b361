using System.Reflection;
using Google.Protobuf;
using Micrograd.NN;
using Onnx;

namespace Micrograd.Onnx;

/// <summary>
/// Writes ONNX files, for ONNX Runtime and other inference engines: a trained network, or any <see cref="Value"/> graph. Files use opset <see cref="Opset"/> of the default ONNX domain, IR version 9.
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
    /// <summary>The opset of the default ONNX domain that every file states (20, the first with Gelu).</summary>
    public const int Opset = 20;

    /// <summary>The name and version written into every file as its producer.</summary>
    internal const string ProducerName = "Micrograd.NET";

    private const long IrVersion = 9; // the IR version of opset 20 (ONNX 1.15)

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
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be written.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The two Save overloads take a model or a graph first, so no call can be ambiguous between them")]
    public static void Save(Mlp model, string path, OnnxPrecision precision = OnnxPrecision.Float64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Enum.IsDefined(precision)) throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a defined precision.");
        var file = Model(MlpExport.Build(model, precision), model.ToString());
        file.MetadataProps.Add(new StringStringEntryProto { Key = "layer_sizes", Value = MlpExport.LayerSizes(model) });
        file.MetadataProps.Add(new StringStringEntryProto { Key = "activations", Value = string.Join(',', model.Layers.Select(l => l.Activation.Name())) });
        file.MetadataProps.Add(new StringStringEntryProto { Key = "precision", Value = precision == OnnxPrecision.Float64 ? "float64" : "float32" });
        Write(file, path);
    }

    /// <summary>
    /// Writes the graph that <paramref name="root"/> depends on, in float64. Each labelled leaf becomes an input named by its label,
    /// of shape [N] so that one run evaluates N points, unless it is one of <paramref name="constants"/>: then it becomes an
    /// initializer of that name holding its current data. Each unlabelled leaf (a number) becomes a scalar initializer, each op
    /// the ONNX op that computes it elementwise, and the root the output <c>value</c>, of shape [N] (a scalar when the graph has no input).
    /// </summary>
    /// <param name="root">The value to compute.</param>
    /// <param name="path">The file to write; an existing file is replaced.</param>
    /// <param name="constants">Labelled leaves to write as initializers rather than inputs; none when null.</param>
    /// <exception cref="OnnxExportException">An op has no ONNX form (the message names it); two leaves have the same label; or a
    /// leaf is labelled <c>value</c>. Nothing is written.</exception>
    /// <exception cref="ArgumentException">A constant is not a leaf of the graph.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder may not be written.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The two Save overloads take a model or a graph first, so no call can be ambiguous between them")]
    public static void Save(Value root, string path, IEnumerable<Value>? constants = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Write(Model(ValueGraphExport.Build(root, constants), "A Micrograd.NET Value graph"), path);
    }

    /// <summary>The version written as the producer's: this library's informational version.</summary>
    internal static string ProducerVersion { get; } =
        typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static ModelProto Model(GraphProto graph, string description)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            DocString = description,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    /// <summary>Writes the file through the library's one atomic writer, as every other output of the library and the tool.</summary>
    private static void Write(ModelProto model, string path) => AtomicFile.Write(path, model.WriteTo);
}
