using Micrograd.Cli.Tests.Support;
using Micrograd.Graphs;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// <c>train --html FILE</c> writes the training page once the run has ended, replacing the file at once; a file that cannot
/// be written, data without two features, an output that is an input and a missing Graphviz are refused before training.
/// (The page itself is tested in a browser by Micrograd.Explorer.Tests.)
/// </summary>
public class TrainHtmlTests
{
    [Fact]
    public void The_page_is_written_after_the_run_and_says_so()
    {
        RequireGraphviz.Dot();
        using var folder = new TempDirectory();
        var r = Tool.Run("train", "--steps", "5", "--hidden", "4", "--html", folder.File("run.html"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"wrote .*run\.html: 5 steps, [0-9,]+ KB; open it in a browser\n", r.Out);
        var html = File.ReadAllText(folder.File("run.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("micrograd train --steps 5 --hidden 4 --html", html, StringComparison.Ordinal);
        Assert.Contains("\"steps\":5", html, StringComparison.Ordinal);
        Assert.Equal([folder.File("run.html")], Directory.GetFiles(folder.Path)); // no temporary file left behind
    }

    [Fact]
    public void Bad_pages_are_refused_before_training()
    {
        using var folder = new TempDirectory();
        Tool.Run("train", "--html", Path.Combine(folder.Path, "missing", "run.html")).AssertRefused("cannot write --html");
        Tool.Run("train", "--html", folder.Path).AssertRefused($"cannot write --html '{folder.Path}': it is a directory");
        var three = folder.Write("three.csv", "x1,x2,x3,label\n0,1,2,1\n1,0,2,-1\n0.5,0.5,1,1\n");
        Tool.Run("train", "--data", three, "--html", folder.File("run.html")).AssertRefused("--html draws two features over the plane, but three.csv has 3.");
        var data = folder.Write("two.csv", "x1,x2,label\n0,1,1\n1,0,-1\n");
        Tool.Run("train", "--data", data, "--html", data).AssertRefused($"--html '{data}' is the same file as --data");
        Tool.Run("train", "--log", folder.File("a"), "--html", folder.File("a")).AssertRefused("is the same file as --log: each output needs its own file");
        Assert.False(File.Exists(folder.File("run.html")));
    }

    [Fact]
    public void Without_graphviz_the_run_is_refused_before_training()
    {
        using var folder = new TempDirectory();
        var r = Tool.RunWith(new GraphvizOptions { SearchPath = folder.Path }, "train", "--steps", "3", "--log", folder.File("log.jsonl"), "--html", folder.File("run.html"));
        r.AssertRefused("Graphviz's 'dot' was not found; --html lays out a sample's graph with it: install Graphviz");
        Assert.False(File.Exists(folder.File("run.html")));
        Assert.False(File.Exists(folder.File("log.jsonl")));
    }
}
