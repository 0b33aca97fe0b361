using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Micrograd.Tests.Docs;

/// <summary>
/// The README stays short and keeps the test command CI runs; every relative link of the README, CONTRIBUTING.md and the
/// guide (docs/) reaches an existing file, and an existing heading when it names one; the site's pages link only to what
/// the site carries; and every page of the guide is in its navigation.
/// </summary>
public partial class DocsTests
{
    /// <summary>The Markdown files whose links are checked, relative to the repository's root.</summary>
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md", "CONTRIBUTING.md" };
        foreach (var file in Directory.EnumerateFiles(Repository.File("docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            pages.Add(Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'));
        return pages;
    }

    private static string Read(string relative) => File.ReadAllText(Repository.File(relative)).ReplaceLineEndings("\n");

    [Fact]
    public void The_readme_has_fewer_than_250_lines()
    {
        var lines = Read("README.md").TrimEnd('\n').Split('\n').Length;
        Assert.True(lines < 250, $"README.md has {lines} lines; move the details into a page of docs/");
    }

    [Fact]
    public void The_readmes_test_command_is_the_one_ci_runs()
    {
        // .ci/run: "# The README's test command:" and, on the next line, the command
        var ci = Read(".ci/run").Split('\n');
        var at = Array.FindIndex(ci, line => line.StartsWith("# The README's test command", StringComparison.Ordinal));
        Assert.True(at >= 0, ".ci/run no longer says which line is the README's test command");
        var command = ci[at + 1].Trim();
        Assert.Equal("dotnet test", command);

        var readme = Read("README.md");
        var setUp = readme[readme.IndexOf("## Set-up", StringComparison.Ordinal)..];
        var block = FencedBlock().Match(setUp);
        Assert.True(block.Success, "the README's Set-up has no ```sh block");
        var commands = block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('#')[0].Trim()).ToList();
        Assert.Equal(["dotnet run --project src/Micrograd.Cli -- neuron", command], commands);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_reaches_an_existing_file_and_heading(string page)
    {
        var problems = new List<string>();
        var folder = Path.GetDirectoryName(Repository.File(page))!;
        var siteCarries = page != "CONTRIBUTING.md";
        foreach (var target in Links(Read(page)))
        {
            if (IsExternal(target)) continue;
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var (path, anchor) = hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
            var file = path.Length == 0 ? Repository.File(page) : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(path)));
            if (!File.Exists(file))
            {
                problems.Add($"{target}: no such file{(Directory.Exists(file) ? " (a folder: the site cannot link to it)" : "")}");
                continue;
            }
            var relative = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
            if (siteCarries && !OnTheSite(relative))
                problems.Add($"{target}: the site does not carry {relative}; name it in code instead of linking to it");
            if (anchor is not null && (!relative.EndsWith(".md", StringComparison.Ordinal) || !Anchors(Read(relative)).Contains(anchor)))
                problems.Add($"{target}: {relative} has no heading whose anchor is '{anchor}'");
        }
        Assert.True(problems.Count == 0, $"{page}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Every_page_of_the_guide_is_in_its_navigation()
    {
        var toc = Read("docs/toc.yml");
        var listed = TocHref().Matches(toc).Select(m => m.Groups["href"].Value).ToList();
        foreach (var href in listed) Assert.True(File.Exists(Repository.File("docs/" + href)), $"docs/toc.yml lists {href}, which does not exist");
        var pages = Directory.EnumerateFiles(Repository.File("docs"), "*.md").Select(file => Path.GetFileName(file)).ToList();
        Assert.All(pages, name => Assert.Contains(name, listed));
        Assert.Equal("../README.md", listed[0]);
    }

    [Fact]
    public void Anchors_are_made_as_github_makes_them()
    {
        Assert.Equal(
            ["the-micrograd-tool", "micrograd-explore-watch-the-chain-rule", "speed-eager-and-compiled", "set-up", "set-up-1", "a_b-c"],
            Anchors("# The `micrograd` tool\n## `micrograd explore`: watch the chain rule\n```\n# not a heading\n```\n### Speed: eager and compiled\n## Set-up\n## Set-up\n## A_b C\n"));
        Assert.Equal(["a.md#x", "images/p.png", "#y"], Links("[a](a.md#x) `[b](b.md)` ![p](images/p.png)\n```\n[c](c.md)\n```\n[**y**](#y)"));
    }

    private static bool IsExternal(string target) => target.Contains(':', StringComparison.Ordinal);

    /// <summary>What the documentation site (docfx.json) builds: the README, the changelog, the guide and its pictures, the site's own pages.</summary>
    private static bool OnTheSite(string relative) =>
        relative is "README.md" or "CHANGELOG.md"
        || (relative.StartsWith("docs/", StringComparison.Ordinal) && relative.EndsWith(".md", StringComparison.Ordinal))
        || relative.StartsWith("docs/images/", StringComparison.Ordinal);

    /// <summary>The targets of a Markdown text's links and images, leaving out code blocks and code spans.</summary>
    public static List<string> Links(string markdown)
    {
        var prose = CodeSpan().Replace(WithoutFencedBlocks(markdown), "");
        return Link().Matches(prose).Select(m => m.Groups["target"].Value).ToList();
    }

    /// <summary>The anchors of a Markdown text's headings, made as GitHub makes them (and docfx, for these headings).</summary>
    public static List<string> Anchors(string markdown)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in WithoutFencedBlocks(markdown).Split('\n'))
        {
            var heading = Heading().Match(line);
            if (!heading.Success) continue;
            var slug = new StringBuilder();
            foreach (var c in heading.Groups["text"].Value.Trim().ToLowerInvariant())
            {
                if (c == ' ') slug.Append('-');
                else if (c is '-' or '_' || char.IsLetterOrDigit(c)) slug.Append(c);
            }
            var anchor = slug.ToString();
            if (seen.TryGetValue(anchor, out var count))
            {
                seen[anchor] = count + 1;
                anchor = string.Create(CultureInfo.InvariantCulture, $"{anchor}-{count + 1}");
            }
            else
            {
                seen[anchor] = 0;
            }
            anchors.Add(anchor);
        }
        return anchors;
    }

    private static string WithoutFencedBlocks(string markdown)
    {
        var kept = new StringBuilder();
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            else if (!inFence) kept.Append(line).Append('\n');
        }
        return kept.ToString();
    }

    [GeneratedRegex(@"```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"(`+).+?\1", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[[^\[\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"href:\s*(?<href>\S+)")]
    private static partial Regex TocHref();
}
