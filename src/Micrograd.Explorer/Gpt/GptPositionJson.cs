using System.Text;
using System.Text.Json;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// One position's graph (<see cref="GptPositionGraph"/>) as the GPT page reads it, compactly: the op names once and each
/// node's op by number, its operands' ids, each leaf's role and index, the constants' numbers, the softmaxes' logits, the
/// ids the full picture draws and the dot products (<see cref="NeuronGroups"/>). Names are made in the page (a parameter's
/// from the weight layout, any other value's from its operands), so no sub-expression is written out.
/// </summary>
internal static class GptPositionJson
{
    public static string Write(GptPositionGraph position, string document, IReadOnlyList<int> drawn, IReadOnlyList<NeuronGroup> groups,
        IReadOnlyDictionary<int, string>? names = null)
    {
        var graph = position.Graph;
        var nodes = graph.Nodes;
        var opNames = new List<string> { "" };
        var opIndex = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = 0 };
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("document", document);
            json.WriteNumber("position", position.Position);
            json.WriteNumber("target", position.Target);
            json.WriteStartArray("codes");
            foreach (var node in nodes)
            {
                if (!opIndex.TryGetValue(node.Op, out var code))
                {
                    code = opNames.Count;
                    opIndex.Add(node.Op, code);
                    opNames.Add(node.Op);
                }
                json.WriteNumberValue(code);
            }
            json.WriteEndArray();
            json.WriteStartArray("ops");
            foreach (var name in opNames) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteStartArray("counts");
            for (var id = 0; id < nodes.Count; id++) json.WriteNumberValue(graph.EdgesInto(id).Length);
            json.WriteEndArray();
            json.WriteStartArray("operands");
            foreach (var edge in graph.Edges) json.WriteNumberValue(edge.From);
            json.WriteEndArray();
            json.WriteStartArray("roles");
            foreach (var role in position.Roles) json.WriteNumberValue((int)role);
            json.WriteEndArray();
            json.WriteStartArray("indices");
            foreach (var index in position.Indices) json.WriteNumberValue(index);
            json.WriteEndArray();
            json.WriteStartArray("constants"); // [id, number] of each constant leaf
            for (var id = 0; id < nodes.Count; id++)
            {
                if (position.Roles[id] != GptPositionGraph.Role.Constant) continue;
                json.WriteNumberValue(id);
                json.WriteNumberValue(nodes[id].Data);
            }
            json.WriteEndArray();
            json.WriteStartArray("softmaxes");
            foreach (var logits in position.Softmaxes)
            {
                json.WriteStartArray();
                foreach (var id in logits) json.WriteNumberValue(id);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("drawn");
            foreach (var id in drawn) json.WriteNumberValue(id);
            json.WriteEndArray();
            GraphModel.WriteGroups(json, groups);
            json.WriteStartArray("names"); // [id, name] of each dot product's output (GptDotNames)
            foreach (var (id, name) in (names ?? new Dictionary<int, string>()).OrderBy(p => p.Key))
            {
                json.WriteNumberValue(id);
                json.WriteStringValue(name);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
