using System.Text.RegularExpressions;
using Micrograd.Graphs;
using Micrograd.Ops;

namespace Micrograd.Explorer.Tests.Support;

/// <summary>One gradient contribution of the backward pass: operand <see cref="To"/> (the k-th operand) receives g · local.</summary>
public sealed record Contribution(int To, int Operand, double G, double Local, double Value, double Before, double After);

/// <summary>A hooked node's gradient: the sum of its contributions, and what the engine's hooks made of it.</summary>
public sealed record HookedGradient(double Sum, double Hooked);

/// <summary>
/// What the page must show at every step, computed by the engine: its forward data (the nodes' data as built) and its
/// backward pass replayed node by node with the engine's own op formulas, in the engine's order. A node with a gradient
/// hook (<see cref="Value.RegisterHook"/>) takes, once its gradient is complete, the gradient <see cref="Value.Backward"/>
/// left in it (its hooks' result), and passes that back. The replay's final gradients are checked against
/// <see cref="Value.Backward"/> itself.
/// </summary>
public sealed partial class EngineTrace
{
    private readonly Contribution[][] _events;
    private readonly HookedGradient?[] _hooks;
    private readonly string[] _names;
    private readonly (int Id, bool Forward)[] _order;
    private readonly int _forwardCount;

    private EngineTrace(ComputationGraph graph, double[] data, Contribution[][] events, HookedGradient?[] hooks, bool skipLeaves)
    {
        Graph = graph;
        Data = data;
        _events = events;
        _hooks = hooks;
        _names = NodeNames.Of(graph);
        var kept = Enumerable.Range(0, graph.Nodes.Count).Where(id => !(skipLeaves && graph.Nodes[id].IsLeaf)).ToArray();
        _order = kept.Select(id => (id, true)).Concat(kept.Reverse().Select(id => (id, false))).ToArray();
        _forwardCount = kept.Length;
        Uses = new int[graph.Nodes.Count];
        foreach (var edge in graph.Edges) Uses[edge.From]++;
    }

    public ComputationGraph Graph { get; }

    public int Count => Graph.Nodes.Count;

    /// <summary>How many steps the page has: every node forward and backward, or only the nodes that are not leaves.</summary>
    public int Steps => _order.Length;

    /// <summary>How many forward steps there are.</summary>
    public int ForwardSteps => _forwardCount;

    public IReadOnlyList<double> Data { get; }

    /// <summary>How many times each node is an operand: the contributions it receives in the backward pass.</summary>
    public int[] Uses { get; }

    public IReadOnlyList<Contribution> EventsOf(int id) => _events[id];

    /// <summary>A hooked node's sum and hooked gradient; null for a node without hooks.</summary>
    public HookedGradient? HookOf(int id) => _hooks[id];

    /// <summary>The final gradients (after the whole backward pass).</summary>
    public double[] FinalGrad => GradientsAfter(Steps)!.Value.Grad;

    /// <summary>The same numbers stepped with leaves skipped (the page's "skip leaves").</summary>
    public EngineTrace SkippingLeaves() => new(Graph, (double[])Data, _events, _hooks, skipLeaves: true);

    public static EngineTrace Of(Value root)
    {
        var graph = ComputationGraph.Trace(root);
        var nodes = graph.Nodes;
        var n = nodes.Count;
        var data = nodes.Select(v => v.Data).ToArray();
        var engine = EngineGradients(graph);
        // Every sum starts from -0, as the engine's does (so that a single contribution of -0 stays -0).
        var grad = Enumerable.Repeat(-0.0, n).ToArray();
        grad[n - 1] = 1.0;
        var events = new Contribution[n][];
        var hooks = new HookedGradient?[n];
        for (var id = n - 1; id >= 0; id--)
        {
            var node = nodes[id];
            if (node.HasHooks)
            {
                hooks[id] = new HookedGradient(grad[id], engine[id]);
                grad[id] = engine[id];
            }
            var list = new List<Contribution>();
            var y = node.Data;
            var g = grad[id];
            var operands = graph.EdgesInto(id).ToArray();
            foreach (var edge in operands)
            {
                var (value, local) = Contribute(node, edge.Operand, y, g);
                var before = grad[edge.From];
                grad[edge.From] = before + value;
                list.Add(new Contribution(edge.From, edge.Operand, g, local, value, before, grad[edge.From]));
            }
            events[id] = list.ToArray();
        }

        var trace = new EngineTrace(graph, data, events, hooks, skipLeaves: false);
        for (var i = 0; i < n; i++)
        {
            Assert.True(Same(engine[i], trace.FinalGrad[i]), $"the trace's replay of backward gives node {i} grad {Shown.Full(trace.FinalGrad[i])}, the engine {Shown.Full(engine[i])}");
        }
        return trace;
    }

    /// <summary>Operand k's contribution g·∂y/∂operand and the local derivative (the same formula with g = 1), by the engine's op.</summary>
    private static (double Value, double Local) Contribute(Value node, int k, double y, double g)
    {
        switch (node.Operation)
        {
            case UnaryOp unary:
                return (unary.Backward(node.A!.Data, y, g), unary.Backward(node.A!.Data, y, 1.0));
            case BinaryOp binary when k == 0:
                return (binary.BackwardLeft(node.A!.Data, node.B!.Data, y, g), binary.BackwardLeft(node.A!.Data, node.B!.Data, y, 1.0));
            case BinaryOp binary:
                return (binary.BackwardRight(node.A!.Data, node.B!.Data, y, g), binary.BackwardRight(node.A!.Data, node.B!.Data, y, 1.0));
            case NaryOp nary:
                return (NaryContribution(nary, node, k, g), NaryContribution(nary, node, k, 1.0));
            default:
                throw new InvalidOperationException($"node with op '{node.Op}' has no op the trace knows");
        }
    }

    /// <summary>An n-ary op's contribution to operand k, by running its own Propagate on fresh, distinct copies of the operands.</summary>
    private static double NaryContribution(NaryOp op, Value node, int k, double g)
    {
        var copies = node.Children.Select(c => new Value(c.Data)).ToArray();
        var copy = Value.Nary(op, copies);
        copy.Grad = g;
        op.Propagate(copy);
        return copies[k].Grad;
    }

    /// <summary>Every node's gradient after one <see cref="Value.Backward"/> from the root (leaves from 0); the graph's own are put back.</summary>
    private static double[] EngineGradients(ComputationGraph graph)
    {
        var saved = graph.Nodes.Select(v => v.Grad).ToArray();
        foreach (var v in graph.Nodes.Where(v => v.IsLeaf)) v.Grad = 0;
        graph.Root.Backward();
        var engine = graph.Nodes.Select(v => v.Grad).ToArray();
        for (var i = 0; i < saved.Length; i++) graph.Nodes[i].Grad = saved[i];
        return engine;
    }

    /// <summary>Bit for bit, except that every NaN is the same.</summary>
    public static bool Same(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    /// <summary>The node step s works on, or -1 at step 0.</summary>
    public int NodeAt(int s) => s >= 1 && s <= Steps ? _order[s - 1].Id : -1;

    /// <summary>Whether step s is a forward step.</summary>
    public bool IsForward(int s) => s >= 1 && s <= _forwardCount;

    /// <summary>Whether a node's data is known after s steps: once its forward step is done (a skipped leaf from the start).</summary>
    public bool Known(int id, int s)
    {
        var at = Array.IndexOf(_order, (id, true));
        return at < 0 || s > at;
    }

    /// <summary>
    /// Every gradient and count of contributions after s steps, or null before the backward pass. A hooked node takes its
    /// hooked gradient at its own step, before it passes it back; a hooked leaf whose step is skipped, once its last
    /// contribution is received.
    /// </summary>
    public (double[] Grad, int[] Adds)? GradientsAfter(int s)
    {
        if (s <= _forwardCount) return null;
        var grad = new double[Count];
        var adds = new int[Count];
        grad[Count - 1] = 1.0;
        for (var t = _forwardCount + 1; t <= s; t++)
        {
            var id = NodeAt(t);
            if (_hooks[id] is { } hook) grad[id] = hook.Hooked;
            foreach (var e in _events[id])
            {
                grad[e.To] = e.After;
                adds[e.To]++;
                if (_hooks[e.To] is { } skipped && adds[e.To] == Uses[e.To] && !_order.Contains((e.To, false))) grad[e.To] = skipped.Hooked;
            }
        }
        return (grad, adds);
    }

    // ----- names and formulas, as the page must write them

    public string Name(int id) => _names[id];

    public bool IsConstant(int id) => NodeNames.IsConstant(Graph.Nodes[id]);

    public string Ref(int id) => IdentifierRegex().IsMatch(Name(id)) ? Name(id) : $"({Name(id)})";

    /// <summary>An operand in a symbolic formula: a constant as its number, any other value as name.data.</summary>
    public string Symbol(int id) => IsConstant(id) ? (Name(id).StartsWith('-') ? $"({Name(id)})" : Name(id)) : Ref(id) + ".data";

    /// <summary>
    /// An op text with its placeholders filled: {x} {a} {b} (operands by position), {y} (the result), {xs} (all operands);
    /// a negative number in parentheses of its own loses them inside the text's own: log(-2), not log((-2)).
    /// </summary>
    public string Fill(string text, int id, Func<int, string> show)
    {
        var node = Graph.Nodes[id];
        var operands = Graph.EdgesInto(id).ToArray().Select(e => e.From).ToArray();
        var filled = PlaceholderRegex().Replace(text, m => m.Groups[1].Value switch
        {
            "y" => show(id),
            "xs" => string.Join(", ", operands.Select(show)),
            "x" when node.Operation is UnaryOp => show(operands[0]),
            "a" when node.Operation is BinaryOp => show(operands[0]),
            "b" when node.Operation is BinaryOp => show(operands[1]),
            _ => m.Value,
        });
        return DoubleParenthesesRegex().Replace(filled, "($1)");
    }

    private string Derivative(int id, Contribution e, Func<int, string> show)
    {
        var node = Graph.Nodes[id];
        var script = OpScript.Of(node.Operation!);
        // an n-ary twin has one text for every operand; an op without a twin (a user's function) has one per operand
        return Fill(script.DerivativeText[node.Operation is NaryOp && script.HasTwin ? 0 : e.Operand], id, show);
    }

    /// <summary>The formula lines the page must show at step s (the chain-rule line of each contribution).</summary>
    public List<string> Lines(int s)
    {
        var id = NodeAt(s);
        if (id < 0) return ["Step → runs the forward pass: each node's data, in topological order.", "Or start as the seed does: select a leaf and press “Nudge check” to estimate its gradient numerically."];
        var node = Graph.Nodes[id];
        if (IsForward(s))
        {
            if (IsConstant(id)) return [$"{Name(id)} (a constant)"];
            if (node.IsLeaf) return [$"{Ref(id)}.data = {Shown.Short(Data[id])}"];
            var text = node.Operation!.ForwardText;
            return [$"{Ref(id)}.data = {Fill(text, id, Symbol)} = {Fill(text, id, i => Shown.Operand(Data[i]))} = {Shown.Short(Data[id])}"];
        }

        var lines = new List<string>();
        if (id == Count - 1) lines.Add($"{Ref(id)}.grad = 1");
        if (_hooks[id] is { } hook) lines.Add($"{Ref(id)}.grad = {Shown.Short(hook.Sum)} → {Shown.Short(hook.Hooked)}");
        if (node.IsLeaf)
        {
            if (id != Count - 1 && _hooks[id] is null) lines.Add($"{Ref(id)}.grad = {Shown.Short(GradientsAfter(s)!.Value.Grad[id])}");
            return lines;
        }
        foreach (var e in _events[id])
        {
            lines.Add($"{Ref(e.To)}.grad += {Derivative(id, e, Symbol)} × {Ref(id)}.grad = {Shown.Operand(e.Local)} × {Shown.Operand(e.G)} = {Shown.Short(e.Value)}");
        }
        return lines;
    }

    /// <summary>The two factors of each contribution at step s, as the page labels them: "local ∂y/∂x = … = …", "upstream y.grad = …".</summary>
    public List<string> Factors(int s)
    {
        var id = NodeAt(s);
        if (id < 0 || IsForward(s) || Graph.Nodes[id].IsLeaf) return [];
        var factors = new List<string>();
        foreach (var e in _events[id])
        {
            var derivative = Derivative(id, e, Symbol);
            var numbers = Derivative(id, e, i => Shown.Operand(Data[i]));
            var local = $"∂{Ref(id)}/∂{Ref(e.To)} = {derivative}";
            if (numbers != derivative && numbers != Shown.Short(e.Local)) local += $" = {numbers}";
            if (derivative != Shown.Short(e.Local)) local += $" = {Shown.Short(e.Local)}";
            factors.Add("local " + local);
            factors.Add($"upstream {Ref(id)}.grad = {Shown.Short(e.G)}");
        }
        return factors;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"\{(x|a|b|y|xs)\}")]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex(@"\(\((-[^()]+)\)\)")]
    private static partial Regex DoubleParenthesesRegex();
}
