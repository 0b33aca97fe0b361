using System.CommandLine;
using System.Globalization;
using Micrograd.Explorer;

namespace Micrograd.Cli;

/// <summary>
/// <c>--html FILE</c>: writes the backpropagation explorer, one self-contained HTML page that steps through the graph's
/// forward and backward passes (<see cref="ExplorerPage"/>). Its layout follows the command's <c>--rankdir</c> and <c>--max-nodes</c>.
/// </summary>
internal sealed class HtmlOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--html";

    private readonly Option<string?> _html;

    private HtmlOption(bool required)
    {
        _html = OptionParsers.File(Name,
            "Write the backpropagation explorer to FILE: one self-contained HTML page (no network needed) that steps " +
            "through the forward and backward passes (needs Graphviz's dot).",
            required);
    }

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="required">Whether the command cannot run without it.</param>
    public static HtmlOption AddTo(Command command, bool required)
    {
        var option = new HtmlOption(required);
        command.Options.Add(option._html);
        return option;
    }

    /// <summary>The file asked for, or null.</summary>
    public string? Path(ParseResult parse) => parse.GetValue(_html);

    /// <summary>The most values an explorer page may hold: its table has a row for each, and the browser tests open a page of this size.</summary>
    internal const int MaxPageValues = 200_000;

    /// <summary>Fails early, before any work, when the file cannot be written.</summary>
    public void Check(ParseResult parse)
    {
        if (Path(parse) is { } path) UserFiles.CheckWritable(path, _html.Name);
    }

    /// <summary>Writes the page when one was asked for. The page is made in full before the file is touched, so a missing
    /// Graphviz leaves no file behind, and the file is replaced at once (never half-written).</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="root">The value whose graph to explore.</param>
    /// <param name="title">The page's title.</param>
    /// <param name="pictures">The picture options (direction, values drawn).</param>
    /// <param name="output">Where Graphviz is.</param>
    /// <param name="titleVariables">Values listed after the title ("at w=0.8"), kept current in the page as they are edited.</param>
    /// <returns>The line to print, "wrote FILE: N values (K not drawn), M steps; open it in a browser", or null when no page was asked for.</returns>
    /// <exception cref="UsageException">The file cannot be written.</exception>
    /// <exception cref="Graphs.GraphvizNotFoundException">dot is not on PATH.</exception>
    /// <exception cref="Graphs.GraphvizException">dot failed.</exception>
    public string? Write(ParseResult parse, Value root, string title, PictureOptions pictures, CliOutput output, IReadOnlyList<Value>? titleVariables = null)
    {
        if (Path(parse) is not { } path) return null;
        var (direction, maxNodes) = pictures.Layout(parse);
        var count = root.TopologicalOrder().Count;
        if (count > MaxPageValues)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"the explorer page of {count:N0} values would be too large for a browser to open (at most {MaxPageValues:N0}); explore a smaller expression"));
        }
        PictureOptions.CheckLayoutSize(Graphs.DotWriter.Write(root, new Graphs.DotOptions { RankDirection = direction, MaxNodes = maxNodes }), maxNodes);
        var html = ExplorerPage.Render(root, new ExplorerOptions
        {
            Title = title,
            TitleVariables = titleVariables ?? [],
            RankDirection = direction,
            MaxDrawnNodes = maxNodes,
            Graphviz = output.Graphviz,
        });
        UserFiles.WriteText(path, _html.Name, html);

        var values = root.TopologicalOrder().Count;
        var notDrawn = values - Math.Min(values, maxNodes);
        return string.Create(CultureInfo.InvariantCulture,
            $"wrote {path}: {Words.Count(values, "value")}{(notDrawn > 0 ? $" ({notDrawn:N0} not drawn)" : "")}, {Words.Count(2 * values, "step")}; open it in a browser");
    }
}
