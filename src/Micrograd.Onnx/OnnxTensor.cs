using Micrograd.Ops;

namespace Micrograd.Onnx;

/// <summary>
/// A number of an <see cref="OnnxGraph"/> being built: a tensor of the graph, or a constant not yet written into one. It is
/// the ONNX export's <see cref="IOpNumber{T}"/>, so every op is exported by evaluating its own formula
/// (<see cref="Op.Evaluate{T}"/>) on it, and a composition reads as its formula (<c>x * 0.5 * (1 + erf)</c>). Each operator
/// on a tensor adds one elementwise node, rounded once as the same C# operator; an operator or function of constants only is
/// computed here, as the engine computes it (<see cref="Math"/>, the engine's fdlibm), and adds nothing.
/// </summary>
/// <remarks>
/// Where ONNX Runtime's CPU provider has no float64 kernel, or one that does not give the engine's numbers, the function is
/// composed of ops that do (<see cref="OnnxMath"/>): eˣ near 0, log1p, expm1 and atan; erf is the engine's own
/// (<see cref="Micrograd.Shared.Fdlibm.Erf{T}"/>), evaluated here. A selection
/// (<see cref="IOpNumber{T}.Choose"/>) is ONNX's Where, which gives +0 where it picks a −0 from its first branch, so it puts
/// the sign back unless one branch is a constant other than −0 (which it then puts first). ONNX has no fused multiply-add:
/// it is refused.
/// </remarks>
internal readonly struct OnnxTensor : IFdlibmNumber<OnnxTensor>
{
    private readonly string? _name;
    private readonly double _constant;

    /// <summary>The tensor <paramref name="name"/> of <paramref name="graph"/>.</summary>
    public OnnxTensor(OnnxGraph graph, string name)
    {
        Graph = graph;
        _name = name;
    }

    private OnnxTensor(double constant) => _constant = constant;

    /// <summary>The graph this tensor belongs to; null for a constant not yet written into a graph.</summary>
    public OnnxGraph? Graph { get; }

    /// <summary>True for a constant not yet written into a graph.</summary>
    public bool IsConstant => Graph is null;

    /// <summary>The constant's value.</summary>
    /// <exception cref="InvalidOperationException">This is a tensor of a graph.</exception>
    public double ConstantValue => IsConstant ? _constant : throw new InvalidOperationException("A tensor of a graph has no constant value.");

    /// <summary>The tensor's name in its graph.</summary>
    /// <exception cref="InvalidOperationException">This is a constant not yet written into a graph (see <see cref="In"/>).</exception>
    public string Name => _name ?? throw new InvalidOperationException("A constant has no name until it is written into a graph.");

    /// <summary>The name of this number in <paramref name="graph"/>: a constant becomes a scalar initializer of it.</summary>
    public string In(OnnxGraph graph) => _name ?? graph.Constant(_constant);

    /// <summary>A constant, written into a graph only when an operator with a tensor needs it.</summary>
    public static implicit operator OnnxTensor(double constant) => new(constant);

    /// <summary>The sum, <c>a + b</c>: one ONNX Add node.</summary>
    public static OnnxTensor operator +(OnnxTensor a, OnnxTensor b) => Both(a, b) ? a._constant + b._constant : Node("Add", a, b);

    /// <summary>The difference, <c>a - b</c>: one ONNX Sub node.</summary>
    public static OnnxTensor operator -(OnnxTensor a, OnnxTensor b) => Both(a, b) ? a._constant - b._constant : Node("Sub", a, b);

    /// <summary>The product, <c>a * b</c>: one ONNX Mul node.</summary>
    public static OnnxTensor operator *(OnnxTensor a, OnnxTensor b) => Both(a, b) ? a._constant * b._constant : Node("Mul", a, b);

    /// <summary>The quotient, <c>a / b</c>: one ONNX Div node.</summary>
    public static OnnxTensor operator /(OnnxTensor a, OnnxTensor b) => Both(a, b) ? a._constant / b._constant : Node("Div", a, b);

    /// <summary>The negation, <c>-x</c>: one ONNX Neg node (−0 for +0, as in C#).</summary>
    public static OnnxTensor operator -(OnnxTensor x) => x.IsConstant ? -x._constant : Node("Neg", x);

    /// <summary>The magnitude: one ONNX Abs node.</summary>
    public OnnxTensor Abs() => IsConstant ? Math.Abs(_constant) : Node("Abs", this);

    /// <summary>eˣ: one ONNX Exp node, which may differ from <see cref="Math.Exp"/> in the last bit (+∞ where it overflows).</summary>
    public OnnxTensor Exp() => Node("Exp", this);

    /// <summary>The natural logarithm: one ONNX Log node (NaN below 0, −∞ at 0).</summary>
    public OnnxTensor Log() => Node("Log", this);

    /// <summary>The largest integer not above: one ONNX Floor node.</summary>
    public OnnxTensor Floor() => Node("Floor", this);

    /// <summary>A boolean tensor: where this is less than <paramref name="other"/> (false with a NaN, as in C#).</summary>
    public OnnxTensor Less(OnnxTensor other) => Node("Less", this, other);

    /// <summary>A boolean tensor: where this is less than or equal to <paramref name="other"/> (false with a NaN).</summary>
    public OnnxTensor LessOrEqual(OnnxTensor other) => Node("LessOrEqual", this, other);

    /// <summary>A boolean tensor: where this is greater than <paramref name="other"/> (false with a NaN).</summary>
    public OnnxTensor Greater(OnnxTensor other) => Node("Greater", this, other);

    /// <summary>A boolean tensor: where this is greater than or equal to <paramref name="other"/> (false with a NaN).</summary>
    public OnnxTensor GreaterOrEqual(OnnxTensor other) => Node("GreaterOrEqual", this, other);

    /// <summary>A boolean tensor: where this equals <paramref name="other"/> (false with a NaN; −0 equals +0).</summary>
    public OnnxTensor EqualTo(OnnxTensor other) => Node("Equal", this, other);

    /// <summary>A boolean tensor: where this is NaN.</summary>
    public OnnxTensor IsNaN() => Node("IsNaN", this);

    /// <summary>Where either boolean tensor holds.</summary>
    public OnnxTensor Or(OnnxTensor other) => Node("Or", this, other);

    /// <summary>Where this boolean tensor does not hold.</summary>
    public OnnxTensor Not() => Node("Not", this);

    /// <summary>Where this is negative, −0 and −∞ included: <c>x + 1/x &lt; 0</c> (both have x's sign, and their sum is never
    /// NaN for a number); a NaN is not negative.</summary>
    public OnnxTensor IsNegative() => (this + 1 / this).Less(0);

    /// <summary>−1 where this is negative (−0 included), else 1.</summary>
    public OnnxTensor Sign() => IsConstant ? (double.IsNegative(_constant) && !double.IsNaN(_constant) ? -1.0 : 1.0) : Where(IsNegative(), -1.0, 1.0);

    /// <summary>This value's magnitude with the sign of <paramref name="sign"/> (±1), to put a zero's sign back after a Where.</summary>
    public OnnxTensor WithSign(OnnxTensor sign) => Abs() * sign;

    /// <summary><paramref name="ifTrue"/> where <paramref name="condition"/> holds, else <paramref name="ifFalse"/>: ONNX's Where,
    /// which computes both (a branch not taken may hold anything, NaN and infinities included) and gives +0 where it picks a
    /// −0 from <paramref name="ifTrue"/>.</summary>
    public static OnnxTensor Where(OnnxTensor condition, OnnxTensor ifTrue, OnnxTensor ifFalse) => Node("Where", condition, ifTrue, ifFalse);

    /// <summary><c>c₀ + x·(c₁ + x·(c₂ + … + x·cₙ))</c>, evaluated innermost first, as C code writes a polynomial.</summary>
    public OnnxTensor Polynomial(ReadOnlySpan<double> coefficients)
    {
        OnnxTensor sum = coefficients[^1];
        for (var k = coefficients.Length - 2; k >= 0; k--) sum = coefficients[k] + this * sum;
        return sum;
    }

    static OnnxTensor IOpNumber<OnnxTensor>.Constant(double value) => value;

    static OnnxTensor IOpNumber<OnnxTensor>.Abs(OnnxTensor x) => x.Abs();

    static OnnxTensor IOpNumber<OnnxTensor>.Sqrt(OnnxTensor x) => x.IsConstant ? Math.Sqrt(x._constant) : Node("Sqrt", x);

    static OnnxTensor IOpNumber<OnnxTensor>.Exp(OnnxTensor x) => x.IsConstant ? Math.Exp(x._constant) : OnnxMath.Exp(x);

    static OnnxTensor IOpNumber<OnnxTensor>.Log(OnnxTensor x) => x.IsConstant ? Math.Log(x._constant) : x.Log();

    static OnnxTensor IOpNumber<OnnxTensor>.Sin(OnnxTensor x) => x.IsConstant ? Math.Sin(x._constant) : Node("Sin", x);

    static OnnxTensor IOpNumber<OnnxTensor>.Cos(OnnxTensor x) => x.IsConstant ? Math.Cos(x._constant) : Node("Cos", x);

    static OnnxTensor IOpNumber<OnnxTensor>.Tanh(OnnxTensor x) => x.IsConstant ? Math.Tanh(x._constant) : Node("Tanh", x);

    static OnnxTensor IOpNumber<OnnxTensor>.Atan(OnnxTensor x) => x.IsConstant ? Math.Atan(x._constant) : OnnxMath.Atan(x);

    // fdlibm's erf, written once in the engine (its branches are Where here; numbers alone fold)
    static OnnxTensor IOpNumber<OnnxTensor>.Erf(OnnxTensor x) => Fdlibm.Erf(x);

    // SET_LOW_WORD(x, 0) as Floor(x·2ᵏ)/2ᵏ, k = 20 − the exponent of x, for x in [1.25, 6), the only place erf uses it
    static OnnxTensor IFdlibmNumber<OnnxTensor>.WithLowWordZero(OnnxTensor x)
    {
        if (x.IsConstant) return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x._constant) & unchecked((long)0xffffffff00000000UL));
        var scale = Where(x.Less(2), 1 << 20, Where(x.Less(4), 1 << 19, 1 << 18));
        return (x * scale).Floor() / scale;
    }

    static OnnxTensor IOpNumber<OnnxTensor>.Log1p(OnnxTensor x) => x.IsConstant ? Fdlibm.Log1p(x._constant) : OnnxMath.Log1p(x);

    static OnnxTensor IOpNumber<OnnxTensor>.Expm1(OnnxTensor x) => x.IsConstant ? Fdlibm.Expm1(x._constant) : OnnxMath.Expm1(x);

    static OnnxTensor IOpNumber<OnnxTensor>.Pow(OnnxTensor x, OnnxTensor y) => Both(x, y) ? Math.Pow(x._constant, y._constant) : Node("Pow", x, y); // std::pow, as Math.Pow

    static OnnxTensor IOpNumber<OnnxTensor>.FusedMultiplyAdd(OnnxTensor a, OnnxTensor b, double addend) =>
        throw new NotSupportedException("ONNX has no fused multiply-add (a·b + c rounded once)");

    static OnnxTensor IOpNumber<OnnxTensor>.Choose(Comparison comparison, OnnxTensor left, OnnxTensor right, OnnxTensor ifTrue, OnnxTensor ifFalse)
    {
        if (Both(left, right)) return Holds(comparison, left._constant, right._constant) ? ifTrue : ifFalse;
        // where(x < 0, 0, x) is ONNX's Relu, which keeps −0 and NaN as the engine's relu does
        if (comparison == Comparison.Less && IsPositiveZero(right) && IsPositiveZero(ifTrue) && Same(left, ifFalse)) return Node("Relu", left);
        var condition = Node(comparison switch
        {
            Comparison.Equal => "Equal",
            Comparison.Less => "Less",
            Comparison.LessOrEqual => "LessOrEqual",
            Comparison.Greater => "Greater",
            _ => "GreaterOrEqual",
        }, left, right);
        if (ifTrue.IsConstant && !IsNegativeZero(ifTrue._constant)) return Where(condition, ifTrue, ifFalse);
        if (ifFalse.IsConstant && !IsNegativeZero(ifFalse._constant)) return Where(condition.Not(), ifFalse, ifTrue);
        return Where(condition, ifTrue, ifFalse).WithSign(Where(condition, ifTrue.Sign(), ifFalse.Sign()));
    }

    private static bool Holds(Comparison comparison, double left, double right) => comparison switch
    {
        Comparison.Equal => left == right,
        Comparison.Less => left < right,
        Comparison.LessOrEqual => left <= right,
        Comparison.Greater => left > right,
        _ => left >= right,
    };

    private static bool IsNegativeZero(double x) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(-0.0);

    private static bool IsPositiveZero(OnnxTensor x) => x.IsConstant && BitConverter.DoubleToInt64Bits(x._constant) == 0;

    private static bool Same(OnnxTensor a, OnnxTensor b) => !a.IsConstant && a.Graph == b.Graph && a._name == b._name;

    private static bool Both(OnnxTensor a, OnnxTensor b) => a.IsConstant && b.IsConstant;

    /// <summary>One node of <paramref name="opType"/> on the operands, in the graph of the first that is a tensor.</summary>
    private static OnnxTensor Node(string opType, params ReadOnlySpan<OnnxTensor> operands)
    {
        OnnxGraph? graph = null;
        foreach (var x in operands) graph ??= x.Graph;
        if (graph is null) throw new InvalidOperationException($"{opType} of constants only: compute it in C#, not in the graph.");
        var names = new string[operands.Length];
        for (var i = 0; i < operands.Length; i++) names[i] = operands[i].In(graph);
        return new OnnxTensor(graph, graph.Node(opType, names));
    }
}
