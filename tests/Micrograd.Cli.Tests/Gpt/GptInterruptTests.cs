using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Micrograd.Cli.Io;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests.Gpt;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM while gpt trains: the run stops after the step under way, the --log file is kept with whole
/// lines only (every line parses, steps 1 to n), the model is not saved (an old file stays as it was), no names are sampled,
/// and the exit code is 128 + the signal's number, with one line on stderr.
/// </summary>
public class GptInterruptTests
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

    /// <summary>The steps of a gpt --log file, each line checked to be a whole object of step, loss and lr.</summary>
    private static List<int> LoggedSteps(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(["step", "loss", "lr"], document.RootElement.EnumerateObject().Select(p => p.Name));
            return document.RootElement.GetProperty("step").GetInt32();
        }).ToList();

    [Fact]
    public void A_stop_request_keeps_the_log_of_the_steps_taken_and_writes_no_model_and_no_names()
    {
        using var folder = new TempDirectory();
        var save = folder.Write("m.json", "old model");
        using var stop = new StopRequest();
        var stdout = new StopWhenTraining(stop);
        var stderr = new StringWriter();
        var output = new CliOutput(stdout, stderr) { Stop = stop };
        var code = CliApp.Run(["gpt", "--log", folder.File("log.jsonl"), "--save", save], output);

        Assert.True(code == 130, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Equal($"error: stopped by Ctrl-C (SIGINT) after step 1 of 1000: the log {folder.File("log.jsonl")} has those steps; the model was not saved and no names were sampled\n",
            stderr.ToString());
        Assert.Equal([1], LoggedSteps(folder.File("log.jsonl")));
        Assert.Equal("{\"step\": 1, \"loss\": 3.3659669475848504, \"lr\": 0.01}\n", File.ReadAllText(folder.File("log.jsonl")));
        Assert.Equal("old model", File.ReadAllText(save));
        Assert.DoesNotContain("sample", stdout.ToString());
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void Without_a_log_a_stop_says_only_what_was_not_done()
    {
        using var stop = new StopRequest();
        var stdout = new StopWhenTraining(stop);
        var stderr = new StringWriter();
        var code = CliApp.Run(["gpt", "--engine", "eager"], new CliOutput(stdout, stderr) { Stop = stop });
        Assert.Equal(130, code);
        Assert.Equal("error: stopped by Ctrl-C (SIGINT) after step 1 of 1000; no names were sampled\n", stderr.ToString());
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_to_the_real_process_stops_it_with_whole_log_lines(string signal, int exitCode)
    {
        using var folder = new TempDirectory();
        var log = folder.File("log.jsonl");
        var save = folder.Write("m.json", "old model");
        using var process = Tool.Start(null, "gpt", "--steps", "2000000", "--log", log, "--save", save);
        var stderr = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync();
        Assert.StartsWith("training a GPT ", first);
        var rest = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500); // some steps
        using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(60_000);
        await process.WaitForExitAsync(timeout.Token);

        var error = await stderr;
        var output = await rest;
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}\n{output}\n{error}");
        Assert.Matches($"^error: stopped by .*SIG{signal}.* after step [0-9]+ of 2000000: the log .* has those steps; the model was not saved and no names were sampled\n$", error);
        var steps = LoggedSteps(log);
        Assert.NotEmpty(steps);
        Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        Assert.Contains($"after step {steps.Count} of 2000000", error);
        Assert.DoesNotContain("sample", output);
        Assert.Equal("old model", File.ReadAllText(save));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void Training_into_a_pipe_whose_reader_has_gone_stops_at_once()
    {
        var r = Tool.RunShell("$MICROGRAD gpt --steps 2000000 | head -n 1; echo \"exit ${PIPESTATUS[0]}\"");
        Assert.True(r.Out.EndsWith("exit 141\n", StringComparison.Ordinal), r.ToString());
        Assert.StartsWith("training a GPT", r.Out);
        Assert.Equal("", r.Error);
    }
}
