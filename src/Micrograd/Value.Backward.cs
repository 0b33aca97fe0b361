namespace Micrograd;

public sealed partial class Value
{
    private static int s_epoch;

    /// <summary>Scratch arrays reused by <see cref="Backward"/> and <see cref="TopologicalOrder"/> on each thread.</summary>
    [ThreadStatic]
    private static TraversalScratch? t_scratch;

    /// <summary>
    /// Computes d(this)/d(v) for every value v this node depends on, by the chain rule in reverse topological order.
    /// </summary>
    /// <remarks>
    /// <para>The graph is walked with an explicit stack, so depth is limited by memory only (a chain of millions of nodes works).</para>
    /// <para>Each call resets the gradient of every interior node it reaches and adds this call's gradient into each leaf, once,
    /// after summing every path to it: calling <see cref="Backward"/> twice leaves each leaf with exactly twice its gradient,
    /// as PyTorch does with <c>retain_graph</c>. This node's own gradient is set to 1 (added, if it is itself a leaf).</para>
    /// <para>NaN and infinities propagate by IEEE rules (a zero gradient times an infinite local derivative is NaN);
    /// inside an <see cref="AnomalyMode"/> scope the first non-finite gradient throws an <see cref="AnomalyException"/>.</para>
    /// <para>The walk reuses per-thread scratch arrays (cleared after each call, so they keep no graph alive), so repeated
    /// calls on graphs of up to a million nodes allocate nothing.</para>
    /// </remarks>
    public void Backward()
    {
        var scratch = TraversalScratch.Rent();
        var count = 0;
        try
        {
            (count, var leaves) = Collect(scratch);
            var order = scratch.Order;
            var leafGrads = scratch.LeafGradients(leaves);
            var k = 0;
            for (var i = 0; i < count; i++)
            {
                var v = order[i];
                if (v.IsLeaf) leafGrads[k++] = v.Grad;
                v.Grad = 0.0;
            }

            Grad = 1.0;
            if (AnomalyMode.IsActive)
            {
                AnomalyMode.CheckedSweep(order.AsSpan(0, count));
            }
            else
            {
                for (var i = count - 1; i >= 0; i--)
                {
                    var v = order[i];
                    v._op?.Propagate(v);
                }
            }

            k = 0;
            for (var i = 0; i < count; i++)
            {
                var v = order[i];
                if (v.IsLeaf) v.Grad += leafGrads[k++];
            }
        }
        finally
        {
            scratch.Return(count);
        }
    }

    /// <summary>
    /// Every node this one depends on, and itself last, each once, with every node after all of its operands: the order in
    /// which a forward pass computes them (<see cref="Backward"/> visits them in reverse). Built with an explicit stack,
    /// so any depth works. Operands are visited in order, so the result is the same on every call for the same graph.
    /// </summary>
    /// <returns>A new list; changing it does not change the graph.</returns>
    public List<Value> TopologicalOrder()
    {
        var scratch = TraversalScratch.Rent();
        var count = 0;
        try
        {
            (count, _) = Collect(scratch);
            var list = new List<Value>(count);
            list.AddRange(new ArraySegment<Value>(scratch.Order, 0, count));
            return list;
        }
        finally
        {
            scratch.Return(count);
        }
    }

    /// <summary>Writes the topological order into <c>scratch.Order[0 .. count)</c> by an iterative depth-first walk that visits
    /// operands in order and appends a node once all of its operands are appended. Returns the node and leaf counts.</summary>
    private (int Count, int Leaves) Collect(TraversalScratch scratch)
    {
        var epoch = Interlocked.Increment(ref s_epoch);
        if (epoch == 0) epoch = Interlocked.Increment(ref s_epoch);

        var order = scratch.Order;
        var nodes = scratch.StackNodes;
        var next = scratch.StackNext;
        var count = 0;
        var leaves = 0;
        var top = 0;
        _mark = epoch;
        nodes[0] = this;
        next[0] = 0;
        while (top >= 0)
        {
            var node = nodes[top];
            var i = next[top];
            if (i < node.ChildCount)
            {
                next[top] = i + 1;
                var child = node.ChildAt(i);
                if (child._mark != epoch)
                {
                    child._mark = epoch;
                    if (++top == nodes.Length) (nodes, next) = scratch.GrowStack();
                    nodes[top] = child;
                    next[top] = 0;
                }
            }
            else
            {
                if (count == order.Length) order = scratch.GrowOrder();
                order[count++] = node;
                if (node._op is null) leaves++;
                nodes[top--] = null!;
            }
        }
        return (count, leaves);
    }

    /// <summary>
    /// Per-thread arrays for the graph walk. Arrays of up to <see cref="KeepLimit"/> entries are kept for the next call (their
    /// references cleared); larger ones, for very large graphs, are dropped after the call so that memory is given back.
    /// </summary>
    private sealed class TraversalScratch
    {
        private const int KeepLimit = 1 << 18;
        private const int Initial = 256;
        private double[] _leafGradients = new double[Initial];
        private bool _inUse;

        public Value[] Order { get; private set; } = new Value[Initial];
        public Value[] StackNodes { get; private set; } = new Value[Initial];
        public int[] StackNext { get; private set; } = new int[Initial];

        public static TraversalScratch Rent()
        {
            var scratch = t_scratch;
            if (scratch is null || scratch._inUse) scratch = t_scratch = new TraversalScratch();
            scratch._inUse = true;
            return scratch;
        }

        public Value[] GrowOrder()
        {
            var grown = new Value[Order.Length * 2];
            Order.CopyTo(grown, 0);
            return Order = grown;
        }

        public (Value[] Nodes, int[] Next) GrowStack()
        {
            var nodes = new Value[StackNodes.Length * 2];
            var next = new int[StackNext.Length * 2];
            StackNodes.CopyTo(nodes, 0);
            StackNext.CopyTo(next, 0);
            (StackNodes, StackNext) = (nodes, next);
            return (nodes, next);
        }

        public double[] LeafGradients(int count) =>
            _leafGradients.Length >= count ? _leafGradients : _leafGradients = new double[Math.Max(count, _leafGradients.Length * 2)];

        /// <summary>Clears the references the walk left (the stack empties itself as it goes) and drops oversized arrays.</summary>
        public void Return(int count)
        {
            Array.Clear(Order, 0, Math.Min(count, Order.Length));
            if (Order.Length > KeepLimit) Order = new Value[Initial];
            if (StackNodes.Length > KeepLimit) (StackNodes, StackNext) = (new Value[Initial], new int[Initial]);
            if (_leafGradients.Length > KeepLimit) _leafGradients = new double[Initial];
            _inUse = false;
        }
    }
}
