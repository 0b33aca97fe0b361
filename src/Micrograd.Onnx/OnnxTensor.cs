namespace Micrograd.Onnx;

/// <summary>
/// A tensor of an <see cref="OnnxGraph"/> being built, with arithmetic that adds the ONNX nodes computing it, so that a
/// composition reads as its formula (<c>x * 0.5 * (1 + erf)</c>). Each operator is one elementwise node, rounded once as the
/// same C# operator; a <c>double</c> operand becomes a constant of the graph's number type.
/// </summary>
internal readonly record struct OnnxTensor(OnnxGraph Graph, string Name)
{
    /// <summary>The sum, <c>a + b</c>, elementwise: one ONNX Add node.</summary>
    public static OnnxTensor operator +(OnnxTensor a, OnnxTensor b) => a.Apply("Add", b);

    /// <summary>The sum, <c>a + b</c>, elementwise: one ONNX Add node.</summary>
    public static OnnxTensor operator +(OnnxTensor a, double b) => a.Apply("Add", a.Constant(b));

    /// <summary>The sum, <c>a + b</c>, elementwise: one ONNX Add node.</summary>
    public static OnnxTensor operator +(double a, OnnxTensor b) => b.Constant(a).Apply("Add", b);

    /// <summary>The difference, <c>a - b</c>, elementwise: one ONNX Sub node.</summary>
    public static OnnxTensor operator -(OnnxTensor a, OnnxTensor b) => a.Apply("Sub", b);

    /// <summary>The difference, <c>a - b</c>, elementwise: one ONNX Sub node.</summary>
    public static OnnxTensor operator -(OnnxTensor a, double b) => a.Apply("Sub", a.Constant(b));

    /// <summary>The difference, <c>a - b</c>, elementwise: one ONNX Sub node.</summary>
    public static OnnxTensor operator -(double a, OnnxTensor b) => b.Constant(a).Apply("Sub", b);

    /// <summary>The product, <c>a * b</c>, elementwise: one ONNX Mul node.</summary>
    public static OnnxTensor operator *(OnnxTensor a, OnnxTensor b) => a.Apply("Mul", b);

    /// <summary>The product, <c>a * b</c>, elementwise: one ONNX Mul node.</summary>
    public static OnnxTensor operator *(OnnxTensor a, double b) => a.Apply("Mul", a.Constant(b));

    /// <summary>The product, <c>a * b</c>, elementwise: one ONNX Mul node.</summary>
    public static OnnxTensor operator *(double a, OnnxTensor b) => b.Constant(a).Apply("Mul", b);

    /// <summary>The quotient, <c>a / b</c>, elementwise: one ONNX Div node.</summary>
    public static OnnxTensor operator /(OnnxTensor a, OnnxTensor b) => a.Apply("Div", b);

    /// <summary>The quotient, <c>a / b</c>, elementwise: one ONNX Div node.</summary>
    public static OnnxTensor operator /(OnnxTensor a, double b) => a.Apply("Div", a.Constant(b));

    /// <summary>The quotient, <c>a / b</c>, elementwise: one ONNX Div node.</summary>
    public static OnnxTensor operator /(double a, OnnxTensor b) => b.Constant(a).Apply("Div", b);

    /// <summary>The negation, <c>-x</c>, elementwise: one ONNX Neg node (−0 for +0, as in C#).</summary>
    public static OnnxTensor operator -(OnnxTensor x) => x.Apply("Neg");

    /// <summary>The magnitude, elementwise: one ONNX Abs node.</summary>
    public OnnxTensor Abs() => Apply("Abs");

    /// <summary>eˣ, elementwise: one ONNX Exp node (+∞ where it overflows the number type).</summary>
    public OnnxTensor Exp() => Apply("Exp");

    /// <summary>The natural logarithm, elementwise: one ONNX Log node (NaN below 0, −∞ at 0).</summary>
    public OnnxTensor Log() => Apply("Log");

    /// <summary>The largest integer not above, elementwise: one ONNX Floor node.</summary>
    public OnnxTensor Floor() => Apply("Floor");

    /// <summary>A boolean tensor: where this is less than <paramref name="other"/> (false with a NaN, as in C#).</summary>
    public OnnxTensor Less(OnnxTensor other) => Apply("Less", other);

    /// <summary>A boolean tensor: where this is less than <paramref name="other"/> (false with a NaN, as in C#).</summary>
    public OnnxTensor Less(double other) => Apply("Less", Constant(other));

    /// <summary>A boolean tensor: where this is less than or equal to <paramref name="other"/> (false with a NaN, as in C#).</summary>
    public OnnxTensor LessOrEqual(double other) => Apply("LessOrEqual", Constant(other));

    /// <summary>A boolean tensor: where this is greater than <paramref name="other"/> (false with a NaN, as in C#).</summary>
    public OnnxTensor Greater(double other) => Apply("Greater", Constant(other));

    /// <summary>A boolean tensor: where this is greater than or equal to <paramref name="other"/> (false with a NaN, as in C#).</summary>
    public OnnxTensor GreaterOrEqual(double other) => Apply("GreaterOrEqual", Constant(other));

    /// <summary>A boolean tensor: where this is NaN.</summary>
    public OnnxTensor IsNaN() => Apply("IsNaN");

    /// <summary>Where either boolean tensor holds.</summary>
    public OnnxTensor Or(OnnxTensor other) => Apply("Or", other);

    /// <summary>Where this is negative, −0 and −∞ included: <c>x + 1/x &lt; 0</c> (both have x's sign, and their sum is never
    /// NaN for a number); a NaN is not negative.</summary>
    public OnnxTensor IsNegative() => (this + 1 / this).Less(0);

    /// <summary>−1 where this is negative (−0 included), else 1.</summary>
    public OnnxTensor Sign() => Where(IsNegative(), -1.0, 1.0);

    /// <summary>
    /// This value's magnitude with the sign of <paramref name="sign"/> (±1): ONNX Runtime's Where gives +0 where it selects a
    /// −0 from its first branch, so a composition that may select a zero puts the engine's sign back on it this way.
    /// </summary>
    public OnnxTensor WithSign(OnnxTensor sign) => Abs() * sign;

    /// <summary><paramref name="ifTrue"/> where <paramref name="condition"/> holds, else <paramref name="ifFalse"/> (ONNX's Where,
    /// which computes both: a branch not taken may hold anything, NaN and infinities included).</summary>
    public static OnnxTensor Where(OnnxTensor condition, OnnxTensor ifTrue, OnnxTensor ifFalse) => condition.Apply("Where", ifTrue, ifFalse);

    /// <summary><paramref name="ifTrue"/>, a constant, where <paramref name="condition"/> holds, else <paramref name="ifFalse"/>.</summary>
    public static OnnxTensor Where(OnnxTensor condition, double ifTrue, OnnxTensor ifFalse) => Where(condition, condition.Constant(ifTrue), ifFalse);

    /// <summary>One of two constants: <paramref name="ifTrue"/> where <paramref name="condition"/> holds, else <paramref name="ifFalse"/>.</summary>
    public static OnnxTensor Where(OnnxTensor condition, double ifTrue, double ifFalse) => Where(condition, condition.Constant(ifTrue), condition.Constant(ifFalse));

    /// <summary><c>c₀ + x·(c₁ + x·(c₂ + … + x·cₙ))</c>, evaluated innermost first, as C code writes a polynomial.</summary>
    public OnnxTensor Polynomial(ReadOnlySpan<double> coefficients)
    {
        var sum = Constant(coefficients[^1]);
        for (var k = coefficients.Length - 2; k >= 0; k--) sum = coefficients[k] + this * sum;
        return sum;
    }

    private OnnxTensor Constant(double value) => new(Graph, Graph.Constant(value));

    private OnnxTensor Apply(string opType, params OnnxTensor[] others) =>
        new(Graph, Graph.Node(opType, [Name, .. others.Select(o => o.Name)]));
}
