namespace Micrograd;

public sealed partial class Value
{
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
        var walk = Walks.Begin();
        try
        {
            if (!ForceShared && OwnedBackward(walk)) return;
            SharedBackward(walk);
        }
        finally
        {
            Walks.End(walk);
        }
    }

    /// <summary><see cref="Backward"/> in the nodes' own fields: the walk claims each node it reaches (<see cref="Walks"/>),
    /// and the sweep adds straight into their <see cref="Grad"/>s. False, with every leaf's gradient as it was, when another
    /// walk running now holds one of the nodes.</summary>
    private bool OwnedBackward(int walk)
    {
        var scratch = TraversalScratch.Rent();
        var count = 0;
        var leaves = 0;
        try
        {
            // The walk also saves each leaf's gradient (in order) and zeroes every gradient it reaches, in one pass.
            bool claimed;
            (count, leaves, claimed) = Collect(scratch, forBackward: true, visited: null, walk);
            if (!claimed)
            {
                for (var k = 0; k < leaves; k++) scratch.Leaves[k]._grad = scratch.LeafGradients[k];
                return false;
            }
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
            return true;
        }
        finally
        {
            scratch.Return(count, leaves);
        }
    }

    /// <summary>
    /// <see cref="Backward"/> when another walk running now holds some of the nodes (on another thread, or the call whose
    /// gradient hook this is): the same gradients, computed in arrays of this call's own (each node's sum of its uses'
    /// <see cref="Ops.Op.Contribution"/>s, in the order <see cref="Sweep"/> adds them, so the numbers are the same bit for
    /// bit), then written node by node (<see cref="Write"/>).
    /// </summary>
    private void SharedBackward(int walk)
    {
        var order = OrderInSet();
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
        for (var i = 0; i < count; i++) Write(order[i], grads[i], walk);
    }

    /// <summary>
    /// Writes a node's gradient from <see cref="SharedBackward"/>: a leaf's added (<see cref="Accumulated"/>), an interior
    /// node's set. The node is claimed for the write and released after it, so no other walk sums in it meanwhile; while
    /// a walk on another thread holds it, this waits for that walk to end. A walk of this same thread holds it only when this
    /// call runs in its gradient hook: that walk is summing in the node's field, so a leaf's share is added into the sum
    /// (the walk adds what the leaf held at its end) and an interior node keeps that walk's gradient.
    /// </summary>
    private static void Write(Value node, double gradient, int walk)
    {
        var spin = new SpinWait();
        while (true)
        {
            var seen = Volatile.Read(ref node._mark);
            var owner = seen == walk ? 0 : Walks.Owner(seen);
            if (owner == Environment.CurrentManagedThreadId)
            {
                if (node._op is null) node.AddGradAtomically(gradient);
                return;
            }
            if (owner != 0)
            {
                spin.SpinOnce();
                continue;
            }
            if (Interlocked.CompareExchange(ref node._mark, walk, seen) != seen) continue;
            node._grad = node._op is null ? Accumulated(gradient, node._grad) : gradient;
            Volatile.Write(ref node._mark, 0);
            return;
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
        var walk = Walks.Begin();
        try
        {
            if (!ForceShared)
            {
                var scratch = TraversalScratch.Rent();
                var count = 0;
                try
                {
                    (count, _, var claimed) = Collect(scratch, forBackward: false, visited: null, walk);
                    if (claimed) return [.. new ArraySegment<Value>(scratch.Order, 0, count)];
                }
                finally
                {
                    scratch.Return(count, 0);
                }
            }
            return OrderInSet();
        }
        finally
        {
            Walks.End(walk);
        }
    }

    /// <summary>The topological order with the visited nodes kept in a set of this walk's own: for a walk that may not mark
    /// the nodes, as another walk running now holds some of them.</summary>
    private List<Value> OrderInSet()
    {
        var scratch = TraversalScratch.Rent();
        var count = 0;
        try
        {
            (count, _, _) = Collect(scratch, forBackward: false, visited: new HashSet<Value>(ReferenceEqualityComparer.Instance), walk: 0);
            return [.. new ArraySegment<Value>(scratch.Order, 0, count)];
        }
        finally
        {
            scratch.Return(count, 0);
        }
    }

    /// <summary>Writes the topological order into <c>scratch.Order[0 .. count)</c> by an iterative depth-first walk that visits
    /// operands in order and appends a node once all of its operands are appended. For <see cref="Backward"/>
    /// (<paramref name="forBackward"/>), it also zeroes each node's gradient as it appends it, after saving a leaf's gradient
    /// and the leaf itself into <c>scratch.LeafGradients</c> and <c>scratch.Leaves</c> (in topological order).
    /// Returns the node and leaf counts. Nodes are marked as visited by claiming them for <paramref name="walk"/>
    /// (<paramref name="visited"/> null: see <see cref="Walks"/>); the walk stops, returning false, at a node another running
    /// walk holds. Else they are kept in <paramref name="visited"/>.</summary>
    private (int Count, int Leaves, bool Claimed) Collect(TraversalScratch scratch, bool forBackward, HashSet<Value>? visited, int walk)
    {
        var order = scratch.Order;
        var nodes = scratch.StackNodes;
        var next = scratch.StackNext;
        var count = 0;
        var leaves = 0;
        var top = 0;
        if (visited is not null) visited.Add(this);
        else if (Walks.Claim(this, walk) != Walks.Claimed.Now) return (0, 0, false);
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
                    var claim = Walks.Claim(child, walk);
                    if (claim == Walks.Claimed.Before) continue;
                    if (claim == Walks.Claimed.ByAnother) return (count, leaves, false);
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
        return (count, leaves, true);
    }

    /// <summary>For <see cref="Backward"/>: saves leaf number <paramref name="k"/> and its gradient, then zeroes it.</summary>
    private static void Appended(TraversalScratch scratch, Value leaf, int k)
    {
        scratch.AddLeaf(k, leaf);
        leaf._grad = -0.0;
    }

    /// <summary>
    /// The walks running now (<see cref="Backward"/>, <see cref="TopologicalOrder"/>), on every thread, and the claims
    /// they make on nodes. Each walk has a number of its own; a node's <see cref="_mark"/> holds the number of the last walk
    /// that claimed it. A walk claims each node it reaches, atomically; a node whose mark is a running walk's is held by that
    /// walk, any other mark is stale. So walks of separate graphs run side by side at full speed, whatever the threads, and
    /// a walk that meets a node held by another (graphs that share nodes, walked at once; or a walk inside a gradient hook
    /// of a walk of the same graph) takes the shared route: its own set of visited nodes, its own gradient sums, written
    /// node by node.
    /// </summary>
    /// <remarks>Claims cost one atomic compare-and-swap per node. Up to 256 walks may run at once; more wait for a slot. A
    /// gradient hook must not wait for a <see cref="Backward"/> on another thread that shares nodes with its own call: that
    /// call's writes wait for the hook's call to end.</remarks>
    private static class Walks
    {
        private static readonly object s_lock = new();
        private static readonly int[] s_walks = new int[256];
        private static readonly int[] s_threads = new int[256];
        private static int s_count;
        private static int s_last;
        private static int s_oldest = int.MaxValue;

        /// <summary>What <see cref="Claim"/> found.</summary>
        public enum Claimed
        {
            /// <summary>The node was stale and is now this walk's.</summary>
            Now,

            /// <summary>This walk had claimed it already.</summary>
            Before,

            /// <summary>Another running walk holds it.</summary>
            ByAnother,
        }

        /// <summary>Starts a walk: its number, never 0, which <see cref="End"/> must be given.</summary>
        public static int Begin()
        {
            lock (s_lock)
            {
                while (s_count == s_walks.Length) Monitor.Wait(s_lock);
                var walk = ++s_last;
                if (walk <= 0) walk = s_last = 1;
                s_walks[s_count] = walk;
                s_threads[s_count] = Environment.CurrentManagedThreadId;
                s_count++;
                Volatile.Write(ref s_oldest, Oldest());
                return walk;
            }
        }

        public static void End(int walk)
        {
            lock (s_lock)
            {
                var i = Array.IndexOf(s_walks, walk, 0, s_count);
                s_count--;
                (s_walks[i], s_threads[i]) = (s_walks[s_count], s_threads[s_count]);
                Volatile.Write(ref s_oldest, Oldest());
                Monitor.PulseAll(s_lock);
            }
        }

        /// <summary>The thread running walk <paramref name="mark"/>, or 0 if no walk of that number runs now. A mark below the
        /// oldest running walk's number is a finished walk's, known without the lock.</summary>
        public static int Owner(int mark)
        {
            if (mark < Volatile.Read(ref s_oldest)) return 0;
            lock (s_lock)
            {
                var i = Array.IndexOf(s_walks, mark, 0, s_count);
                return i < 0 ? 0 : s_threads[i];
            }
        }

        /// <summary>Claims <paramref name="node"/> for <paramref name="walk"/> unless another running walk holds it.</summary>
        public static Claimed Claim(Value node, int walk)
        {
            while (true)
            {
                var seen = Volatile.Read(ref node._mark);
                if (seen == walk) return Claimed.Before;
                if (Owner(seen) != 0) return Claimed.ByAnother;
                if (Interlocked.CompareExchange(ref node._mark, walk, seen) == seen) return Claimed.Now;
            }
        }

        private static int Oldest()
        {
            var oldest = int.MaxValue;
            for (var i = 0; i < s_count; i++) oldest = Math.Min(oldest, s_walks[i]);
            return oldest;
        }
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
