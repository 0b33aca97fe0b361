namespace Micrograd.Ops;

/// <summary>An op of one operand: <c>y = f(x)</c>.</summary>
internal abstract class UnaryOp : Op
{
    public abstract double Forward(double x);

    /// <summary>The contribution to x's gradient: <paramref name="g"/> times dy/dx, given x, y = f(x) and g = d(root)/dy.</summary>
    public abstract double Backward(double x, double y, double g);

    internal override double Contribution(Value node, int operand, double g) => Backward(node.A!.Data, node.Data, g);

    /// <summary>Lane kernel: <c>y[i] = Forward(x[i])</c> for every lane.</summary>
    public abstract void Forward(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>Lane kernel: <c>gx[i] += Backward(x[i], y[i], g[i])</c> for every lane.</summary>
    public abstract void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx);
}

/// <summary>
/// A unary op whose every form comes from one <typeparamref name="TFormula"/>: a concrete op is this class with its
/// formula struct, its name and its texts (see <see cref="Op.ForwardText"/> for the placeholders <c>{x}</c> and <c>{y}</c>).
/// </summary>
/// <param name="name">The op's symbol.</param>
/// <param name="forwardText">The forward formula as a person writes it, such as <c>tanh({x})</c>.</param>
/// <param name="derivativeText">dy/dx as a person writes it, such as <c>(1 − {y}²)</c>.</param>
/// <param name="formula">The formula (a parameterized op, such as a constant power, carries its parameter in it).</param>
internal abstract class UnaryOp<TFormula>(string name, string forwardText, string derivativeText, TFormula formula = default) : UnaryOp
    where TFormula : struct, IUnaryFormula
{
    private readonly TFormula _formula = formula;

    public sealed override string Name { get; } = name;

    public sealed override OpArity Arity => OpArity.Unary;

    public sealed override string ForwardText { get; } = forwardText;

    public sealed override IReadOnlyList<string> DerivativeTexts { get; } = [derivativeText];

    public sealed override T Evaluate<T>(ReadOnlySpan<T> operands) => _formula.Forward(operands[0]);

    public sealed override T Contribution<T>(int operand, ReadOnlySpan<T> operands, T result, T gradient) =>
        _formula.Backward(operands[0], result, gradient);

    public sealed override double Forward(double x) => _formula.Forward(new Scalar(x)).Number;

    public sealed override double Backward(double x, double y, double g) =>
        _formula.Backward(new Scalar(x), new Scalar(y), new Scalar(g)).Number;

    internal sealed override void Propagate(Value node)
    {
        var x = node.A!;
        x.Grad += _formula.Backward(new Scalar(x.Data), new Scalar(node.Data), new Scalar(node.Grad)).Number;
    }

    internal sealed override Value ContributionGraph(Value node, int operand, Value g) => _formula.Backward(node.A!, node, g);

    public sealed override void Forward(ReadOnlySpan<double> x, Span<double> y) => Lanes.Map(_formula, x, y);

    public sealed override void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx) =>
        Lanes.Accumulate(_formula, x, y, g, gx);

}
