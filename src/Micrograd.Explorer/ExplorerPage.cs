using System.Globalization;
using System.Net;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// Writes the backpropagation explorer: one self-contained HTML page that shows a value's graph as the seed draws it and
/// steps through its forward pass (each node's data, in topological order) and its backward pass (the chain rule, node by
/// node in reverse order: each contribution as local derivative × upstream gradient), with play/pause, a speed control,
/// keyboard shortcuts, pan and zoom, a table of every value, and leaves that can be edited, dragged, nudged to check their
/// gradient, or moved by a learning step (the page then recomputes both passes).
/// </summary>
/// <remarks>
/// <para>The page holds everything inline: the picture laid out by Graphviz's <c>dot</c> in both directions when the page is
/// made, the graph as JSON, the style and the script. It opens from disk in any modern browser and makes no network request
/// (its content security policy forbids any).</para>
/// <para>The page recomputes values with each op's JavaScript twin, declared next to the op's C# formulas in the engine, so
/// it follows the engine's semantics, NaN and infinities included. Arithmetic is bit for bit the engine's; exp, log, tanh,
/// sin, cos and pow come from the browser's Math library, which in Chromium gives the same bits as .NET on Linux (the
/// explorer's tests check this) but may differ in the last bit elsewhere. The page shows whether its numbers equal the
/// engine's at the point the page was made.</para>
/// <para>A <see cref="DifferentiableFunction"/> has no JavaScript twin: the page shows the engine's numbers for its nodes (data
/// and local derivatives, stored in the page), says that it cannot recompute them, and does not let a leaf they depend on
/// be changed; other leaves can be, and everything else is recomputed as usual.</para>
/// <para>A value with a gradient hook (<see cref="Value.RegisterHook"/>) gets, once its gradient is complete, the engine's
/// hooked gradient (stored in the page), which it passes back, and the step-through says there that a hook replaced its
/// gradient. The page cannot rerun a hook, whose input depends on the whole graph, so no leaf of a graph with a hook can be
/// changed; the page says which values are hooked.</para>
/// <para>Making a page does not change the graph: the engine's gradients are computed with one backward pass from the
/// root (leaves starting at 0) and every node's <see cref="Value.Grad"/> is then put back as it was.</para>
/// </remarks>
public static class ExplorerPage
{
    /// <summary>Writes the page for <paramref name="root"/> and everything it depends on.</summary>
    /// <param name="root">The value whose graph to explore; the backward pass starts here.</param>
    /// <param name="writer">Where to write the HTML.</param>
    /// <param name="options">Title, direction, Graphviz; defaults when null.</param>
    /// <exception cref="GraphvizNotFoundException">Graphviz's <c>dot</c> was not found; nothing was written.</exception>
    /// <exception cref="GraphvizException"><c>dot</c> failed or timed out; nothing was written.</exception>
    public static void Write(Value root, TextWriter writer, ExplorerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= new ExplorerOptions();

        var graph = ComputationGraph.Trace(root);
        string Dot(RankDirection direction) =>
            DotWriter.Write(graph.Root, new DotOptions { RankDirection = direction, MaxNodes = options.MaxDrawnNodes });
        var (leftToRight, topToBottom, neurons) = ("", "", "");
        // The neuron-level picture, where the graph has neurons to collapse (two or more; a lone neuron is its own picture).
        var groups = NeuronGroups.ForPicture(graph, options.MaxDrawnNodes);
        var values = EngineValues.Compute(graph, () =>
        {
            (leftToRight, topToBottom) = (Dot(RankDirection.LeftToRight), Dot(RankDirection.TopToBottom));
            if (groups.Count > 0) neurons = NeuronDot.Write(graph, groups, "LR");
        });
        var layouts = GraphViewParts.Layouts(leftToRight, topToBottom, options.Graphviz) +
            (groups.Count > 0 ? GraphViewParts.Layout(GraphViewParts.Neurons, neurons, options.Graphviz) : "");

        var title = string.IsNullOrWhiteSpace(options.Title) ? "micrograd explorer" : options.Title;
        // a long expression is the title of a page that the table and the picture explain in full: a tab shows its start
        if (title.Length > MaxTitleLength) title = title[..(char.IsHighSurrogate(title[MaxTitleLength - 1]) ? MaxTitleLength - 1 : MaxTitleLength)] + "…";
        var point = new List<int>();
        foreach (var variable in options.TitleVariables)
        {
            if (graph.TryGetId(variable, out var id) && variable.IsLeaf && !point.Contains(id)) point.Add(id);
        }
        var names = NodeNames.Of(graph);
        var heading = point.Count == 0 ? title
            : $"{title} at {string.Join(", ", point.Select(id => names[id] + "=" + PageNumbers.Full(graph.Nodes[id].Data)))}";
        var json = GraphModel.Json(graph, names, values, graph.NearestToRoot(options.MaxDrawnNodes), title, point, options.RankDirection, groups);
        // every op an expression typed in the page can make, besides the graph's own (ExpressionLanguage)
        var ops = OpTable.Source(graph.Nodes.Where(n => !n.IsLeaf).Select(n => n.Operation!).Concat(ExpressionLanguage.Ops)) + PowerTwin.Source();

        PageTemplate.Write(writer, PageTemplate.Resource("explorer.html"),
        [
            ("<!--{{HEAD}}-->", GraphViewParts.Head),
            ("{{TITLE}}", WebUtility.HtmlEncode(heading)),
            ("/*{{STYLE}}*/", GraphViewParts.Style + PageTemplate.Resources("explorer.css")),
            ("{{TITLE}}", WebUtility.HtmlEncode(heading)),
            ("<!--{{LAYOUTS}}-->", layouts),
            ("{{GRAPH}}", json),
            ("{{LANGUAGE}}", ExpressionLanguage.Json),
            ("/*{{OPS}}*/", ops),
            ("/*{{SCRIPT}}*/", GraphViewParts.Scripts + PageTemplate.Resources("expression-lexer.js", "expression-parser.js", "expression-graph.js",
                "graph-layout.js", "explorer-typed.js", "explanation.js", "chain-picture.js", "explorer-model.js", "explorer-table.js",
                "explorer-steps.js", "explorer-leaves.js", "explorer-leaf-tools.js", "explorer-what-if.js", "explorer-hash.js", "explorer-expression.js", "explorer-controls.js", "explorer.js")),
        ]);
    }

    /// <summary>The most characters of <see cref="ExplorerOptions.Title"/> a page shows; a longer title is cut and ends with "…".</summary>
    internal const int MaxTitleLength = 200;

    /// <summary>Returns the page for <paramref name="root"/> as a string.</summary>
    /// <param name="root">The value whose graph to explore.</param>
    /// <param name="options">Title, direction, Graphviz; defaults when null.</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="GraphvizNotFoundException">Graphviz's <c>dot</c> was not found.</exception>
    /// <exception cref="GraphvizException"><c>dot</c> failed or timed out.</exception>
    public static string Render(Value root, ExplorerOptions? options = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(root, writer, options);
        return writer.ToString();
    }
}
