using System.Text.Json;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Support;

/// <summary>A line of Fixtures/hessians.jsonl (or new_ops.jsonl, new_ops_edges.jsonl; PyTorch 1.13, float64): an expression at
/// a point with its value, gradients and Hessian (<c>hessian[x][y]</c> = ∂²f/∂x∂y).</summary>
public sealed record HessianCase(
    string Expr,
    IReadOnlyDictionary<string, double> At,
    double Value,
    IReadOnlyDictionary<string, double> Gradients,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Hessian)
{
    public const string File = "hessians.jsonl";

    public override string ToString() => $"{Expr} at {string.Join(", ", At.Select(p => $"{p.Key}={Close.Format(p.Value)}"))}";

    public static IReadOnlyList<HessianCase> Load(string file = File) =>
        System.IO.File.ReadLines(Fixtures.PathOf(file)).Where(l => l.Trim().Length > 0).Select(Parse).ToList();

    /// <summary>Every line's index in <paramref name="file"/>, for a theory over the cases.</summary>
    public static TheoryData<int> Lines(string file = File) => new(Enumerable.Range(0, Load(file).Count));

    private static HessianCase Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        static Dictionary<string, double> Map(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => Fixtures.Number(p.Value));
        return new HessianCase(
            root.GetProperty("expr").GetString()!,
            Map(root.GetProperty("at")),
            Fixtures.Number(root.GetProperty("value")),
            Map(root.GetProperty("gradients")),
            root.GetProperty("hessian").EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyDictionary<string, double>)Map(p.Value)));
    }
}
