using System.Globalization;
using System.Text.Json;

namespace Micrograd.Benchmarks.Moons;

/// <summary>
/// <c>table FILE</c>: reads the JSON lines written by <c>moons</c> and by bench/python/*.py (one object per run, with
/// <c>run</c>, <c>engine</c>, <c>ms_per_step</c>, <c>cpu_ms_per_step</c>, <c>steps</c>, <c>max_rel_loss_error</c>) and
/// prints one Markdown table with each run's time per step, its speed-up over the seed-style Python Value and its ratio to
/// PyTorch's batched step (by CPU time when every run reports it, else by wall time).
/// </summary>
public static class TableCommand
{
    public static int Run(string[] files)
    {
        var lines = files.Length == 0 ? ReadAll(Console.In) : files.SelectMany(File.ReadLines);
        var runs = new List<JsonElement>();
        foreach (var line in lines)
        {
            var text = line.Trim();
            if (!text.StartsWith('{')) continue;
            using var doc = JsonDocument.Parse(text);
            runs.Add(doc.RootElement.Clone());
        }
        double? Baseline(string engine, string field) => runs.Where(r => r.GetProperty("engine").GetString() == engine)
            .Select(r => r.TryGetProperty(field, out var v) ? (double?)v.GetDouble() : null).FirstOrDefault();
        // Ratios use CPU time when every run has it: on a shared machine it leaves out time spent waiting for a core.
        var field = runs.All(r => r.TryGetProperty("cpu_ms_per_step", out _)) ? "cpu_ms_per_step" : "ms_per_step";
        var python = Baseline("python-value", field);
        var torch = Baseline("torch-batched", field);
        var basis = field == "cpu_ms_per_step" ? "CPU time" : "wall time";

        Console.WriteLine($"| run | ms per step | CPU ms per step | steps timed | × faster than Python Value ({basis}) | ratio to PyTorch batched ({basis}) | losses vs moons_trajectory.json |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in runs)
        {
            var ms = r.GetProperty(field).GetDouble();
            var cpu = r.TryGetProperty("cpu_ms_per_step", out var c) ? Format(c.GetDouble()) : "n/a";
            var error = r.TryGetProperty("max_rel_loss_error", out var e) ? e.GetDouble() : double.NaN;
            Console.WriteLine(string.Join(" | ",
                "| " + r.GetProperty("run").GetString(),
                Format(r.GetProperty("ms_per_step").GetDouble()),
                cpu,
                r.GetProperty("steps").GetInt32().ToString(CultureInfo.InvariantCulture),
                python is { } p ? Format(p / ms) + "×" : "n/a",
                torch is { } t ? Format(ms / t) : "n/a",
                double.IsNaN(error) ? "not checked" : $"max rel. error {error.ToString("0.0e+0", CultureInfo.InvariantCulture)}") + " |");
        }
        return 0;
    }

    private static IEnumerable<string> ReadAll(TextReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static string Format(double x) => x switch
    {
        >= 100 => x.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => x.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => x.ToString("0.00", CultureInfo.InvariantCulture),
        _ => x.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
