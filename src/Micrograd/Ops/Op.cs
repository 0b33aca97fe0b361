namespace Micrograd.Ops;

/// <summary>
/// An operation of the graph. Each concrete op lives in one file that holds its formulas (the forward value and the
/// gradient contribution of each operand, side by side, written once over <see cref="IOpNumber{T}"/>), the
/// <see cref="Value"/> member that creates it and the texts that say how a person writes it. <see cref="OpCatalog"/> lists
/// every op.
/// </summary>
/// <remarks>
/// One formula gives every form of the op: the scalar one (<see cref="Value"/>'s ops, <see cref="Value.Backward"/>, the
/// compiled scalar tape), the lane kernels of the compiled batched tape (<see cref="Compiled.BatchedGraph"/>, on
/// <see cref="LaneVector"/>), the gradient as a graph (<see cref="ContributionGraph"/>, for gradients of gradients) and the
/// JavaScript twin (<see cref="Script"/>). The arity classes (<see cref="UnaryOp"/>, <see cref="BinaryOp"/>,
/// <see cref="NaryOp"/>) define how each form is called; their generic subclasses (<see cref="UnaryOp{TFormula}"/>,
/// <see cref="BinaryOp{TFormula}"/>, <see cref="NaryOp{TFormula}"/>) implement every form from one formula struct. Lane
/// spans are always a whole number of vectors long (<see cref="Lanes.Of(Span{double})"/>).
/// </remarks>
internal abstract class Op
{
    /// <summary>The symbol shown in <see cref="Value.Op"/> and in graph pictures.</summary>
    public abstract string Name { get; }

    /// <summary>Adds <paramref name="node"/>'s gradient, times the local derivative, into each operand's gradient, operand by
    /// operand in order (the eager backward pass).</summary>
    public abstract void Propagate(Value node);

    /// <summary>What <see cref="Propagate"/> adds to operand <paramref name="operand"/>'s gradient when the node's gradient is
    /// <paramref name="g"/>: g·∂y/∂operand at the node's data. With g the operand's tangent, it is that operand's term of the
    /// node's tangent (forward mode, <see cref="Derivatives.Directional"/>).</summary>
    public abstract double Contribution(Value node, int operand, double g);

    /// <summary>The same contribution as a <see cref="Value"/> whose graph reaches the node, its operands and
    /// <paramref name="g"/>, so that it can be differentiated again (<see cref="Gradients.Of"/>). Its data is exactly
    /// <see cref="Contribution"/>'s number.</summary>
    public abstract Value ContributionGraph(Value node, int operand, Value g);

    /// <summary>The <see cref="ContributionGraph"/> of each operand that <paramref name="wanted"/> marks, into
    /// <paramref name="contributions"/> (null for the others): operand by operand, unless the op makes them together (a
    /// <see cref="DifferentiableFunction"/> asks its derivatives once for all operands).</summary>
    public virtual void ContributionGraphs(Value node, Value g, ReadOnlySpan<bool> wanted, Span<Value?> contributions)
    {
        for (var k = 0; k < contributions.Length; k++) contributions[k] = wanted[k] ? ContributionGraph(node, k, g) : null;
    }

    /// <summary>The op's JavaScript twin (the same formulas, for pages that recompute the graph in a browser), made from the
    /// op's own formulas and texts; for an op without one (a <see cref="DifferentiableFunction"/>), its texts only
    /// (<see cref="OpScript.HasTwin"/>).</summary>
    public abstract OpScript Script { get; }

    /// <summary>True when <paramref name="other"/> computes the same function: the same class and the same
    /// <see cref="Name"/> (parameterized ops such as a constant power carry their parameter in the name). A
    /// <see cref="DifferentiableFunction"/>'s op is the same only as itself, whatever the names.</summary>
    public virtual bool SameAs(Op other) =>
        ReferenceEquals(this, other) || (GetType() == other.GetType() && string.Equals(Name, other.Name, StringComparison.Ordinal));
}
