using System.Globalization;
using System.Text.RegularExpressions;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// The GPT page's graph of one position (<see cref="GptPositionGraph"/>): its picture, each dot product one box named by
/// <see cref="GptDotNames"/>, laid out by Graphviz and made smaller for the page, and its model for the page
/// (<see cref="GptPositionJson"/>); or, when it cannot be in the page, why.
/// </summary>
internal static class GptPositionPicture
{
    /// <summary>
    /// The graph of one position's loss of the document of the run's first step (<see cref="GptPositionGraph"/>), laid out by
    /// Graphviz: the picture with each dot product drawn as one box (the full picture of the values nearest the loss is laid out in
    /// the page), and its model for the page. Without Graphviz, or when Graphviz fails or the graph is too large, the page
    /// is made without it and says why.
    /// </summary>
    public static (string Layout, string Json) Of(GptRunRecorder run, GraphvizOptions? graphviz)
    {
        var model = run.Trainer.Model;
        var document = run.StepDocuments[0];
        var tokens = run.Tokenizer.EncodeDocument(document);
        var copy = new NN.Gpt.Gpt(model.Config, model.VocabularySize, (_, _, _) => 0.0);
        for (var j = 0; j < copy.Parameters.Count; j++) copy.Parameters[j].Data = model.Parameters[j].Data;
        var position = GptPositionGraph.ForPage(copy, tokens);
        var graph = position.Graph;
        if (graph.Nodes.Count > MaxPositionValues)
            return ("", Missing(string.Create(CultureInfo.InvariantCulture, $"The graph of one position's loss has {graph.Nodes.Count:N0} values for this model (more than {MaxPositionValues:N0}, the most the page draws), so it is not in the page.")));
        graph.Root.Backward();
        var (groups, names) = GptDotNames.Of(position, copy, GptPositionGraph.DotProducts(graph));
        // Straight edges: a dot product's inputs fan into many boxes, and a curve for each would make the page much larger.
        // One pass of network simplex for the ranks and the places (nslimit, nslimit1): dot's layout of the default model's
        // 7,000 edges takes 3.5 s instead of 8.7 s, a little wider (19,100 → 21,400 points), its crossings as few as before.
        var dot = NeuronDot.Write(graph, groups, "TB").Replace("  node [shape=record];", "  graph [splines=line, nslimit=1, nslimit1=1];\n  node [shape=record];", StringComparison.Ordinal);
        string svg;
        try
        {
            svg = SvgLayout.Render(dot, graphviz);
        }
        catch (GraphvizNotFoundException)
        {
            return ("", Missing("Graphviz's dot, which lays out the graph of one position's loss, was not found when this page was made, so the graph is not in it: install Graphviz and make the page again."));
        }
        catch (GraphvizException e)
        {
            return ("", Missing("Graphviz could not lay out the graph of one position's loss (" + e.Message + "), so it is not in the page."));
        }
        var layout = GraphViewParts.Template(GraphViewParts.Neurons, Compact(svg));
        return (layout, GptPositionJson.Write(position, document, graph.NearestToRoot(TrainingPage.MaxDrawnNodes), groups, names));
    }

    /// <summary>The most values of the graph of one position the page holds (a width-32 model's position 0 has 27,335).</summary>
    internal const int MaxPositionValues = 40_000;

    /// <summary>The page's position when its graph is not in it: why, which the panel says.</summary>
    private static string Missing(string why)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("missing", why);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Graphviz's SVG made smaller for the page, keeping what the graph view reads (each group's id and class, the texts, a
    /// record's polygon, the title of each edge from an op to its value): no comments nor other titles, coordinates of
    /// paths and polygons to whole units (a polygon's last point, its first again, dropped), and the edges' and texts' presentation
    /// (black lines, Times 14) set by gpt.css.
    /// </summary>
    internal static string Compact(string svg)
    {
        svg = s_comment.Replace(svg, "");
        svg = s_title.Replace(svg, match => s_opEdge.IsMatch(match.Value) ? match.Value : "");
        svg = svg.Replace(" font-family=\"Times,serif\" font-size=\"14.00\"", "", StringComparison.Ordinal)
            .Replace("<path fill=\"none\" stroke=\"black\" d=", "<path d=", StringComparison.Ordinal)
            .Replace("<polygon fill=\"black\" stroke=\"black\" points=", "<polygon points=", StringComparison.Ordinal);
        svg = s_coordinates.Replace(svg, match => match.Groups[1].Value + "=\"" +
            s_decimal.Replace(match.Groups[2].Value, d => Math.Round(double.Parse(d.Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)) + "\"");
        // A polygon closes itself: Graphviz's last point, the first again, is dropped.
        svg = s_closed.Replace(svg, "$1\"");
        // A straight edge (the picture's splines are lines) is one cubic whose control points lie on it: a line says the same.
        svg = s_straight.Replace(svg, "d=\"M$1L$2\"");
        return svg.Replace(">\n<", "><", StringComparison.Ordinal);
    }

    private static readonly Regex s_comment = new("<!--.*?-->\n?", RegexOptions.Compiled);
    private static readonly Regex s_title = new("<title>[^<]*</title>\n?", RegexOptions.Compiled);
    private static readonly Regex s_opEdge = new("<title>n\\d+_op&#45;&gt;n\\d+</title>", RegexOptions.Compiled);
    private static readonly Regex s_coordinates = new("\\b(d|points)=\"([^\"]*)\"", RegexOptions.Compiled);
    private static readonly Regex s_closed = new("(points=\"(-?\\d+,-?\\d+) [^\"]*?) \\2\"", RegexOptions.Compiled);
    private static readonly Regex s_straight = new("d=\"M(-?\\d+,-?\\d+)C-?\\d+,-?\\d+ -?\\d+,-?\\d+ (-?\\d+,-?\\d+)\"", RegexOptions.Compiled);
    private static readonly Regex s_decimal = new("-?\\d+\\.\\d+", RegexOptions.Compiled);
}
