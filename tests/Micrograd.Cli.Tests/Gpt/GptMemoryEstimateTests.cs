using System.Diagnostics;
using Micrograd.Cli.Gpt;
using Micrograd.Cli.Tests.Support;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Tests.Gpt;

/// <summary>
/// A gpt run too large for the machine is refused at once, with the estimate, before anything is built; and the estimate is
/// roughly what a run allocates (bytes counted by the runtime, no timing).
/// </summary>
public class GptMemoryEstimateTests
{
    /// <summary>200 documents of 15 letters each, so that every step has the positions the estimate counts.</summary>
    private static string EvenDocuments(TempDirectory folder)
    {
        var random = new Random(5);
        var lines = Enumerable.Range(0, 200).Select(_ => new string(Enumerable.Range(0, 15).Select(_ => (char)('a' + random.Next(26))).ToArray()));
        return folder.Write("even.txt", string.Join('\n', lines) + "\n");
    }

    public static TheoryData<string[], int, int, int, int, GptEngine, bool> Runs() => new()
    {
        // gpt's arguments; the estimator's inputs: layers, width, heads, context, engine, save
        { ["--embd", "64", "--layers", "2"], 2, 64, 4, 16, GptEngine.Compiled, false },
        { ["--embd", "64", "--layers", "2", "--save", "m.json"], 2, 64, 4, 16, GptEngine.Compiled, true },
        { ["--embd", "128", "--heads", "8", "--block", "8"], 1, 128, 8, 8, GptEngine.Compiled, false },
        { ["--embd", "32", "--layers", "2", "--engine", "eager"], 2, 32, 4, 16, GptEngine.Eager, false },
        { ["--embd", "64", "--heads", "2", "--engine", "eager"], 1, 64, 2, 16, GptEngine.Eager, false },
        { ["--embd", "16", "--heads", "1", "--layers", "3", "--engine", "eager", "--save", "m.json"], 3, 16, 1, 16, GptEngine.Eager, true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_estimate_is_within_a_factor_of_three_of_what_a_run_allocates(string[] args, int layers, int width, int heads, int context, GptEngine engine, bool save)
    {
        using var folder = new TempDirectory();
        var data = EvenDocuments(folder);
        var estimate = GptMemoryEstimate.Of(new GptConfig(layers, width, heads, context), 27, 200, 200 * 15, 15, engine, save);
        var arguments = args.Select(a => a == "m.json" ? folder.File(a) : a).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var r = Tool.Run(["gpt", "--data", data, "--steps", "1", "--samples", "1", .. arguments]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(r.ExitCode == 0, r.ToString());
        var ratio = (double)estimate.Bytes / allocated;
        Assert.True(ratio is > 1 / 3.0 and < 3, $"estimated {estimate.Bytes:N0} bytes, allocated {allocated:N0} (ratio {ratio:0.00})");
    }

    [Theory]
    [InlineData("compiled", "parameters\\)")]
    [InlineData("eager", "parameters, [0-9,]+ graph nodes a step\\)")]
    public void A_model_far_too_large_is_refused_at_once_with_the_estimate(string engine, string counts)
    {
        // 12·10^10 weights: about 20 TB
        var clock = Stopwatch.StartNew();
        var r = Tool.Run("gpt", "--embd", "100000", "--heads", "1", "--engine", engine);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refused after {clock.Elapsed}");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Matches($"^error: out of memory: this run needs about [0-9.,]+ GB \\(120,007,000,000 {counts} but [0-9.,]+ [GM]B is available; try a smaller --embd", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_model_too_large_is_refused_by_the_real_tool_in_one_line()
    {
        var r = Tool.RunProcess("gpt", "--block", "2000000000", "--steps", "1");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.StartsWith("error: out of memory: this run needs about ", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_eager_estimate_grows_with_the_longest_document_and_the_compiled_one_with_the_context()
    {
        var config = new GptConfig(1, 16, 4, 64);
        var shortDocuments = GptMemoryEstimate.Of(config, 27, 100, 500, 5, GptEngine.Eager, false);
        var longDocuments = GptMemoryEstimate.Of(config, 27, 100, 500, 60, GptEngine.Eager, false);
        Assert.Equal(config.ParameterCount(27), shortDocuments.Parameters);
        Assert.True(longDocuments.Nodes > 8 * shortDocuments.Nodes, $"{shortDocuments.Nodes} nodes, then {longDocuments.Nodes}");
        Assert.Equal(0, GptMemoryEstimate.Of(config, 27, 100, 500, 60, GptEngine.Compiled, false).Nodes);
        Assert.True(GptMemoryEstimate.Of(new GptConfig(1, 16, 4, 256), 27, 100, 500, 5, GptEngine.Compiled, false).Bytes >
                    GptMemoryEstimate.Of(config, 27, 100, 500, 5, GptEngine.Compiled, false).Bytes);
    }
}
