using System.Buffers.Binary;
using System.Reflection;
using Micrograd.Cli.Tests.Support;
using Micrograd.NN;
using Micrograd.Onnx.Tests.Support;
using Micrograd.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Micrograd.Onnx.Tests;

/// <summary>What an exported network's file holds: opset, names, shapes, initializers and metadata; and ONNX Runtime's view of it.</summary>
public class ModelStructureTests
{
    public static TheoryData<OnnxPrecision> Precisions => [OnnxPrecision.Float64, OnnxPrecision.Float32];

    [Theory]
    [MemberData(nameof(Precisions))]
    public void The_moons_model_has_one_input_x_one_output_score_and_a_gemm_and_activation_per_layer(OnnxPrecision precision)
    {
        var model = ModelFile.Load(Fixtures.PathOf("moons_init.json"));
        var file = Export(model, precision);
        var elementType = precision == OnnxPrecision.Float64 ? TensorProto.Types.DataType.Double : TensorProto.Types.DataType.Float;

        Assert.Equal(7, file.IrVersion); // opset 13's (ONNX 1.8): the lowest that a file states
        var opset = Assert.Single(file.OpsetImport);
        Assert.Equal(("", 13L), (opset.Domain, opset.Version));
        Assert.Equal("Micrograd.NET", file.ProducerName);
        Assert.Equal(typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, file.ProducerVersion);
        Assert.Equal(
            new Dictionary<string, string> { ["layer_sizes"] = "2,16,16,1", ["activations"] = "relu,relu,linear", ["precision"] = precision == OnnxPrecision.Float64 ? "float64" : "float32" },
            file.MetadataProps.ToDictionary(p => p.Key, p => p.Value));

        var graph = file.Graph;
        var input = Assert.Single(graph.Input);
        Assert.Equal("x", input.Name);
        Assert.Equal((int)elementType, input.Type.TensorType.ElemType);
        Assert.Equal(["N", "2"], Dims(input));
        var output = Assert.Single(graph.Output);
        Assert.Equal("score", output.Name);
        Assert.Equal((int)elementType, output.Type.TensorType.ElemType);
        Assert.Equal(["N", "1"], Dims(output));

        Assert.Equal(["Gemm", "Relu", "Gemm", "Relu", "Gemm"], graph.Node.Select(n => n.OpType));
        var gemms = graph.Node.Where(n => n.OpType == "Gemm").ToList();
        for (var l = 0; l < 3; l++)
        {
            Assert.Equal($"layer{l}.weight", gemms[l].Input[1]);
            Assert.Equal($"layer{l}.bias", gemms[l].Input[2]);
            var transB = Assert.Single(gemms[l].Attribute);
            Assert.Equal(("transB", 1L), (transB.Name, transB.I));
        }
        Assert.Equal("x", gemms[0].Input[0]);
        Assert.Equal("score", graph.Node[^1].Output.Single());

        // every initializer: its shape, and every weight and bias, exactly (float32: the nearest float)
        Assert.Equal(6, graph.Initializer.Count);
        for (var l = 0; l < 3; l++)
        {
            var layer = model.Layers[l];
            var weight = graph.Initializer.Single(t => t.Name == $"layer{l}.weight");
            var bias = graph.Initializer.Single(t => t.Name == $"layer{l}.bias");
            Assert.Equal([layer.OutputCount, layer.InputCount], weight.Dims);
            Assert.Equal([layer.OutputCount], bias.Dims);
            Assert.Equal((int)elementType, weight.DataType);
            Assert.Equal(Round(layer.Neurons.SelectMany(n => n.Weights).Select(w => w.Data), precision), Values(weight));
            Assert.Equal(Round(layer.Neurons.Select(n => n.Bias.Data), precision), Values(bias));
        }
    }

    [Theory]
    [InlineData(Activation.Linear, new string[] { "Gemm", "Gemm" })]
    [InlineData(Activation.Relu, new[] { "Gemm", "Relu", "Gemm", "Relu" })]
    [InlineData(Activation.Tanh, new[] { "Gemm", "Tanh", "Gemm", "Tanh" })]
    public void Each_activation_is_its_onnx_op(Activation activation, string[] ops)
    {
        var model = new Mlp(3, [4, 2], new Random(1), hidden: activation, output: activation);
        var file = Export(model, OnnxPrecision.Float64);
        Assert.Equal(ops, file.Graph.Node.Select(n => n.OpType));
        AssertShapesAndMetadata(file, activation);
    }

    [Fact]
    public void Sigmoid_is_its_formula_not_onnx_runtimes_sigmoid()
    {
        // 1 / (1 + exp(-x)), the engine's formula, since ONNX Runtime's float64 Sigmoid loses small values (GraphExportTests);
        // exp is Exp but near 0, where it is its series (OnnxMath.Exp)
        var model = new Mlp(3, [4, 2], new Random(1), hidden: Activation.Sigmoid, output: Activation.Sigmoid);
        var file = Export(model, OnnxPrecision.Float64);
        var ops = file.Graph.Node.Select(n => n.OpType).ToList();
        var layers = ops.Select((op, i) => (op, i)).Where(p => p.op == "Gemm").Select(p => p.i).Append(ops.Count).ToList();
        Assert.Equal(3, layers.Count);
        for (var l = 0; l < 2; l++)
        {
            var layer = ops[layers[l]..layers[l + 1]];
            Assert.Equal(["Gemm", "Neg"], layer[..2]);
            Assert.Equal(["Exp", "Where", "Add", "Div"], layer[^4..]);
            Assert.DoesNotContain("Sigmoid", layer);
        }
        AssertShapesAndMetadata(file, Activation.Sigmoid);
    }

    private static void AssertShapesAndMetadata(ModelProto file, Activation activation)
    {
        Assert.Equal(["N", "3"], Dims(file.Graph.Input.Single()));
        Assert.Equal(["N", "2"], Dims(file.Graph.Output.Single()));
        Assert.Equal("3,4,2", file.MetadataProps.Single(p => p.Key == "layer_sizes").Value);
        Assert.Equal($"{activation.Name()},{activation.Name()}", file.MetadataProps.Single(p => p.Key == "activations").Value);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void Onnx_runtime_loads_it_without_a_warning_and_sees_a_free_batch_size(OnnxPrecision precision)
    {
        using var temp = new TempDirectory();
        var path = temp.File("moons.onnx");
        OnnxExport.Save(ModelFile.Load(Fixtures.PathOf("moons_init.json")), path, precision);
        using var model = Ort.Load(path);
        var input = Assert.Single(model.Session.InputMetadata);
        Assert.Equal("x", input.Key);
        Assert.Equal([-1, 2], input.Value.Dimensions);
        Assert.Equal(["N", ""], input.Value.SymbolicDimensions);
        Assert.Equal(precision == OnnxPrecision.Float64 ? typeof(double) : typeof(float), input.Value.ElementType);
        var output = Assert.Single(model.Session.OutputMetadata);
        Assert.Equal("score", output.Key);
        Assert.Equal([-1, 1], output.Value.Dimensions);
        Assert.Equal("2,16,16,1", model.Session.ModelMetadata.CustomMetadataMap["layer_sizes"]);
        Assert.Equal("Micrograd.NET", model.Session.ModelMetadata.ProducerName);

        // batches of any size, one sample included
        foreach (var n in new[] { 1, 3, 100 })
        {
            var shape = precision == OnnxPrecision.Float64
                ? model.Run("score", new OrtInput<double>("x", new double[n * 2], n, 2)).Shape
                : model.Run("score", new OrtInput<float>("x", new float[n * 2], n, 2)).Shape;
            Assert.Equal([n, 1], shape);
        }
    }

    [Fact]
    public void The_log_capture_sees_a_warning_when_there_is_one()
    {
        // the "no warning" checks above can fail: a file with an initializer no node uses makes ONNX Runtime warn
        var graph = new OnnxGraph("flawed", OnnxPrecision.Float64);
        graph.Input("x", [null]);
        graph.Constant(1.0);
        graph.Output(graph.Node("Neg", "x"), "y", [null]);
        var file = new ModelProto { IrVersion = 9, Graph = graph.Proto };
        file.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 20 });
        using var temp = new TempDirectory();
        var path = temp.File("flawed.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(file));

        var messages = Ort.LoadingMessages(path);
        Assert.Contains(messages, m => m.Contains("c0", StringComparison.Ordinal) && m.Contains("not used", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.XunitException>(() => Ort.Load(path).Dispose());
    }

    internal static ModelProto Export(Mlp model, OnnxPrecision precision)
    {
        using var temp = new TempDirectory();
        var path = temp.File("model.onnx");
        OnnxExport.Save(model, path, precision);
        return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
    }

    internal static string[] Dims(ValueInfoProto info) =>
        info.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>An initializer's values, read from its little-endian raw data.</summary>
    internal static double[] Values(TensorProto tensor)
    {
        var bytes = tensor.RawData.Span;
        return tensor.DataType == (int)TensorProto.Types.DataType.Double
            ? Enumerable.Range(0, bytes.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(tensor.RawData.Span[(i * 8)..])).ToArray()
            : Enumerable.Range(0, bytes.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(tensor.RawData.Span[(i * 4)..])).ToArray();
    }

    private static double[] Round(IEnumerable<double> values, OnnxPrecision precision) =>
        values.Select(v => precision == OnnxPrecision.Float64 ? v : (float)v).ToArray();
}
