using System.Globalization;

namespace Micrograd.Graphs;

/// <summary>
/// Writes a graph as Graphviz DOT text, drawn as the seed notebook's <c>draw_dot</c> draws it: a record node per value,
/// <c>{ label | data 0.9990 | grad 0.0020 }</c> (the label part left out when the label is empty), a small ellipse per op
/// showing its symbol, and edges from each operand to the op and from the op to its result.
/// </summary>
/// <remarks>
/// <para>The text depends only on the graph and the options: node ids come from <see cref="ComputationGraph"/> ids
/// (<c>n0</c>, <c>n1</c>, … for values, <c>n7_op</c> for the op that made <c>n7</c>; operand edges have the id
/// <c>e</c> plus their index in <see cref="ComputationGraph.Edges"/>), numbers use the invariant culture, and lines end
/// with <c>\n</c>. Graphviz copies these ids into SVG output as element ids.</para>
/// <para>Any label text gives valid DOT: record characters, quotes, backslashes and line breaks are escaped, control
/// characters are replaced, and long labels are cut (<see cref="DotOptions.MaxLabelLength"/>).</para>
/// <para>A value used twice by one op gets two edges into that op. A value whose uses lie far apart in the graph (a leaf
/// used all along a long expression, as <c>x</c> in <c>x + x + … + x</c>) would need edges that cross many ranks, which
/// Graphviz lays out very slowly (minutes for a hundred uses); past a small total of such crossings the value is drawn once
/// more for each far use, as a copy of its record with the id <c>n7_e12</c> (value <c>n7</c>, drawn for edge <c>e12</c>)
/// and that edge from it, so that every edge spans only a rank or two and the layout grows with the picture's size alone.
/// A leaf used many times, even close by (<c>x</c> in a sum of <c>tanh(w_i * x + b)</c>), is drawn again for each use too.
/// A graph with more than <see cref="DotOptions.MaxNodes"/>
/// values is cut to the values nearest the root; ops whose operands were left out are dashed, and a note node says how many
/// nodes and edges are not drawn.</para>
/// </remarks>
public static class DotWriter
{
    /// <summary>The id of the note node that a cut picture gets.</summary>
    public const string NoteId = "omitted";

    /// <summary>Traces <paramref name="root"/> and returns its picture as DOT text.</summary>
    /// <param name="root">The value to draw, with everything it depends on.</param>
    /// <param name="options">How to draw; defaults when null.</param>
    /// <returns>The DOT text.</returns>
    public static string Write(Value root, DotOptions? options = null) => Write(ComputationGraph.Trace(root), options);

    /// <summary>Returns the picture of a traced graph as DOT text.</summary>
    /// <param name="graph">The graph to draw.</param>
    /// <param name="options">How to draw; defaults when null.</param>
    /// <returns>The DOT text.</returns>
    internal static string Write(ComputationGraph graph, DotOptions? options)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(graph, writer, options);
        return writer.ToString();
    }

    /// <summary>Writes the picture of a traced graph as DOT text.</summary>
    /// <param name="graph">The graph to draw.</param>
    /// <param name="writer">Where to write the text.</param>
    /// <param name="options">How to draw; defaults when null.</param>
    internal static void Write(ComputationGraph graph, TextWriter writer, DotOptions? options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= new DotOptions();

        var nodes = graph.Nodes;
        var kept = graph.NearestToRoot(options.MaxNodes);
        var drawn = new bool[nodes.Count];
        foreach (var id in kept) drawn[id] = true;

        writer.Write("digraph micrograd {\n");
        writer.Write($"  graph [rankdir={(options.RankDirection == RankDirection.TopToBottom ? "TB" : "LR")}];\n");
        writer.Write("  node [shape=record];\n");

        var copied = FarUses(graph, kept, drawn);
        var drawnEdges = 0;
        foreach (var id in kept)
        {
            var value = nodes[id];
            writer.Write($"  n{id} [id=\"n{id}\", label=\"{RecordLabel(value, options)}\"];\n");
            if (value.IsLeaf) continue;

            var edges = graph.EdgesInto(id);
            var complete = true;
            foreach (var edge in edges) complete &= drawn[edge.From];
            var style = complete ? "" : ", style=dashed";
            writer.Write($"  n{id}_op [id=\"n{id}_op\", label=\"{DotText.Plain(value.Op)}\", shape=ellipse{style}];\n");
            writer.Write($"  n{id}_op -> n{id};\n");
            var first = graph.FirstEdgeInto(id);
            for (var k = 0; k < edges.Length; k++)
            {
                if (!drawn[edges[k].From]) continue;
                var from = $"n{edges[k].From}";
                if (copied[first + k])
                {
                    // the operand drawn again, next to this op, instead of an edge from far away
                    from = $"n{edges[k].From}_e{first + k}";
                    writer.Write($"  {from} [id=\"{from}\", label=\"{RecordLabel(nodes[edges[k].From], options)}\"];\n");
                }
                writer.Write($"  {from} -> n{id}_op [id=\"e{first + k}\"];\n");
                drawnEdges++;
            }
        }

        if (kept.Count < nodes.Count)
        {
            var note = string.Create(CultureInfo.InvariantCulture,
                $"{nodes.Count - kept.Count:N0} of {nodes.Count:N0} values and {graph.Edges.Count - drawnEdges:N0} of {graph.Edges.Count:N0} edges not drawn: showing the {kept.Count:N0} values nearest the result");
            writer.Write($"  {NoteId} [id=\"{NoteId}\", shape=note, label=\"{DotText.Plain(note)}\"];\n");
        }
        writer.Write("}\n");
    }

    /// <summary>
    /// The most ranks, summed over a value's uses, that its edges may cross beyond its nearest use before its far uses get
    /// copies of it: a value used a few ranks apart (<c>x * x + x</c>) stays one node.
    /// </summary>
    internal const int FarUseBudget = 8;

    /// <summary>
    /// The most uses a value with no drawn operand (a leaf, as <c>x</c> in a sum of <c>tanh(w_i * x + b)</c>) may have
    /// before every use but those of its first op gets a copy of it: dot's ordering pass is slow on a node with many edges
    /// out, even when they are short.
    /// </summary>
    internal const int ManyUses = 8;

    /// <summary>
    /// Which edges (by index in <see cref="ComputationGraph.Edges"/>) start from a copy of their operand: for each drawn
    /// value whose uses lie more than <see cref="FarUseBudget"/> depths beyond its nearest use in total, every use more than
    /// one depth beyond the nearest; and for each drawn value with no drawn operand and more than <see cref="ManyUses"/>
    /// uses, every use but those of its first op. A value's depth is its longest path from a drawn value with no drawn operand.
    /// </summary>
    internal static bool[] FarUses(ComputationGraph graph, IReadOnlyList<int> kept, bool[] drawn)
    {
        var nodes = graph.Nodes;
        var depth = new int[nodes.Count];
        var nearest = new int[nodes.Count];
        var far = new long[nodes.Count];
        var uses = new int[nodes.Count];
        var firstUser = new int[nodes.Count];
        Array.Fill(nearest, int.MaxValue);
        Array.Fill(firstUser, int.MaxValue);
        foreach (var id in kept)
        {
            foreach (var edge in graph.EdgesInto(id))
            {
                if (drawn[edge.From]) depth[id] = Math.Max(depth[id], depth[edge.From] + 1);
            }
            foreach (var edge in graph.EdgesInto(id))
            {
                if (drawn[edge.From]) nearest[edge.From] = Math.Min(nearest[edge.From], depth[id]);
            }
        }
        foreach (var edge in graph.Edges)
        {
            if (!drawn[edge.From] || !drawn[edge.To]) continue;
            far[edge.From] += depth[edge.To] - nearest[edge.From];
            uses[edge.From]++;
            firstUser[edge.From] = Math.Min(firstUser[edge.From], edge.To);
        }
        var copied = new bool[graph.Edges.Count];
        for (var k = 0; k < copied.Length; k++)
        {
            var edge = graph.Edges[k];
            if (!drawn[edge.From] || !drawn[edge.To]) continue;
            var farUse = far[edge.From] > FarUseBudget && depth[edge.To] > nearest[edge.From] + 1;
            var manyUses = depth[edge.From] == 0 && uses[edge.From] > ManyUses && edge.To != firstUser[edge.From];
            copied[k] = farUse || manyUses;
        }
        return copied;
    }

    private static string RecordLabel(Value value, DotOptions options)
    {
        var data = "data " + DotText.Number(value.Data, options.Digits);
        var fields = value.Label.Length == 0 ? data : DotText.RecordField(value.Label, options.MaxLabelLength) + " | " + data;
        if (options.ShowGradients) fields += " | grad " + DotText.Number(value.Grad, options.Digits);
        return "{ " + fields + " }";
    }
}
