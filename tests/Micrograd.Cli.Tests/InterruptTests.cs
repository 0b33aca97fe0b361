using System.Diagnostics;
using Micrograd.Cli.Io;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM during training: the run stops after the step under way, the --log file is kept with whole
/// lines only (every line parses), the model and the plot are not written, and the exit code is 128 + the signal's number,
/// with one line on stderr.
/// </summary>
public class InterruptTests
{
    /// <summary>A standard output that asks the run to stop as soon as training has started.</summary>
    private sealed class StopWhenTraining(StopRequest stop) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith("training ", StringComparison.Ordinal) == true) stop.Request("Ctrl-C (SIGINT)", 130);
        }
    }

    [Fact]
    public void A_stop_request_keeps_the_log_of_the_steps_taken_and_writes_no_model()
    {
        using var folder = new TempDirectory();
        var save = folder.Write("m.json", "old model");
        using var stop = new StopRequest();
        var stdout = new StopWhenTraining(stop);
        var stderr = new StringWriter();
        var output = new CliOutput(stdout, stderr) { Stop = stop };
        var code = CliApp.Run(["train", "--steps", "1000", "--log", folder.File("log.jsonl"), "--save", save], output);

        Assert.True(code == 130, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Equal($"error: stopped by Ctrl-C (SIGINT) after step 1 of 1000: the log {folder.File("log.jsonl")} has those steps; the model was not saved\n", stderr.ToString());
        var log = CliFixtures.ReadLog(folder.File("log.jsonl"));
        Assert.Equal([1], log.Select(l => l.Step));
        Assert.Equal("old model", File.ReadAllText(save));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_to_the_real_process_stops_it_with_whole_log_lines(string signal, int exitCode)
    {
        using var folder = new TempDirectory();
        var log = folder.File("log.jsonl");
        using var process = Tool.Start(null, "train", "--steps", "2000000", "--log", log, "--save", folder.File("m.json"));
        var stderr = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync();
        Assert.StartsWith("training ", first);
        var rest = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500); // some steps
        using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(60_000);
        await process.WaitForExitAsync(timeout.Token);

        var error = await stderr;
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}\n{await rest}\n{error}");
        Assert.Matches($"^error: stopped by .*SIG{signal}.* after step [0-9]+ of 2000000: the log .* has those steps; the model was not saved\n$", error);
        var steps = CliFixtures.ReadLog(log).Select(l => l.Step).ToList();
        Assert.NotEmpty(steps);
        Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        Assert.False(File.Exists(folder.File("m.json")));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void On_a_terminal_a_stop_shows_the_cursor_again()
    {
        // script(1) gives the tool a pseudo-terminal, so it draws its live progress bar with the cursor hidden; timeout sends
        // SIGTERM after a few seconds of training
        if (!File.Exists("/usr/bin/script") || !File.Exists("/usr/bin/timeout")) return;
        var r = Tool.RunShell("script -qfec \"timeout --preserve-status -s TERM 6 $MICROGRAD train --steps 2000000\" /dev/null; echo \"exit $?\"");
        Assert.True(r.Out.EndsWith("exit 143\n", StringComparison.Ordinal), r.ToString());
        var hidden = r.Out.LastIndexOf("\u001b[?25l", StringComparison.Ordinal);
        Assert.True(hidden >= 0, "the progress bar hides the cursor on a terminal");
        Assert.True(r.Out.IndexOf("\u001b[?25h", hidden, StringComparison.Ordinal) > hidden, "the cursor is shown again");
        Assert.Contains("error: stopped by SIGTERM after step ", r.Out);
    }
}
