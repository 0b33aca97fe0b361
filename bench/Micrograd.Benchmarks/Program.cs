using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Micrograd.Benchmarks;
using Micrograd.Benchmarks.Gpt;
using Micrograd.Benchmarks.Moons;
using Micrograd.Benchmarks.Scale;
using Micrograd.Benchmarks.Sizes;
using Micrograd.Benchmarks.Tool;

// dotnet run -c Release --project bench/Micrograd.Benchmarks -- moons [--engine eager|compiled|all] [--steps N] [--repeat R]
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- gpt [--engine eager|compiled|all] [--steps N] [--repeat R] [--layers L --embd E --heads H --block B]
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- table FILE
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- scale [--nodes N]
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- train-size --samples N --hidden H [--out DIR]   (bench/scale.sh runs the table)
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- size-table FILE
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- tool --micrograd PATH [--repeat R]   (bench/tool.sh packs and installs it)
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- --filter '*' [--short]   (BenchmarkDotNet micro benchmarks)
try
{
    return args.FirstOrDefault() switch
    {
        "moons" => MoonsCommand.Run(new Options(args)),
        "gpt" => GptCommand.Run(new Options(args)),
        "table" => TableCommand.Run(args[1..]),
        "scale" => ScaleCommand.Run(new Options(args)),
        "train-size" => TrainSizeCommand.Run(new Options(args)),
        "size-table" => SizeTableCommand.Run(args[1..]),
        "tool" => ToolCommand.Run(new Options(args)),
        _ => Micro(args),
    };
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static int Micro(string[] args)
{
    // In-process: no generated project (which would inherit this repository's Directory.Build.props).
    // --short: BenchmarkDotNet's ShortRun (3 warm-ups, 3 iterations) instead of the default job, for a quick look.
    var job = args.Contains("--short") ? Job.ShortRun : Job.Default;
    var config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
    BenchmarkSwitcher.FromAssembly(typeof(Options).Assembly).Run(args.Where(a => a != "--short").ToArray(), config);
    return 0;
}
