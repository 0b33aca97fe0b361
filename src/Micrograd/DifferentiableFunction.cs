using Micrograd.Ops;

namespace Micrograd;

/// <summary>
/// A differentiable function of one or more values that you define, as PyTorch's <c>torch.autograd.Function</c>: its name,
/// its forward value and its local derivatives, as doubles, and optionally its derivatives as <see cref="Value"/> arithmetic,
/// so that it takes part in higher order. <see cref="Apply"/> makes a node of it, which works where a built-in op does.
/// </summary>
/// <remarks>
/// <para><b>Where it works.</b> <see cref="Value.Backward"/> adds g·∂y/∂xₖ into each operand's gradient, with the numbers
/// of <c>derivatives</c>. Forward mode (<see cref="Derivatives.Directional"/>) uses the same numbers. <see cref="AnomalyMode"/>
/// names the function where its value or a gradient it passes back is first NaN or infinite. Graph pictures
/// (<see cref="Graphs.DotWriter"/>) show its name; <see cref="GradientCheck.Run"/> checks it against central differences.
/// The compiled mode (<see cref="Compiled.CompiledGraph"/>, and <see cref="Compiled.BatchedGraph"/> sample by sample) replays it
/// through the same delegates, so compiled and eager agree bit for bit. The explorer page shows the engine's numbers for it
/// but cannot recompute it (it has no JavaScript twin), so the leaves it depends on cannot be changed there. It cannot be
/// exported to ONNX, and the expression language does not know it.</para>
/// <para><b>Higher order.</b> With <c>valueDerivatives</c>, <see cref="Gradients.Of"/> builds each contribution as
/// g × (that derivative's graph), so gradients can be differentiated again (<see cref="Derivatives.Hessian"/>,
/// <see cref="GradientCheck.RunSecondOrder"/>). Each derivative's <see cref="Value.Data"/> must be the number that
/// <c>derivatives</c> gives, bit for bit (NaN matches NaN), so that gradients as graphs keep <see cref="Value.Backward"/>'s
/// numbers: write both with the same operations in the same order (<c>3 * x * x</c> in both, not <c>x.Pow(2) * 3</c> in
/// one); a mismatch throws an <see cref="InvalidOperationException"/> naming the function and the operand. Without
/// <c>valueDerivatives</c>, first-order gradients as graphs still work (each derivative is then a node of the numbers),
/// but differentiating them again throws a <see cref="NotSupportedException"/> naming the function; it is never silently
/// treated as a constant.</para>
/// <para><b>NaN and infinities.</b> The delegates are called with any doubles, NaN and infinities included, and what they
/// return is used as it is, so NaN and infinities propagate as the function computes them. An entry of
/// <c>derivatives</c> that the delegate leaves unset is NaN.</para>
/// <para><b>The delegates</b> must be pure functions of their arguments: the engine calls them whenever it needs the
/// numbers (forward, each backward pass, each replay, each sample of a batch), from any thread that uses a graph holding
/// the function. <c>valueDerivatives</c> is called only by <see cref="Gradients.Of"/>, with the node's operands and the node
/// itself as the result, with recording on and anomaly checks of its intermediate values off (the gradient it leads to is
/// checked).</para>
/// </remarks>
/// <example><code>
/// var cube = new DifferentiableFunction("cube", 1,
///     forward: x => x[0] * x[0] * x[0],
///     derivatives: (x, y, d) => d[0] = 3 * x[0] * x[0],
///     valueDerivatives: (x, y, d) => d[0] = 3 * x[0] * x[0]);
/// var x = new Value(2.0, "x");
/// var y = cube.Apply(x);                 // data 8, op "cube"
/// y.Backward();                          // x.Grad is 12
/// var d2 = Gradients.Of(Gradients.Of(y, [x])[0], [x])[0];   // 6x = 12
/// </code></example>
public sealed class DifferentiableFunction
{
    private readonly Func<ReadOnlySpan<double>, double> _forward;
    private readonly LocalDerivatives<double> _derivatives;
    private readonly LocalDerivatives<Value>? _valueDerivatives;

    /// <summary>Defines a function.</summary>
    /// <param name="name">Shown as the node's <see cref="Value.Op"/>, in pictures and in error messages: a letter or <c>_</c>,
    /// then letters, digits or <c>_</c> (such as <c>cube</c> or <c>soft_clip</c>), and not the name of a built-in op
    /// (<c>tanh</c>, <c>sum</c>, …), so that nothing can mistake one for the other. Give each function its own name.</param>
    /// <param name="operandCount">How many operands the function takes, at least 1.</param>
    /// <param name="forward">y from the operands' data, in order.</param>
    /// <param name="derivatives">Writes ∂y/∂xₖ for each operand k, given the operands' data and y.</param>
    /// <param name="valueDerivatives">The same derivatives as <see cref="Value"/> arithmetic on the operands and the result,
    /// for higher order; null if the function need not be differentiated twice.</param>
    /// <exception cref="ArgumentException">The name is not a function name, or is a built-in op's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operandCount"/> is below 1.</exception>
    public DifferentiableFunction(string name, int operandCount, Func<ReadOnlySpan<double>, double> forward,
        LocalDerivatives<double> derivatives, LocalDerivatives<Value>? valueDerivatives = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(operandCount, 1);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(derivatives);
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{name}' is not a function name: use a letter or '_', then letters, digits or '_' (such as cube or soft_clip).", nameof(name));
        if (OpCatalog.All.Any(op => op.Name == name))
            throw new ArgumentException($"'{name}' is the name of a built-in op; give the function another name, so that pictures, pages and exports cannot mistake one for the other.", nameof(name));
        Name = name;
        OperandCount = operandCount;
        _forward = forward;
        _derivatives = derivatives;
        _valueDerivatives = valueDerivatives;
        Op = new FunctionOp(this);
    }

    /// <summary>The function's name, as nodes of it show it in <see cref="Value.Op"/>.</summary>
    public string Name { get; }

    /// <summary>How many operands <see cref="Apply"/> takes.</summary>
    public int OperandCount { get; }

    internal FunctionOp Op { get; }

    /// <summary>
    /// The function applied to <paramref name="operands"/>: a node whose data is <c>forward</c> of their data and whose op is
    /// this function. Inside a <see cref="Gradients.Disabled"/> scope it is a leaf with that data; inside an
    /// <see cref="AnomalyMode"/> scope a NaN or infinite value throws an <see cref="AnomalyException"/> naming the function.
    /// </summary>
    /// <param name="operands">Exactly <see cref="OperandCount"/> values; one may appear several times.</param>
    /// <returns>A new node.</returns>
    /// <exception cref="ArgumentException">The count is not <see cref="OperandCount"/>, or an operand is null.</exception>
    public Value Apply(params ReadOnlySpan<Value> operands)
    {
        if (operands.Length != OperandCount)
            throw new ArgumentException($"'{Name}' takes {Operands(OperandCount)} but was given {operands.Length}.", nameof(operands));
        var array = operands.ToArray();
        for (var k = 0; k < array.Length; k++)
        {
            if (array[k] is null) throw new ArgumentException($"operands[{k}] of '{Name}' is null.", nameof(operands));
        }
        return Value.Nary(Op, array);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    internal double Forward(ReadOnlySpan<double> operands) => _forward(operands);

    /// <summary>Fills <paramref name="derivatives"/> with ∂y/∂xₖ (NaN where the delegate writes nothing).</summary>
    internal void Derivatives(ReadOnlySpan<double> operands, double result, Span<double> derivatives)
    {
        derivatives.Fill(double.NaN);
        _derivatives(operands, result, derivatives);
    }

    /// <summary>
    /// Every ∂node/∂xₖ as a <see cref="Value"/> whose graph reaches the node's operands: the user's <c>valueDerivatives</c>,
    /// called once and checked against <see cref="Derivatives"/>; or, without them, nodes that hold the numbers and refuse
    /// to be differentiated (<see cref="FunctionDerivativeOp"/>). New graphs on each call, as a built-in op's are.
    /// </summary>
    internal Value[] DerivativeGraphs(Value node)
    {
        var operands = node.Many!;
        if (_valueDerivatives is null)
            return [.. Enumerable.Range(0, operands.Length).Select(k => Value.InGraph(Op.DerivativeOp(k), [.. operands, node]))];
        var numbers = new double[operands.Length];
        Derivatives(Array.ConvertAll(operands, v => v.Data), node.Data, numbers);
        var graphs = new Value[operands.Length];
        using (OpScopes.Enter(record: true, checkAnomalies: false))
            _valueDerivatives(operands, node, graphs);
        for (var k = 0; k < graphs.Length; k++)
        {
            if (graphs[k] is null)
                throw new InvalidOperationException($"The valueDerivatives of '{Name}' left derivative {k} unset; write one Value for each operand.");
            var (number, data) = (numbers[k], graphs[k].Data);
            if (BitConverter.DoubleToInt64Bits(number) != BitConverter.DoubleToInt64Bits(data) && !(double.IsNaN(number) && double.IsNaN(data)))
            {
                throw new InvalidOperationException(
                    $"The derivatives of '{Name}' disagree at operand {k}: valueDerivatives gives {Value.Format(data)} where derivatives gives {Value.Format(number)}. " +
                    "Write both with the same operations in the same order, so that gradients as graphs keep Backward's numbers bit for bit.");
            }
        }
        return graphs;
    }

    /// <summary>The exception for differentiating a derivative of a function defined without <c>valueDerivatives</c>.</summary>
    internal NotSupportedException NotTwiceDifferentiable() => new(
        $"The function '{Name}' was defined without its derivatives as values (valueDerivatives), so its gradient cannot be differentiated again " +
        "(a Hessian, a gradient of a gradient, a second-order gradient check): give DifferentiableFunction its valueDerivatives.");

    private static string Operands(int n) => n == 1 ? "1 operand" : $"{n} operands";
}
