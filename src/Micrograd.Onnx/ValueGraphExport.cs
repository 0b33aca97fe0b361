using Onnx;

namespace Micrograd.Onnx;

/// <summary>
/// A <see cref="Value"/> graph as an ONNX graph, in float64: each labelled leaf an input of shape [N] named by its label
/// (or, when the caller makes it a constant, an initializer of that name holding its data), each unlabelled leaf a scalar
/// initializer, each op the nodes of its row in <see cref="OnnxOps"/>, and the root the output <c>value</c>.
/// </summary>
internal static class ValueGraphExport
{
    /// <summary>The name of the graph's output.</summary>
    public const string Output = "value";

    /// <summary>The graph computing <paramref name="root"/>, with <paramref name="constants"/> (labelled leaves; none when
    /// null) as initializers rather than inputs.</summary>
    /// <exception cref="OnnxExportException">An op has no ONNX form, two leaves share a label, or a leaf is labelled <c>value</c>.</exception>
    /// <exception cref="ArgumentException">A constant is not a leaf of the graph.</exception>
    public static GraphProto Build(Value root, IEnumerable<Value>? constants)
    {
        var order = root.TopologicalOrder();
        var fixedLeaves = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var inGraph = new HashSet<Value>(order, ReferenceEqualityComparer.Instance);
        foreach (var leaf in constants ?? [])
        {
            ArgumentNullException.ThrowIfNull(leaf, nameof(constants));
            if (!leaf.IsLeaf) throw new ArgumentException($"Only a leaf can be a constant, but '{Describe(leaf)}' is made by the op '{leaf.Op}'.", nameof(constants));
            if (!inGraph.Contains(leaf)) throw new ArgumentException($"The constant '{Describe(leaf)}' is not part of the graph.", nameof(constants));
            fixedLeaves.Add(leaf);
        }

        // refuse what cannot be written before writing anything: ops without a row, labels that cannot be names
        var rows = new Dictionary<Value, OnnxOp>(ReferenceEqualityComparer.Instance);
        foreach (var node in order)
        {
            if (!node.IsLeaf) rows.Add(node, OnnxOps.For(node.Op));
        }
        var graph = new OnnxGraph("micrograd_graph", OnnxPrecision.Float64);
        graph.Reserve(Output);
        var labelled = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var leaf in order.Where(n => n.IsLeaf && n.Label.Length > 0))
        {
            if (leaf.Label == Output)
                throw new OnnxExportException($"a leaf is labelled '{Output}', the name of the graph's output: give it another label");
            if (!labelled.TryAdd(leaf.Label, leaf))
                throw new OnnxExportException($"two different leaves are labelled '{leaf.Label}': each labelled leaf becomes the input of that name, so labels must differ");
            graph.Reserve(leaf.Label);
        }

        var tensors = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        var hasInputs = false;
        foreach (var node in order)
        {
            if (!node.IsLeaf)
            {
                tensors.Add(node, rows[node](graph, node.Children.Select(c => tensors[c]).ToArray()));
            }
            else if (node.Label.Length == 0)
            {
                tensors.Add(node, graph.Constant(node.Data));
            }
            else if (fixedLeaves.Contains(node))
            {
                graph.Initializer(node.Label, [node.Data]);
                tensors.Add(node, node.Label);
            }
            else
            {
                graph.Input(node.Label, [null]);
                tensors.Add(node, node.Label);
                hasInputs = true;
            }
        }
        // the output has the inputs' shape [N] (every op is elementwise); with no input at all, it is a scalar
        graph.Output(tensors[root], Output, hasInputs ? [null] : []);
        return graph.Proto;
    }

    private static string Describe(Value v) => v.Label.Length > 0 ? v.Label : v.ToString();
}
