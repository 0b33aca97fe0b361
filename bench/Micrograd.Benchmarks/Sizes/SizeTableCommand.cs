using System.Globalization;
using System.Text.Json;

namespace Micrograd.Benchmarks.Sizes;

/// <summary>
/// <c>size-table FILE</c>: reads the JSON lines of <c>train-size</c> (engine "compiled") and bench/python/torch_scale.py
/// (engine "torch-batched") and prints one Markdown row per size: each side's ms per step and peak memory, and the ratio
/// compiled / PyTorch (below 1: the compiled engine is faster), by wall time and by CPU time.
/// </summary>
public static class SizeTableCommand
{
    public static int Run(string[] files)
    {
        var runs = files.SelectMany(File.ReadLines).Select(l => l.Trim()).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        JsonElement? Find(string engine, int n, int h) => runs
            .Where(r => r.GetProperty("engine").GetString() == engine && r.GetProperty("samples").GetInt32() == n && r.GetProperty("hidden").GetInt32() == h)
            .Select(r => (JsonElement?)r).FirstOrDefault();
        var sizes = runs.Select(r => (N: r.GetProperty("samples").GetInt32(), H: r.GetProperty("hidden").GetInt32())).Distinct().OrderBy(s => s.H).ThenBy(s => s.N);

        Console.WriteLine("| samples N | hidden H | PyTorch ms per step | compiled ms per step | ratio (wall) | ratio (CPU) | PyTorch peak MB | compiled peak MB | first losses agree |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (n, h) in sizes)
        {
            var torch = Find("torch-batched", n, h);
            var compiled = Find("compiled", n, h);
            string Field(JsonElement? r, string name) => r is { } e ? Format(e.GetProperty(name).GetDouble()) : "n/a";
            string Ratio(string name) => torch is { } t && compiled is { } c
                ? (c.GetProperty(name).GetDouble() / t.GetProperty(name).GetDouble()).ToString("0.00", CultureInfo.InvariantCulture)
                : "n/a";
            Console.WriteLine($"| {n:N0} | {h} | {Field(torch, "ms_per_step")} | {Field(compiled, "ms_per_step")} | {Ratio("ms_per_step")} | {Ratio("cpu_ms_per_step")} | " +
                $"{Field(torch, "peak_rss_mb")} | {Field(compiled, "peak_rss_mb")} | {Agree(torch, compiled)} |");
        }
        return 0;
    }

    /// <summary>Whether both sides computed the same first loss (the same network on the same data), to a relative 1e-12.</summary>
    private static string Agree(JsonElement? torch, JsonElement? compiled)
    {
        if (torch is not { } t || compiled is not { } c) return "n/a";
        double a = t.GetProperty("first_loss").GetDouble(), b = c.GetProperty("first_loss").GetDouble();
        var relative = Math.Abs(a - b) / Math.Max(Math.Abs(a), double.Epsilon);
        return relative <= 1e-12 ? $"yes ({relative:0.0e+0})" : $"NO: {a:R} / {b:R}";
    }

    /// <summary>A figure of the table: four significant digits.</summary>
    private static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
