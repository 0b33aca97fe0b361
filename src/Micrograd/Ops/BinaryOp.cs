namespace Micrograd.Ops;

/// <summary>An op of two operands: <c>y = f(a, b)</c>.</summary>
internal abstract class BinaryOp : Op
{
    public abstract double Forward(double a, double b);

    /// <summary>The contribution to a's gradient: g times dy/da.</summary>
    public abstract double BackwardLeft(double a, double b, double y, double g);

    /// <summary>The contribution to b's gradient: g times dy/db.</summary>
    public abstract double BackwardRight(double a, double b, double y, double g);

    internal override double Contribution(Value node, int operand, double g) => operand == 0
        ? BackwardLeft(node.A!.Data, node.B!.Data, node.Data, g)
        : BackwardRight(node.A!.Data, node.B!.Data, node.Data, g);

    /// <summary>Lane kernel: <c>y[i] = Forward(a[i], b[i])</c> for every lane.</summary>
    public abstract void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y);

    /// <summary>
    /// Lane kernel: in each lane, <c>ga[i] += BackwardLeft(…)</c> then <c>gb[i] += BackwardRight(…)</c>, in that order, as
    /// <see cref="Op.Propagate"/> does. <paramref name="ga"/> and <paramref name="gb"/> may be the same span (<c>x * x</c>).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb);
}

/// <summary>
/// A binary op whose every form comes from one <typeparamref name="TFormula"/> (see <see cref="UnaryOp{TFormula}"/>);
/// the texts' placeholders are <c>{a}</c>, <c>{b}</c> and <c>{y}</c>.
/// </summary>
/// <param name="name">The op's symbol.</param>
/// <param name="forwardText">The forward formula as a person writes it, such as <c>{a} × {b}</c>.</param>
/// <param name="derivativeLeft">dy/da as a person writes it.</param>
/// <param name="derivativeRight">dy/db as a person writes it.</param>
/// <param name="formula">The formula (a parameterized op carries its parameter in it).</param>
internal abstract class BinaryOp<TFormula>(string name, string forwardText, string derivativeLeft, string derivativeRight, TFormula formula = default) : BinaryOp
    where TFormula : struct, IBinaryFormula
{
    private readonly TFormula _formula = formula;

    public sealed override string Name { get; } = name;

    public sealed override OpArity Arity => OpArity.Binary;

    public sealed override string ForwardText { get; } = forwardText;

    public sealed override IReadOnlyList<string> DerivativeTexts { get; } = [derivativeLeft, derivativeRight];

    public sealed override T Evaluate<T>(ReadOnlySpan<T> operands) => _formula.Forward(operands[0], operands[1]);

    public sealed override T Contribution<T>(int operand, ReadOnlySpan<T> operands, T result, T gradient) => operand == 0
        ? _formula.BackwardLeft(operands[0], operands[1], result, gradient)
        : _formula.BackwardRight(operands[0], operands[1], result, gradient);

    public sealed override double Forward(double a, double b) => _formula.Forward(new Scalar(a), new Scalar(b)).Number;

    public sealed override double BackwardLeft(double a, double b, double y, double g) =>
        _formula.BackwardLeft(new Scalar(a), new Scalar(b), new Scalar(y), new Scalar(g)).Number;

    public sealed override double BackwardRight(double a, double b, double y, double g) =>
        _formula.BackwardRight(new Scalar(a), new Scalar(b), new Scalar(y), new Scalar(g)).Number;

    internal sealed override void Propagate(Value node)
    {
        Value a = node.A!, b = node.B!;
        Scalar ad = new(a.Data), bd = new(b.Data), y = new(node.Data), g = new(node.Grad);
        a.Grad += _formula.BackwardLeft(ad, bd, y, g).Number;
        b.Grad += _formula.BackwardRight(ad, bd, y, g).Number;
    }

    internal sealed override Value ContributionGraph(Value node, int operand, Value g) => operand == 0
        ? _formula.BackwardLeft(node.A!, node.B!, node, g)
        : _formula.BackwardRight(node.A!, node.B!, node, g);

    public sealed override void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y) => Lanes.Map(_formula, a, b, y);

    public sealed override void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb) =>
        Lanes.Accumulate(_formula, a, b, y, g, ga, gb);

}
