using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Micrograd.Benchmarks.Moons;

/// <summary>
/// <c>moons [--engine eager|compiled|all] [--steps N] [--repeat R] [--warmup-ms MS] [--data DIR]</c>: after a warm-up
/// of whole runs lasting at least MS milliseconds (10,000 by default, so that the JIT's tiered compilation has finished:
/// each run makes a new engine, whose recording keeps the runtime compiling, which delays tiering up), runs
/// the moons demo's SGD steps R times (5 by default)
/// from the initial weights, checks every step's loss and accuracy against the reference trajectory, checks the compiled
/// engines against eager (losses and final weights), and prints one JSON line per engine with the median time per step
/// (wall clock, and the process's CPU time, which on a busy machine leaves out the time spent waiting for a core).
/// </summary>
public static class MoonsCommand
{
    public static int Run(Options options)
    {
        var data = MoonsData.Load(options.Get("--data") ?? MoonsData.DefaultDirectory());
        var steps = options.GetInt("--steps", 100);
        var repeat = Math.Max(1, options.GetInt("--repeat", 5));
        var engine = options.Get("--engine") ?? "all";
        var warmupMs = options.GetInt("--warmup-ms", 10000);
        var names = engine == "all" ? MoonsEngines.Names : [engine];
        if (steps < 1 || steps > data.Trajectory.Length) throw new ArgumentException($"--steps must be 1 to {data.Trajectory.Length}");

        var eager = Trajectory(MoonsEngines.Create("eager", data), steps);
        foreach (var name in names)
        {
            // Warm-up until the JIT has tiered the hot code up (tier-0 vector code is many times slower): whole runs for warmupMs.
            var warm = Stopwatch.StartNew();
            do _ = Trajectory(MoonsEngines.Create(name, data), steps);
            while (warm.Elapsed.TotalMilliseconds < warmupMs);
            var runs = new List<double>();
            var cpuRuns = new List<double>();
            var setups = new List<double>();
            var firsts = new List<double>();
            var collections = new long[3];
            var allocated = 0L;
            var firstAllocated = 0L;
            var pause = TimeSpan.Zero;
            (double[] Losses, double[] Accuracies, double[] Weights) result = ([], [], []);
            for (var r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                var instance = MoonsEngines.Create(name, data);
                setups.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var gcBefore = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
                var pauseBefore = GC.GetTotalPauseDuration();
                result = Trajectory(instance, steps, out var elapsed, out var firstMs, out var first, out var later);
                firsts.Add(firstMs);
                allocated += later;
                firstAllocated += first;
                pause += GC.GetTotalPauseDuration() - pauseBefore;
                for (var g = 0; g < 3; g++) collections[g] += GC.CollectionCount(g) - gcBefore[g];
                cpuRuns.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / steps);
                runs.Add(elapsed / steps);
            }
            runs.Sort();
            cpuRuns.Sort();

            var maxReferenceError = Enumerable.Range(0, steps).Max(k => Relative(data.Trajectory[k].Loss, result.Losses[k]));
            var accuracyMatches = Enumerable.Range(0, steps).All(k => Math.Abs(data.Trajectory[k].Accuracy - result.Accuracies[k]) < 1e-12);
            var lossDiffVsEager = Enumerable.Range(0, steps).Max(k => Relative(eager.Losses[k], result.Losses[k]));
            var weightDiffVsEager = eager.Weights.Zip(result.Weights).Max(p => Relative(p.First, p.Second));
            var line = new Dictionary<string, object>
            {
                ["run"] = MoonsEngines.RunName(name),
                ["engine"] = name,
                ["ms_per_step"] = runs[runs.Count / 2],
                ["best_ms_per_step"] = runs[0],
                ["cpu_ms_per_step"] = cpuRuns[cpuRuns.Count / 2],
                ["setup_ms"] = setups.Order().ElementAt(setups.Count / 2),
                ["first_step_ms"] = firsts.Order().ElementAt(firsts.Count / 2),
                ["first_step_allocated_bytes"] = (double)firstAllocated / repeat,
                ["allocated_bytes_per_later_step"] = steps > 1 ? (double)allocated / (repeat * (steps - 1)) : 0.0,
                ["gc_pause_ms_per_step"] = pause.TotalMilliseconds / (repeat * steps),
                ["gcs_per_step"] = string.Join(" / ", collections.Select(c => ((double)c / (repeat * steps)).ToString("0.###", CultureInfo.InvariantCulture))) + " (gen 0 / 1 / 2, each counting the older)",
                ["steps"] = steps,
                ["repeats"] = repeat,
                ["max_rel_loss_error"] = maxReferenceError,
                ["accuracy_matches"] = accuracyMatches,
                ["max_rel_loss_diff_vs_eager"] = lossDiffVsEager,
                ["max_rel_weight_diff_vs_eager"] = weightDiffVsEager,
                ["machine"] = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Vector<double> lanes {System.Numerics.Vector<double>.Count}",
            };
            Console.WriteLine(JsonSerializer.Serialize(line));
            if (maxReferenceError > 1e-9 || !accuracyMatches || lossDiffVsEager > 1e-12)
            {
                Console.Error.WriteLine($"error: {name} does not reproduce the reference trajectory (or eager) within tolerance");
                return 1;
            }
        }
        return 0;
    }

    private static (double[] Losses, double[] Accuracies, double[] Weights) Trajectory(IMoonsEngine engine, int steps) =>
        Trajectory(engine, steps, out _, out _, out _, out _);

    /// <summary>Runs the steps; also gives the time of the first step and the bytes it allocated (the compiled engine
    /// records its graphs then), and those all later steps allocated (the Trainer's step records, the engine's steady state).</summary>
    private static (double[] Losses, double[] Accuracies, double[] Weights) Trajectory(IMoonsEngine engine, int steps, out double elapsedMs,
        out double firstMs, out long firstAllocated, out long laterAllocated)
    {
        var losses = new double[steps];
        var accuracies = new double[steps];
        var clock = Stopwatch.StartNew();
        var start = GC.GetAllocatedBytesForCurrentThread();
        (losses[0], accuracies[0]) = engine.TrainStep();
        firstMs = clock.Elapsed.TotalMilliseconds;
        var afterFirst = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 1; k < steps; k++) (losses[k], accuracies[k]) = engine.TrainStep();
        var end = GC.GetAllocatedBytesForCurrentThread();
        elapsedMs = clock.Elapsed.TotalMilliseconds;
        (firstAllocated, laterAllocated) = (afterFirst - start, end - afterFirst);
        return (losses, accuracies, engine.Weights());
    }

    private static double Relative(double expected, double actual) =>
        expected == actual ? 0.0 : Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), double.Epsilon);

    internal static string Number(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
