using System.CommandLine;
using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// The whole help of every command, as approved: Approved/micrograd.txt for <c>micrograd --help</c>,
/// Approved/micrograd-gpt-sample.txt for <c>micrograd gpt sample --help</c>, and so on, compared exactly. Help is 100
/// columns wide whatever the terminal (<see cref="CliOutput.DefaultHelpWidth"/>). After a deliberate change, run the tests
/// with MICROGRAD_APPROVE=1 to rewrite the files, and review their diff.
/// </summary>
public class HelpApprovalTests
{
    private static readonly string Approved = Path.Combine(Repository.Root, "tests", "Micrograd.Cli.Tests", "Approved");

    /// <summary>Every command below the tool, as typed after <c>micrograd</c>: [], [neuron], …, [gpt], [gpt, sample].</summary>
    public static IEnumerable<string[]> CommandPaths()
    {
        IEnumerable<string[]> Walk(Command command, string[] path) =>
            command.Subcommands.SelectMany(c => Walk(c, [.. path, c.Name])).Prepend(path);
        return Walk(CliApp.CreateRoot(new CliOutput(TextWriter.Null, TextWriter.Null)), []);
    }

    public static TheoryData<string> Commands() => [.. CommandPaths().Select(p => string.Join(' ', p))];

    private static string FileOf(string command) => Path.Combine(Approved, string.Join('-', ["micrograd", .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)]) + ".txt");

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_is_as_approved(string command)
    {
        var r = Tool.Run([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.True(r.ExitCode == 0 && r.Error == "", r.ToString());
        var help = r.Out.ReplaceLineEndings("\n");
        var file = FileOf(command);
        if (Environment.GetEnvironmentVariable("MICROGRAD_APPROVE") is { Length: > 0 })
        {
            File.WriteAllText(file, help);
        }
        Assert.True(File.Exists(file), $"no approved help for 'micrograd {command}': run the tests with MICROGRAD_APPROVE=1 to write {file}");
        Assert.Equal(File.ReadAllText(file).ReplaceLineEndings("\n"), help);
    }

    [Fact]
    public void Every_approved_file_is_a_commands_help() =>
        Assert.Equal(CommandPaths().Select(p => FileOf(string.Join(' ', p))).Order(StringComparer.Ordinal),
            Directory.GetFiles(Approved, "*.txt").Order(StringComparer.Ordinal));

    [Fact]
    public void Help_in_a_pipe_is_the_approved_help()
    {
        // a real process whose stdout is a pipe: the width of help in a file, under the tool's name (not Micrograd.Cli)
        var r = Tool.RunProcess("gpt", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(File.ReadAllText(FileOf("gpt")).ReplaceLineEndings("\n"), r.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Help_has_no_line_wider_than_its_width_and_no_space_at_a_lines_end()
    {
        foreach (var path in CommandPaths())
        {
            foreach (var line in Tool.Run([.. path, "--help"]).Out.Split('\n'))
            {
                Assert.True(line.Length <= CliOutput.DefaultHelpWidth, $"too wide: {line}");
                Assert.False(line.EndsWith(' '), $"a space at the end: '{line}'");
            }
        }
    }

    [Fact]
    public void Help_follows_a_narrower_width()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CliApp.Run(["gpt", "sample", "--help"], new CliOutput(stdout, TextWriter.Null) { HelpWidth = 60 }));
        Assert.All(stdout.ToString().Split('\n'), line => Assert.True(line.Length <= 60, line));
        Assert.Contains(stdout.ToString().Split('\n'), line => line.Length > 50);
        Assert.Equal(HelpText.Rows(Tool.Run("gpt", "sample", "--help").Out, "Options:"), HelpText.Rows(stdout.ToString(), "Options:"));
    }

    /// <summary>
    /// One scheme for values and defaults: &lt;FILE&gt; for a file, &lt;N&gt; for a whole number, &lt;X&gt; for a number, the
    /// choices for a choice (and a few values of their own form); a default once, as [default: …] at the end.
    /// </summary>
    [Fact]
    public void Every_option_shows_its_value_and_its_default_one_way()
    {
        string[] others = ["<SIZES>", "<TEXT>", "<NAMES>", "<NAME=NUMBER,...>"];
        foreach (var path in CommandPaths())
        {
            foreach (var (first, description) in HelpText.Rows(Tool.Run([.. path, "--help"]).Out, "Options:"))
            {
                var parts = first.Replace(" (REQUIRED)", "", StringComparison.Ordinal).Split(' ');
                var value = parts[^1];
                if (value.StartsWith('<'))
                {
                    Assert.True(value is "<FILE>" or "<N>" or "<X>" || value.Contains('|', StringComparison.Ordinal) || others.Contains(value),
                        $"micrograd {string.Join(' ', path)} {first}: the value is not <FILE>, <N>, <X> or a choice");
                }
                var where = $"micrograd {string.Join(' ', path)} {first}: {description}";
                Assert.DoesNotContain("Default", description, StringComparison.Ordinal);
                Assert.DoesNotContain("(default", description, StringComparison.Ordinal);
                var defaults = description.Split("[default: ").Length - 1;
                Assert.True(defaults <= 1, where);
                if (defaults == 1) Assert.EndsWith("]", description);
            }
        }
    }
}
