using Micrograd.Cli.Tests.Support;
using Micrograd.Expressions;
using Micrograd.NN;
using Micrograd.Onnx.Tests.Support;
using Micrograd.Tests.Support;
using Onnx;

namespace Micrograd.Onnx.Tests;

/// <summary>How a <see cref="Value"/> graph's leaves become inputs and initializers, and what cannot be exported.</summary>
public class GraphInputsTests
{
    [Fact]
    public void Labelled_leaves_are_inputs_of_shape_n_and_numbers_are_scalar_initializers()
    {
        var graph = Expression.Parse("tanh(w*x + b) * 2.5").Build(new Dictionary<string, double> { ["w"] = 0.8, ["x"] = 1.5, ["b"] = -0.3 });
        var file = Save(graph.Root);
        Assert.Equal(["b", "w", "x"], file.Graph.Input.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(file.Graph.Input, i => Assert.Equal((int)TensorProto.Types.DataType.Double, i.Type.TensorType.ElemType));
        Assert.All(file.Graph.Input, i => Assert.Equal(["N"], ModelStructureTests.Dims(i)));
        var output = Assert.Single(file.Graph.Output);
        Assert.Equal("value", output.Name);
        Assert.Equal(["N"], ModelStructureTests.Dims(output));
        var constant = Assert.Single(file.Graph.Initializer);
        Assert.Empty(constant.Dims);
        Assert.Equal([2.5], ModelStructureTests.Values(constant));
        Assert.Equal(["Mul", "Add", "Tanh", "Mul"], file.Graph.Node.Select(n => n.OpType));
        Assert.Equal(9, file.IrVersion);
        Assert.Equal(20, file.OpsetImport.Single().Version);
    }

    [Fact]
    public void One_run_evaluates_many_points()
    {
        var w = new Value(0, "w");
        var x = new Value(0, "x");
        var b = new Value(0, "b");
        var root = (w * x + b).Tanh();
        var random = new Random(3);
        double[] Points() => Enumerable.Range(0, 500).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        double[] ws = Points(), xs = Points(), bs = Points();
        var values = GraphExportTests.Run(root, new OrtInput<double>("w", ws, 500), new OrtInput<double>("x", xs, 500), new OrtInput<double>("b", bs, 500));
        for (var i = 0; i < 500; i++)
        {
            var expected = (new Value(ws[i]) * new Value(xs[i]) + new Value(bs[i])).Tanh().Data;
            Agree.Assert(expected, values[i], 1e-12, $"point {i}");
        }
    }

    [Fact]
    public void Chosen_leaves_become_initializers_holding_their_data_and_the_others_stay_inputs()
    {
        var graph = Expression.Parse("tanh(w*x + b)").Build(new Dictionary<string, double> { ["w"] = 0.8, ["x"] = 1.5, ["b"] = -0.3 });
        using var temp = new TempDirectory();
        var path = temp.File("wxb.onnx");
        OnnxExport.Save(graph.Root, path, [graph.Variables["w"], graph.Variables["b"]]);

        var file = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(["x"], file.Graph.Input.Select(i => i.Name));
        Assert.Equal([0.8], ModelStructureTests.Values(file.Graph.Initializer.Single(t => t.Name == "w")));
        Assert.Equal([-0.3], ModelStructureTests.Values(file.Graph.Initializer.Single(t => t.Name == "b")));

        double[] xs = [-2, -0.5, 0, 1.5, 4];
        using var model = Ort.Load(path);
        var values = model.Run("value", new OrtInput<double>("x", xs, xs.Length)).Data;
        for (var i = 0; i < xs.Length; i++)
        {
            var at = Expression.Parse("tanh(w*x + b)").Build(new Dictionary<string, double> { ["w"] = 0.8, ["x"] = xs[i], ["b"] = -0.3 });
            Agree.Assert(at.Root.Data, values[i], 1e-12, $"x = {xs[i]}");
        }
    }

    [Fact]
    public void A_graph_without_inputs_is_a_scalar_that_runs_with_no_feeds()
    {
        var x = new Value(2.0, "x");
        var root = x.Exp() + 1;
        using var temp = new TempDirectory();
        var path = temp.File("constant.onnx");
        OnnxExport.Save(root, path, [x]);
        var file = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Empty(file.Graph.Input);
        Assert.Empty(ModelStructureTests.Dims(file.Graph.Output.Single()));
        using var model = Ort.Load(path);
        var (value, shape) = model.Run<double>("value");
        Assert.Empty(shape);
        Assert.Equal(root.Data, value.Single());
    }

    [Fact]
    public void A_root_that_is_a_leaf_is_copied_to_the_output()
    {
        var x = new Value(0, "x");
        Assert.Equal([3.5, double.NaN], GraphExportTests.Run(x, new OrtInput<double>("x", [3.5, double.NaN], 2)));
        Assert.Equal([7.25], GraphExportTests.Run(new Value(7.25)));
    }

    [Fact]
    public void A_networks_value_graph_gives_what_its_model_export_and_the_engine_give()
    {
        // the same network both ways: as a Value graph (its parameters as constants, one node per op: Mul, Sum, Relu)
        // and as a model (Gemm per layer); each agrees with Mlp.Evaluate on the moons
        var model = ModelFile.Load(Fixtures.PathOf("moons_init.json"));
        var x0 = new Value(0, "x0");
        var x1 = new Value(0, "x1");
        var root = model.Forward([x0, x1])[0];
        var data = DatasetCsv.Load(Fixtures.PathOf("moons.csv"));
        using var temp = new TempDirectory();
        var path = temp.File("network.onnx");
        OnnxExport.Save(root, path, model.Parameters);
        var file = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(["x0", "x1"], file.Graph.Input.Select(i => i.Name));
        Assert.Equal(model.Parameters.Count, file.Graph.Initializer.Count);

        using var session = Ort.Load(path);
        var values = session.Run("value",
            new OrtInput<double>("x0", data.Features.Select(f => f[0]).ToArray(), data.Count),
            new OrtInput<double>("x1", data.Features.Select(f => f[1]).ToArray(), data.Count)).Data;
        for (var i = 0; i < data.Count; i++)
        {
            Agree.Assert(model.Evaluate(data.Features[i].ToArray())[0], values[i], 1e-12, $"sample {i + 1}");
        }
    }

    [Fact]
    public void Two_leaves_with_one_label_are_refused_and_nothing_is_written()
    {
        var root = new Value(1, "x") + new Value(2, "x");
        AssertRefused(root, "two different leaves are labelled 'x'");
    }

    [Fact]
    public void A_leaf_labelled_value_is_refused_since_value_is_the_outputs_name()
    {
        AssertRefused(new Value(1, "value").Exp(), "a leaf is labelled 'value', the name of the graph's output");
    }

    [Fact]
    public void An_op_with_no_onnx_form_is_refused_by_name()
    {
        var e = Assert.Throws<OnnxExportException>(() => OnnxOps.For("frobnicate"));
        Assert.Equal("the op 'frobnicate' has no ONNX form, so this graph cannot be exported to ONNX", e.Message);
        Assert.Throws<OnnxExportException>(() => OnnxOps.For("**two"));
    }

    [Fact]
    public void A_user_defined_function_is_refused_by_name_and_nothing_is_written()
    {
        // A DifferentiableFunction has C# delegates only; its name cannot be a built-in op's, so no row can match it.
        var cube = new DifferentiableFunction("cube", 1, x => x[0] * x[0] * x[0], (x, y, d) => d[0] = 3 * (x[0] * x[0]));
        var x = new Value(0.5, "x");
        AssertRefused(cube.Apply(x.Tanh()) + x, "the op 'cube' has no ONNX form, so this graph cannot be exported to ONNX");
        Assert.Throws<ArgumentException>(() => new DifferentiableFunction("tanh", 1, x => Math.Tanh(x[0]), (x, y, d) => d[0] = 1 - y * y));
    }

    [Fact]
    public void Every_op_of_the_engine_has_a_row()
    {
        // every op a Value can be made with today; a new op of the engine is added to this list and given a row in OnnxOps
        var x = new Value(0.5, "x");
        var y = new Value(2, "y");
        Value[] nodes =
        [
            x + y, x - y, x * y, x / y, -x, x.Pow(y), x.Pow(2.0), x.Pow(1.7), Value.Sum([x, y]),
            x.Relu(), x.Tanh(), x.Exp(), x.Log(), x.Sigmoid(), x.Sqrt(), x.Abs(), x.Sin(), x.Cos(),
            Value.Max(x, y), Value.Min(x, y), x.LeakyRelu(), x.Elu(), x.Softplus(), x.Gelu(), x.Log1p(), x.Expm1(), x.Atan(),
            Value.Unary(Ops.ErfOp.Instance, x),
        ];
        foreach (var node in nodes) Assert.NotNull(OnnxOps.For(node.Op));
    }

    [Fact]
    public void A_constant_must_be_a_leaf_of_the_graph()
    {
        var x = new Value(1, "x");
        var inner = x.Exp();
        var root = inner * 2;
        using var temp = new TempDirectory();
        Assert.Throws<ArgumentException>(() => OnnxExport.Save(root, temp.File("a.onnx"), [inner]));
        Assert.Throws<ArgumentException>(() => OnnxExport.Save(root, temp.File("a.onnx"), [new Value(3, "z")]));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Writing_replaces_an_existing_file_whole_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("model.onnx", "an older file");
        OnnxExport.Save(new Value(1, "x").Exp(), path);
        Assert.Equal(["model.onnx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        Assert.Equal("Exp", ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node[0].OpType);

        // a failed export leaves the older file as it was
        Assert.Throws<OnnxExportException>(() => OnnxExport.Save(new Value(1, "value").Exp(), path));
        Assert.Equal("Exp", ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node[0].OpType);
        Assert.Throws<DirectoryNotFoundException>(() => OnnxExport.Save(new Value(1, "x").Exp(), temp.File("missing/model.onnx")));
        Assert.Equal(["model.onnx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    private static void AssertRefused(Value root, string message)
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.Save(root, temp.File("refused.onnx")));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    private static ModelProto Save(Value root)
    {
        using var temp = new TempDirectory();
        var path = temp.File("graph.onnx");
        OnnxExport.Save(root, path);
        return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
    }
}
