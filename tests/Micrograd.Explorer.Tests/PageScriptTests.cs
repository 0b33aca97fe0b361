using System.Text.RegularExpressions;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The pages' scripts stay files of one concern each: none is longer than <see cref="MaxLines"/> lines, and none turns an
/// ESLint rule off (CI lints them with every rule on; each file declares what it takes from the others and gives them). The
/// scripts are read from the resources embedded in Micrograd.Explorer, which are what the pages are made of, and every
/// script in the pages' folder must be one of them.
/// </summary>
public sealed partial class PageScriptTests
{
    private const int MaxLines = 320;

    private static System.Reflection.Assembly Explorer => typeof(ExplorerPage).Assembly;

    /// <summary>The embedded scripts: Page/**/*.js and Twins/Fdlibm.js.</summary>
    private static string[] ScriptNames =>
        [.. Explorer.GetManifestResourceNames().Where(name => name.EndsWith(".js", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Scripts() => new(ScriptNames);

    private static string Text(string name)
    {
        using var stream = Explorer.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    // A comment that turns rules off or configures them: eslint-disable (-line, -next-line) anywhere, or /* eslint rule: … */.
    [GeneratedRegex(@"eslint-disable|/\*\s*eslint\s")]
    private static partial Regex RuleSwitch();

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_page_script_is_short_and_turns_no_lint_rule_off(string name)
    {
        var lines = Text(name).TrimEnd('\n').Split('\n');
        Assert.True(lines.Length <= MaxLines, $"{name} has {lines.Length} lines, more than {MaxLines}: split it into files of one concern each");
        var switches = lines.Select((line, i) => (Line: i + 1, Text: line)).Where(line => RuleSwitch().IsMatch(line.Text)).ToArray();
        Assert.True(switches.Length == 0, $"{name} turns lint rules off or configures them at line {string.Join(", ", switches.Select(s => s.Line))}: " +
            "declare what the file takes and gives with /* global */ and /* exported */, and fix the finding");
    }

    [Fact]
    public void The_rule_sees_every_script_of_both_pages()
    {
        var embedded = ScriptNames.ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Page/explorer.js", embedded);
        Assert.Contains("Page/training.js", embedded);
        Assert.Contains("Page/shared/graph-view.js", embedded);
        Assert.Contains("Twins/Fdlibm.js", embedded);

        // A script left out of the project's EmbeddedResource lines would be in no page, and out of this rule's sight.
        var folder = Repository.File("src/Micrograd.Explorer/Page");
        var files = Directory.EnumerateFiles(folder, "*.js", SearchOption.AllDirectories)
            .Select(path => "Page/" + Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Contains(file, embedded));
    }
}
