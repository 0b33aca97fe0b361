using System.Text.Json;

namespace Micrograd.Tests.Support;

/// <summary>Reference cases computed with PyTorch 1.13 in float64, copied into Fixtures/.</summary>
public sealed record ReferenceCase(string Expr, IReadOnlyDictionary<string, double> At, double Value, IReadOnlyDictionary<string, double> Gradients)
{
    public override string ToString() => $"{Expr} at {string.Join(", ", At.Select(p => $"{p.Key}={Close.Format(p.Value)}"))}";
}

public static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static IReadOnlyList<ReferenceCase> Load(string name) =>
        File.ReadLines(PathOf(name)).Where(l => l.Trim().Length > 0).Select(Parse).ToList();

    public static TheoryData<string, int> Cases(string name)
    {
        var data = new TheoryData<string, int>();
        var count = Load(name).Count;
        for (var i = 0; i < count; i++) data.Add(name, i);
        return data;
    }

    /// <summary>Reads a JSON number, or the strings "NaN", "Infinity", "-Infinity".</summary>
    public static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"not a number: {s}"),
        }
        : e.GetDouble();

    private static ReferenceCase Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Dictionary<string, double> Map(string property) =>
            root.GetProperty(property).EnumerateObject().ToDictionary(p => p.Name, p => Number(p.Value));
        return new ReferenceCase(root.GetProperty("expr").GetString()!, Map("at"), Number(root.GetProperty("value")), Map("gradients"));
    }
}
