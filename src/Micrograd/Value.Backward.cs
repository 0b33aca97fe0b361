namespace Micrograd;

public sealed partial class Value
{
    /// <summary>The mark of the current walk that owns the nodes (<see cref="Walks"/>); nodes holding it have been visited.</summary>
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
    /// <para>Each node's gradient hooks (<see cref="RegisterHook"/>) run once its gradient is complete, before it passes
    /// the gradient on; a leaf's hooks see this call's gradient before it is added into <see cref="Grad"/>.</para>
    /// <para>NaN and infinities propagate by IEEE rules (a zero gradient times an infinite local derivative is NaN);
    /// inside an <see cref="AnomalyMode"/> scope the first non-finite gradient throws an <see cref="AnomalyException"/>.
    /// When the call throws (an anomaly, or an exception from a hook or a <see cref="DifferentiableFunction"/>), every leaf
    /// keeps the gradient it had before the call (interior gradients are then partial).</para>
    /// <para>The walk reuses per-thread scratch arrays (cleared after each call, so they keep no graph alive), so repeated
    /// calls on graphs of up to a million nodes allocate nothing.</para>
    /// </remarks>
    public void Backward()
    {
        if (!Walks.TryOwnNodes())
        {
            SharedBackward();
            return;
        }
        try
        {
            Walks.Gradients.EnterWriteLock();
            try
            {
                OwnedBackward();
            }
            finally
            {
                Walks.Gradients.ExitWriteLock();
            }
        }
        finally
        {
            Walks.ReleaseNodes();
        }
    }

    /// <summary><see cref="Backward"/> by the walk that owns the nodes' marks and gradients (<see cref="Walks"/>): the walk marks
    /// nodes, and the sweep adds straight into their <see cref="Grad"/>s.</summary>
    private void OwnedBackward()
    {
        var scratch = TraversalScratch.Rent();
        var count = 0;
        var leaves = 0;
        try
        {
            // The walk also saves each leaf's gradient (in order) and zeroes every gradient it reaches, in one pass.
            (count, leaves) = Collect(scratch, forBackward: true, visited: null);
            var order = scratch.Order;

            Grad = 1.0;
            try
            {
                if (AnomalyMode.IsActive) AnomalyMode.CheckedSweep(order.AsSpan(0, count));
                else Sweep(order, count);
            }
            catch
            {
                // Nothing lost: every leaf gets back the gradient it had before this call.
                for (var k = 0; k < leaves; k++) scratch.Leaves[k].Grad = scratch.LeafGradients[k];
                throw;
            }

            var leafNodes = scratch.Leaves;
            var leafGrads = scratch.LeafGradients;
            for (var k = 0; k < leaves; k++) leafNodes[k]._grad = Accumulated(leafNodes[k]._grad, leafGrads[k]);
        }
        finally
        {
            scratch.Return(count, leaves);
        }
    }

    /// <summary>
    /// <see cref="Backward"/> while another walk owns the nodes (<see cref="Walks"/>), on another thread or in a hook: the same
    /// gradients, computed in arrays of this call's own (each node's sum of its uses' <see cref="Ops.Op.Contribution"/>s, in the
    /// order <see cref="Sweep"/> adds them, so the numbers are the same bit for bit), then written once the owning walk has
    /// ended: each interior node's gradient set, each leaf's added atomically.
    /// </summary>
    private void SharedBackward()
    {
        var order = TopologicalOrder();
        var count = order.Count;
        var position = Gradients.Positions(order);
        var grads = new double[count];
        grads.AsSpan().Fill(-0.0); // the sums' start: −0 + x is x, so a single contribution is kept as it is, sign included
        grads[count - 1] = 1.0;
        var check = AnomalyMode.IsActive;
        for (var i = count - 1; i >= 0; i--)
        {
            var node = order[i];
            var g = grads[i];
            if (node._hooked)
            {
                var before = g;
                g = RunHooks(node, g);
                if (check) AnomalyMode.CheckHooks(node, before, g);
                grads[i] = g;
            }
            if (node._op is not { } op) continue;
            for (var k = 0; k < node.ChildCount; k++)
            {
                var p = position[node.ChildAt(k)];
                var before = grads[p];
                grads[p] += op.Contribution(node, k, g);
                if (check && double.IsFinite(before) && !double.IsFinite(grads[p])) throw AnomalyMode.InBackward(node, g, k, grads[p]);
            }
        }

        Walks.Gradients.EnterReadLock();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var node = order[i];
                if (node._op is null) node.AddGradAtomically(grads[i]);
                else node._grad = grads[i];
            }
        }
        finally
        {
            Walks.Gradients.ExitReadLock();
        }
    }

    /// <summary>
    /// A leaf's gradient after a call: this call's sum <paramref name="call"/> added to what it held, <paramref name="held"/>;
    /// when that is +0 (no gradient yet, or zeroed), the call's sum itself, so that a gradient of −0 is kept, as PyTorch
    /// keeps the first gradient a leaf receives. (Every sum starts from −0, the identity of addition, so one contribution
    /// passes through unchanged; a start of +0 would turn −0 into +0.)
    /// </summary>
    internal static double Accumulated(double call, double held) =>
        BitConverter.DoubleToInt64Bits(held) == 0 ? call : call + held;

    /// <summary>The reverse sweep: each node in reverse topological order, its gradient now complete, runs its hooks
    /// (<see cref="RegisterHook"/>), then adds its gradient times its local derivatives into its operands' gradients.</summary>
    private static void Sweep(Value[] order, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            var v = order[i];
            if (v._hooked) v.Grad = RunHooks(v, v.Grad);
            v._op?.Propagate(v);
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
        var owned = Walks.TryOwnNodes();
        var scratch = TraversalScratch.Rent();
        var count = 0;
        try
        {
            (count, _) = Collect(scratch, forBackward: false, visited: owned ? null : new HashSet<Value>(ReferenceEqualityComparer.Instance));
            var list = new List<Value>(count);
            list.AddRange(new ArraySegment<Value>(scratch.Order, 0, count));
            return list;
        }
        finally
        {
            scratch.Return(count, 0);
            if (owned) Walks.ReleaseNodes();
        }
    }

    /// <summary>Writes the topological order into <c>scratch.Order[0 .. count)</c> by an iterative depth-first walk that visits
    /// operands in order and appends a node once all of its operands are appended. For <see cref="Backward"/>
    /// (<paramref name="forBackward"/>), it also zeroes each node's gradient as it appends it, after saving a leaf's gradient
    /// and the leaf itself into <c>scratch.LeafGradients</c> and <c>scratch.Leaves</c> (in topological order).
    /// Returns the node and leaf counts. Nodes are marked as visited in their own field when this walk owns the nodes
    /// (<paramref name="visited"/> null: see <see cref="Walks"/>), else in <paramref name="visited"/>.</summary>
    private (int Count, int Leaves) Collect(TraversalScratch scratch, bool forBackward, HashSet<Value>? visited)
    {
        var epoch = ++s_epoch == 0 ? ++s_epoch : s_epoch; // only the walk that owns the nodes changes it

        var order = scratch.Order;
        var nodes = scratch.StackNodes;
        var next = scratch.StackNext;
        var count = 0;
        var leaves = 0;
        var top = 0;
        if (visited is null) _mark = epoch;
        else visited.Add(this);
        nodes[0] = this;
        next[0] = 0;
        while (top >= 0)
        {
            var node = nodes[top];
            var i = next[top];
            var children = node.ChildCount;
            var descended = false;
            while (i < children)
            {
                var child = node.ChildAt(i++);
                if (visited is null)
                {
                    if (child._mark == epoch) continue;
                    child._mark = epoch;
                }
                else if (!visited.Add(child))
                {
                    continue;
                }
                if (child._op is null)
                {
                    // A leaf has nothing to visit: append it at once, as pushing and popping it would.
                    if (count == order.Length) order = scratch.GrowOrder();
                    order[count++] = child;
                    if (forBackward) Appended(scratch, child, leaves);
                    leaves++;
                    continue;
                }
                next[top] = i;
                if (++top == nodes.Length) (nodes, next) = scratch.GrowStack();
                nodes[top] = child;
                next[top] = 0;
                descended = true;
                break;
            }
            if (descended) continue;

            // Every operand is appended: append the node itself.
            if (count == order.Length) order = scratch.GrowOrder();
            order[count++] = node;
            nodes[top--] = null!;
            if (node._op is null)
            {
                if (forBackward) Appended(scratch, node, leaves);
                leaves++;
            }
            else if (forBackward)
            {
                node._grad = -0.0; // the sum's start: −0 + x is x, so the first contribution is kept as it is, sign included
            }
        }
        return (count, leaves);
    }

    /// <summary>For <see cref="Backward"/>: saves leaf number <paramref name="k"/> and its gradient, then zeroes it.</summary>
    private static void Appended(TraversalScratch scratch, Value leaf, int k)
    {
        scratch.AddLeaf(k, leaf);
        leaf._grad = -0.0;
    }

    /// <summary>
    /// Who may use the nodes' own fields during a walk. A node has one visited mark (<see cref="_mark"/>), and
    /// <see cref="Backward"/> sums gradients in the nodes' <see cref="Grad"/>s; so at most one walk at a time, on any thread,
    /// owns them: the first to start while none runs (<see cref="TryOwnNodes"/>), which is every walk of a program that walks
    /// one graph at a time, at full speed. A walk that starts while another owns the nodes (on another thread, or in a
    /// gradient hook) keeps its marks in a set and its gradients in arrays of its own, and writes the gradients only outside
    /// an owning <see cref="Backward"/> (<see cref="Gradients"/>: owners hold it for writing, shared walks for reading while
    /// they write, each leaf's share added atomically).
    /// </summary>
    /// <remarks>A gradient hook must not wait for a <see cref="Backward"/> running on another thread: that call's writes wait
    /// for the hook's own call to end.</remarks>
    private static class Walks
    {
        private static int s_owned;

        public static ReaderWriterLockSlim Gradients { get; } = new(LockRecursionPolicy.SupportsRecursion);

        /// <summary>Takes the nodes for this walk if no walk owns them; true if taken (then <see cref="ReleaseNodes"/>).</summary>
        public static bool TryOwnNodes() => !ForceShared && Interlocked.CompareExchange(ref s_owned, 1, 0) == 0;

        public static void ReleaseNodes() => Volatile.Write(ref s_owned, 0);
    }

    /// <summary>For tests: every walk on this thread takes the shared route, as when another walk owns the nodes.</summary>
    [ThreadStatic]
    internal static bool ForceShared;

    /// <summary>
    /// Per-thread arrays for the graph walk. Arrays of up to <see cref="KeepLimit"/> entries are kept for the next call (their
    /// references cleared); larger ones, for very large graphs, are dropped after the call so that memory is given back.
    /// </summary>
    private sealed class TraversalScratch
    {
        private const int KeepLimit = 1 << 18;
        private const int Initial = 256;
        private bool _inUse;

        public Value[] Leaves { get; private set; } = new Value[Initial];
        public double[] LeafGradients { get; private set; } = new double[Initial];
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

        /// <summary>Saves leaf number <paramref name="k"/> and its gradient.</summary>
        public void AddLeaf(int k, Value leaf)
        {
            if (k == Leaves.Length)
            {
                var leaves = new Value[k * 2];
                var grads = new double[k * 2];
                Leaves.CopyTo(leaves, 0);
                LeafGradients.CopyTo(grads, 0);
                (Leaves, LeafGradients) = (leaves, grads);
            }
            Leaves[k] = leaf;
            LeafGradients[k] = leaf.Grad;
        }

        /// <summary>Clears the references the walk left (the stack empties itself as it goes) and drops oversized arrays.</summary>
        public void Return(int count, int leaves)
        {
            Array.Clear(Order, 0, Math.Min(count, Order.Length));
            Array.Clear(Leaves, 0, Math.Min(leaves, Leaves.Length));
            if (Order.Length > KeepLimit) Order = new Value[Initial];
            if (StackNodes.Length > KeepLimit) (StackNodes, StackNext) = (new Value[Initial], new int[Initial]);
            if (Leaves.Length > KeepLimit) (Leaves, LeafGradients) = (new Value[Initial], new double[Initial]);
            _inUse = false;
        }
    }
}
