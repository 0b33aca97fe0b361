using System.Text.Json;

namespace Micrograd.Explorer;

/// <summary>
/// The twin of a constant power (<see cref="Value.Pow(double)"/>) for any exponent, for a page that builds graphs itself
/// (the explorer's expression box): the source of <c>function microgradPower(fma, pow, number)</c>, which returns
/// <c>(e) =&gt; entry</c>, an op table entry as <see cref="OpTable"/> writes them. The entry is the engine's own twin of
/// one exponent, <see cref="Sentinel"/>, with that exponent's literals (and those of the exponent less one) made the
/// parameter <c>e</c> (and <c>e - 1</c>); <c>number(x)</c> writes a number as the op's texts do.
/// </summary>
/// <remarks>
/// An exponent whose formula takes a shortcut (x·x for 2; for e − 1 too: x·x·x in the derivative of x ** 4) differs from the
/// general formula: those exponents are in the op table by name already (<see cref="ShortcutExponents"/>), and the page looks
/// a constant power up there first.
/// </remarks>
internal static class PowerTwin
{
    /// <summary>The exponent whose twin is made general: it takes no shortcut, nor does it less one, and its literals
    /// occur nowhere else in the twin's text.</summary>
    private const double Sentinel = 0.7265625;

    /// <summary>The exponents whose twin differs from the general one (besides the engine's common ones, which every page
    /// whose expression box may use them holds already): those whose exponent less one takes a shortcut.</summary>
    public static readonly double[] ShortcutExponents = [2, 3, -1, 0.5, -2, -0.5, 1, 0, 4, 1.5];

    /// <summary>The source of <c>function microgradPower(fma, pow, number) { … }</c>.</summary>
    public static string Source()
    {
        var script = OpScript.Of(new Value(1).Pow(Sentinel).Operation!);
        var e = OpScript.Literal(Sentinel);
        var less = OpScript.Literal(Sentinel - 1);
        string Code(string code) => Check(code).Replace(less, "(e - 1)", StringComparison.Ordinal).Replace(e, "e", StringComparison.Ordinal);
        string Text(string text) => "\"" + JsonEncodedText.Encode(Check(text)).ToString()
            .Replace(less, "\" + number(e - 1) + \"", StringComparison.Ordinal).Replace(e, "\" + number(e) + \"", StringComparison.Ordinal) + "\"";
        return "function microgradPower(fma, pow, number) {\n  \"use strict\";\n  return (e) => ({\n" +
               $"    forward: ([x]) => ({Code(script.Forward)}),\n" +
               $"    backward: (k, [x], y, g) => ({Code(script.Backward[0])}),\n" +
               "    operands: [\"x\"],\n" +
               $"    forwardText: {Text(script.ForwardText)},\n" +
               $"    derivativeText: [{string.Join(", ", script.DerivativeText.Select(Text))}],\n" +
               "  });\n}\n";
    }

    private static string Check(string text) =>
        text.Contains("</", StringComparison.Ordinal)
            ? throw new InvalidOperationException("a constant power's twin contains '</'")
            : text;
}
