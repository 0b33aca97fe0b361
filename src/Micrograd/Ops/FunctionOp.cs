namespace Micrograd.Ops;

/// <summary>
/// The op of a <see cref="DifferentiableFunction"/>: an n-ary op of the function's operand count whose every form calls the
/// function's own delegates, so that eager ops, <see cref="Value.Backward"/>, forward mode and the compiled tape compute the
/// same numbers. The compiled batched tape runs it sample by sample (the lane kernels' scalar fallback of
/// <see cref="NaryOp"/>). It has no JavaScript twin (<see cref="OpScript.WithoutTwin"/>); each function has one instance,
/// the same only as itself (<see cref="SameAs"/>).
/// </summary>
/// <remarks>Each operand's gradient contribution is <c>g·dₖ</c>, dₖ the function's k-th local derivative; as a graph,
/// <c>g × </c>(<see cref="DifferentiableFunction.DerivativeGraph"/>), whose data is the same product.</remarks>
internal sealed class FunctionOp(DifferentiableFunction function) : NaryOp
{
    /// <summary>Operands up to this many are copied into stack memory; more, into an array.</summary>
    private const int OnStack = 8;

    private readonly FunctionDerivativeOp?[] _derivativeOps = new FunctionDerivativeOp?[function.OperandCount];
    private OpScript? _script;

    public DifferentiableFunction Function { get; } = function;

    public override string Name => Function.Name;

    public override double Forward(ReadOnlySpan<Value> operands)
    {
        Span<double> x = operands.Length <= OnStack ? stackalloc double[OnStack] : new double[operands.Length];
        x = x[..operands.Length];
        for (var k = 0; k < x.Length; k++) x[k] = operands[k].Data;
        return Function.Forward(x);
    }

    public override double Forward(NaryOperands operands)
    {
        Span<double> x = operands.Count <= OnStack ? stackalloc double[OnStack] : new double[operands.Count];
        x = x[..operands.Count];
        for (var k = 0; k < x.Length; k++) x[k] = operands[k];
        return Function.Forward(x);
    }

    public override void Propagate(Value node)
    {
        var operands = node.Many!;
        Span<double> d = operands.Length <= OnStack ? stackalloc double[OnStack] : new double[operands.Length];
        d = LocalDerivatives(node, d);
        var g = node.Grad;
        for (var k = 0; k < d.Length; k++) operands[k].Grad += g * d[k];
    }

    public override void Backward(NaryOperands operands, double y, double g, NaryOperands gradients)
    {
        var n = operands.Count;
        Span<double> buffer = n <= OnStack ? stackalloc double[2 * OnStack] : new double[2 * n];
        Span<double> x = buffer[..n], d = buffer.Slice(n, n);
        for (var k = 0; k < n; k++) x[k] = operands[k];
        Function.Derivatives(x, y, d);
        for (var k = 0; k < n; k++) gradients.Add(k, g * d[k]);
    }

    public override double Contribution(Value node, int operand, double g)
    {
        Span<double> d = node.Many!.Length <= OnStack ? stackalloc double[OnStack] : new double[node.Many!.Length];
        return g * LocalDerivatives(node, d)[operand];
    }

    public override Value ContributionGraph(Value node, int operand, Value g) => Times(g, Function.DerivativeGraph(node, operand));

    public override OpScript Script => _script ??= OpScript.WithoutTwin(
        $"{Name}({{xs}})", [.. Enumerable.Range(0, Function.OperandCount).Select(k => DerivativeName(k) + "({xs})")]);

    public override bool SameAs(Op other) => ReferenceEquals(this, other);

    /// <summary>How a person writes the k-th local derivative: <c>cube′</c> for a function of one operand, <c>∂₂hyp</c> (the
    /// derivative in the second operand) for several.</summary>
    public string DerivativeName(int operand) => Function.OperandCount == 1
        ? Name + "′"
        : "∂" + string.Concat((operand + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0')))) + Name;

    /// <summary>The op of the k-th derivative as a node of numbers, for a function without <c>valueDerivatives</c>: one per
    /// operand, made once even when graphs are built on several threads, so that it is the same only as itself.</summary>
    public FunctionDerivativeOp DerivativeOp(int operand) =>
        _derivativeOps[operand] ?? Interlocked.CompareExchange(ref _derivativeOps[operand], new FunctionDerivativeOp(this, operand), null) ?? _derivativeOps[operand]!;

    /// <summary>The function's local derivatives at a node, written into the start of <paramref name="d"/> (one per operand).</summary>
    private Span<double> LocalDerivatives(Value node, Span<double> d)
    {
        var operands = node.Many!;
        d = d[..operands.Length];
        Span<double> x = operands.Length <= OnStack ? stackalloc double[OnStack] : new double[operands.Length];
        x = x[..operands.Length];
        for (var k = 0; k < x.Length; k++) x[k] = operands[k].Data;
        Function.Derivatives(x, node.Data, d);
        return d;
    }

    /// <summary><c>a * b</c> as the formulas write it: on values, an unchecked node of the gradient's graph.</summary>
    private static T Times<T>(T a, T b) where T : IOpNumber<T> => a * b;
}
