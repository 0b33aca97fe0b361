using System.Diagnostics;
using System.Text.Json;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Benchmarks.Gpt;

/// <summary>
/// <c>gpt [--engine eager|compiled|all] [--steps N] [--repeat R] [--warmup-ms MS] [--layers L] [--embd E] [--heads H]
/// [--block B]</c>: microgpt's run in process. Each repetition starts from microgpt's state (seed 42, the names shuffled,
/// the weights drawn) and trains N steps (1,000 compiled, 100 eager by default); prints one JSON line per engine with the
/// median and best milliseconds per training step (wall clock and CPU), the bytes allocated per step, and, for microgpt's
/// default shape, whether every loss equals microgpt.py's (tests/Micrograd.Tests/Fixtures/microgpt/run_default.json).
/// </summary>
public static class GptCommand
{
    public static int Run(Options options)
    {
        var config = new GptConfig(options.GetInt("--layers", 1), options.GetInt("--embd", 16), options.GetInt("--heads", 4), options.GetInt("--block", 16));
        var engine = options.Get("--engine") ?? "all";
        var repeat = Math.Max(1, options.GetInt("--repeat", 5));
        var warmupMs = options.GetInt("--warmup-ms", 5000);
        var root = FindRoot();
        var names = File.ReadAllText(Path.Combine(root, "src/Micrograd.Cli/Gpt/names.txt")).Trim().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var reference = LoadLosses(Path.Combine(root, "tests/Micrograd.Tests/Fixtures/microgpt/run_default.json"));
        var isDefault = config.Layers == 1 && config.EmbeddingWidth == 16 && config.Heads == 4 && config.ContextLength == 16;

        foreach (var kind in engine == "all" ? [GptEngine.Compiled, GptEngine.Eager] : new[] { Enum.Parse<GptEngine>(engine, ignoreCase: true) })
        {
            var steps = options.GetInt("--steps", kind == GptEngine.Compiled ? 1000 : 100);
            var warm = Stopwatch.StartNew();
            do _ = Train(names, config, kind, Math.Min(steps, 200), out _);
            while (warm.Elapsed.TotalMilliseconds < warmupMs);

            var wall = new List<double>();
            var cpu = new List<double>();
            var allocated = 0L;
            double[] losses = [];
            for (var r = 0; r < repeat; r++)
            {
                var (trainer, _) = Start(names, config, kind, steps);
                losses = new double[steps];
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                for (var s = 0; s < steps; s++) losses[s] = trainer.Step();
                clock.Stop();
                allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
                cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / steps);
                wall.Add(clock.Elapsed.TotalMilliseconds / steps);
            }
            wall.Sort();
            cpu.Sort();
            var line = new Dictionary<string, object>
            {
                ["run"] = $"microgpt {config.Layers}x{config.EmbeddingWidth}, {config.Heads} heads, context {config.ContextLength}",
                ["engine"] = kind.ToString().ToLowerInvariant(),
                ["steps"] = steps,
                ["ms_per_step"] = wall[wall.Count / 2],
                ["best_ms_per_step"] = wall[0],
                ["cpu_ms_per_step"] = cpu[cpu.Count / 2],
                ["allocated_bytes_per_step"] = (double)allocated / (repeat * steps),
                ["peak_working_set_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
            };
            if (isDefault) line["losses_equal_microgpt"] = losses.Select((l, i) => BitConverter.DoubleToInt64Bits(l) == BitConverter.DoubleToInt64Bits(reference[i])).All(b => b);
            Console.WriteLine(JsonSerializer.Serialize(line));
        }
        return 0;
    }

    private static double[] Train(List<string> names, GptConfig config, GptEngine engine, int steps, out GptTrainer trainer)
    {
        (trainer, _) = Start(names, config, engine, steps);
        var losses = new double[steps];
        for (var s = 0; s < steps; s++) losses[s] = trainer.Step();
        return losses;
    }

    private static (GptTrainer Trainer, PythonRandom Random) Start(List<string> names, GptConfig config, GptEngine engine, int steps)
    {
        var random = new PythonRandom(42);
        var documents = names.ToList();
        random.Shuffle(documents);
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, random);
        var trainer = new GptTrainer(model, documents.Select(tokenizer.EncodeDocument).ToList(), new GptAdam(model.Parameters.Count, 0.01, 1000), engine);
        return (trainer, random);
    }

    private static double[] LoadLosses(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble())];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Micrograd.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no Micrograd.slnx above {AppContext.BaseDirectory}");
    }
}
