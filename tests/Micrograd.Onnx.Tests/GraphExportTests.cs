using Micrograd.Cli.Tests.Support;
using Micrograd.Expressions;
using Micrograd.Onnx.Tests.Support;
using Micrograd.Ops;
using Micrograd.Tests.Support;
using Onnx;

namespace Micrograd.Onnx.Tests;

/// <summary>
/// Exported <see cref="Value"/> graphs, run in ONNX Runtime, give the engine's values: to a relative 1e-12, and NaN and
/// infinities exactly, on every reference expression and on every op at its edge cases.
/// </summary>
public class GraphExportTests
{
    private const double Relative = 1e-12;

    /// <summary>Points where ops misbehave: signed zeros, tiny and huge values, the overflow and saturation thresholds, NaN and infinities.</summary>
    private static readonly double[] Edges =
    [
        double.NaN, double.NegativeInfinity, -1e300, -800, -710, -400, -20, -3.5, -2, -1, -0.5, -1e-300, -0.0,
        0.0, 5e-324, 1e-300, 1e-10, 0.25, 0.5, 1, 2, 3, 3.5, 20, 400, 709.7, 710, 800, 1e300, double.PositiveInfinity,
    ];

    public static TheoryData<string, int> Expressions => Fixtures.Cases("expressions.jsonl");

    public static TheoryData<string, int> EdgeCases => Fixtures.Cases("edge_cases.jsonl");

    public static TheoryData<string, int> NewOps => Fixtures.Cases("new_ops.jsonl");

    public static TheoryData<string, int> NewOpsEdges => Fixtures.Cases("new_ops_edges.jsonl");

    [Theory]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(EdgeCases))]
    [MemberData(nameof(NewOps))]
    [MemberData(nameof(NewOpsEdges))]
    public void Every_reference_expression_gives_the_engines_value(string file, int index)
    {
        var c = Fixtures.Load(file)[index];
        var parsed = Expression.Parse(c.Expr);
        var graph = parsed.Build(c.At);
        using var temp = new TempDirectory();
        var path = temp.File("expr.onnx");
        if (parsed.Variables.Count == 0)
        {
            // a graph with no input is refused (its file would compute one number), and nothing is written
            var e = Assert.Throws<OnnxExportException>(() => OnnxExport.Save(graph.Root, path));
            Assert.Contains("no input", e.Message);
            Assert.Empty(Directory.GetFiles(temp.Path));
            return;
        }
        OnnxExport.Save(graph.Root, path);

        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph;
        Assert.Equal(parsed.Variables.Order(StringComparer.Ordinal), proto.Input.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(proto.Input, i => Assert.Equal(["N"], ModelStructureTests.Dims(i)));

        using var model = Ort.Load(path);
        var inputs = parsed.Variables.Select(v => new OrtInput<double>(v, [c.At[v]], 1)).ToArray();
        var (value, shape) = model.Run("value", inputs);
        Assert.Equal([1L], shape);
        Agree.Assert(graph.Root.Data, value.Single(), Relative, c.ToString());
    }

    /// <summary>Every unary op of the engine (<see cref="OpCatalog.All"/>: a new op is tested here as soon as it is listed),
    /// and constant powers of other exponents than the common ones.</summary>
    private static readonly string[] UnaryOpSymbols =
    [
        .. OpCatalog.All.Where(op => op.Arity == OpArity.Unary).Select(op => op.Name),
        "**1.5", "**-3", "**0.25", "**7", "**NaN", "**Infinity", "**-Infinity",
    ];

    /// <summary>Every binary op of the engine but the fused multiply-add, which ONNX has not (a test shows it refused).</summary>
    private static readonly string[] BinaryOpSymbols =
        [.. OpCatalog.All.Where(op => op.Arity == OpArity.Binary && op != FusedMultiplyAddOp.Instance).Select(op => op.Name)];

    public static TheoryData<string> UnaryOps => new(UnaryOpSymbols);

    public static TheoryData<string> BinaryOps => new(BinaryOpSymbols);

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Every_unary_op_gives_the_engines_value_at_every_edge_case(string op)
    {
        var x = new Value(1.0, "x");
        var y = Apply(op, x);
        Assert.Equal(op, y.Op);
        var points = Edges.Concat(RandomPoints(1000, 1)).ToArray();
        var values = Run(y, new OrtInput<double>("x", points, points.Length));
        for (var i = 0; i < points.Length; i++)
        {
            Agree.Assert(Apply(op, new Value(points[i])).Data, values[i], Relative, $"{op} at x = {points[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Every_binary_op_gives_the_engines_value_at_every_pair_of_edge_cases(string op)
    {
        var a = new Value(1.0, "a");
        var b = new Value(2.0, "b");
        Assert.Equal(op, Binary(op, a, b).Op);
        var pairs = Edges.SelectMany(p => Edges, (p, q) => (p, q)).Concat(RandomPoints(1000, 2).Zip(RandomPoints(1000, 3))).ToArray();
        var left = pairs.Select(p => p.Item1).ToArray();
        var right = pairs.Select(p => p.Item2).ToArray();
        var values = Run(Binary(op, a, b), new OrtInput<double>("a", left, left.Length), new OrtInput<double>("b", right, right.Length));
        for (var i = 0; i < pairs.Length; i++)
        {
            Agree.Assert(Binary(op, new Value(left[i]), new Value(right[i])).Data, values[i], Relative, $"{left[i]:R} {op} {right[i]:R}");
        }
    }

    [Fact]
    public void A_sum_adds_left_to_right_as_the_engine_does()
    {
        // 1e16 + 1 rounds back to 1e16, so each order of these terms gives a different sum
        var terms = new[] { new Value(0, "a"), new Value(0, "b"), new Value(0, "c"), new Value(0, "d") };
        var sum = Value.Sum(terms);
        Assert.Equal("sum", sum.Op);
        double[][] cases =
        [
            [1e16, 1, -1e16, 1], [1, 1e16, -1e16, 1], [1e16, -1e16, 1, 1], [-1e16, 1, 1, 1e16],
            [1, 1, 1e16, -1e16], [double.PositiveInfinity, 1, double.NegativeInfinity, 0], [1e308, 1e308, -1e308, 0],
        ];
        var values = Run(sum, terms.Select((t, k) => new OrtInput<double>(t.Label, cases.Select(c => c[k]).ToArray(), cases.Length)).ToArray());
        for (var i = 0; i < cases.Length; i++)
        {
            var expected = Value.Sum(cases[i].Select(v => new Value(v))).Data;
            Assert.True(expected.Equals(values[i]), $"sum({string.Join(", ", cases[i])}): the engine gives {expected:R}, ONNX Runtime {values[i]:R}");
        }
    }

    [Fact]
    public void Every_op_keeps_the_engines_sign_of_zero()
    {
        // the sum too: ONNX's own Sum of -0 and -0 is -0, the engine's sum (0 + -0 + -0, as PyTorch's and Python's) +0, and
        // the export writes the engine's formula; relu maps -0 to -0 in both, as PyTorch's does
        var x = new Value(1.0, "x");
        var y = new Value(1.0, "y");
        Assert.True(double.IsNegative(RunOne("Sum", [-0.0], -0.0)[0]));
        Assert.False(double.IsNegative(Run(Value.Sum([x, y]), new OrtInput<double>("x", [-0.0], 1), new OrtInput<double>("y", [-0.0], 1))[0]));
        Assert.False(double.IsNegative(Value.Sum([new Value(-0.0), new Value(-0.0)]).Data));

        foreach (var op in UnaryOpSymbols)
        {
            var zeros = new[] { -0.0, 0.0 };
            var values = Run(Apply(op, x), new OrtInput<double>("x", zeros, 2));
            for (var i = 0; i < 2; i++)
            {
                var expected = Apply(op, new Value(zeros[i])).Data;
                Assert.True(expected.Equals(values[i]) && double.IsNegative(expected) == double.IsNegative(values[i]), $"{op}({zeros[i]:R}): the engine gives {expected:R}, ONNX Runtime {values[i]:R}");
            }
        }
        foreach (var op in BinaryOpSymbols)
        {
            var pairs = Edges.SelectMany(p => Edges, (p, q) => (p, q)).ToArray();
            var values = Run(Binary(op, x, y), new OrtInput<double>("x", pairs.Select(p => p.p).ToArray(), pairs.Length), new OrtInput<double>("y", pairs.Select(p => p.q).ToArray(), pairs.Length));
            for (var i = 0; i < pairs.Length; i++)
            {
                var expected = Binary(op, new Value(pairs[i].p), new Value(pairs[i].q)).Data;
                if (expected == 0) Assert.True(double.IsNegative(expected) == double.IsNegative(values[i]), $"{pairs[i].p:R} {op} {pairs[i].q:R}: the engine gives {expected:R}, ONNX Runtime {values[i]:R}");
            }
        }
    }

    [Fact]
    public void Onnx_runtimes_own_sigmoid_and_pow_would_not_give_the_engines_numbers()
    {
        // why OnnxOps writes sigmoid as 1 / (1 + exp(-x)) and the constant powers' shortcuts as the engine computes them
        var x = new Value(1.0, "x");
        double[] far = [-20, -37, -50];
        var own = RunOne("Sigmoid", far);
        var ours = Run(x.Sigmoid(), new OrtInput<double>("x", far, far.Length));
        for (var i = 0; i < far.Length; i++) Agree.Assert(new Value(far[i]).Sigmoid().Data, ours[i], Relative, $"sigmoid({far[i]})");
        Assert.False(Agree.Within(new Value(-20.0).Sigmoid().Data, own[0], 1e-9), $"ONNX Runtime's Sigmoid(-20) = {own[0]:R}");
        Assert.Equal(0.0, own[1]); // where the engine gives 8.5e-17
        Assert.Equal(0.0, own[2]); // and 1.9e-22

        Assert.Equal(double.PositiveInfinity, RunOne("Pow", [double.NegativeInfinity], 0.5)[0]);
        Assert.Equal(double.NaN, new Value(double.NegativeInfinity).Pow(0.5).Data);
        Assert.Equal(double.NaN, Run(x.Pow(0.5), new OrtInput<double>("x", [double.NegativeInfinity], 1))[0]);
    }

    /// <summary>One ONNX op of ONNX Runtime's own on <paramref name="xs"/> (and a constant second operand, when given).</summary>
    internal static double[] RunOne(string opType, double[] xs, double? operand = null)
    {
        var graph = new OnnxGraph("one_op", OnnxPrecision.Float64);
        graph.Input("x", [null]);
        graph.Output(operand is { } b ? graph.Node(opType, "x", graph.Constant(b)) : graph.Node(opType, "x"), "value", [null]);
        // opset 20 (IR 9), the first with Gelu, to show which of its own ops ONNX Runtime lacks (CompositionTests)
        var file = new ModelProto { IrVersion = 9, Graph = graph.Proto };
        file.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 20 });
        using var temp = new TempDirectory();
        var path = temp.File("one_op.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(file));
        using var model = Ort.Load(path);
        return model.Run("value", new OrtInput<double>("x", xs, xs.Length)).Data;
    }

    /// <summary>Exports <paramref name="root"/>, runs it on <paramref name="inputs"/> and returns its values.</summary>
    internal static double[] Run(Value root, params OrtInput<double>[] inputs)
    {
        using var temp = new TempDirectory();
        var path = temp.File("graph.onnx");
        OnnxExport.Save(root, path);
        using var model = Ort.Load(path);
        return model.Run("value", inputs).Data;
    }

    /// <summary>The unary op named <paramref name="op"/> (as <see cref="Value.Op"/> shows it) on x.</summary>
    private static Value Apply(string op, Value x) =>
        Value.Unary((UnaryOp?)OpCatalog.All.SingleOrDefault(o => o.Name == op) ?? PowConstantOp.For(double.Parse(op[2..], System.Globalization.CultureInfo.InvariantCulture)), x);

    /// <summary>The binary op named <paramref name="op"/> on a and b.</summary>
    private static Value Binary(string op, Value a, Value b) => Value.Binary((BinaryOp)OpCatalog.All.Single(o => o.Name == op), a, b);

    /// <summary>Points spread over many magnitudes, both signs: ±10^u with u uniform in [-8, 8].</summary>
    private static IEnumerable<double> RandomPoints(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++) yield return (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, random.NextDouble() * 16 - 8);
    }
}
