namespace Micrograd.Cli.Tests.Support;

/// <summary>
/// Reads help as System.CommandLine lays it out: sections ("Options:", "Commands:", …) of two-column rows, indented by two
/// spaces, each row's description wrapped onto lines indented to the second column.
/// </summary>
public static class HelpText
{
    /// <summary>The rows of a section, in order: the first column (<c>--steps &lt;N&gt;</c>) and the description, its
    /// wrapped lines joined by single spaces.</summary>
    public static List<(string First, string Description)> Rows(string help, string section)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, section);
        Assert.True(start >= 0, $"no '{section}' in the help:\n{help}");
        var rows = new List<(string First, string Description)>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.Length > 0))
        {
            Assert.StartsWith("  ", line);
            if (line[2] != ' ')
            {
                var gap = line.IndexOf("  ", 2, StringComparison.Ordinal);
                rows.Add(gap < 0 ? (line[2..], "") : (line[2..gap], line[gap..].Trim()));
            }
            else
            {
                Assert.NotEmpty(rows);
                rows[^1] = (rows[^1].First, $"{rows[^1].Description} {line.Trim()}");
            }
        }
        return rows;
    }

    /// <summary>The description of the one row of a section whose first column is <paramref name="first"/>.</summary>
    public static string Row(string help, string section, string first) => Assert.Single(Rows(help, section), r => r.First == first).Description;

    /// <summary>The description of an option's row in the "Options:" section.</summary>
    public static string Option(string help, string first) => Row(help, "Options:", first);
}
