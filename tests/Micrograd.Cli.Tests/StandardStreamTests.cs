using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// Broken standard streams, with the real process under bash: an unwritable or closed stderr or stdout is exit code 2
/// (never an abort or "internal error"), and a pipe closed by its reader (<c>train | head</c>) stops the run at once with
/// exit code 141 (128 + SIGPIPE), silently, as Unix tools do.
/// </summary>
public class StandardStreamTests
{
    [Theory]
    [InlineData("$MICROGRAD grad 'x +' 2>/dev/full")]
    [InlineData("$MICROGRAD grad 'x +' 2>&-")]
    [InlineData("$MICROGRAD grad x x=1 >/dev/full 2>/dev/full")]
    [InlineData("$MICROGRAD train --data missing.csv 2>&-")]
    public void An_error_with_an_unwritable_stderr_is_still_exit_code_2(string commandLine)
    {
        var r = Tool.RunShell(commandLine + "; echo \"exit $?\"");
        Assert.EndsWith("exit 2\n", r.Out);
    }

    [Theory]
    [InlineData("$MICROGRAD grad x x=1 >&-")]
    [InlineData("$MICROGRAD grad x x=1 >/dev/full")]
    [InlineData("$MICROGRAD neuron >&-")]
    public void An_unwritable_or_closed_stdout_is_exit_code_2_with_one_line(string commandLine)
    {
        var r = Tool.RunShell(commandLine + "; echo \"exit $?\" >&2");
        Assert.True(r.Error.EndsWith("exit 2\n", StringComparison.Ordinal), r.ToString());
        var lines = r.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: cannot write the standard output: ", lines[0]);
    }

    [Fact]
    public void Output_appended_to_a_file_keeps_what_was_there()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("out.txt", "old text\n");
        var r = Tool.RunShell($"$MICROGRAD grad x x=1 >> '{path}'; echo \"exit $?\"");
        Assert.True(r.Out == "exit 0\n", r.ToString());
        var text = File.ReadAllText(path);
        Assert.StartsWith("old text\nvalue = 1\n", text);
        Assert.Contains("│ x ", text);
    }

    [Fact]
    public void Output_into_a_file_shared_with_other_writers_continues_where_they_left_off()
    {
        // the shell's file offset is shared: the tool writes after "before", and "after" comes after the tool's output
        using var temp = new TempDirectory();
        var path = temp.File("out.txt");
        var r = Tool.RunShell($"{{ echo before; $MICROGRAD grad x x=1; echo after; }} > '{path}'; echo \"exit $?\"");
        Assert.True(r.Out == "exit 0\n", r.ToString());
        var lines = File.ReadAllLines(path);
        Assert.Equal("before", lines[0]);
        Assert.Equal("value = 1", lines[1]);
        Assert.Equal("after", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("│ x ", StringComparison.Ordinal));
    }

    [Fact]
    public void Training_into_a_pipe_whose_reader_has_gone_stops_at_once()
    {
        // 2,000,000 steps take minutes; head reads the first line and leaves, and the run must stop right after
        var r = Tool.RunShell("$MICROGRAD train --steps 2000000 | head -n 1; echo \"exit ${PIPESTATUS[0]}\"");
        Assert.True(r.Out.EndsWith("exit 141\n", StringComparison.Ordinal), r.ToString());
        Assert.StartsWith("training MLP", r.Out);
        Assert.Equal("", r.Error);
    }
}
