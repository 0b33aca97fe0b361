using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Micrograd.Cli.Tests.Support;
using Micrograd.Graphs;

namespace Micrograd.Cli.Tests;

/// <summary>
/// When a picture cannot be drawn, its DOT text is written next to it (<c>F.dot</c> for <c>--svg F.svg</c>), but never
/// over an input; and a run stopped while Graphviz's dot draws stops dot too.
/// </summary>
public class PictureFallbackTests
{
    /// <summary>A dot that fails, as a POSIX shell script.</summary>
    [UnsupportedOSPlatform("windows")]
    private static string FailingDot(TempDirectory folder)
    {
        var fake = folder.File("failing-dot");
        File.WriteAllText(fake, "#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return fake;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_DOT_text_of_a_picture_that_cannot_be_drawn_never_replaces_the_expression_file(bool dotFails)
    {
        if (OperatingSystem.IsWindows()) return; // the failing dot is a shell script
        using var folder = new TempDirectory();
        using var empty = new TempDirectory();
        var input = folder.Write("e.dot", "x*y");
        var graphviz = dotFails ? new GraphvizOptions { DotPath = FailingDot(empty) } : new GraphvizOptions { SearchPath = empty.Path };

        var r = Tool.RunWith(graphviz, "grad", "--expr-file", input, "x=1", "y=2", "--svg", folder.File("e.svg"));

        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal("x*y", File.ReadAllText(input));
        Assert.StartsWith(dotFails ? "error: Graphviz's 'dot' failed with exit code 3" : "error: Graphviz's 'dot' was not found", r.Error);
        Assert.Contains($"the DOT text was not written to '{input}': it is the --expr-file input", r.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["e.dot"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_DOT_text_of_a_picture_that_cannot_be_drawn_goes_to_the_dot_file_asked_for()
    {
        // --dot e.dot --svg e.svg: the fallback is the same file with the same text, and is reported as written
        using var folder = new TempDirectory();
        using var empty = new TempDirectory();
        var r = Tool.RunWith(new GraphvizOptions { SearchPath = empty.Path }, "grad", "x*y", "x=1", "y=2", "--dot", folder.File("e.dot"), "--svg", folder.File("e.svg"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"The DOT text was written to '{folder.File("e.dot")}';", r.Error);
        Assert.StartsWith("digraph", File.ReadAllText(folder.File("e.dot")));
    }

    [Fact]
    public async Task A_SIGTERM_while_dot_draws_stops_dot_too()
    {
        if (!OperatingSystem.IsLinux()) return; // reads /proc
        using var folder = new TempDirectory();
        var bin = Directory.CreateDirectory(folder.File("bin")).FullName;
        var pidFile = folder.File("dot.pid");
        // a dot that never finishes, and says who it is
        File.WriteAllText(Path.Combine(bin, "dot"), $"#!/bin/sh\necho $$ > '{pidFile}.new'\nmv '{pidFile}.new' '{pidFile}'\nexec sleep 600\n");
        File.SetUnixFileMode(Path.Combine(bin, "dot"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = $"{bin}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Tool.Start(new Dictionary<string, string> { ["PATH"] = path }, "grad", "x*y", "x=1", "y=2", "--svg", folder.File("g.svg"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var waiting = new CancellationTokenSource(60_000);
        while (!File.Exists(pidFile)) await Task.Delay(50, waiting.Token);
        var dot = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        try
        {
            Assert.True(Unix.IsRunning(dot));
            using (var kill = Process.Start("kill", ["-s", "TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await process.WaitForExitAsync(waiting.Token);

            Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
            Assert.False(Unix.IsRunning(dot), "dot is left running after the tool that started it was stopped");
            Assert.Equal(["bin"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Where(n => n != "dot.pid"));
        }
        finally
        {
            if (Unix.IsRunning(dot)) Process.GetProcessById(dot).Kill();
        }
    }
}
