namespace Micrograd.Ops;

/// <summary>An op of any number (at least one) of operands.</summary>
internal abstract class NaryOp : Op
{
    public abstract double Forward(ReadOnlySpan<Value> operands);

    /// <summary>The forward value from operand values read through <paramref name="operands"/> (compiled mode).</summary>
    public abstract double Forward(NaryOperands operands);

    /// <summary>Adds each operand's gradient contribution through <paramref name="gradients"/>, given y and g = d(root)/dy,
    /// in the same order as <see cref="Op.Propagate"/> (compiled mode).</summary>
    public abstract void Backward(NaryOperands operands, double y, double g, NaryOperands gradients);

    /// <summary>Lane kernel: <c>y[i] = Forward(operands at lane i)</c>. The generic version runs the scalar formula lane by lane.</summary>
    public virtual void Forward(LaneRows values, ReadOnlySpan<int> operands, Span<double> y)
    {
        for (var i = 0; i < y.Length; i++) y[i] = Forward(values.Lane(operands, i));
    }

    /// <summary>Lane kernel of <see cref="Backward(NaryOperands, double, double, NaryOperands)"/>.</summary>
    public virtual void Backward(LaneRows values, LaneRows gradients, ReadOnlySpan<int> operands, ReadOnlySpan<double> y, ReadOnlySpan<double> g)
    {
        for (var i = 0; i < y.Length; i++) Backward(values.Lane(operands, i), y[i], g[i], gradients.Lane(operands, i));
    }
}

/// <summary>
/// An n-ary op that folds its operands (see <see cref="INaryFormula"/>), whose every form comes from one
/// <typeparamref name="TFormula"/>; the texts' placeholders are <c>{xs}</c> (every operand) and <c>{y}</c>.
/// </summary>
/// <param name="name">The op's symbol.</param>
/// <param name="forwardText">The forward formula as a person writes it, such as <c>sum({xs})</c>.</param>
/// <param name="derivativeText">dy/dxᵢ as a person writes it, one text for every operand.</param>
internal abstract class NaryOp<TFormula>(string name, string forwardText, string derivativeText) : NaryOp
    where TFormula : struct, INaryFormula
{
    private static TFormula Formula => default; // a formula of an n-ary op has no parameters

    public sealed override string Name { get; } = name;

    public sealed override OpArity Arity => OpArity.Nary;

    public sealed override string ForwardText { get; } = forwardText;

    public sealed override IReadOnlyList<string> DerivativeTexts { get; } = [derivativeText];

    public sealed override T Evaluate<T>(ReadOnlySpan<T> operands)
    {
        var y = Formula.Start<T>();
        foreach (var x in operands) y = Formula.Step(y, x);
        return y;
    }

    public sealed override T Contribution<T>(int operand, ReadOnlySpan<T> operands, T result, T gradient) =>
        Formula.Backward(operands[operand], result, gradient);

    public sealed override T FoldStart<T>() => Formula.Start<T>();

    public sealed override T FoldStep<T>(T folded, T operand) => Formula.Step(folded, operand);

    public sealed override double Forward(ReadOnlySpan<Value> operands)
    {
        var y = Formula.Start<Scalar>();
        foreach (var v in operands) y = Formula.Step(y, new Scalar(v.Data));
        return y.Number;
    }

    public sealed override double Forward(NaryOperands operands)
    {
        var y = Formula.Start<Scalar>();
        for (var k = 0; k < operands.Count; k++) y = Formula.Step(y, new Scalar(operands[k]));
        return y.Number;
    }

    public sealed override void Backward(NaryOperands operands, double y, double g, NaryOperands gradients)
    {
        for (var k = 0; k < gradients.Count; k++) gradients.Add(k, Formula.Backward(new Scalar(operands[k]), new Scalar(y), new Scalar(g)).Number);
    }

    internal sealed override void Propagate(Value node)
    {
        Scalar y = new(node.Data), g = new(node.Grad);
        foreach (var v in node.Many!) v.Grad += Formula.Backward(new Scalar(v.Data), y, g).Number;
    }

    internal sealed override double Contribution(Value node, int operand, double g) =>
        Formula.Backward(new Scalar(node.Many![operand].Data), new Scalar(node.Data), new Scalar(g)).Number;

    internal sealed override Value ContributionGraph(Value node, int operand, Value g) => Formula.Backward(node.Many![operand], node, g);

    public sealed override void Forward(LaneRows values, ReadOnlySpan<int> operands, Span<double> y)
    {
        var vy = Lanes.Of(y);
        vy.Fill(Formula.Start<LaneVector>().Lanes);
        foreach (var slot in operands)
        {
            var vx = Lanes.Of(values.Row(slot));
            for (var i = 0; i < vy.Length; i++) vy[i] = Formula.Step(new LaneVector(vy[i]), new LaneVector(vx[i])).Lanes;
        }
    }

    public sealed override void Backward(LaneRows values, LaneRows gradients, ReadOnlySpan<int> operands, ReadOnlySpan<double> y, ReadOnlySpan<double> g)
    {
        var vy = Lanes.Of(y);
        var vg = Lanes.Of(g);
        foreach (var slot in operands)
        {
            var vx = Lanes.Of(values.Row(slot));
            var vgx = Lanes.Of(gradients.Row(slot));
            for (var i = 0; i < vg.Length; i++) vgx[i] += Formula.Backward(new LaneVector(vx[i]), new LaneVector(vy[i]), new LaneVector(vg[i])).Lanes;
        }
    }

}
