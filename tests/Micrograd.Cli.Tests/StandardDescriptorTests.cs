using System.Diagnostics;
using System.Globalization;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// The standard descriptors as a shell hands them over, with the real process under bash: standard input read with
/// <c>--expr-file -</c> is an input that no output may replace; a closed standard input or output is refused in one line;
/// <c>/dev/stdout</c> as a named output ends as standard output does when its reader goes; and the signals that end a
/// process stop training as SIGTERM does.
/// </summary>
public class StandardDescriptorTests
{
    [Theory]
    [InlineData("grad --expr-file - x=2 y=3 --dot e.txt", "--dot")]
    [InlineData("explore --expr-file - x=2 y=3 --html e.txt", "--html")]
    [InlineData("export --expr-file - x=2 y=3 --onnx e.txt", "--onnx")]
    public void An_expression_read_from_standard_input_is_an_input_that_no_output_replaces(string arguments, string option)
    {
        using var folder = new TempDirectory();
        var input = folder.Write("e.txt", "x*y");
        var r = Tool.RunShell($"cd '{folder.Path}' && $MICROGRAD {arguments} < e.txt");
        r.AssertRefused($"{option} 'e.txt' is the same file as --expr-file");
        Assert.Equal("x*y", File.ReadAllText(input));

        // a pipe, or another file, is no such input
        var piped = Tool.RunShell($"cd '{folder.Path}' && cat e.txt | $MICROGRAD grad --expr-file - x=2 y=3 --dot other.dot");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.StartsWith("digraph", File.ReadAllText(folder.File("other.dot")));
    }

    [Theory]
    [InlineData("<&- >&-", true)]
    [InlineData(">&-", true)]
    [InlineData("<&- >&- 2>&-", false)]
    public void A_closed_standard_output_is_refused_at_start_in_one_line(string redirections, bool errorShown)
    {
        // with stdin and stdout closed, the runtime's own pipe took descriptors 0 and 1: the output went into it, exit 0
        var r = Tool.RunShell($"$MICROGRAD grad x x=1 {redirections}; echo \"exit $?\" >&2");
        string[] expected = errorShown ? ["error: cannot write the standard output: it is closed", "exit 2"] : ["exit 2"];
        Assert.True(expected.SequenceEqual(r.Error.TrimEnd('\n').Split('\n')), r.ToString());
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_closed_standard_input_is_refused_when_the_expression_is_read_from_it()
    {
        // the runtime's own pipe takes descriptor 0, and reading it waited forever
        var r = Tool.RunShell("$MICROGRAD grad --expr-file - x=1 <&-; echo \"exit $?\"");
        Assert.True(r.Out.EndsWith("exit 2\n", StringComparison.Ordinal), r.ToString());
        Assert.Equal("error: cannot read standard input: it is closed\n", r.Error);

        // a command that does not read it runs
        var other = Tool.RunShell("$MICROGRAD grad x x=1 <&-; echo \"exit $?\"");
        Assert.True(other.Out.EndsWith("exit 0\n", StringComparison.Ordinal), other.ToString());
    }

    [Theory]
    [InlineData("$MICROGRAD train --steps 2000000 --log /dev/stdout")]
    [InlineData("$MICROGRAD neuron --html /dev/stdout")]
    [InlineData("$MICROGRAD explore 'tanh(x*y + 1)' x=1 y=2 --html /dev/stdout")]
    public void An_output_named_dev_stdout_whose_reader_has_gone_ends_as_standard_output_does(string commandLine)
    {
        if (commandLine.Contains("--html", StringComparison.Ordinal) && !Micrograd.Graphs.Graphviz.IsAvailable()) return; // needs Graphviz's dot
        // a page is far larger than a pipe holds, so that head has gone before it is written
        var r = Tool.RunShell(commandLine + " | head -c 10 >/dev/null; echo \"exit ${PIPESTATUS[0]}\"");
        Assert.True(r.Out == "exit 141\n", r.ToString());
        Assert.Equal("", r.Error);
    }

    [Theory]
    [InlineData("HUP", 129)]
    [InlineData("QUIT", 131)]
    [InlineData("USR1", 138)]
    public async Task A_hang_up_quit_or_user_signal_during_training_stops_it_as_SIGTERM_does(string signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux()) return; // SIGUSR1 is 10 on Linux
        using var folder = new TempDirectory();
        var log = folder.File("log.jsonl");
        using var process = Tool.Start(null, "train", "--steps", "2000000", "--log", log, "--save", folder.File("m.json"));
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.StartsWith("training ", await process.StandardOutput.ReadLineAsync());
        Assert.StartsWith("step 1/2000000 ", await process.StandardOutput.ReadLineAsync()); // a step taken: the run watches for signals
        var rest = process.StandardOutput.ReadToEndAsync();
        using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(60_000);
        await process.WaitForExitAsync(timeout.Token);

        var error = await stderr;
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}\n{await rest}\n{error}");
        Assert.Matches($"^error: stopped by SIG{signal}.* after step [0-9]+ of 2000000: the log .* has those steps; the model was not saved\n$", error);
        var steps = CliFixtures.ReadLog(log).Select(l => l.Step).ToList();
        Assert.NotEmpty(steps);
        Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        Assert.Equal(["log.jsonl"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }
}
