namespace Micrograd.Graphs;

/// <summary>
/// The nodes and edges of the graph that a root value depends on, with stable integer ids: a node's id is its
/// position in <see cref="Value.TopologicalOrder"/> (operands before users, the root last), so the same graph always
/// gets the same ids, whatever the hash codes or memory addresses.
/// </summary>
/// <remarks>
/// The trace records the graph's structure, which never changes once built. <see cref="Nodes"/> holds the live
/// <see cref="Value"/> objects, so their <see cref="Value.Data"/>, <see cref="Value.Grad"/> and <see cref="Value.Label"/>
/// are read as they are when used (for example after a later <see cref="Value.Backward"/>). Tracing walks the graph with an
/// explicit stack, so any depth works.
/// </remarks>
public sealed class ComputationGraph
{
    private readonly Value[] _nodes;
    private readonly GraphEdge[] _edges;
    private readonly int[] _firstEdgeInto;
    private readonly Dictionary<Value, int> _ids;

    private ComputationGraph(Value[] nodes, GraphEdge[] edges, int[] firstEdgeInto, Dictionary<Value, int> ids)
    {
        _nodes = nodes;
        _edges = edges;
        _firstEdgeInto = firstEdgeInto;
        _ids = ids;
    }

    /// <summary>Traces everything <paramref name="root"/> depends on.</summary>
    /// <param name="root">The value whose graph to trace; typically the one <see cref="Value.Backward"/> was called on.</param>
    /// <returns>The graph, with <paramref name="root"/> as its last node.</returns>
    public static ComputationGraph Trace(Value root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var nodes = root.TopologicalOrder().ToArray();
        var ids = new Dictionary<Value, int>(nodes.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Length; i++) ids.Add(nodes[i], i);

        var edges = new List<GraphEdge>(nodes.Length * 2);
        var firstEdgeInto = new int[nodes.Length + 1];
        for (var to = 0; to < nodes.Length; to++)
        {
            firstEdgeInto[to] = edges.Count;
            var node = nodes[to];
            for (var k = 0; k < node.ChildCount; k++) edges.Add(new GraphEdge(ids[node.ChildAt(k)], to, k));
        }
        firstEdgeInto[nodes.Length] = edges.Count;
        return new ComputationGraph(nodes, edges.ToArray(), firstEdgeInto, ids);
    }

    /// <summary>The value the graph was traced from: the last node, with id <c>Nodes.Count - 1</c>.</summary>
    public Value Root => _nodes[^1];

    /// <summary>Every node once, in topological order (each after all its operands, the root last); a node's id is its index here.</summary>
    public IReadOnlyList<Value> Nodes => _nodes;

    /// <summary>
    /// Every use of a node as an operand, one edge per use, ordered by <see cref="GraphEdge.To"/> and then by
    /// <see cref="GraphEdge.Operand"/>. There are as many edges as the nodes have operands in total.
    /// </summary>
    public IReadOnlyList<GraphEdge> Edges => _edges;

    /// <summary>The id (index in <see cref="Nodes"/>) of a node of this graph.</summary>
    /// <param name="node">A node of this graph.</param>
    /// <returns>The node's id.</returns>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not in this graph.</exception>
    public int IdOf(Value node) =>
        TryGetId(node, out var id) ? id : throw new ArgumentException($"{node} is not a node of this graph.", nameof(node));

    /// <summary>Looks up the id of a node, by reference.</summary>
    /// <param name="node">Any value.</param>
    /// <param name="id">The node's id, or -1 when it is not in this graph.</param>
    /// <returns>True when <paramref name="node"/> is in this graph.</returns>
    public bool TryGetId(Value node, out int id)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (_ids.TryGetValue(node, out id)) return true;
        id = -1;
        return false;
    }

    /// <summary>The edges from a node's operands into it, in operand order; none for a leaf.</summary>
    /// <param name="id">The node's id.</param>
    /// <returns>A slice of <see cref="Edges"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not an id of this graph.</exception>
    public ReadOnlySpan<GraphEdge> EdgesInto(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _nodes.Length);
        return _edges.AsSpan(_firstEdgeInto[id], _firstEdgeInto[id + 1] - _firstEdgeInto[id]);
    }

    /// <summary>The index in <see cref="Edges"/> of the first edge into a node (where <see cref="EdgesInto"/> starts).</summary>
    internal int FirstEdgeInto(int id) => _firstEdgeInto[id];

    /// <summary>
    /// The ids of the <paramref name="count"/> nodes nearest the root (breadth-first from the root through operands,
    /// in operand order, so the choice is deterministic), sorted ascending. All ids when the graph has no more nodes than that.
    /// </summary>
    /// <param name="count">How many nodes to keep; at least 1.</param>
    /// <returns>Sorted ids; the root's id is always included.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public IReadOnlyList<int> NearestToRoot(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count >= _nodes.Length) return Enumerable.Range(0, _nodes.Length).ToArray();

        var seen = new bool[_nodes.Length];
        var kept = new List<int>(count);
        var queue = new Queue<int>();
        var root = _nodes.Length - 1;
        seen[root] = true;
        queue.Enqueue(root);
        while (kept.Count < count)
        {
            var id = queue.Dequeue();
            kept.Add(id);
            foreach (var edge in EdgesInto(id))
            {
                if (seen[edge.From]) continue;
                seen[edge.From] = true;
                queue.Enqueue(edge.From);
            }
        }
        kept.Sort();
        return kept;
    }
}
