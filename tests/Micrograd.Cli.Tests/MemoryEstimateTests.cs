using System.Globalization;
using Micrograd.Cli.Tests.Support;
using Micrograd.Cli.Train;
using Micrograd.NN;

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
    [InlineData("--samples 5000000 --steps 1")]
    [InlineData("--steps 100000 --html PAGE")]
    [InlineData("--data CSV --steps 1")]
    public void A_run_too_large_for_a_small_heap_is_refused_with_its_estimate_before_its_data_are_made_or_its_steps_run(string arguments)
    {
        using var folder = new TempDirectory();
        // a CSV of 3 million samples, about 20 MB
        if (arguments.Contains("CSV", StringComparison.Ordinal))
        {
            using var writer = new StreamWriter(folder.File("big.csv"));
            for (var i = 0; i < 3_000_000; i++) writer.Write("0.5,0.25,1\n");
        }
        var page = folder.File("page.html");
        string[] args = ["train", .. arguments.Split(' ').Select(a => a switch { "PAGE" => page, "CSV" => folder.File("big.csv"), _ => a })];
        // a heap of 256 MB: 5 million generated samples, 100,000 steps recorded for a page, or 3 million samples read
        // from a file, each need more, and each is refused at once, before the data are made or read and before any step
        var r = Tool.RunProcessWith(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" }, args);
        r.AssertRefused("error: out of memory: this run needs about ");
        Assert.Equal("", r.Out);
        Assert.False(File.Exists(page));
        // and the same run's estimate says so
        var html = arguments.Contains("--html", StringComparison.Ordinal);
        var samples = arguments.Contains("--samples", StringComparison.Ordinal) ? 5_000_000 : arguments.Contains("CSV", StringComparison.Ordinal) ? 3_000_000 : 100;
        var steps = html ? 100_000 : 1;
        Assert.True(MemoryEstimate.Of(2, [16, 16, 1], samples, null, steps, softmax: false, compiled: true, html).Bytes > 256L << 20);
    }

    [Fact]
    public void A_model_file_too_large_to_train_is_named_as_the_cause()
    {
        // a 2-400-400-1 model (162,001 parameters, a few MB of JSON) loads in a heap of 128 MB, but a step over the moons'
        // 100 samples would need far more: the message names the model file, not the samples or the layers' options
        using var folder = new TempDirectory();
        var model = folder.File("big.json");
        var mlp = new Mlp(2, [400, 400, 1], new Random(1));
        ModelFile.Save(mlp, model);
        var r = Tool.RunProcessWith(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x8000000" },
            ["train", "--init", model, "--data", CliFixtures.MoonsCsv, "--steps", "1"]);
        r.AssertRefused("error: out of memory: this run needs about ");
        Assert.True(r.Error.Contains(string.Create(CultureInfo.InvariantCulture, $"for the model in '{model}' of {mlp.Parameters.Count:N0} parameters"), StringComparison.Ordinal), r.Error);
        Assert.Contains($"try a smaller model than '{model}'", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("smaller layers", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--batch", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("predict --model /dev/zero --data MOONS", "reading --model file '/dev/zero'")]
    [InlineData("train --data /dev/zero", "reading --data file '/dev/zero'")]
    [InlineData("grad --expr-file /dev/zero x=1", "reading --expr-file '/dev/zero'")]
    public void An_endless_file_out_of_memory_is_named_as_the_cause(string arguments, string named)
    {
        if (!File.Exists("/dev/zero")) throw new PlatformNotSupportedException("needs /dev/zero");
        // a small heap, so that the endless file runs out of it at once
        var environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" };
        var r = Tool.RunProcessWith(environment, [.. arguments.Split(' ').Select(a => a == "MOONS" ? CliFixtures.MoonsCsv : a)]);
        r.AssertRefused($"error: out of memory: {named}: it is endless or larger than the memory available");
        Assert.DoesNotContain("--batch", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("layers", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_600_000_000L, 1_590_000_000L)]
    [InlineData(1_610_612_736L, 1_610_612_735L)]
    [InlineData(300_100_000L, 300_000_000L)]
    public void Needed_and_available_memory_are_never_printed_alike_when_they_differ(long needed, long available)
    {
        var (a, b) = MemoryEstimate.Format(needed, available);
        Assert.NotEqual(a, b);
        Assert.Equal(a[^2..], b[^2..]);
    }

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
