using Micrograd.Ops;

namespace Micrograd;

/// <summary>
/// <see cref="Value"/> as a number that op formulas are written over (<see cref="IOpNumber{T}"/>): a formula instantiated
/// on values builds the graph of what it computes, so each op's gradient contribution is a graph too, differentiable again
/// (<see cref="Gradients.Of"/>). These nodes are made without the <see cref="AnomalyMode"/> check of the public ops: a
/// formula computes both branches of a <see cref="IOpNumber{T}.Choose"/>, and the one not taken may well be infinite;
/// <see cref="Gradients.Of"/> checks the gradients themselves.
/// </summary>
public sealed partial class Value : IOpNumber<Value>
{
    static Value IOpNumber<Value>.operator +(Value a, Value b) => InGraph(AddOp.Instance, a, b);

    static Value IOpNumber<Value>.operator -(Value a, Value b) => InGraph(SubtractOp.Instance, a, b);

    static Value IOpNumber<Value>.operator *(Value a, Value b) => InGraph(MultiplyOp.Instance, a, b);

    static Value IOpNumber<Value>.operator /(Value a, Value b) => InGraph(DivideOp.Instance, a, b);

    static Value IOpNumber<Value>.operator -(Value x) => InGraph(NegateOp.Instance, x);

    static Value IOpNumber<Value>.Constant(double value) => new(value);

    static Value IOpNumber<Value>.Abs(Value x) => InGraph(AbsOp.Instance, x);

    static Value IOpNumber<Value>.Sqrt(Value x) => InGraph(SqrtOp.Instance, x);

    static Value IOpNumber<Value>.Exp(Value x) => InGraph(ExpOp.Instance, x);

    static Value IOpNumber<Value>.Log(Value x) => InGraph(LogOp.Instance, x);

    static Value IOpNumber<Value>.Sin(Value x) => InGraph(SinOp.Instance, x);

    static Value IOpNumber<Value>.Cos(Value x) => InGraph(CosOp.Instance, x);

    static Value IOpNumber<Value>.Tanh(Value x) => InGraph(TanhOp.Instance, x);

    static Value IOpNumber<Value>.Atan(Value x) => InGraph(AtanOp.Instance, x);

    static Value IOpNumber<Value>.Erf(Value x) => InGraph(ErfOp.Instance, x);

    static Value IOpNumber<Value>.Log1p(Value x) => InGraph(Log1pOp.Instance, x);

    static Value IOpNumber<Value>.Expm1(Value x) => InGraph(Expm1Op.Instance, x);

    static Value IOpNumber<Value>.Pow(Value x, Value y) => InGraph(PowOp.Instance, x, y);

    static Value IOpNumber<Value>.Pow(Value x, double exponent) => InGraph(PowConstantOp.For(exponent), x);

    static Value IOpNumber<Value>.FusedMultiplyAdd(Value a, Value b, double addend) => InGraph(FusedMultiplyAddOp.For(addend), a, b);

    static Value IOpNumber<Value>.Choose(Comparison comparison, Value left, Value right, Value ifTrue, Value ifFalse) =>
        Scalar.Holds(comparison, left.Data, right.Data) ? ifTrue : ifFalse;

    internal static Value InGraph(UnaryOp op, Value x) => new(op.Forward(x.Data), op, x, null, null);

    private static Value InGraph(BinaryOp op, Value a, Value b) => new(op.Forward(a.Data, b.Data), op, a, b, null);

    /// <summary>An n-ary node over <paramref name="operands"/>, an array made for it (it becomes the node's operand list).</summary>
    internal static Value InGraph(NaryOp op, Value[] operands) => new(op.Forward(operands), op, operands[0], null, operands);
}
