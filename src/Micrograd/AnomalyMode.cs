namespace Micrograd;

/// <summary>
/// Opt-in detection of the first NaN or infinity in a forward or backward pass, like PyTorch's
/// <c>torch.autograd.detect_anomaly</c>. Inside a scope, any op whose result is not finite throws an
/// <see cref="AnomalyException"/> naming the op and the labels involved. Off by default, and free when off: while no scope
/// (of any kind) is open anywhere, a node's check is one read of a static field.
/// </summary>
/// <example><code>
/// using (AnomalyMode.Enable())
/// {
///     var y = x.Log();   // throws if x is 0 or negative
///     y.Backward();      // throws at the first gradient that becomes NaN or infinite
/// }
/// </code></example>
/// <remarks>The scope belongs to the async flow that opened it, as <see cref="Gradients.Disabled"/>'s does: the code after it,
/// and every <c>await</c> inside it on whatever thread it resumes. Scopes nest; detection stays on until the last one open is
/// disposed.</remarks>
public static class AnomalyMode
{
    /// <summary>True while an anomaly scope is open in the current async flow.</summary>
    public static bool IsEnabled => OpScopes.AnomalyEnabled;

    /// <summary>Whether to check: a plain static read first, so that the check on every node costs nothing while no scope is
    /// open anywhere (<see cref="OpScopes"/>).</summary>
    internal static bool IsActive => OpScopes.AnyOpen && OpScopes.AnomalyEnabled;

    /// <summary>Turns detection on for the current async flow until the returned scope is disposed.</summary>
    /// <returns>A scope to dispose (for instance with <c>using</c>).</returns>
    public static IDisposable Enable() => OpScopes.OpenAnomaly();

    internal static void CheckForward(Value result)
    {
        if (double.IsFinite(result.Data)) return;
        var operands = string.Join(", ", result.Children.Select(v => Describe(v)));
        throw new AnomalyException(
            $"Anomaly in forward: op '{result.Op}' produced {Value.Format(result.Data)} from {operands}.",
            AnomalyPhase.Forward, result.Op, result.Label, result.Data);
    }

    /// <summary>The reverse sweep of <see cref="Value.Backward"/> with each contribution checked as it is added: the operand
    /// whose gradient it turns from finite to NaN or infinite is named (the right one when a value is both operands, as in
    /// <c>x * x</c>). The contributions are the op's own (<see cref="Ops.Op.Contribution"/>), in <see cref="Ops.Op.Propagate"/>'s
    /// order, so the gradients are the unchecked sweep's.</summary>
    internal static void CheckedSweep(ReadOnlySpan<Value> order)
    {
        for (var i = order.Length - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.HasHooks) CheckedHooks(node);
            if (node.Operation is not { } op) continue;
            var g = node.Grad;
            for (var c = 0; c < node.ChildCount; c++)
            {
                var child = node.ChildAt(c);
                var before = child.Grad;
                child.Grad = before + op.Contribution(node, c, g);
                if (double.IsFinite(before) && !double.IsFinite(child.Grad)) throw InBackward(node, g, c, child.Grad);
            }
        }
    }

    /// <summary>Runs a node's hooks (<see cref="Value.RegisterHook"/>) in <see cref="CheckedSweep"/>: a hook that makes a
    /// finite gradient NaN or infinite throws.</summary>
    private static void CheckedHooks(Value node)
    {
        var before = node.Grad;
        node.Grad = Value.RunHooks(node, before);
        CheckHooks(node, before, node.Grad);
    }

    /// <summary>Throws when the gradient hooks on <paramref name="node"/> turned the finite gradient <paramref name="before"/>
    /// into <paramref name="after"/>, a NaN or an infinity (in <see cref="CheckedSweep"/>, and in <see cref="Gradients.Of"/>'s
    /// sweep, whose hooks run on graphs).</summary>
    internal static void CheckHooks(Value node, double before, double after)
    {
        if (double.IsFinite(before) && !double.IsFinite(after))
        {
            throw new AnomalyException(
                $"Anomaly in backward: a gradient hook on {Describe(node, before)} replaced its gradient by {Value.Format(after)}.",
                AnomalyPhase.Backward, node.Op, node.Label, after);
        }
    }

    /// <summary>The exception for a gradient that became non-finite: <paramref name="node"/>'s op (whose gradient is
    /// <paramref name="nodeGradient"/>) gave operand <paramref name="operand"/> the gradient <paramref name="operandGradient"/>.</summary>
    internal static AnomalyException InBackward(Value node, double nodeGradient, int operand, double operandGradient)
    {
        var child = node.ChildAt(operand);
        return new AnomalyException(
            $"Anomaly in backward: op '{node.Op}' at {Describe(node, nodeGradient)} gave operand {operand} ({Describe(child, operandGradient)}) the gradient {Value.Format(operandGradient)}.",
            AnomalyPhase.Backward, node.Op, node.Label, operandGradient);
    }

    private static string Describe(Value v) => Describe(v, v.Grad);

    private static string Describe(Value v, double gradient) =>
        (v.Label.Length > 0 ? $"'{v.Label}'" : v.IsLeaf ? "an unlabelled leaf" : $"an unlabelled '{v.Op}' node")
        + $" (data {Value.Format(v.Data)}, grad {Value.Format(gradient)})";
}

/// <summary>Which pass an <see cref="AnomalyException"/> was raised in.</summary>
public enum AnomalyPhase
{
    /// <summary>While computing an op's value.</summary>
    Forward,

    /// <summary>While propagating gradients in <see cref="Value.Backward"/>.</summary>
    Backward,
}

/// <summary>Thrown inside an <see cref="AnomalyMode"/> scope where a NaN or an infinity first appears.</summary>
public sealed class AnomalyException : ArithmeticException
{
    internal AnomalyException(string message, AnomalyPhase phase, string op, string label, double value)
        : base(message)
    {
        Phase = phase;
        Op = op;
        Label = label;
        Value = value;
    }

    /// <summary>The pass in which the anomaly appeared.</summary>
    public AnomalyPhase Phase { get; }

    /// <summary>The op whose forward value, or whose local derivative, was not finite.</summary>
    public string Op { get; }

    /// <summary>The label of the node that op produced (empty if it had none).</summary>
    public string Label { get; }

    /// <summary>The non-finite number (NaN, +∞ or −∞).</summary>
    public double Value { get; }
}
