using System.Text.Json;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests.Support;

/// <summary>The object that <c>grad --json</c> prints, read back: the Hessian (with <c>--hessian</c>) and the directional
/// derivative (with <c>--direction</c>) are null when not asked for.</summary>
public sealed record GradJson(
    double Value,
    IReadOnlyList<KeyValuePair<string, double>> Gradients,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<KeyValuePair<string, double>>>>? Hessian = null,
    double? Directional = null)
{
    /// <summary>Reads stdout, which must hold exactly one JSON object and a newline, with "value" and "gradients", then
    /// "hessian" and "directional" when present, in that order.</summary>
    private static readonly string[] KeyOrders = ["value,gradients", "value,gradients,hessian", "value,gradients,directional", "value,gradients,hessian,directional"];

    public static GradJson Parse(string stdout)
    {
        Assert.EndsWith("\n", stdout);
        Assert.Single(stdout.TrimEnd('\n').Split('\n'));
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        var keys = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(string.Join(",", keys), KeyOrders);
        var gradients = Numbers(root.GetProperty("gradients"));
        var hessian = root.TryGetProperty("hessian", out var h)
            ? h.EnumerateObject().Select(row => KeyValuePair.Create(row.Name, (IReadOnlyList<KeyValuePair<string, double>>)Numbers(row.Value))).ToList()
            : null;
        double? directional = root.TryGetProperty("directional", out var d) ? Fixtures.Number(d) : null;
        return new GradJson(Fixtures.Number(root.GetProperty("value")), gradients, hessian, directional);
    }

    /// <summary>The arguments of <c>grad</c> for a reference case: the expression, then NAME=VALUE with round-trip numbers.</summary>
    public static string[] Arguments(ReferenceCase c, params string[] more) => Arguments(c.Expr, c.At, more);

    /// <summary>The arguments of <c>grad</c> for an expression at a point, NAME=VALUE with round-trip numbers.</summary>
    public static string[] Arguments(string expr, IReadOnlyDictionary<string, double> at, params string[] more) =>
        ["grad", expr, .. at.Select(p => $"{p.Key}={Close.Format(p.Value)}"), .. more];

    private static List<KeyValuePair<string, double>> Numbers(JsonElement obj) =>
        obj.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Fixtures.Number(p.Value))).ToList();
}
