using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests.Gpt;

/// <summary>
/// gpt's outputs (--log, --save, --html) are never lost or half-written: each is written to a temporary file renamed over the target;
/// an output that is the same file as the data or as the other output is refused before any work.
/// </summary>
public class GptOutputFileTests
{
    private static void AssertOnlyFiles(TempDirectory folder, params string[] names) =>
        Assert.Equal(names.Order(), Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());

    private static CliResult RunFailingAfter(long limit, params string[] args)
    {
        using (AtomicFile.WrapStreamsForTests(s => new FailingStream(s, limit)))
        {
            return Tool.Run(args);
        }
    }

    [Theory]
    [InlineData("--save", "d.txt")]
    [InlineData("--log", "d.txt")]
    public void An_output_that_is_the_data_is_refused_before_any_work(string option, string name)
    {
        using var folder = new TempDirectory();
        var data = folder.Write("d.txt", "anna\nbob\n");
        var r = Tool.Run("gpt", "--data", data, "--steps", "2", option, folder.File(name));
        r.AssertRefused($"{option} '{folder.File(name)}' is the same file as --data: writing it would destroy the input; choose another file");
        Assert.Equal("", r.Out);
        Assert.Equal("anna\nbob\n", File.ReadAllText(data));
        AssertOnlyFiles(folder, "d.txt");
    }

    [Fact]
    public void The_log_and_the_model_in_one_file_are_refused()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("gpt", "--save", folder.File("out.json"), "--log", folder.File("out.json"));
        r.AssertRefused($"--log '{folder.File("out.json")}' is the same file as --save: each output needs its own file");
        Assert.Equal("", r.Out);
        AssertOnlyFiles(folder);
    }

    [Fact]
    public void Links_to_the_data_are_seen_through()
    {
        using var folder = new TempDirectory();
        var data = folder.Write("d.txt", "anna\nbob\n");
        Directory.CreateDirectory(folder.File("sub"));
        File.CreateSymbolicLink(folder.File("sub/link.txt"), data);
        File.CreateSymbolicLink(folder.File("dirlink"), folder.File("sub"));
        Tool.Run("gpt", "--data", data, "--save", folder.File("sub/link.txt")).AssertRefused("--save '" + folder.File("sub/link.txt") + "' is the same file as --data");
        Tool.Run("gpt", "--data", folder.File("dirlink/link.txt"), "--log", Path.Combine(folder.Path, "sub", "..", "d.txt")).AssertRefused(
            "is the same file as --data");
        Tool.Run("gpt", "--data", folder.File("dirlink/link.txt"), "--save", data).AssertRefused("is the same file as --data");
        Assert.Equal("anna\nbob\n", File.ReadAllText(data));
    }

    // a --log that fails part way keeps its whole lines and lets the run save the model: LogFailureTests
    [Theory]
    [InlineData("--save", "m.json", 500)]
    [InlineData("--html", "run.html", 3000)]
    public void An_output_that_fails_part_way_leaves_the_old_file(string option, string name, int limit)
    {
        using var folder = new TempDirectory();
        var path = folder.Write(name, "the old file\n");
        var r = RunFailingAfter(limit, "gpt", "--steps", "20", "--samples", "1", option, path);
        r.AssertRefused($"cannot write {option} '{path}': No space left on device");
        Assert.DoesNotContain("sample  1", r.Out);
        Assert.Equal("the old file\n", File.ReadAllText(path));
        AssertOnlyFiles(folder, name);
    }

    [Fact]
    public void A_failed_run_leaves_an_existing_model_and_log_untouched()
    {
        using var folder = new TempDirectory();
        var save = folder.Write("m.json", "old model");
        var log = folder.Write("log.jsonl", "old log\n");
        var r = Tool.Run("gpt", "--data", folder.File("missing.txt"), "--save", save, "--log", log);
        r.AssertRefused("does not exist");
        Assert.Equal("old model", File.ReadAllText(save));
        Assert.Equal("old log\n", File.ReadAllText(log));
        AssertOnlyFiles(folder, "m.json", "log.jsonl");
    }

    [Fact]
    public void A_successful_run_replaces_the_outputs_in_full_keeping_the_links_to_them()
    {
        if (OperatingSystem.IsWindows()) return; // Unix links
        using var folder = new TempDirectory();
        var real = folder.Write("real.json", "old");
        var link = folder.File("link.json");
        File.CreateSymbolicLink(link, real);
        var log = folder.Write("log.jsonl", "an old, longer log than the new one will be\n".PadRight(5000, '.') + "\n");
        var r = Tool.Run("gpt", "--steps", "2", "--samples", "1", "--save", link, "--log", log);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(real, File.ResolveLinkTarget(link, returnFinalTarget: true)!.FullName);
        Assert.StartsWith("{\n  \"format\": \"micrograd-gpt\"", File.ReadAllText(real));
        Assert.Equal(2, File.ReadAllLines(log).Length);
        Assert.Contains($"\nwrote 2 steps to {log}\nsaved the model to {link}\n", r.Out);
        AssertOnlyFiles(folder, "real.json", "link.json", "log.jsonl");
    }
}
