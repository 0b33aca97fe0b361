using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// Every value's data and gradient as the engine computes them: the gradients of one <see cref="Value.Backward"/> from the
/// root with every leaf starting at 0. The graph's own gradients are put back as they were afterwards.
/// </summary>
internal sealed class EngineValues
{
    private EngineValues(double[] data, double[] grad)
    {
        Data = data;
        Grad = grad;
    }

    /// <summary>Each node's data, by id.</summary>
    public IReadOnlyList<double> Data { get; }

    /// <summary>Each node's gradient d(root)/d(node), by id.</summary>
    public IReadOnlyList<double> Grad { get; }

    /// <summary>
    /// Runs the engine's backward pass on <paramref name="graph"/>, calls <paramref name="whileSet"/> while the nodes hold
    /// those gradients (so that a picture drawn then shows them), and restores every node's gradient.
    /// </summary>
    public static EngineValues Compute(ComputationGraph graph, Action? whileSet = null)
    {
        var nodes = graph.Nodes;
        var saved = new double[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) saved[i] = nodes[i].Grad;
        try
        {
            foreach (var node in nodes)
            {
                if (node.IsLeaf) node.Grad = 0.0;
            }
            graph.Root.Backward();
            var data = new double[nodes.Count];
            var grad = new double[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
            {
                data[i] = nodes[i].Data;
                grad[i] = nodes[i].Grad;
            }
            whileSet?.Invoke();
            return new EngineValues(data, grad);
        }
        finally
        {
            for (var i = 0; i < nodes.Count; i++) nodes[i].Grad = saved[i];
        }
    }
}
