using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// A --log that cannot be written part way through a run (its disk is full) stops the run as Ctrl-C does: the log keeps
/// the whole lines that reached it, the other outputs are written all the same, the error names the log, and the exit
/// code is 2. Before, the run failed on the spot and the trained model was thrown away.
/// </summary>
public class LogFailureTests
{
    /// <summary>Runs in-process with the log's temporary file (<c>.log.jsonl.*.tmp</c>) failing after <paramref name="limit"/> bytes.</summary>
    private static CliResult RunWithLogFailingAfter(long limit, params string[] args)
    {
        using (AtomicFile.WrapStreamsForTests(s => s is FileStream f && Path.GetFileName(f.Name).StartsWith(".log.jsonl.", StringComparison.Ordinal)
                   ? new FailingStream(s, limit)
                   : s))
        {
            return Tool.Run(args);
        }
    }

    [Fact]
    public void A_log_that_fills_its_disk_mid_run_stops_training_and_the_model_plot_and_page_are_still_written()
    {
        if (!Micrograd.Graphs.Graphviz.IsAvailable()) return; // --html needs Graphviz's dot
        using var folder = new TempDirectory();
        var log = folder.File("log.jsonl");
        var r = RunWithLogFailingAfter(1000, "train", "--steps", "100000", "--samples", "20", "--hidden", "4",
            "--log", log, "--save", folder.File("m.json"), "--plot", folder.File("p.png"), "--html", folder.File("run.html"));

        r.AssertRefused($"cannot write --log '{log}': No space left on device; training stopped after step ");
        Assert.Matches("; training stopped after step [0-9]+ of 100000: the log keeps its first [0-9]+ steps\n$", r.Error);
        var steps = CliFixtures.ReadLog(log).Select(l => l.Step).ToList(); // whole lines only
        Assert.NotEmpty(steps);
        Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        Assert.Contains($"saved the model to {folder.File("m.json")}", r.Out);
        Assert.Equal(2, Micrograd.NN.ModelFile.Load(folder.File("m.json")).InputCount);
        Assert.True(new FileInfo(folder.File("p.png")).Length > 0);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(folder.File("run.html")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["log.jsonl", "m.json", "p.png", "run.html"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_log_that_cannot_be_written_at_the_end_of_the_run_still_lets_the_model_be_saved()
    {
        // 20 steps fit in the log's buffer: the disk is found full only when the log is written at the end
        using var folder = new TempDirectory();
        var log = folder.Write("log.jsonl", "the old log\n");
        var r = RunWithLogFailingAfter(150, "train", "--steps", "20", "--samples", "20", "--log", log, "--save", folder.File("m.json"));

        r.AssertRefused($"cannot write --log '{log}': No space left on device");
        Assert.Equal(2, Micrograd.NN.ModelFile.Load(folder.File("m.json")).InputCount);
        var steps = CliFixtures.ReadLog(log).Select(l => l.Step).ToList();
        Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        Assert.Equal(["log.jsonl", "m.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_gpt_log_that_cannot_be_written_still_lets_the_model_be_saved()
    {
        using var folder = new TempDirectory();
        var log = folder.File("log.jsonl");
        var r = RunWithLogFailingAfter(100, "gpt", "--steps", "20", "--samples", "2", "--log", log, "--save", folder.File("gpt.json"));

        r.AssertRefused($"cannot write --log '{log}': No space left on device");
        Assert.Contains($"saved the model to {folder.File("gpt.json")}", r.Out);
        var steps = File.ReadAllLines(log);
        Assert.All(steps, line => Assert.StartsWith("{\"step\": ", line));
        Assert.Equal(["gpt.json", "log.jsonl"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }
}
