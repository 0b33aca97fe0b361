using System.Text.RegularExpressions;

namespace Micrograd.Examples.Tests;

/// <summary>
/// examples/expected/NAME.txt: the lines an example must print and the files it must write, read here and by
/// .ci/package-check (which runs every example from the packages), so that both check the same things. Each line that is
/// neither blank nor a <c>#</c> comment is a line of the output, whole (leading spaces included), in which <c>*</c> stands for
/// any text; a <c>file: NAME</c> line is a file the example writes into its current folder.
/// </summary>
public sealed class ExpectedOutput
{
    private const string FilePrefix = "file: ";

    private ExpectedOutput(IReadOnlyList<string> lines, IReadOnlyList<string> files)
    {
        Lines = lines;
        Files = files;
    }

    /// <summary>The output's lines, as written (<c>*</c> for any text).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The files the example writes.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The path of the expectations for examples/<paramref name="example"/> (NAME.cs).</summary>
    public static string PathOf(string example) => Repository.File("examples/expected/" + Path.ChangeExtension(example, ".txt"));

    public static ExpectedOutput Of(string example)
    {
        var lines = new List<string>();
        var files = new List<string>();
        foreach (var line in File.ReadAllLines(PathOf(example)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith(FilePrefix, StringComparison.Ordinal)) files.Add(line[FilePrefix.Length..]);
            else lines.Add(line);
        }
        return new ExpectedOutput(lines, files);
    }

    /// <summary>Whether <paramref name="outputLine"/> is <paramref name="expected"/>, each <c>*</c> of it any text (as
    /// .ci/package-check's <c>grep -x</c> with each <c>*</c> made <c>.*</c>).</summary>
    public static bool Matches(string expected, string outputLine) =>
        Regex.IsMatch(outputLine, "^" + string.Join(".*", expected.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
}
