using Micrograd.Onnx.Tests.Support;

namespace Micrograd.Onnx.Tests;

/// <summary>
/// The ops written as compositions in OnnxOps (max, min, leaky_relu, elu, softplus, gelu, erf, log1p, expm1, atan): why
/// they are, and that they give the engine's values densely where a composition is delicate (branch boundaries, the
/// cancellation in gelu below −4 and in elu's eˣ − 1 near 0).
/// </summary>
public class CompositionTests
{
    private const double Relative = 1e-12;

    [Theory]
    [InlineData("Atan")]
    [InlineData("Erf")]
    [InlineData("Softplus")]
    [InlineData("Elu")]
    [InlineData("LeakyRelu")]
    [InlineData("Gelu")]
    public void Onnx_runtime_has_no_float64_kernel_for(string opType)
    {
        var e = Assert.ThrowsAny<Exception>(() => GraphExportTests.RunOne(opType, [0.5]));
        Assert.Contains("NotImplemented", e.Message);
    }

    [Fact]
    public void Onnx_runtimes_Max_Min_Where_and_Exp_would_not_give_the_engines_numbers()
    {
        // Max and Min keep their second operand's zero; the engine's max and min (std::max, std::min) their first
        Assert.False(double.IsNegative(GraphExportTests.RunOne("Max", [-0.0], 0.0)[0]));
        Assert.True(double.IsNegative(Value.Max(-0.0, 0.0).Data));
        Assert.False(double.IsNegative(GraphExportTests.RunOne("Min", [-0.0], 0.0)[0]));
        Assert.True(double.IsNegative(Value.Min(-0.0, 0.0).Data));

        // Where gives +0 where it selects a -0 from its first branch, so compositions put the sign back (OnnxTensor.WithSign)
        Assert.False(double.IsNegative(RunFormula(x => OnnxTensor.Where(x.Less(1), x, x + 5), [-0.0])[0]));

        // Exp differs from the C library's exp (Math.Exp) in the last bit at some points, also near 0, where elu's eˣ − 1 (as
        // PyTorch 1.13 computes it) magnifies that beyond 1e-12; the composition gives the engine's value there
        var random = new Random(5);
        var xs = Enumerable.Range(0, 400_000).Select(_ => -Math.Pow(10, -4 - 12 * random.NextDouble())).ToArray();
        var exp = GraphExportTests.RunOne("Exp", xs);
        var far = Enumerable.Range(0, xs.Length).Where(i => !Agree.Within(Math.Exp(xs[i]) - 1, exp[i] - 1, Relative)).Select(i => xs[i]).ToArray();
        Assert.NotEmpty(far);
        var elu = GraphExportTests.Run(new Value(1.0, "x").Elu(), new OrtInput<double>("x", far, far.Length));
        for (var i = 0; i < far.Length; i++) Agree.Assert(new Value(far[i]).Elu().Data, elu[i], Relative, $"elu({far[i]:R})");
    }

    public static TheoryData<string> Ops => new(["max", "min", "leaky_relu", "elu", "softplus", "gelu", "erf", "log1p", "expm1", "atan"]);

    [Theory]
    [MemberData(nameof(Ops))]
    public void Each_gives_the_engines_values_densely_where_it_is_delicate(string op)
    {
        var random = new Random(op.Length * 31 + op[0]);
        var points = new List<double>();
        for (var i = 0; i < 4000; i++)
        {
            points.Add(random.NextDouble() * 20 - 10);
            points.Add(random.NextDouble() * 0.05 - 0.025);                       // log1p's and expm1's series boundary
            points.Add(-1e-3 * Math.Pow(10, -10 * random.NextDouble()));          // elu's eˣ − 1 near 0
            points.Add(-4 - 5 * random.NextDouble());                             // gelu's cancelling tail
            points.Add(20 + (random.NextDouble() - 0.5) * 1e-6);                  // softplus's threshold
            foreach (var boundary in new[] { 0.4375, 0.6875, 0.84375, 1.1875, 1.25, 2.4375, 2.857142448425293, 6.0 })
                points.Add((random.Next(2) == 0 ? -1 : 1) * boundary * (1 + (random.NextDouble() - 0.5) * 1e-3)); // erf's and atan's branches
        }
        var x = new Value(1.0, "x");
        var y = new Value(1.0, "y");
        var binary = op is "max" or "min";
        var partner = points.Select((_, i) => points[(i * 7919) % points.Count]).ToArray();
        var root = binary ? Build(op, x, y) : Build(op, x);
        var values = binary
            ? GraphExportTests.Run(root, new OrtInput<double>("x", [.. points], points.Count), new OrtInput<double>("y", partner, partner.Length))
            : GraphExportTests.Run(root, new OrtInput<double>("x", [.. points], points.Count));
        var failures = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            var expected = (binary ? Build(op, new Value(points[i]), new Value(partner[i])) : Build(op, new Value(points[i]))).Data;
            if (!Agree.Within(expected, values[i], Relative)) failures.Add($"{op}({points[i]:R}): the engine gives {expected:R}, ONNX Runtime {values[i]:R}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {points.Count} differ:\n" + string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void The_gradient_graph_of_gelu_exports_with_its_erf()
    {
        var x = new Value(1.0, "x");
        var gradient = Gradients.Of(x.Gelu(), [x])[0];
        Assert.Contains(gradient.TopologicalOrder(), v => v.Op == "erf");
        double[] points = [-8, -5.5, -2, -1, -1e-3, 0, 0.3, 1, 2.5, 6, 40];
        var values = GraphExportTests.Run(gradient, new OrtInput<double>("x", points, points.Length));
        for (var i = 0; i < points.Length; i++)
        {
            var at = new Value(points[i]);
            Agree.Assert(Gradients.Of(at.Gelu(), [at])[0].Data, values[i], Relative, $"gelu'({points[i]})");
        }
    }

    private static Value Build(string op, Value x, Value? y = null) => op switch
    {
        "max" => Value.Max(x, y!),
        "min" => Value.Min(x, y!),
        "leaky_relu" => x.LeakyRelu(),
        "elu" => x.Elu(),
        "softplus" => x.Softplus(),
        "gelu" => x.Gelu(),
        "erf" => Value.Unary(Micrograd.Ops.ErfOp.Instance, x),
        "log1p" => x.Log1p(),
        "expm1" => x.Expm1(),
        _ => x.Atan(),
    };

    private static double[] RunFormula(Func<OnnxTensor, OnnxTensor> formula, double[] xs)
    {
        var graph = new OnnxGraph("formula", OnnxPrecision.Float64);
        graph.Input("x", [null]);
        graph.Output(formula(new OnnxTensor(graph, "x")).Name, "value", [null]);
        var file = new global::Onnx.ModelProto { IrVersion = 9, Graph = graph.Proto };
        file.OpsetImport.Add(new global::Onnx.OperatorSetIdProto { Domain = "", Version = 20 });
        using var temp = new TempDirectory();
        var path = temp.File("formula.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(file));
        using var model = Ort.Load(path);
        return model.Run("value", new OrtInput<double>("x", xs, xs.Length)).Data;
    }
}
