using System.Globalization;
using Micrograd.Ops;

namespace Micrograd.Explorer;

/// <summary>
/// An op's JavaScript twin, for pages that recompute a graph in a browser (the explorer page): the op's forward value and
/// its gradient contributions as JavaScript expressions that compute exactly what the C# formulas beside them compute, and
/// how a person reads them. <see cref="Of"/> makes it from the op's public formulas: its expressions are the op's own formula
/// evaluated on <see cref="ScriptNumber"/>s (<see cref="Op.Evaluate"/>, <see cref="Op.Contribution"/>; an n-ary op's forward is
/// its fold, <see cref="Op.FoldStart"/> and <see cref="Op.FoldStep"/>), its texts the op's (<see cref="Op.ForwardText"/>,
/// <see cref="Op.DerivativeTexts"/>); an op without a formula (a <see cref="DifferentiableFunction"/>'s) has texts only.
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
    /// <summary>The twin of <paramref name="op"/>, from its own formulas and texts.</summary>
    public static OpScript Of(Op op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!op.HasFormula) return new("", [], op.ForwardText, op.DerivativeTexts);
        ScriptNumber y = ScriptNumber.Variable("y"), g = ScriptNumber.Variable("g");
        switch (op.Arity)
        {
            case OpArity.Unary:
                ScriptNumber[] x = [ScriptNumber.Variable("x")];
                return new(op.Evaluate<ScriptNumber>(x).Text, [op.Contribution<ScriptNumber>(0, x, y, g).Text], op.ForwardText, op.DerivativeTexts);
            case OpArity.Binary:
                ScriptNumber[] ab = [ScriptNumber.Variable("a"), ScriptNumber.Variable("b")];
                return new(op.Evaluate<ScriptNumber>(ab).Text, [op.Contribution<ScriptNumber>(0, ab, y, g).Text, op.Contribution<ScriptNumber>(1, ab, y, g).Text],
                    op.ForwardText, op.DerivativeTexts);
            default:
                // an n-ary op folds its operands; its contribution reads only the operand's own data (xs[i]), y and g
                var step = op.FoldStep(ScriptNumber.Variable("s"), ScriptNumber.Variable("v")).Text;
                ScriptNumber[] xs = [ScriptNumber.Variable("xs[i]")];
                return new($"xs.reduce((s, v) => {step}, {op.FoldStart<ScriptNumber>().Text})", [op.Contribution<ScriptNumber>(0, xs, y, g).Text],
                    op.ForwardText, op.DerivativeTexts);
        }
    }

    /// <summary>
    /// JavaScript declarations of <c>erf</c>, <c>log1p</c> and <c>expm1</c>, the twins of the engine's fdlibm port: a page
    /// that evaluates the twins puts them in the twins' scope. log1p and expm1 are ported by hand, operation for operation
    /// (Twins/Fdlibm.js; the engine's are in src/Micrograd/Ops/Fdlibm.cs); erf is written out from the engine's own generic
    /// erf (<see cref="Micrograd.Shared.Fdlibm.Erf{T}"/> on <see cref="ScriptNumber"/>), so that there is one erf, not two to keep equal.
    /// </summary>
    public static string Helpers => s_helpers.Value;

    private static readonly Lazy<string> s_helpers = new(() =>
    {
        using var stream = typeof(OpScript).Assembly.GetManifestResourceStream("Twins/Fdlibm.js")
            ?? throw new InvalidOperationException("the embedded file Twins/Fdlibm.js is missing from the Micrograd.Explorer assembly");
        using var reader = new StreamReader(stream);
        var erf = Fdlibm.Erf(ScriptNumber.Variable("x")).Text;
        return reader.ReadToEnd() + "// fdlibm's erf, written out from the engine's (Fdlibm.Erf<T>)\nconst erf = (x) => " + erf + ";\n";
    });

    /// <summary>Whether the op has a JavaScript twin (<see cref="Forward"/> and <see cref="Backward"/>); false for an op
    /// without a formula.</summary>
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
