using Micrograd.Cli.Tests.Support;
using Micrograd.Expressions;
using Micrograd.NN;
using Micrograd.Onnx.Tests.Support;
using Micrograd.Ops;
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
        Assert.Equal(7, file.IrVersion);
        Assert.Equal(13, file.OpsetImport.Single().Version);
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
    public void A_root_that_is_a_leaf_is_copied_to_the_output()
    {
        var x = new Value(0, "x");
        Assert.Equal([3.5, double.NaN], GraphExportTests.Run(x, new OrtInput<double>("x", [3.5, double.NaN], 2)));
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
        // the parameters, and one number of the formulas: the 0 that each neuron's sum starts from, as the engine's does
        var labels = model.Parameters.Select(p => p.Label).ToHashSet();
        Assert.Equal(model.Parameters.Count, file.Graph.Initializer.Count(t => labels.Contains(t.Name)));
        Assert.Equal([0.0], file.Graph.Initializer.Where(t => !labels.Contains(t.Name)).SelectMany(ModelStructureTests.Values));

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
    public void The_fused_multiply_add_of_a_gradient_graph_is_refused_by_name()
    {
        // tanh's derivative, 1 - y², is one fused multiply-add in a gradient graph; ONNX has none
        var x = new Value(0.5, "x");
        var gradient = Gradients.Of(x.Tanh(), [x])[0];
        Assert.Contains(gradient.TopologicalOrder(), n => n.Operation == Ops.FusedMultiplyAddOp.Instance);
        AssertRefused(gradient, $"the op '{Ops.FusedMultiplyAddOp.Instance.Name}' cannot be written in ONNX (ONNX has no fused multiply-add");
        // the gradient of a product has none, and is exported: d(x·y)/dx is y
        var y = new Value(2, "y");
        Assert.Equal([-3.5, 0.25], GraphExportTests.Run(Gradients.Of(x * y, [x])[0], new OrtInput<double>("y", [-3.5, 0.25], 2)));
    }

    [Fact]
    public void A_user_defined_function_is_refused_by_name_and_nothing_is_written()
    {
        // A DifferentiableFunction runs C# delegates, which have no formula to write; its name cannot be a built-in op's.
        var cube = new DifferentiableFunction("cube", 1, x => x[0] * x[0] * x[0], (x, y, d) => d[0] = 3 * (x[0] * x[0]));
        var x = new Value(0.5, "x");
        AssertRefused(cube.Apply(x.Tanh()) + x, "the op 'cube' cannot be written in ONNX (it runs C# code of its own, which has no ONNX form)");
        Assert.Throws<ArgumentException>(() => new DifferentiableFunction("tanh", 1, x => Math.Tanh(x[0]), (x, y, d) => d[0] = 1 - y * y));
    }

    [Fact]
    public void A_graph_with_no_input_is_refused_naming_its_unlabelled_leaves()
    {
        // unlabelled leaves are numbers of the formula, so such a file would compute one number, whatever it is given
        AssertRefused(new Value(2) * new Value(3) + new Value(-0.5),
            "the graph has no input, so its file would compute one number: label the leaves that should be inputs (new Value(2.0, \"x\")); its leaves without a label hold 2, 3, -0.5");
        var many = Value.Sum(Enumerable.Range(1, 10).Select(i => new Value(i)));
        AssertRefused(many, "the graph has no input, so its file would compute one number: label the leaves that should be inputs (new Value(2.0, \"x\")); its leaves without a label hold 1, 2, 3, 4, 5, 6, 7, 8 and 2 more");

        // nor when every labelled leaf is made a constant
        var w = new Value(0.5, "w");
        var b = new Value(1, "b");
        using var temp = new TempDirectory();
        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.Save((w * 2 + b).Tanh(), temp.File("a.onnx"), [w, b]));
        Assert.EndsWith("its leaves without a label hold 2; its labelled leaves (w, b) are all constants", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_root_that_does_not_depend_on_the_inputs_still_has_their_shape()
    {
        // x ** 0 is 1 for every x, NaN included: the formula folds it to the constant 1, which the output spreads to [N]
        var x = new Value(5, "x");
        var values = GraphExportTests.Run(x.Pow(0.0), new OrtInput<double>("x", [double.NaN, -0.0, 7], 3));
        Assert.Equal([1.0, 1.0, 1.0], values);
        Assert.Equal(["Shape", "Expand"], Save(x.Pow(0.0)).Graph.Node.Select(n => n.OpType));
    }

    [Theory]
    [InlineData(13, 7)]
    [InlineData(17, 8)]
    [InlineData(20, 9)]
    [InlineData(21, 10)]
    public void A_file_states_the_opset_asked_for_with_its_ir_version_and_runs_in_onnx_runtime(int opset, int irVersion)
    {
        var x = new Value(0, "x");
        var y = new Value(0, "y");
        var root = Value.Max(x, y).Gelu() + (x / y).Atan();
        using var temp = new TempDirectory();
        var path = temp.File("graph.onnx");
        OnnxExport.Save(root, path, null, opset);
        var file = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal((irVersion, opset), (file.IrVersion, file.OpsetImport.Single().Version));
        using var model = Ort.Load(path);
        var value = model.Run("value", new OrtInput<double>("x", [-1.5], 1), new OrtInput<double>("y", [0.25], 1)).Data.Single();
        Agree.Assert((Value.Max(-1.5, 0.25).Gelu() + new Value(-1.5 / 0.25).Atan()).Data, value, 1e-12, "max(x, y).gelu() + atan(x / y)");
    }

    [Fact]
    public void An_opset_outside_13_to_21_is_refused_and_every_graph_needs_only_13()
    {
        var x = new Value(0, "x");
        using var temp = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExport.Save(x.Exp(), temp.File("a.onnx"), null, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExport.Save(x.Exp(), temp.File("a.onnx"), null, 22));
        Assert.Empty(Directory.GetFiles(temp.Path));
        // every op of the engine has been in ONNX since opset 13 in the form the export writes
        var everyOp = OpCatalog.All.Where(op => op.Arity == OpArity.Unary).Aggregate(x, (v, op) => v + Value.Unary((Ops.UnaryOp)op, x));
        Assert.Equal(13, OnnxExport.LowestOpset(everyOp));
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
        OnnxExport.Save(new Value(1, "x").Tanh(), path);
        Assert.Equal(["model.onnx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        Assert.Equal("Tanh", ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node[0].OpType);

        // a failed export leaves the older file as it was
        Assert.Throws<OnnxExportException>(() => OnnxExport.Save(new Value(1, "value").Exp(), path));
        Assert.Equal("Tanh", ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node[0].OpType);
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
