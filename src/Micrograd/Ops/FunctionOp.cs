namespace Micrograd.Ops;

/// <summary>
/// The op of a <see cref="DifferentiableFunction"/>: an n-ary op of the function's operand count whose every form calls the
/// function's own delegates, so that eager ops, <see cref="Value.Backward"/>, forward mode and the compiled tape compute the
/// same numbers. The compiled batched tape runs it sample by sample (the lane kernels' scalar fallback of
/// <see cref="NaryOp"/>). It has no formula to evaluate on other number types (<see cref="HasFormula"/> is false); each function has one instance,
/// the same only as itself (<see cref="SameAs"/>).
/// </summary>
/// <remarks>Each operand's gradient contribution is <c>g·dₖ</c>, dₖ the function's k-th local derivative; as a graph,
/// <c>g × </c>(<see cref="DifferentiableFunction.DerivativeGraphs"/>), whose data is the same product.</remarks>
internal sealed class FunctionOp(DifferentiableFunction function) : NaryOp
{
    /// <summary>Operands up to this many are copied into stack memory; more, into an array.</summary>
    public const int OnStack = 8;

    private readonly FunctionDerivativeOp?[] _derivativeOps = new FunctionDerivativeOp?[function.OperandCount];

    public DifferentiableFunction Function { get; } = function;

    public override string Name => Function.Name;

    public override OpArity Arity => OpArity.Nary;

    public override bool HasFormula => false;

    public override string ForwardText => $"{Name}({{xs}})";

    public override IReadOnlyList<string> DerivativeTexts => [.. Enumerable.Range(0, Function.OperandCount).Select(k => DerivativeName(k) + "({xs})")];

    public override double Forward(ReadOnlySpan<Value> operands) =>
        Function.Forward(Data(operands, Buffer(operands.Length, stackalloc double[OnStack])));

    public override double Forward(NaryOperands operands) =>
        Function.Forward(Data(operands, Buffer(operands.Count, stackalloc double[OnStack])));

    internal override void Propagate(Value node)
    {
        var operands = node.Many!;
        var x = Data(operands, Buffer(operands.Length, stackalloc double[OnStack]));
        var d = Buffer(operands.Length, stackalloc double[OnStack]);
        Function.Derivatives(x, node.Data, d);
        var g = node.Grad;
        for (var k = 0; k < d.Length; k++) operands[k].Grad += g * d[k];
    }

    public override void Backward(NaryOperands operands, double y, double g, NaryOperands gradients)
    {
        var x = Data(operands, Buffer(operands.Count, stackalloc double[OnStack]));
        var d = Buffer(operands.Count, stackalloc double[OnStack]);
        Function.Derivatives(x, y, d);
        for (var k = 0; k < d.Length; k++) gradients.Add(k, g * d[k]);
    }

    internal override double Contribution(Value node, int operand, double g) =>
        g * Derivative(Data(node.Many!, Buffer(node.Many!.Length, stackalloc double[OnStack])), node.Data, operand);

    internal override Value ContributionGraph(Value node, int operand, Value g) => Times(g, Function.DerivativeGraphs(node)[operand]);

    /// <summary>Every wanted operand's <c>g × dₖ</c> from one call of the function's derivatives as graphs.</summary>
    internal override void ContributionGraphs(Value node, Value g, ReadOnlySpan<bool> wanted, Span<Value?> contributions)
    {
        if (!wanted.Contains(true))
        {
            contributions.Clear();
            return;
        }
        var derivatives = Function.DerivativeGraphs(node);
        for (var k = 0; k < contributions.Length; k++) contributions[k] = wanted[k] ? Times(g, derivatives[k]) : null;
    }


    internal override bool SameAs(Op other) => ReferenceEquals(this, other);

    /// <summary>How a person writes the k-th local derivative: <c>cube′</c> for a function of one operand, <c>∂₂hyp</c> (the
    /// derivative in the second operand) for several.</summary>
    public string DerivativeName(int operand) => Function.OperandCount == 1
        ? Name + "′"
        : "∂" + string.Concat((operand + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0')))) + Name;

    /// <summary>The op of the k-th derivative as a node of numbers, for a function without <c>valueDerivatives</c>: one per
    /// operand, made once even when graphs are built on several threads, so that it is the same only as itself.</summary>
    public FunctionDerivativeOp DerivativeOp(int operand) =>
        _derivativeOps[operand] ?? Interlocked.CompareExchange(ref _derivativeOps[operand], new FunctionDerivativeOp(this, operand), null) ?? _derivativeOps[operand]!;

    /// <summary>The function's local derivative in operand <paramref name="operand"/> at operands <paramref name="x"/> and
    /// result <paramref name="y"/>.</summary>
    public double Derivative(ReadOnlySpan<double> x, double y, int operand)
    {
        var d = Buffer(x.Length, stackalloc double[OnStack]);
        Function.Derivatives(x, y, d);
        return d[operand];
    }

    /// <summary><paramref name="count"/> numbers: the start of <paramref name="stack"/> when they fit (no allocation, for the
    /// compiled replays), else a new array.</summary>
    public static Span<double> Buffer(int count, Span<double> stack) => count <= stack.Length ? stack[..count] : new double[count];

    /// <summary>Fills <paramref name="x"/> with the data of the first <c>x.Length</c> operands and returns it.</summary>
    public static Span<double> Data(ReadOnlySpan<Value> operands, Span<double> x)
    {
        for (var k = 0; k < x.Length; k++) x[k] = operands[k].Data;
        return x;
    }

    /// <summary>Fills <paramref name="x"/> with the first <c>x.Length</c> operands and returns it.</summary>
    public static Span<double> Data(NaryOperands operands, Span<double> x)
    {
        for (var k = 0; k < x.Length; k++) x[k] = operands[k];
        return x;
    }

    /// <summary><c>a * b</c> as the formulas write it: on values, an unchecked node of the gradient's graph.</summary>
    private static T Times<T>(T a, T b) where T : IOpNumber<T> => a * b;
}
