using System.Globalization;
using Onnx;

namespace Micrograd.Onnx;

/// <summary>
/// A <see cref="Value"/> graph as an ONNX graph, in float64: each labelled leaf an input of shape [N] named by its label
/// (or, when the caller makes it a constant, an initializer of that name holding its data), each unlabelled leaf a number
/// in the formulas, each op the nodes its formula writes (<see cref="OnnxOps"/>), and the root the output <c>value</c>.
/// </summary>
internal static class ValueGraphExport
{
    /// <summary>The name of the graph's output.</summary>
    public const string Output = "value";

    /// <summary>The graph computing <paramref name="root"/>, with <paramref name="constants"/> (labelled leaves; none when
    /// null) as initializers rather than inputs.</summary>
    /// <exception cref="OnnxExportException">The graph has no input (no labelled leaf that is not a constant), an op has no
    /// ONNX form, two leaves share a label, or a leaf is labelled <c>value</c>.</exception>
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
        var firstInput = labelled.Values.FirstOrDefault(leaf => !fixedLeaves.Contains(leaf)) ?? throw NoInput(order, labelled.Keys);

        // each node's tensor; a node of constants only is the constant the engine computed (its Data), so no node is written
        var tensors = new Dictionary<Value, OnnxTensor>(ReferenceEqualityComparer.Instance);
        foreach (var node in order)
        {
            if (!node.IsLeaf)
            {
                var operands = node.Children.Select(c => tensors[c]).ToArray();
                tensors.Add(node, operands.All(x => x.IsConstant) ? node.Data : OnnxOps.Apply(node.Operation!, operands));
            }
            else if (node.Label.Length == 0)
            {
                tensors.Add(node, node.Data);
            }
            else
            {
                if (fixedLeaves.Contains(node)) graph.Initializer(node.Label, [node.Data]);
                else graph.Input(node.Label, [null]);
                tensors.Add(node, new OnnxTensor(graph, node.Label));
            }
        }
        // the output has the inputs' shape [N] (every op is elementwise), even where it does not depend on them (x ** 0)
        var value = tensors[root];
        var output = value.IsConstant ? graph.Node("Expand", value.In(graph), graph.Node("Shape", firstInput.Label)) : value.Name;
        graph.Output(output, Output, [null]);
        return graph.Proto;
    }

    /// <summary>Why a graph with no input is refused, naming the leaves that could be inputs if labelled.</summary>
    private static OnnxExportException NoInput(IReadOnlyList<Value> order, IEnumerable<string> constants)
    {
        var unlabelled = order.Where(n => n.IsLeaf && n.Label.Length == 0).Select(n => n.Data.ToString("R", CultureInfo.InvariantCulture)).ToList();
        var named = unlabelled.Count == 0 ? "" : unlabelled.Count <= 8
            ? $"; its leaves without a label hold {string.Join(", ", unlabelled)}"
            : $"; its leaves without a label hold {string.Join(", ", unlabelled.Take(8))} and {unlabelled.Count - 8} more";
        var fixedOnes = constants.Any() ? $"; its labelled leaves ({string.Join(", ", constants)}) are all constants" : "";
        return new OnnxExportException(
            $"the graph has no input, so its file would compute one number: label the leaves that should be inputs (new Value(2.0, \"x\")){named}{fixedOnes}");
    }

    private static string Describe(Value v) => v.Label.Length > 0 ? v.Label : v.ToString();
}
