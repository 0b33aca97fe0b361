using System.Globalization;
using System.Text;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests.Gpt;

/// <summary>
/// <c>gpt --html FILE</c> writes the GPT page once the run has ended, replacing the file at once (never half-written); a
/// file that cannot be written, or that is the data or another output, is refused before training with one error line and
/// exit code 2. microgpt's default run makes a page under 5 MB. (The page itself is tested in a browser by
/// Micrograd.Explorer.Tests.)
/// </summary>
public class GptHtmlTests
{
    [Fact]
    public void The_default_runs_page_is_written_after_the_run_under_5_MB()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("gpt", "--samples", "1", "--html", folder.File("run.html"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var bytes = new FileInfo(folder.File("run.html")).Length;
        Assert.Matches(@"wrote .*run\.html: 1,000 steps, the weights every 50 steps, [0-9,]+ KB; open it in a browser\n", r.Out);
        Assert.True(bytes < 5_000_000, $"the page has {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        var html = File.ReadAllText(folder.File("run.html"), Encoding.UTF8);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("micrograd gpt --samples 1 --html", html, StringComparison.Ordinal);
        Assert.Contains("\"steps\":1000", html, StringComparison.Ordinal);
        Assert.Equal([folder.File("run.html")], Directory.GetFiles(folder.Path)); // no temporary file left behind
    }

    [Fact]
    public void Bad_pages_are_refused_before_training()
    {
        using var folder = new TempDirectory();
        Tool.Run("gpt", "--steps", "2", "--html", Path.Combine(folder.Path, "missing", "run.html")).AssertRefused("cannot write --html");
        Tool.Run("gpt", "--steps", "2", "--html", folder.Path).AssertRefused($"cannot write --html '{folder.Path}': it is a directory");
        var data = folder.Write("d.txt", "anna\nbob\n");
        Tool.Run("gpt", "--data", data, "--steps", "2", "--html", data)
            .AssertRefused($"--html '{data}' is the same file as --data: writing it would destroy the input; choose another file");
        Tool.Run("gpt", "--steps", "2", "--log", folder.File("a"), "--html", folder.File("a")).AssertRefused("is the same file as --log: each output needs its own file");
        Assert.Equal("anna\nbob\n", File.ReadAllText(data));
        Assert.Equal([data], Directory.GetFiles(folder.Path));
    }
}
