namespace Micrograd.Ops;

/// <summary>
/// A local derivative of a <see cref="DifferentiableFunction"/> defined without its derivatives as values, as a node of a
/// gradient's graph (<see cref="Gradients.Of"/>): its operands are the function's operands and then the function's node,
/// its data the derivative's number. It computes, so first-order gradients as graphs hold the right numbers (and replay in
/// the compiled mode); it refuses every form of differentiation, naming the function, so that a second derivative through it
/// is never silently wrong.
/// </summary>
internal sealed class FunctionDerivativeOp(FunctionOp function, int operand) : NaryOp
{
    public override string Name { get; } = function.DerivativeName(operand);

    public override OpArity Arity => OpArity.Nary;

    public override bool HasFormula => false;

    public override string ForwardText => Name + "({xs})";

    public override IReadOnlyList<string> DerivativeTexts => [.. Enumerable.Repeat("(not differentiable again)", function.Function.OperandCount + 1)];

    // the operands are the function's operands, then its node (the result y)
    public override double Forward(ReadOnlySpan<Value> operands) => function.Derivative(
        FunctionOp.Data(operands, FunctionOp.Buffer(operands.Length - 1, stackalloc double[FunctionOp.OnStack])), operands[^1].Data, operand);

    public override double Forward(NaryOperands operands) => function.Derivative(
        FunctionOp.Data(operands, FunctionOp.Buffer(operands.Count - 1, stackalloc double[FunctionOp.OnStack])), operands[operands.Count - 1], operand);

    internal override void Propagate(Value node) => throw function.Function.NotTwiceDifferentiable();

    public override void Backward(NaryOperands operands, double y, double g, NaryOperands gradients) =>
        throw function.Function.NotTwiceDifferentiable();

    internal override double Contribution(Value node, int operand, double g) => throw function.Function.NotTwiceDifferentiable();

    internal override Value ContributionGraph(Value node, int operand, Value g) => throw function.Function.NotTwiceDifferentiable();


    internal override bool SameAs(Op other) => ReferenceEquals(this, other);
}
