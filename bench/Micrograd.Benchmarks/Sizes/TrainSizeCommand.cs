using System.Diagnostics;
using System.Text.Json;
using Micrograd.NN;

namespace Micrograd.Benchmarks.Sizes;

/// <summary>
/// <c>train-size --samples N --hidden H [--out DIR] [--warmup-ms MS] [--time-ms MS]</c>: one size of the scale table. An MLP
/// 2-H-H-1 with relu (seeded weights), N generated moons (seeded), hinge loss + 1e-4·Σp², SGD at a constant 0.1, full
/// batch, trained with <see cref="CompiledEngine"/> through a <see cref="Trainer"/> as a user would. Warms up for MS ms
/// (2,000 by default, so that the JIT has finished), then times steps for at least 3,000 ms (and at least 5 steps), and
/// prints one JSON line: the median ms per step, the CPU ms per step, the peak working set of the process and the first
/// timed step's loss. With <c>--out DIR</c> it first writes the data (moons.csv) and the initial model (init.json) there, for
/// bench/python/torch_scale.py to train the same network on the same data.
/// </summary>
public static class TrainSizeCommand
{
    public static int Run(Options options)
    {
        var samples = options.GetInt("--samples", 1000);
        var hidden = options.GetInt("--hidden", 16);
        var warmupMs = options.GetInt("--warmup-ms", 2000);
        var timeMs = options.GetInt("--time-ms", 3000);
        var data = DataGenerators.Moons(samples, 0.1, new Random(samples));
        var model = new Mlp(2, [hidden, hidden, 1], new Random(hidden), Activation.Relu);
        if (options.Get("--out") is { } folder)
        {
            Directory.CreateDirectory(folder);
            DatasetCsv.Save(data, Path.Combine(folder, "moons.csv"));
            ModelFile.Save(model, Path.Combine(folder, "init.json"));
        }
        var trainer = new Trainer(new CompiledEngine(new Objective(model, Loss.Hinge, 1e-4)),
            new Sgd(model.Parameters, LearningRateSchedule.Constant(0.1)), BatchSampler.Full(data));

        var first = trainer.Step();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalMilliseconds < warmupMs) trainer.Step();
        var times = new List<double>();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var firstTimed = double.NaN;
        clock.Restart();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || total.Elapsed.TotalMilliseconds < timeMs)
        {
            clock.Restart();
            var step = trainer.Step();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (times.Count == 1) firstTimed = step.Loss;
        }
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / times.Count;
        times.Sort();
        var line = new Dictionary<string, object>
        {
            ["engine"] = "compiled",
            ["samples"] = samples,
            ["hidden"] = hidden,
            ["ms_per_step"] = times[times.Count / 2],
            ["cpu_ms_per_step"] = cpu,
            ["steps"] = times.Count,
            ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, 1),
            ["first_loss"] = first.Loss,
            ["timed_loss"] = firstTimed,
            ["machine"] = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Vector<double> lanes {System.Numerics.Vector<double>.Count}",
        };
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }
}
