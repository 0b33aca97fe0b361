namespace Micrograd.Ops;

/// <summary>
/// An operation of the graph. Each concrete op lives in one file that holds its formulas (the forward value and the
/// gradient contribution of each operand, side by side, written once over <see cref="IOpNumber{T}"/>), the
/// <see cref="Value"/> member that creates it and the texts that say how a person writes it. <see cref="OpCatalog"/> lists
/// every op.
/// </summary>
/// <remarks>
/// <para>The public members describe the op and evaluate its formulas on any number type (<see cref="Evaluate"/>,
/// <see cref="Contribution"/>, over <see cref="IOpNumber{T}"/>): that is how another package writes an op's twin in its own
/// terms (the explorer page's JavaScript, the ONNX export) from the op's one formula. <see cref="OpCatalog"/> lists every op;
/// <see cref="Value.Operation"/> gives a node's.</para>
/// <para>One formula gives every form of the op: the scalar one (<see cref="Value"/>'s ops, <see cref="Value.Backward"/>, the
/// compiled scalar tape), the lane kernels of the compiled batched tape (<see cref="Compiled.BatchedGraph"/>, on
/// <see cref="LaneVector"/>), the gradient as a graph (<see cref="ContributionGraph"/>, for gradients of gradients) and the
/// twins other packages write with <see cref="Evaluate"/>. The arity classes (<see cref="UnaryOp"/>, <see cref="BinaryOp"/>,
/// <see cref="NaryOp"/>) define how each form is called; their generic subclasses (<see cref="UnaryOp{TFormula}"/>,
/// <see cref="BinaryOp{TFormula}"/>, <see cref="NaryOp{TFormula}"/>) implement every form from one formula struct. Lane
/// spans are always a whole number of vectors long (<see cref="Lanes.Of(Span{double})"/>).</para>
/// </remarks>
public abstract class Op
{
    /// <summary>Only the engine makes ops; a function of your own is a <see cref="DifferentiableFunction"/>.</summary>
    private protected Op()
    {
    }

    /// <summary>The symbol shown in <see cref="Value.Op"/> and in graph pictures, such as <c>+</c>, <c>tanh</c>, <c>**2</c> or
    /// <c>sum</c>; a <see cref="DifferentiableFunction"/>'s name for its op.</summary>
    public abstract string Name { get; }

    /// <summary>How many operands the op takes: one, two, or any number (an n-ary op such as <c>sum</c>, or a
    /// <see cref="DifferentiableFunction"/>'s op, whose count is the function's).</summary>
    public abstract OpArity Arity { get; }

    /// <summary>The forward formula as a person writes it, with placeholders for the operands' data: <c>{x}</c> for a unary op,
    /// <c>{a}</c> and <c>{b}</c> for a binary one, <c>{xs}</c> (every operand, separated by commas) for an n-ary one, as in
    /// <c>tanh({x})</c> or <c>{a} × {b}</c>.</summary>
    public abstract string ForwardText { get; }

    /// <summary>For each operand (one text for every operand of an n-ary op): the local derivative ∂y/∂operand as a person
    /// writes it, with the placeholders of <see cref="ForwardText"/> and <c>{y}</c> for the result's data, such as
    /// <c>(1 − {y}²)</c>; the chain rule adds <c>derivative × result.grad</c> into the operand's gradient.</summary>
    public abstract IReadOnlyList<string> DerivativeTexts { get; }

    /// <summary>True when the op's formulas can be evaluated on any <see cref="IOpNumber{T}"/> (<see cref="Evaluate"/>,
    /// <see cref="Contribution"/>): every built-in op. False for a <see cref="DifferentiableFunction"/>'s op, which is C#
    /// delegates over doubles.</summary>
    public virtual bool HasFormula => true;

    /// <summary>
    /// The op's forward formula evaluated on <paramref name="operands"/> of any number type: on doubles it is the op's value,
    /// on another type (JavaScript text, an ONNX tensor, …) the same formula written in that type, so that every form of
    /// the op comes from the one formula in the op's file.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="operands">One per operand (any number, at least one, for an n-ary op).</param>
    /// <returns>The result in <typeparamref name="T"/>.</returns>
    /// <exception cref="NotSupportedException">The op has no formula (<see cref="HasFormula"/> is false).</exception>
    public virtual T Evaluate<T>(ReadOnlySpan<T> operands) where T : IOpNumber<T> => throw NoFormula();

    /// <summary>
    /// The op's gradient formula for operand <paramref name="operand"/>: <c>g · ∂y/∂operand</c>, given the operands, the
    /// result <paramref name="result"/> and the result's gradient <paramref name="gradient"/>, in any number type. It is what
    /// <see cref="Value.Backward"/> adds into that operand's gradient.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="operand">The operand, from 0.</param>
    /// <param name="operands">The operands.</param>
    /// <param name="result">The op's value at them.</param>
    /// <param name="gradient">The result's gradient.</param>
    /// <returns>The contribution in <typeparamref name="T"/>.</returns>
    /// <exception cref="NotSupportedException">The op has no formula (<see cref="HasFormula"/> is false).</exception>
    public virtual T Contribution<T>(int operand, ReadOnlySpan<T> operands, T result, T gradient) where T : IOpNumber<T> => throw NoFormula();

    /// <summary>For an n-ary op, whose value is a fold of its operands from left to right: the fold's value before the first
    /// operand (<c>0</c> for <c>sum</c>).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <exception cref="NotSupportedException">The op is not a fold.</exception>
    public virtual T FoldStart<T>() where T : IOpNumber<T> => throw new NotSupportedException($"'{Name}' is not a fold of its operands.");

    /// <summary>For an n-ary op that folds its operands: the fold with one more operand (<c>folded + x</c> for <c>sum</c>).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="folded">The fold so far.</param>
    /// <param name="operand">The next operand.</param>
    /// <exception cref="NotSupportedException">The op is not a fold.</exception>
    public virtual T FoldStep<T>(T folded, T operand) where T : IOpNumber<T> => throw new NotSupportedException($"'{Name}' is not a fold of its operands.");

    /// <summary>The op's name.</summary>
    public override string ToString() => Name;

    private NotSupportedException NoFormula() =>
        new($"'{Name}' is a function defined in C# (a DifferentiableFunction): it has no formula to evaluate on other number types.");

    /// <summary>Adds <paramref name="node"/>'s gradient, times the local derivative, into each operand's gradient, operand by
    /// operand in order (the eager backward pass).</summary>
    internal abstract void Propagate(Value node);

    /// <summary>What <see cref="Propagate"/> adds to operand <paramref name="operand"/>'s gradient when the node's gradient is
    /// <paramref name="g"/>: g·∂y/∂operand at the node's data. With g the operand's tangent, it is that operand's term of the
    /// node's tangent (forward mode, <see cref="Derivatives.Directional"/>).</summary>
    internal abstract double Contribution(Value node, int operand, double g);

    /// <summary>The same contribution as a <see cref="Value"/> whose graph reaches the node, its operands and
    /// <paramref name="g"/>, so that it can be differentiated again (<see cref="Gradients.Of"/>). Its data is exactly
    /// <see cref="Contribution"/>'s number.</summary>
    internal abstract Value ContributionGraph(Value node, int operand, Value g);

    /// <summary>The <see cref="ContributionGraph"/> of each operand that <paramref name="wanted"/> marks, into
    /// <paramref name="contributions"/> (null for the others): operand by operand, unless the op makes them together (a
    /// <see cref="DifferentiableFunction"/> asks its derivatives once for all operands).</summary>
    internal virtual void ContributionGraphs(Value node, Value g, ReadOnlySpan<bool> wanted, Span<Value?> contributions)
    {
        for (var k = 0; k < contributions.Length; k++) contributions[k] = wanted[k] ? ContributionGraph(node, k, g) : null;
    }


    /// <summary>True when <paramref name="other"/> computes the same function: the same class and the same
    /// <see cref="Name"/> (parameterized ops such as a constant power carry their parameter in the name). A
    /// <see cref="DifferentiableFunction"/>'s op is the same only as itself, whatever the names.</summary>
    internal virtual bool SameAs(Op other) =>
        ReferenceEquals(this, other) || (GetType() == other.GetType() && string.Equals(Name, other.Name, StringComparison.Ordinal));
}

/// <summary>How many operands an <see cref="Op"/> takes.</summary>
public enum OpArity
{
    /// <summary>One: <c>y = f(x)</c>.</summary>
    Unary,

    /// <summary>Two: <c>y = f(a, b)</c>.</summary>
    Binary,

    /// <summary>Any number: <c>sum</c>, or a <see cref="DifferentiableFunction"/>'s op.</summary>
    Nary,
}
