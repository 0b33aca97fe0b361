namespace Micrograd;

public sealed partial class Value
{
    private static int s_epoch;

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
    /// </remarks>
    public void Backward()
    {
        var order = TopologicalOrder();
        var leafGrads = new List<double>();
        foreach (var v in order)
        {
            if (v.IsLeaf) leafGrads.Add(v.Grad);
            v.Grad = 0.0;
        }

        Grad = 1.0;
        if (AnomalyMode.IsActive)
        {
            AnomalyMode.CheckedSweep(order);
        }
        else
        {
            for (var i = order.Count - 1; i >= 0; i--)
            {
                var v = order[i];
                v._op?.Propagate(v);
            }
        }

        var k = 0;
        foreach (var v in order)
        {
            if (v.IsLeaf) v.Grad += leafGrads[k++];
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
        var epoch = Interlocked.Increment(ref s_epoch);
        if (epoch == 0) epoch = Interlocked.Increment(ref s_epoch);

        var order = new List<Value>();
        var stack = new Stack<(Value Node, int Next)>();
        _mark = epoch;
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.ChildCount)
            {
                stack.Push((node, next + 1));
                var child = node.ChildAt(next);
                if (child._mark != epoch)
                {
                    child._mark = epoch;
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }
}
