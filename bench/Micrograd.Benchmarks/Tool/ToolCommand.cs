using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Micrograd.Benchmarks.Moons;

namespace Micrograd.Benchmarks.Tool;

/// <summary>
/// <c>tool --micrograd PATH [--repeat R] [--data DIR]</c>: the tool itself, as a user runs it. Runs <c>PATH train</c> on the
/// moons demo (moons.csv, moons_init.json, hinge + 1e-4 L2, SGD 1.0 → 0.1, full batch) for 100 and for 2,100 steps, R times
/// each (5 by default), alternating, each a new process under <c>/usr/bin/time</c>. The time per step is the difference of
/// the median whole runs divided by 2,000 (so process start, loading and the first step's recording cancel out); the
/// whole 100-step run, process start included, is reported too. The 100-step run's log is checked against the reference
/// trajectory. Prints one JSON line in the format of <c>moons</c>, which <c>table</c> reads.
/// </summary>
public static class ToolCommand
{
    private const int Short = 100;
    private const int Long = 2100;

    public static int Run(Options options)
    {
        var tool = options.Get("--micrograd") ?? throw new ArgumentException("give the tool: --micrograd PATH");
        var repeat = Math.Max(1, options.GetInt("--repeat", 5));
        var data = options.Get("--data") ?? MoonsData.DefaultDirectory();
        var reference = MoonsData.Load(data);
        var folder = Directory.CreateTempSubdirectory("micrograd-tool-");
        try
        {
            var runs = new Dictionary<int, List<(double Wall, double Cpu)>> { [Short] = [], [Long] = [] };
            for (var r = 0; r < repeat; r++)
            {
                foreach (var steps in new[] { Short, Long }) runs[steps].Add(Once(tool, data, steps, folder.FullName));
            }
            double Median(int steps, Func<(double Wall, double Cpu), double> pick)
            {
                var sorted = runs[steps].Select(pick).Order().ToList();
                return sorted[sorted.Count / 2];
            }
            var losses = File.ReadLines(Path.Combine(folder.FullName, $"log-{Short}.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
                .Select(e => (Loss: e.GetProperty("loss").GetDouble(), Accuracy: e.GetProperty("accuracy").GetDouble())).ToList();
            var error = losses.Select((s, k) => Math.Abs(s.Loss - reference.Trajectory[k].Loss) / Math.Abs(reference.Trajectory[k].Loss)).Max();
            var accuracyMatches = losses.Select((s, k) => Math.Abs(s.Accuracy - reference.Trajectory[k].Accuracy) < 1e-12).All(b => b);
            var line = new Dictionary<string, object>
            {
                ["run"] = "micrograd train, the tool (whole runs: 2,100 − 100 steps)",
                ["engine"] = "tool",
                ["ms_per_step"] = (Median(Long, t => t.Wall) - Median(Short, t => t.Wall)) / (Long - Short),
                ["cpu_ms_per_step"] = (Median(Long, t => t.Cpu) - Median(Short, t => t.Cpu)) / (Long - Short),
                ["steps"] = Long - Short,
                ["whole_run_100_steps_ms"] = Median(Short, t => t.Wall),
                ["whole_run_100_steps_cpu_ms"] = Median(Short, t => t.Cpu),
                ["whole_run_2100_steps_ms"] = Median(Long, t => t.Wall),
                ["repeats"] = repeat,
                ["max_rel_loss_error"] = error,
                ["accuracy_matches"] = accuracyMatches,
                ["tool"] = tool,
            };
            Console.WriteLine(JsonSerializer.Serialize(line));
            return error <= 1e-9 && accuracyMatches && losses.Count == Short ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>One run: its wall-clock time and its CPU time (user + system, from /usr/bin/time), in ms.</summary>
    private static (double Wall, double Cpu) Once(string tool, string data, int steps, string folder)
    {
        var times = Path.Combine(folder, "time.txt");
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in (string[])["-f", "%U %S", "-o", times, tool, "train", "--data", Path.Combine(data, "moons.csv"),
                     "--init", Path.Combine(data, "moons_init.json"), "--steps", steps.ToString(CultureInfo.InvariantCulture),
                     "--lr", "1.0", "--lr-end", "0.1", "--l2", "1e-4", "--loss", "hinge", "--log", Path.Combine(folder, $"log-{steps}.jsonl")])
            start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new IOException($"cannot start {tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalMilliseconds;
        _ = output.Result;
        if (process.ExitCode != 0) throw new IOException($"{tool} train exited with {process.ExitCode}: {error}");
        var cpu = File.ReadAllText(times).Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(s => double.Parse(s, CultureInfo.InvariantCulture)) * 1000;
        return (wall, cpu);
    }
}
