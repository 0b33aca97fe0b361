using System.Text;
using System.Text.Json;
using Micrograd.Ops;

namespace Micrograd.Explorer;

/// <summary>
/// Assembles the page's table of ops from the engine's own ops: each op's twin (<see cref="OpScript.Of"/>, its own formula
/// evaluated on JavaScript text) becomes an entry with a uniform calling convention, so the page has no op list of its own.
/// </summary>
/// <remarks>
/// The result is the source of a function <c>microgradOps(fma, pow)</c> (with the twins' other helpers, erf, log1p and expm1,
/// declared inside it: <see cref="OpScript.Helpers"/>) returning an object keyed by op name; each entry has
/// <c>forward(values)</c> (operand data in order), <c>backward(k, values, y, g)</c> (operand k's gradient contribution),
/// <c>operands</c> (the placeholder names: <c>["x"]</c>, <c>["a", "b"]</c>, or <c>"xs"</c> for an n-ary op),
/// <c>forwardText</c> and <c>derivativeText</c> (one per operand, or one for every operand of an n-ary op). An op without a
/// twin (a <see cref="DifferentiableFunction"/>, written in C# only) has <c>forward</c> and <c>backward</c> null and one
/// name per operand in <c>operands</c>; the page shows the engine's numbers for its nodes (<see cref="GraphModel"/>'s
/// <c>locals</c>) and does not recompute them.
/// </remarks>
internal static class OpTable
{
    /// <summary>The source of <c>function microgradOps(fma, pow) { … }</c> for these ops, each name once.</summary>
    /// <exception cref="ArgumentException">Two different ops share a name, or an op's script could end the page's script element.</exception>
    public static string Source(IEnumerable<Op> ops)
    {
        var byName = new SortedDictionary<string, Op>(StringComparer.Ordinal);
        foreach (var op in ops)
        {
            if (byName.TryGetValue(op.Name, out var seen))
            {
                if (!SameFunction(seen, op)) throw new ArgumentException($"two different ops ({seen.GetType().Name} and {op.GetType().Name}) are both named '{op.Name}'", nameof(ops));
                continue;
            }
            byName.Add(op.Name, op);
        }

        var sb = new StringBuilder();
        sb.Append("function microgradOps(fma, pow) {\n  \"use strict\";\n").Append(OpScript.Helpers).Append("  return {\n");
        foreach (var (name, op) in byName) sb.Append(Entry(name, op));
        sb.Append("  };\n}\n");
        return sb.ToString();
    }

    /// <summary>
    /// True when two ops of one name compute the same function, as the engine decides it: a built-in op (one with a
    /// formula) is known by its class and its name (a constant power carries its exponent in its name, "**2"); an op
    /// without a formula (a <see cref="DifferentiableFunction"/>'s, or one of its derivatives) is the same only as itself.
    /// </summary>
    private static bool SameFunction(Op a, Op b) =>
        ReferenceEquals(a, b) || (a.HasFormula && b.HasFormula && a.GetType() == b.GetType() && string.Equals(a.Name, b.Name, StringComparison.Ordinal));

    private static string Entry(string name, Op op)
    {
        var script = OpScript.Of(op);
        var (forward, backward, operands) = op.Arity switch
        {
            _ when !script.HasTwin => (
                "null",
                "null",
                "[" + string.Join(", ", script.DerivativeText.Select((_, k) => Json("x" + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))) + "]"),
            OpArity.Unary => (
                $"([x]) => ({script.Forward})",
                $"(k, [x], y, g) => ({script.Backward[0]})",
                "[\"x\"]"),
            OpArity.Binary => (
                $"([a, b]) => ({script.Forward})",
                $"(k, [a, b], y, g) => k === 0 ? ({script.Backward[0]}) : ({script.Backward[1]})",
                "[\"a\", \"b\"]"),
            _ => (
                $"(xs) => ({script.Forward})",
                $"(i, xs, y, g) => ({script.Backward[0]})",
                "\"xs\""),
        };
        foreach (var code in new[] { forward, backward })
        {
            if (code.Contains("</", StringComparison.Ordinal)) throw new ArgumentException($"op '{op.Name}''s script contains '</'", nameof(op));
        }
        return $"    {Json(name)}: {{\n" +
               $"      forward: {forward},\n" +
               $"      backward: {backward},\n" +
               $"      operands: {operands},\n" +
               $"      forwardText: {Json(script.ForwardText)},\n" +
               $"      derivativeText: [{string.Join(", ", script.DerivativeText.Select(Json))}],\n" +
               "    },\n";
    }

    // The default encoder escapes <, > and & too, so a string can never end the script element. JsonEncodedText rather
    // than JsonSerializer: no reflection, so pages can be made in trimmed and native-AOT apps (file-based apps are AOT).
    private static string Json(string text) => "\"" + JsonEncodedText.Encode(text) + "\"";
}
