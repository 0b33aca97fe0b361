using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Micrograd.Benchmarks;
using Micrograd.Benchmarks.Moons;
using Micrograd.Benchmarks.Scale;

// dotnet run -c Release --project bench/Micrograd.Benchmarks -- moons [--engine eager|compiled|batched|all] [--steps N] [--repeat R]
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- table FILE
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- scale [--nodes N]
// dotnet run -c Release --project bench/Micrograd.Benchmarks -- --filter '*'      (BenchmarkDotNet micro benchmarks)
try
{
    return args.FirstOrDefault() switch
    {
        "moons" => MoonsCommand.Run(new Options(args)),
        "table" => TableCommand.Run(args[1..]),
        "scale" => ScaleCommand.Run(new Options(args)),
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
    var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
    BenchmarkSwitcher.FromAssembly(typeof(Options).Assembly).Run(args, config);
    return 0;
}
