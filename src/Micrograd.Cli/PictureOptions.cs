using System.CommandLine;
using System.Globalization;
using Micrograd.Graphs;

namespace Micrograd.Cli;

/// <summary>
/// The options that draw a command's graph: <c>--dot FILE</c> (DOT text), one of <c>--svg</c>, <c>--png</c>, <c>--pdf FILE</c>
/// (rendered by Graphviz's dot), <c>--rankdir TB|LR</c> and <c>--max-nodes N</c>.
/// </summary>
internal sealed class PictureOptions
{
    private readonly Option<string?> _dot = OptionParsers.File("--dot", "Write the graph as Graphviz DOT text to FILE.");
    private readonly Option<string?> _svg = OptionParsers.File("--svg", "Draw the graph as SVG to FILE (needs Graphviz's dot).");
    private readonly Option<string?> _png = OptionParsers.File("--png", "Draw the graph as PNG to FILE (needs Graphviz's dot).");
    private readonly Option<string?> _pdf = OptionParsers.File("--pdf", "Draw the graph as PDF to FILE (needs Graphviz's dot).");

    // a string rather than the enum, so that help shows the default as it is typed: [default: LR]
    private readonly Option<string> _rankdir = RankdirOption();

    private readonly Option<int> _maxNodes = new("--max-nodes")
    {
        Description = "Draw at most N values, those nearest the result, with a note of what was left out.",
        HelpName = OptionParsers.CountValue,
        DefaultValueFactory = _ => DotOptions.DefaultMaxNodes,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
            result.AddError($"--max-nodes must be a whole number from 1 to {int.MaxValue}, not '{text}'");
            return DotOptions.DefaultMaxNodes;
        },
    };

    private PictureOptions()
    {
    }

    private static Option<string> RankdirOption()
    {
        string[] directions = ["LR", "TB"];
        var option = new Option<string>("--rankdir")
        {
            Description = "Direction of the picture: LR (left to right) or TB (top to bottom).",
            HelpName = string.Join('|', directions),
            DefaultValueFactory = _ => directions[0],
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (directions.Contains(text.ToUpperInvariant())) return text.ToUpperInvariant();
                result.AddError($"--rankdir must be LR or TB, not '{text}'");
                return directions[0];
            },
        };
        option.CompletionSources.Add(directions);
        return option;
    }

    /// <summary>Adds the options to <paramref name="command"/>, refusing more than one of --svg, --png and --pdf.</summary>
    public static PictureOptions AddTo(Command command)
    {
        var options = new PictureOptions();
        foreach (var option in new Option[] { options._dot, options._svg, options._png, options._pdf, options._rankdir, options._maxNodes })
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            var given = new[] { options._svg, options._png, options._pdf }.Where(o => result.GetResult(o) is not null).Select(o => o.Name).ToList();
            if (given.Count > 1) result.AddError($"{string.Join(" and ", given)} cannot be used together: draw one picture at a time");
        });
        return options;
    }

    /// <summary>The direction (<c>--rankdir</c>) and the cap on drawn values (<c>--max-nodes</c>) asked for; other drawings use them too.</summary>
    public (RankDirection Direction, int MaxNodes) Layout(ParseResult parse) =>
        (parse.GetValue(_rankdir) == "TB" ? RankDirection.TopToBottom : RankDirection.LeftToRight, parse.GetValue(_maxNodes));

    /// <summary>The output files asked for, with their options.</summary>
    public IEnumerable<(string Option, string? Path)> Outputs(ParseResult parse) => Requested(parse).Select(r => (r.Option, (string?)r.Path));

    /// <summary>Checks that every output file can be written, before any work is done.</summary>
    public void Check(ParseResult parse)
    {
        foreach (var (option, path) in Requested(parse)) UserFiles.CheckWritable(path, option);
    }

    /// <summary>Writes the pictures that were asked for; does nothing when none was. A picture that cannot be drawn (dot
    /// missing, failing or too slow) has its DOT text written next to it (<see cref="Graphviz.DotFileFor"/>), but never over
    /// one of <paramref name="keep"/> (the inputs and the other outputs).</summary>
    /// <exception cref="UsageException">A file cannot be written.</exception>
    /// <exception cref="GraphvizNotFoundException">dot is not on PATH (the DOT text is written next to the picture).</exception>
    /// <exception cref="GraphvizException">dot failed.</exception>
    public void Write(ParseResult parse, Value root, CliOutput output, params (string Option, string? Path)[] keep)
    {
        var requested = Requested(parse).ToList();
        if (requested.Count == 0) return;

        var (direction, maxNodes) = Layout(parse);
        var text = DotWriter.Write(root, new DotOptions { RankDirection = direction, MaxNodes = maxNodes });
        var dotOutput = parse.GetValue(_dot);
        if (requested.Any(r => r.Option != _dot.Name)) CheckLayoutSize(text, maxNodes);
        foreach (var (option, path) in requested)
        {
            // each file replaced at once (AtomicFile): never half-written
            if (option == _dot.Name) UserFiles.WriteText(path, option, text);
            else UserFiles.Write(path, option, () => Draw(text, path, FormatOf(option), output, dotOutput, keep));
        }
    }

    /// <summary>Draws one picture, or writes its DOT text in its stead (<see cref="Graphviz.RenderToFile"/>'s fallback, with
    /// the same-file check of every output).</summary>
    private static void Draw(string text, string path, GraphFormat format, CliOutput output, string? dotOutput, (string Option, string? Path)[] keep)
    {
        byte[] picture;
        try
        {
            picture = Graphviz.Render(text, format, output.Graphviz);
        }
        catch (GraphvizException e)
        {
            var dotFile = Graphviz.DotFileFor(path);
            // as the library's fallback says it: a missing dot also says how to draw the file later
            var render = e is GraphvizNotFoundException ? $"; render it later with: dot -T{Graphviz.FormatName(format)} \"{dotFile}\" -o \"{path}\"" : "";
            string fallback;
            if (keep.FirstOrDefault(k => k.Path is not null && UserFiles.SameFile(dotFile, k.Path)) is { Path: not null } kept)
            {
                fallback = $"the DOT text was not written to '{dotFile}': it is the {kept.Option} {(kept.Option == "--expr-file" ? "input" : "output")}; write it with --dot FILE";
            }
            else if (dotOutput is not null && UserFiles.SameFile(dotFile, dotOutput))
            {
                // --dot e.dot --svg e.svg: the same text goes to the same file
                fallback = $"the DOT text was written to '{dotFile}'{render}";
            }
            else
            {
                var replaced = File.Exists(dotFile);
                AtomicFile.WriteAllText(dotFile, text);
                fallback = $"the DOT text was written to '{dotFile}'{(replaced ? ", replacing the file that was there" : "")}{render}";
            }
            if (e is GraphvizNotFoundException) throw new GraphvizNotFoundException($"{e.Message}. {char.ToUpperInvariant(fallback[0])}{fallback[1..]}", dotFile);
            throw new GraphvizException($"{e.Message}; {fallback}", e.ExitCode, e.StandardError, e);
        }
        AtomicFile.WriteAllBytes(path, picture);
    }

    /// <summary>
    /// The most nodes and edges (records, ops, copies and arrows) a rendered picture may have. Graphviz's dot takes time
    /// that grows faster than the square of this (about 10 s for 5,500, 2 minutes for 11,000); the default
    /// <c>--max-nodes</c> of 1,000 values never draws more than about 7,000.
    /// </summary>
    internal const int MaxLayoutSize = 8000;

    /// <summary>
    /// Estimates dot's work from the DOT text before dot is run, and refuses a picture too large to lay out in reasonable
    /// time, rather than waiting minutes for dot to fail.
    /// </summary>
    /// <exception cref="UsageException">The picture is too large.</exception>
    internal static void CheckLayoutSize(string dot, int maxNodes)
    {
        int nodes = 0, edges = 0, values = 0;
        foreach (var line in dot.AsSpan().EnumerateLines())
        {
            if (line.Contains(" -> ", StringComparison.Ordinal)) edges++;
            else if (line.Contains("[id=\"", StringComparison.Ordinal))
            {
                nodes++;
                var head = line.TrimStart();
                var name = head[..Math.Max(0, head.IndexOf(' '))];
                if (name.Length > 1 && name[0] == 'n' && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out _)) values++;
            }
        }
        var size = nodes + edges;
        if (size <= MaxLayoutSize) return;
        var fewer = Math.Max(1, (int)Math.Min(maxNodes, (long)values * MaxLayoutSize / size));
        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
            $"the picture of {values:N0} values would have {size:N0} nodes and edges, more than Graphviz's dot lays out in reasonable time ({MaxLayoutSize:N0}); draw fewer values with --max-nodes {fewer}, or write the DOT text alone with --dot"));
    }

    private IEnumerable<(string Option, string Path)> Requested(ParseResult parse)
    {
        foreach (var option in new[] { _dot, _svg, _png, _pdf })
        {
            if (parse.GetValue(option) is { } path) yield return (option.Name, path);
        }
    }

    private GraphFormat FormatOf(string option) =>
        option == _svg.Name ? GraphFormat.Svg : option == _png.Name ? GraphFormat.Png : GraphFormat.Pdf;
}
