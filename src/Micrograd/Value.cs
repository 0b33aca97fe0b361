using System.Globalization;
using System.Runtime.CompilerServices;
using Micrograd.Ops;

namespace Micrograd;

/// <summary>
/// A scalar in a computation graph: its value (<see cref="Data"/>), the derivative of the last
/// <see cref="Backward"/> root with respect to it (<see cref="Grad"/>), and the op and operands that made it.
/// </summary>
/// <remarks>
/// <para>
/// Nodes have reference identity: two values with equal data are different nodes, and
/// <see cref="object.Equals(object)"/> is reference equality. Arithmetic follows IEEE 754 as PyTorch does in float64:
/// NaN and infinities propagate through every op unless that op's documentation says otherwise.
/// </para>
/// <para>
/// <b>Threads.</b> Graphs may be built and walked on many threads at once: <see cref="Backward"/>,
/// <see cref="TopologicalOrder"/> and what is built on them (<see cref="Gradients.Of"/>, pictures, tracing) read a graph
/// without disturbing other walks of it, and graphs that share leaves (a model's parameters, say) may run
/// <see cref="Backward"/> at once on several threads: each leaf gets every call's gradient added, whole (in the order the
/// calls finish, so the last bits of a sum may differ from run to run, as in PyTorch). An interior node reached by two
/// calls at once ends with one of their gradients. Changing a node (its <see cref="Data"/>, <see cref="Grad"/> or
/// <see cref="Label"/>) while another thread reads it is a race, as for any object.
/// </para>
/// </remarks>
public sealed partial class Value
{
    private string? _label; // null when empty (an unlabelled interior node stores nothing); read as ""
    private readonly Op? _op;
    private readonly Value? _a;
    private readonly object? _rest; // the right operand (a Value) of a binary op, or every operand (a Value[]) of an n-ary op
    private int _mark;

    /// <summary>Creates a leaf: a value that no op produced, such as an input or a parameter.</summary>
    /// <param name="data">The value. Any double is accepted, NaN and infinities included.</param>
    /// <param name="label">A name shown in graph pictures and error messages; empty by default.</param>
    public Value(double data, string label = "")
    {
        ArgumentNullException.ThrowIfNull(label);
        Data = data;
        if (label.Length > 0) _label = label;
    }

    private Value(double data, Op op, Value a, Value? b, Value[]? many)
    {
        Data = data;
        _op = op;
        _a = a;
        _rest = (object?)many ?? b;
    }

    /// <summary>The value of this node, computed by its op when the node was created. Setting it on a leaf
    /// changes the input seen by graphs built afterwards; nodes built before keep the data they computed.</summary>
    public double Data { get; set; }

    /// <summary>
    /// d(root)/d(this) after <see cref="Backward"/> on a root that reaches this node. Leaves accumulate over
    /// successive calls (zero them with <see cref="ValueExtensions.ZeroGrad"/>); interior nodes are reset by each call.
    /// </summary>
    public double Grad
    {
        get => _grad;
        set => _grad = value;
    }

    private double _grad;

    /// <summary>Adds <paramref name="x"/> into <see cref="Grad"/> atomically, so that walks on several threads that share this
    /// leaf each add their whole share (in the order they finish).</summary>
    internal void AddGradAtomically(double x)
    {
        double seen, sum;
        do
        {
            seen = Volatile.Read(ref _grad);
            sum = Accumulated(x, seen);
        }
        while (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref _grad, sum, seen)) != BitConverter.DoubleToInt64Bits(seen));
    }

    /// <summary>A name for graph pictures and error messages. Never null; empty when not set.</summary>
    public string Label
    {
        get => _label ?? "";
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _label = value.Length > 0 ? value : null;
        }
    }

    /// <summary>The symbol of the op that produced this node (such as <c>+</c>, <c>tanh</c>, <c>**2</c>), or the name of the
    /// <see cref="DifferentiableFunction"/> that did; empty for a leaf.</summary>
    public string Op => _op?.Name ?? "";

    /// <summary>True when no op produced this value (an input, a parameter or a constant).</summary>
    public bool IsLeaf => _op is null;

    /// <summary>The operands of the op that produced this node, in order; an operand used twice appears twice. Empty for a leaf.
    /// A view of this node: reading it allocates nothing.</summary>
    public ValueChildren Children => new(this);

    /// <summary>
    /// A new leaf with this value's data, cut from the graph, as PyTorch's <c>detach</c>: what is computed from it passes no
    /// gradient back to this value or to what made it. It has no label, so pictures and the explorer show it as a constant.
    /// </summary>
    /// <remarks>The data is copied (any double, NaN and infinities included): setting either value's <see cref="Data"/>
    /// afterwards does not change the other, where PyTorch's detached tensor shares its storage. Its gradient starts at 0.</remarks>
    /// <returns>A new leaf; this value and its graph are unchanged.</returns>
    public Value Detach() => new(Data);

    /// <summary>Wraps a double as a leaf, so that <c>2 * x</c> and <c>1 - x</c> work.</summary>
    /// <param name="data">The constant.</param>
    public static implicit operator Value(double data) => new(data);

    /// <summary>
    /// The local derivative ∂this/∂operand at this node: what the chain rule multiplies this node's gradient by before adding
    /// it into operand <paramref name="operand"/>'s (<see cref="Backward"/> adds <c>gradient × local derivative</c>, as the op
    /// computes that product). For example, for <c>y = a * b</c>, operand 0's is b's data. NaN and infinities are the op's
    /// (relu's is 0 at 0, 1 at NaN, as PyTorch's).
    /// </summary>
    /// <param name="operand">The operand, from 0 to <see cref="Children"/>.Count − 1.</param>
    /// <returns>The number.</returns>
    /// <exception cref="InvalidOperationException">This node is a leaf.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operand"/> is not an operand of this node.</exception>
    public double LocalDerivative(int operand)
    {
        if (_op is null) throw new InvalidOperationException("A leaf has no operands, so no local derivatives.");
        ArgumentOutOfRangeException.ThrowIfNegative(operand);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(operand, ChildCount);
        return _op.Contribution(this, operand, 1.0);
    }

    /// <summary>Gives <c>Value(data=…, grad=…)</c> with round-trip, invariant-culture numbers.</summary>
    public override string ToString() =>
        $"Value(data={Format(Data)}, grad={Format(Grad)})";

    internal static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The op that produced this node (its formulas, texts and arity: see <see cref="Ops.Op"/>), or null for a leaf.
    /// <see cref="Op"/> is its name.</summary>
    public Op? Operation => _op;
    internal Value? A => _a;
    internal Value? B => _rest as Value;
    internal Value[]? Many => _rest as Value[];

    internal int ChildCount => _rest switch
    {
        Value => 2,
        Value[] many => many.Length,
        _ => _a is null ? 0 : 1, // a leaf or a unary node
    };

    internal Value ChildAt(int i) => i == 0 ? _a! : _rest as Value ?? ((Value[])_rest!)[i];

    internal static Value Unary(UnaryOp op, Value x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Checked(new Value(op.Forward(x.Data), op, x, null, null));
    }

    internal static Value Binary(BinaryOp op, Value a, Value b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Checked(new Value(op.Forward(a.Data, b.Data), op, a, b, null));
    }

    internal static Value Nary(NaryOp op, Value[] operands) => Checked(InGraph(op, operands));

    /// <summary>A new node as the public ops return it: as it is unless a scope is open (one plain static read), else after
    /// the <see cref="AnomalyMode"/> check of its data, and cut to a leaf inside <see cref="Gradients.Disabled"/>.</summary>
    private static Value Checked(Value result) => OpScopes.AnyOpen ? InScope(result) : result;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value InScope(Value result)
    {
        if (OpScopes.AnomalyEnabled) AnomalyMode.CheckForward(result);
        return OpScopes.RecordingDisabled ? new Value(result.Data) : result;
    }
}
