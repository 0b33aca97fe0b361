using System.Globalization;
using static Micrograd.Onnx.OnnxTensor;

namespace Micrograd.Onnx;

/// <summary>Writes one engine op into an ONNX graph: adds the nodes that compute it from its operands' tensors (in the
/// order of <see cref="Value.Children"/>) and returns the name of the tensor that holds its value.</summary>
internal delegate string OnnxOp(OnnxGraph graph, IReadOnlyList<string> operands);

/// <summary>
/// The one table from the engine's ops to ONNX. A row maps an op's symbol, as <see cref="Value.Op"/> shows it, to the ONNX
/// nodes that give the engine's numbers. Exporting a new engine op takes one row here; an op with no row is refused with an
/// <see cref="OnnxExportException"/> that names it. Models use the same rows for their activations.
/// </summary>
/// <remarks>
/// <para>Where ONNX Runtime's CPU provider has no float64 kernel for an op's ONNX form, or one that does not give the engine's
/// numbers, its row writes it as a composition of ops that do (and README's ONNX section lists it): sigmoid, the constant
/// powers' shortcuts, max, min, leaky_relu, elu, softplus, gelu, erf, log1p, expm1 and atan (<see cref="OnnxMath"/>, written
/// over <see cref="OnnxTensor"/>). Loading and running each op in float64 with ONNX Runtime 1.31.1 on linux-x64 found kernels
/// for Add, Sub, Mul, Div, Pow, Neg, Abs, Relu (relu(NaN) is NaN, as in the engine), Tanh, Sigmoid, Exp, Log, Sqrt, Sin, Cos,
/// Sum, Max, Min, Reciprocal, Sign, Floor, IsNaN, the comparisons, Where and Gemm, and none for Atan, Softplus, Elu, LeakyRelu,
/// Erf or Gelu (opset 20; CompositionTests checks both). An op added to the engine gets a row here and its symbol in
/// GraphExportTests' lists (UnaryOpSymbols or BinaryOpSymbols), whose edge cases and random points then check it, and in
/// GraphInputsTests.Every_op_of_the_engine_has_a_row.</para>
/// <para>Every row works in float32 too: constants take the graph's number type (<see cref="OnnxGraph.Constant"/>).</para>
/// </remarks>
internal static class OnnxOps
{
    private static readonly Dictionary<string, OnnxOp> Rows = new(StringComparer.Ordinal)
    {
        ["+"] = Node("Add"),
        ["-"] = Node("Sub"),
        ["*"] = Node("Mul"),
        ["/"] = Node("Div"),
        ["neg"] = Node("Neg"),
        ["**"] = Node("Pow"), // x ** y with a differentiable exponent: std::pow, as Math.Pow
        ["sum"] = Node("Sum"), // adds its inputs left to right, as the engine does (a test checks the order)
        ["relu"] = Node("Relu"),
        ["tanh"] = Node("Tanh"),
        // ONNX Runtime's float64 Sigmoid loses relative accuracy below x = -10 (4e-8 at -20) and gives 0 below about -37,
        // where the engine gives 8.5e-17 at -37: so the engine's formula, 1 / (1 + exp(-x)), which saturates the same way
        ["sigmoid"] = (graph, x) => graph.Node("Div", graph.Constant(1), graph.Node("Add", graph.Constant(1), graph.Node("Exp", graph.Node("Neg", x[0])))),
        ["exp"] = Node("Exp"),
        ["log"] = Node("Log"),
        ["sqrt"] = Node("Sqrt"),
        ["abs"] = Node("Abs"),
        ["sin"] = Node("Sin"),
        ["cos"] = Node("Cos"),
        // Max and Min have float64 kernels and propagate NaN as the engine does, but give max(−0, +0) = +0 where the engine
        // (std::max) gives its first operand: so the engine's formula, b where a < b or b is NaN, else a
        ["max"] = (graph, x) => Formula(graph, x, (a, b) => Either(a, b, takeB: a.Less(b))),
        ["min"] = (graph, x) => Formula(graph, x, (a, b) => Either(a, b, takeB: b.Less(a))),
        // no float64 LeakyRelu, Elu, Softplus, Erf, Gelu or Atan kernel, and no ONNX log1p or expm1: compositions (OnnxMath)
        ["leaky_relu"] = (graph, x) => Formula(graph, x, x => Where(x.Greater(0), x, x * 0.01).WithSign(x.Sign())),
        ["elu"] = (graph, x) => Formula(graph, x, x => Where(x.LessOrEqual(0), OnnxMath.ExpNearZeroExactly(x) - 1, x)),
        ["softplus"] = (graph, x) => Formula(graph, x, x => Where(x.Greater(20), x, OnnxMath.Log1p(x.Exp()))),
        ["gelu"] = (graph, x) => Formula(graph, x, x => x * 0.5 * (1 + OnnxMath.Erf(x * 0.70710678118654752440))),
        ["erf"] = (graph, x) => Formula(graph, x, OnnxMath.Erf),
        ["log1p"] = (graph, x) => Formula(graph, x, OnnxMath.Log1p),
        ["expm1"] = (graph, x) => Formula(graph, x, OnnxMath.Expm1),
        ["atan"] = (graph, x) => Formula(graph, x, OnnxMath.Atan),
    };

    /// <summary>The row for an op's symbol.</summary>
    /// <param name="symbol">The op's symbol, as <see cref="Value.Op"/> gives it.</param>
    /// <exception cref="OnnxExportException">The op has no ONNX form.</exception>
    public static OnnxOp For(string symbol)
    {
        if (Rows.TryGetValue(symbol, out var row)) return row;
        if (symbol.StartsWith("**", StringComparison.Ordinal)
            && double.TryParse(symbol.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out var exponent))
        {
            return PowConstant(exponent);
        }
        throw new OnnxExportException($"the op '{symbol}' has no ONNX form, so this graph cannot be exported to ONNX");
    }

    /// <summary>One ONNX node of the same name and operands.</summary>
    private static OnnxOp Node(string onnxOp) => (graph, x) => graph.Node(onnxOp, [.. x]);

    /// <summary>b where <paramref name="takeB"/> holds or b is NaN, else a, with the sign of the one taken (even a zero's).</summary>
    private static OnnxTensor Either(OnnxTensor a, OnnxTensor b, OnnxTensor takeB)
    {
        var pick = takeB.Or(b.IsNaN());
        return Where(pick, b, a).WithSign(Where(pick, b.Sign(), a.Sign()));
    }

    /// <summary>A composition of one operand, written as a formula over <see cref="OnnxTensor"/>.</summary>
    private static string Formula(OnnxGraph graph, IReadOnlyList<string> x, Func<OnnxTensor, OnnxTensor> formula) =>
        formula(new OnnxTensor(graph, x[0])).Name;

    /// <summary>A composition of two operands, written as a formula over <see cref="OnnxTensor"/>.</summary>
    private static string Formula(OnnxGraph graph, IReadOnlyList<string> x, Func<OnnxTensor, OnnxTensor, OnnxTensor> formula) =>
        formula(new OnnxTensor(graph, x[0]), new OnnxTensor(graph, x[1])).Name;

    /// <summary>
    /// The constant power <c>**k</c>, its exponent written in its symbol (<c>**2</c>, <c>**-0.5</c>). Written as the engine
    /// computes it (<see cref="Value.Pow(double)"/>), with the same shortcuts for common exponents, since Pow would differ from
    /// them: pow(-∞, 0.5) is +∞ where sqrt(-∞) is NaN, and x·x·x rounds twice where pow(x, 3) rounds once.
    /// </summary>
    private static OnnxOp PowConstant(double k) => k switch
    {
        1 => (graph, x) => graph.Node("Identity", x[0]),
        2 => (graph, x) => graph.Node("Mul", x[0], x[0]),
        3 => (graph, x) => graph.Node("Mul", graph.Node("Mul", x[0], x[0]), x[0]),
        0.5 => (graph, x) => graph.Node("Sqrt", x[0]),
        -0.5 => (graph, x) => graph.Node("Div", graph.Constant(1), graph.Node("Sqrt", x[0])),
        -1 => (graph, x) => graph.Node("Div", graph.Constant(1), x[0]),
        -2 => (graph, x) => graph.Node("Div", graph.Constant(1), graph.Node("Mul", x[0], x[0])),
        _ => (graph, x) => graph.Node("Pow", x[0], graph.Constant(k)), // k = 0 too: pow(x, 0) is 1 for every x, NaN included
    };
}
