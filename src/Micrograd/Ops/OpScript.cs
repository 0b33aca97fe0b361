using System.Globalization;

namespace Micrograd.Ops;

/// <summary>
/// An op's JavaScript twin, for pages that recompute a graph in a browser (the explorer page): the op's forward value and
/// its gradient contributions as JavaScript expressions that compute exactly what the C# formulas beside them compute, and
/// how a person reads them. <see cref="Op.Script"/> makes it: a built-in op's expressions come from evaluating its own
/// formula struct on <see cref="ScriptNumber"/>s (<see cref="UnaryOp{TFormula}"/>, <see cref="BinaryOp{TFormula}"/>,
/// <see cref="NaryOp{TFormula}"/>), its texts from its own file; a <see cref="DifferentiableFunction"/> has texts only.
/// </summary>
/// <remarks>
/// <para>The expressions use double arithmetic, <c>Math.*</c>, two helpers that the page provides:
/// <c>fma(a, b, c)</c>, which rounds <c>a·b + c</c> once as <see cref="Math.FusedMultiplyAdd"/> does, and <c>pow(x, y)</c>,
/// which is <see cref="Math.Pow"/> (IEEE 754 pow: <c>pow(1, NaN)</c> and <c>pow(-1, ±∞)</c> are 1, where JavaScript's
/// <c>Math.pow</c> gives NaN); and <c>erf</c>, <c>log1p</c> and <c>expm1</c>, declared by <see cref="Helpers"/>, which a
/// page puts in the twins' scope.</para>
/// <para>Their variables: a unary op's operand data <c>x</c>; a binary op's operand data <c>a</c> and <c>b</c>; an n-ary op's
/// operand data <c>xs</c> (an array) and, in <see cref="Backward"/>, the operand's index <c>i</c>; and in every
/// <see cref="Backward"/> expression the result's data <c>y</c> and gradient <c>g</c>.</para>
/// <para>The texts are for people. Placeholders <c>{x}</c>, <c>{a}</c>, <c>{b}</c> (an operand's data), <c>{y}</c> (the
/// result's data) and, for n-ary ops, <c>{xs}</c> (every operand's data, separated by commas) are filled with names
/// (<c>w0.data</c>) or with numbers.</para>
/// </remarks>
/// <param name="Forward">The forward value, as <c>Forward</c> computes it.</param>
/// <param name="Backward">For each operand (one expression, for every operand, for an n-ary op): its gradient contribution
/// <c>g·∂y/∂operand</c>, as <c>Backward</c>, <c>BackwardLeft</c>, <c>BackwardRight</c> or <c>Propagate</c> computes it.</param>
/// <param name="ForwardText">The forward formula as a person writes it, such as <c>tanh({x})</c>.</param>
/// <param name="DerivativeText">For each operand (one text for an n-ary op): the local derivative ∂y/∂operand as a person
/// writes it, such as <c>(1 − {y}²)</c>; the page writes the chain rule as <c>operand.grad += derivative × result.grad</c>.</param>
internal sealed record OpScript(string Forward, IReadOnlyList<string> Backward, string ForwardText, IReadOnlyList<string> DerivativeText)
{
    /// <summary>The twin of a <see cref="UnaryOp"/>: expressions in <c>x</c> (and <c>y</c>, <c>g</c> for the gradient).</summary>
    public static OpScript Unary(string forward, string backward, string forwardText, string derivativeText) =>
        new(forward, [backward], forwardText, [derivativeText]);

    /// <summary>The twin of a <see cref="BinaryOp"/>: expressions in <c>a</c> and <c>b</c> (and <c>y</c>, <c>g</c> for the gradients).</summary>
    public static OpScript Binary(string forward, string backwardLeft, string backwardRight, string forwardText, string derivativeLeft, string derivativeRight) =>
        new(forward, [backwardLeft, backwardRight], forwardText, [derivativeLeft, derivativeRight]);

    /// <summary>The twin of an <see cref="NaryOp"/>: expressions in <c>xs</c> (and <c>i</c>, <c>y</c>, <c>g</c> for the gradients).</summary>
    public static OpScript Nary(string forward, string backward, string forwardText, string derivativeText) =>
        new(forward, [backward], forwardText, [derivativeText]);

    /// <summary>
    /// JavaScript declarations of <c>erf</c>, <c>log1p</c> and <c>expm1</c>, the twins of <see cref="Fdlibm"/>'s functions
    /// (Fdlibm.js, next to Fdlibm.cs): a page that evaluates the twins puts them in the twins' scope.
    /// </summary>
    public static string Helpers => s_helpers.Value;

    private static readonly Lazy<string> s_helpers = new(() =>
    {
        using var stream = typeof(OpScript).Assembly.GetManifestResourceStream("Micrograd.Ops.Fdlibm.js")
            ?? throw new InvalidOperationException("the embedded file Fdlibm.js is missing from the Micrograd assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The texts of an op that has no JavaScript twin (a <see cref="DifferentiableFunction"/>, written in C# only): a
    /// page cannot recompute it and shows the engine's numbers for it. The texts use the placeholder <c>{xs}</c> (every
    /// operand's data, separated by commas).</summary>
    /// <param name="forwardText">The forward formula as a person writes it, such as <c>cube({xs})</c>.</param>
    /// <param name="derivativeText">For each operand, its local derivative as a person writes it, such as <c>cube′({xs})</c>.</param>
    public static OpScript WithoutTwin(string forwardText, IReadOnlyList<string> derivativeText) =>
        new("", [], forwardText, derivativeText);

    /// <summary>Whether the op has a JavaScript twin (<see cref="Forward"/> and <see cref="Backward"/>); false for
    /// <see cref="WithoutTwin"/>.</summary>
    public bool HasTwin => Backward.Count > 0;

    /// <summary>A number as a JavaScript literal that reads back as exactly <paramref name="x"/>: round-trip digits, negative
    /// numbers in parentheses, <c>NaN</c>, <c>Infinity</c>, <c>(-Infinity)</c>.</summary>
    public static string Literal(double x)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsPositiveInfinity(x)) return "Infinity";
        if (double.IsNegativeInfinity(x)) return "(-Infinity)";
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? "(" + text + ")" : text;
    }
}
