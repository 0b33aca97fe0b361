namespace Micrograd;

/// <summary>
/// Gradients as graphs: each gradient is a <see cref="Value"/> with its own graph, which can be differentiated again, to
/// any order (PyTorch's <c>torch.autograd.grad(…, create_graph=True)</c>). For the numbers only, use
/// <see cref="Value.Backward"/>, which builds nothing; for Hessians, Jacobians and directional derivatives of a function,
/// see <see cref="Derivatives"/>.
/// </summary>
/// <example><code>
/// var x = new Value(2.0, "x");
/// var y = x.Pow(3);                              // x³
/// var dy = Gradients.Of(y, [x])[0];              // 3x², data 12
/// var d2y = Gradients.Of(dy, [x])[0];            // 6x, data 12
/// var d3y = Gradients.Of(d2y, [x])[0];           // 6
/// </code></example>
public static class Gradients
{
    /// <summary>
    /// d(<paramref name="root"/>)/d(v) for each v of <paramref name="inputs"/>, each a new <see cref="Value"/> whose graph reaches
    /// <paramref name="root"/>'s graph, so that it can be differentiated again.
    /// </summary>
    /// <remarks>
    /// <para>The numbers are exactly those of <see cref="Value.Backward"/> after zeroing the gradients, bit for bit: the graph
    /// adds each path's contribution with the op's own formula, in the order <see cref="Value.Backward"/> adds them.</para>
    /// <para>Reads and changes no <see cref="Value.Grad"/>. Only the nodes that lead to a value of <paramref name="inputs"/> are
    /// differentiated. A value that <paramref name="root"/> does not depend on gets a gradient of 0 (a constant leaf); the
    /// root itself gets 1.</para>
    /// <para>NaN and infinities propagate as in <see cref="Value.Backward"/>. Inside an <see cref="AnomalyMode"/> scope, the
    /// first gradient (of a node that leads to <paramref name="inputs"/>) that becomes NaN or infinite throws an
    /// <see cref="AnomalyException"/>, as <see cref="Value.Backward"/> does.</para>
    /// <para>Each node whose gradient is computed runs its gradient hooks (<see cref="Value.RegisterHook"/>) on it once it is
    /// complete, with recording on: a hook's result replaces the gradient, in the graph too.</para>
    /// <para>The graphs are recorded even inside a <see cref="Disabled"/> scope, as PyTorch's backward with
    /// <c>create_graph=True</c> records them.</para>
    /// <para>The walk uses explicit stacks, so any depth works; the gradients' graph is about as large again as the part of
    /// <paramref name="root"/>'s graph that leads to <paramref name="inputs"/>.</para>
    /// </remarks>
    /// <param name="root">The value to differentiate.</param>
    /// <param name="inputs">The values to differentiate with respect to: leaves (inputs, parameters) or interior nodes.</param>
    /// <returns>One gradient per value of <paramref name="inputs"/>, in the same order.</returns>
    /// <exception cref="ArgumentException">An element of <paramref name="inputs"/> is null.</exception>
    public static Value[] Of(Value root, IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(inputs);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null) throw new ArgumentException($"inputs[{i}] is null.", nameof(inputs));
        }

        var order = root.TopologicalOrder();
        var position = Positions(order);
        var leads = LeadsTo(order, position, inputs);
        Value?[] gradients;
        using (OpScopes.Enter(record: true))
            gradients = Sweep(order, position, leads);

        var result = new Value[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
            result[i] = position.TryGetValue(inputs[i], out var p) ? gradients[p]! : new Value(0.0);
        return result;
    }

    /// <summary>
    /// Opens a no-gradient scope in the current async flow, as PyTorch's <c>torch.no_grad()</c>: until it is disposed, every op
    /// (arithmetic, the functions, <see cref="Value.Sum"/>, <see cref="DifferentiableFunction.Apply"/>) computes its value as
    /// usual but records no graph. Its result is a new leaf with that data, no op, no operands and no label, so that nothing
    /// computed in the scope passes a gradient back, and nothing is kept alive for a backward pass (model evaluation, an
    /// optimizer's update, metrics).
    /// </summary>
    /// <remarks>
    /// <para>Values are computed exactly as outside the scope, NaN and infinities included; inside an
    /// <see cref="AnomalyMode"/> scope each result is still checked. Values made before the scope keep their graphs, and values
    /// made in it can be used in graphs built after it (as PyTorch's no-grad tensors can).</para>
    /// <para>The scope belongs to the async flow that opened it: the code after it on that thread, and every <c>await</c>
    /// inside it wherever the continuation runs (a <c>using</c> around an <c>await</c> on the thread pool works), and tasks
    /// started inside it, which inherit it; other flows and threads record as usual. Dispose it in the flow that opened
    /// it. Scopes nest: recording resumes when the last one open is disposed, in any order; disposing a scope twice does
    /// nothing. While no scope is open anywhere, an op pays one read of a static field for this and
    /// <see cref="AnomalyMode"/> together.</para>
    /// <para><see cref="Value.Backward"/> works in the scope (it builds nothing). <see cref="Of"/>, and the functions of
    /// <see cref="Derivatives"/> and <see cref="GradientCheck"/>, record their graphs in the scope too, as PyTorch's backward
    /// with <c>create_graph=True</c> and its <c>torch.autograd.functional</c> do; a <see cref="DifferentiableFunction"/>'s
    /// derivatives as values and gradient hooks that <see cref="Of"/> runs record as well.</para>
    /// </remarks>
    /// <example><code>
    /// using (Gradients.Disabled())
    /// {
    ///     var score = model.Forward(inputs)[0];   // a leaf: no graph is kept
    /// }
    /// </code></example>
    /// <returns>A scope to dispose (for instance with <c>using</c>).</returns>
    public static IDisposable Disabled() => OpScopes.OpenDisabled();

    /// <summary>Each node's position in <paramref name="order"/>.</summary>
    internal static Dictionary<Value, int> Positions(List<Value> order)
    {
        var position = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < order.Count; i++) position.Add(order[i], i);
        return position;
    }

    /// <summary>For each node of the topological <paramref name="order"/>: whether it is a target or depends on one.</summary>
    private static bool[] LeadsTo(List<Value> order, Dictionary<Value, int> position, IReadOnlyList<Value> targets)
    {
        var leads = new bool[order.Count];
        foreach (var target in targets)
        {
            if (position.TryGetValue(target, out var p)) leads[p] = true;
        }
        for (var i = 0; i < order.Count; i++)
        {
            var node = order[i];
            for (var k = 0; !leads[i] && k < node.ChildCount; k++) leads[i] = leads[position[node.ChildAt(k)]];
        }
        return leads;
    }

    /// <summary>
    /// The reverse sweep of <see cref="Value.Backward"/> with gradients as graphs: nodes in reverse topological order, each
    /// op's contributions operand by operand (asked for together, <see cref="Ops.Op.ContributionGraphs"/>), each node's
    /// contributions summed in the order they came (as one n-ary sum from 0, which rounds as <see cref="Value.Backward"/>'s
    /// <c>Grad += …</c> from 0 does). Returns each node's gradient (null for nodes that lead to no target).
    /// </summary>
    private static Value?[] Sweep(List<Value> order, Dictionary<Value, int> position, bool[] leads)
    {
        var count = order.Count;
        var first = new Value?[count]; // each node's first contribution; most nodes get only one
        var more = new List<Value>?[count];
        var gradients = new Value?[count];
        var sums = AnomalyMode.IsActive ? new double[count] : null;
        var (wanted, contributions) = (new bool[2], new Value?[2]); // one node's operands: which lead to a target, and their contributions
        for (var i = count - 1; i >= 0; i--)
        {
            if (!leads[i]) continue;
            var node = order[i];
            var g = i == count - 1 ? new Value(1.0) : Total(first[i]!, more[i]);
            if (node.HasHooks)
            {
                var before = g.Data;
                g = Value.RunHooks(node, g);
                if (sums is not null) AnomalyMode.CheckHooks(node, before, g.Data);
            }
            gradients[i] = g;
            (first[i], more[i]) = (null, null);
            if (node.Operation is not { } op) continue;
            var children = node.ChildCount;
            if (wanted.Length < children) (wanted, contributions) = (new bool[children], new Value?[children]);
            for (var k = 0; k < children; k++) wanted[k] = leads[position[node.ChildAt(k)]];
            op.ContributionGraphs(node, g, wanted.AsSpan(0, children), contributions.AsSpan(0, children));
            for (var k = 0; k < children; k++)
            {
                if (!wanted[k]) continue;
                var p = position[node.ChildAt(k)];
                var contribution = contributions[k]!;
                if (first[p] is null) first[p] = contribution;
                else (more[p] ??= []).Add(contribution);
                if (sums is not null)
                {
                    var before = sums[p];
                    sums[p] += contribution.Data;
                    if (double.IsFinite(before) && !double.IsFinite(sums[p])) throw AnomalyMode.InBackward(node, g.Data, k, sums[p]);
                }
            }
        }
        return gradients;
    }

    /// <summary>The sum of a node's gradient contributions, in the order they came; a single one as it is, unless it is −0
    /// (which Backward's 0 + −0 makes +0).</summary>
    /// <summary>A node's gradient as a graph from its contributions: the one contribution itself, or their sum. Its data is
    /// <see cref="Value.Backward"/>'s sum from −0: the sum node's (which starts from +0) unless every contribution is −0, when
    /// the sum is built as −Σ(−c), which is −0, with the same derivatives.</summary>
    private static Value Total(Value first, List<Value>? more)
    {
        if (more is null) return first;
        Value[] terms = [first, .. more];
        if (!terms.All(t => BitConverter.DoubleToInt64Bits(t.Data) == BitConverter.DoubleToInt64Bits(-0.0)))
            return Value.InGraph(Ops.SumOp.Instance, terms);
        return Value.InGraph(Ops.NegateOp.Instance, Value.InGraph(Ops.SumOp.Instance, [.. terms.Select(t => Value.InGraph(Ops.NegateOp.Instance, t))]));
    }
}
