namespace Micrograd.Compiled;

/// <summary>
/// Thrown by <see cref="CompiledGraph.Verify(Value)"/> and <see cref="CompiledGraph.Rebind"/> when a graph does not have the
/// structure that was compiled: a different op, operand wiring, leaf or constant at some node, or a different node count.
/// The message names the first node (in topological order) that differs, what the tape has there and what the graph has.
/// </summary>
public sealed class GraphStructureException : InvalidOperationException
{
    internal GraphStructureException(string message, int node)
        : base(message)
    {
        Node = node;
    }

    internal GraphStructureException(string message, int node, Exception inner)
        : base(message, inner)
    {
        Node = node;
    }

    /// <summary>The 0-based position, in topological order (<see cref="Value.TopologicalOrder"/>), of the first node that differs.</summary>
    public int Node { get; }
}
