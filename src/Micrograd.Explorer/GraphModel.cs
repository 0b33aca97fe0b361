using System.Text;
using System.Text.Json;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// The graph as the page reads it: a JSON object with the title, the ids of the values listed after it (<c>point</c>), the
/// direction the picture opens in, the root's id and the nodes in topological order (a node's id is its index), each with
/// its name (<see cref="NodeNames"/>), label, op, operand ids, the engine's data and gradient, whether it is a constant and
/// whether the picture draws it; a constant power (<c>**2</c>) also carries its exponent.
/// A node whose op has no JavaScript twin (a <see cref="DifferentiableFunction"/>) also carries <c>locals</c>, its local
/// derivative towards each operand as the engine computed them: the page cannot recompute such a node, and uses its stored
/// data and these (its contribution to operand k is <c>g × locals[k]</c>, the engine's own product).
/// The graph's neurons (<see cref="NeuronGroups"/>), when the page has the neuron-level picture, are listed in <c>groups</c>:
/// each with its output's id, the ids inside its box, its inputs' ids and what it computes (<c>Σ16 w·x + b → tanh</c>).
/// A node with gradient hooks (<see cref="Value.RegisterHook"/>) carries <c>"hooked": true</c>: its <c>grad</c> is the hooks'
/// result, which the page cannot recompute, and which it takes in place of the node's sum of contributions.
/// </summary>
/// <remarks>
/// Numbers are written with round-trip precision; NaN and infinities, which JSON lacks, are the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c>. Every <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> is escaped, so the text can sit
/// inside a script element whatever the labels hold.
/// </remarks>
internal static class GraphModel
{
    /// <summary>The model of <paramref name="graph"/> as JSON text.</summary>
    /// <param name="graph">The traced graph.</param>
    /// <param name="names">Every node's name, by id (<see cref="NodeNames.Of"/>).</param>
    /// <param name="values">The engine's data and gradients of every node.</param>
    /// <param name="drawn">The ids of the nodes the picture draws.</param>
    /// <param name="title">What the graph is; the page lists the point after it.</param>
    /// <param name="point">The ids of the leaves whose values the title lists.</param>
    /// <param name="direction">The direction the picture opens in.</param>
    /// <param name="groups">The neurons the neuron-level picture draws as boxes; none when the page has no such picture.</param>
    public static string Json(ComputationGraph graph, IReadOnlyList<string> names, EngineValues values, IReadOnlyList<int> drawn, string title, IEnumerable<int> point, RankDirection direction,
        IReadOnlyList<NeuronGroup>? groups = null)
    {
        var isDrawn = new bool[graph.Nodes.Count];
        foreach (var id in drawn) isDrawn[id] = true;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("title", title);
            json.WriteStartArray("point");
            foreach (var id in point) json.WriteNumberValue(id);
            json.WriteEndArray();
            json.WriteString("rankdir", direction == RankDirection.TopToBottom ? "TB" : "LR");
            json.WriteNumber("root", graph.Nodes.Count - 1);
            json.WriteStartArray("nodes");
            for (var id = 0; id < graph.Nodes.Count; id++)
            {
                var node = graph.Nodes[id];
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("name", names[id]);
                json.WriteString("label", node.Label);
                json.WriteString("op", node.Op);
                if (node.Operation is { Arity: Ops.OpArity.Unary } op && op.Name.StartsWith("**", StringComparison.Ordinal))
                    WriteNumber(json, "exponent", double.Parse(op.Name.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)); // a constant power's name carries its exponent
                if (node.Operation is { HasFormula: false })
                {
                    json.WriteStartArray("locals");
                    for (var k = 0; k < node.Children.Count; k++) WriteNumber(json, null, node.LocalDerivative(k));
                    json.WriteEndArray();
                }
                json.WriteStartArray("operands");
                foreach (var edge in graph.EdgesInto(id)) json.WriteNumberValue(edge.From);
                json.WriteEndArray();
                WriteNumber(json, "data", values.Data[id]);
                WriteNumber(json, "grad", values.Grad[id]);
                json.WriteBoolean("constant", NodeNames.IsConstant(node));
                json.WriteBoolean("drawn", isDrawn[id]);
                if (node.HasHooks) json.WriteBoolean("hooked", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteGroups(json, groups ?? []);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The neurons: <c>"groups": [{ "output", "members", "inputs", "text" }]</c>.</summary>
    internal static void WriteGroups(Utf8JsonWriter json, IReadOnlyList<NeuronGroup> groups)
    {
        json.WriteStartArray("groups");
        foreach (var group in groups)
        {
            json.WriteStartObject();
            json.WriteNumber("output", group.Output);
            json.WriteStartArray("members");
            foreach (var id in group.Members) json.WriteNumberValue(id);
            json.WriteEndArray();
            json.WriteStartArray("inputs");
            foreach (var id in group.Inputs) json.WriteNumberValue(id);
            json.WriteEndArray();
            json.WriteString("text", group.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>A number as a property (or, with no name, an array element); NaN and infinities as strings.</summary>
    private static void WriteNumber(Utf8JsonWriter json, string? name, double x)
    {
        if (double.IsFinite(x))
        {
            if (name is null) json.WriteNumberValue(x);
            else json.WriteNumber(name, x);
            return;
        }
        var text = double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
        if (name is null) json.WriteStringValue(text);
        else json.WriteString(name, text);
    }
}
