using Micrograd.Cli.Tests.Support;
using Micrograd.Cli.Train;

namespace Micrograd.Cli.Tests;

/// <summary>
/// A run too large for the machine is refused at once, with the estimate, before anything is built; and the estimate is
/// roughly what a run allocates (bytes counted by the runtime, no timing).
/// </summary>
public class MemoryEstimateTests
{
    public static TheoryData<string[], int, int[], int, int?, bool, bool> Runs() => new()
    {
        // train's arguments; the estimator's inputs: features, layers, samples, batch, softmax, compiled
        { ["--hidden", "64,64", "--samples", "400"], 2, [64, 64, 1], 400, null, false, true },
        { ["--hidden", "64,64", "--samples", "400", "--engine", "eager"], 2, [64, 64, 1], 400, null, false, false },
        { ["--hidden", "200", "--data", "blobs", "--classes", "10", "--loss", "softmax", "--engine", "eager"], 2, [200, 10], 100, null, true, false },
        { ["--hidden", "32", "--data", "spirals", "--classes", "50", "--samples", "200", "--loss", "softmax", "--batch", "16"], 2, [32, 50], 200, 16, true, true },
        { ["--hidden", "300,300", "--samples", "50"], 2, [300, 300, 1], 50, null, false, true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_estimate_is_within_a_factor_of_three_of_what_a_run_allocates(string[] args, int inputs, int[] layers, int samples, int? batch, bool softmax, bool compiled)
    {
        var estimate = MemoryEstimate.Of(inputs, layers, samples, batch, steps: 1, softmax, compiled);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var r = Tool.Run(["train", "--steps", "1", .. args]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(r.ExitCode == 0, r.ToString());
        var ratio = (double)estimate.Bytes / allocated;
        Assert.True(ratio is > 1 / 3.0 and < 3, $"estimated {estimate.Bytes:N0} bytes, allocated {allocated:N0} (ratio {ratio:0.00})");
    }

    [Fact]
    public void A_network_far_too_large_is_refused_before_anything_is_built_with_the_estimate()
    {
        // 10^10 weights: about 2 TB
        var r = Tool.RunProcess("train", "--hidden", "100000,100000", "--steps", "1");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Matches(@"^error: out of memory: this run needs about [0-9.,]+ GB \([0-9,]+ graph nodes\) but [0-9.,]+ [GM]B is available; try smaller layers", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_available_memory_is_what_the_heap_limit_allows_at_most()
    {
        var available = MemoryEstimate.Available();
        Assert.NotNull(available);
        Assert.InRange(available.Value, 1L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }
}
