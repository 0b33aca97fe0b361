using System.Globalization;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// The neuron-level picture of a graph as DOT text (issue #20): each neuron (<see cref="NeuronGroups"/>) drawn as one record,
/// <c>{ Σ16 w·x + b → tanh | data … | grad … }</c>, with the id of its output (<c>n42</c>), and an edge into it from each of
/// its inputs; every other value drawn as <see cref="DotWriter"/> draws it (its record, the op that made it, an edge from
/// each operand with the same ids), so the page shows and steps this picture as it does the full one. A 2-16-16-1
/// network's sample of 715 values becomes its 33 neurons and the few values around them.
/// </summary>
internal static class NeuronDot
{
    private const int Digits = 4;
    private const int MaxLabelLength = 200;

    /// <summary>The picture as DOT text, laid out in a direction.</summary>
    /// <param name="graph">The traced graph.</param>
    /// <param name="groups">Its neurons (<see cref="NeuronGroups.Find"/>).</param>
    /// <param name="direction">LR or TB.</param>
    public static string Write(ComputationGraph graph, IReadOnlyList<NeuronGroup> groups, string direction)
    {
        var nodes = graph.Nodes;
        var box = new int[nodes.Count];
        Array.Fill(box, -1);
        var groupOf = new Dictionary<int, NeuronGroup>();
        foreach (var group in groups)
        {
            groupOf[group.Output] = group;
            foreach (var id in group.Members) box[id] = group.Output;
        }

        var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.Write("digraph micrograd {\n");
        writer.Write($"  graph [rankdir={(direction == "TB" ? "TB" : "LR")}];\n");
        writer.Write("  node [shape=record];\n");
        var first = 0; // the index in graph.Edges of the first edge into id
        for (var id = 0; id < nodes.Count; first += graph.EdgesInto(id).Length, id++)
        {
            if (box[id] >= 0) continue;
            var value = nodes[id];
            if (groupOf.TryGetValue(id, out var group))
            {
                var fields = (value.Label.Length == 0 ? "" : DotText.RecordField(value.Label, MaxLabelLength) + " | ") +
                    DotText.RecordField(group.Text, MaxLabelLength);
                writer.Write($"  n{id} [id=\"n{id}\", class=\"neuron\", label=\"{{ {fields} | {Numbers(value)} }}\"];\n");
                for (var k = 0; k < group.Inputs.Length; k++) writer.Write($"  n{group.Inputs[k]} -> n{id} [id=\"n{id}_in{k}\"];\n");
                continue;
            }
            var label = value.Label.Length == 0 ? "" : DotText.RecordField(value.Label, MaxLabelLength) + " | ";
            writer.Write($"  n{id} [id=\"n{id}\", label=\"{{ {label}{Numbers(value)} }}\"];\n");
            if (value.IsLeaf) continue;
            writer.Write($"  n{id}_op [id=\"n{id}_op\", label=\"{DotText.Plain(value.Op)}\", shape=ellipse];\n");
            writer.Write($"  n{id}_op -> n{id};\n");
            var edges = graph.EdgesInto(id);
            for (var k = 0; k < edges.Length; k++) writer.Write($"  n{edges[k].From} -> n{id}_op [id=\"e{first + k}\"];\n");
        }
        writer.Write("}\n");
        return writer.ToString();
    }

    private static string Numbers(Value value) => $"data {DotText.Number(value.Data, Digits)} | grad {DotText.Number(value.Grad, Digits)}";
}
