namespace Micrograd.Ops;

/// <summary>
/// An operation of the graph. Each concrete op lives in one file that holds its forward value and its local
/// derivative side by side, plus the <see cref="Value"/> member that creates it.
/// </summary>
/// <remarks>
/// Besides the scalar formulas, each arity has lane kernels used by the compiled mode
/// (<see cref="Compiled.BatchedGraph"/>): the same formula applied to many lanes (samples) at once. The base classes give a
/// generic lane kernel that calls the scalar formula once per lane, so a new op works in every mode by touching only its
/// own file; an op may override a lane kernel with <see cref="System.Numerics.Vector{T}"/> code in its own file, which
/// must give, lane by lane, bit for bit what the scalar formula gives (the compiled tests check this on every op).
/// Lane spans are always a whole number of vectors long (<see cref="Lanes.Of(Span{double})"/>).
/// </remarks>
internal abstract class Op
{
    /// <summary>The symbol shown in <see cref="Value.Op"/> and in graph pictures.</summary>
    public abstract string Name { get; }

    /// <summary>Adds <paramref name="node"/>'s gradient, times the local derivative, into each operand's gradient.</summary>
    public abstract void Propagate(Value node);

    /// <summary>The op's JavaScript twin (the same formulas, for pages that recompute the graph in a browser), declared next
    /// to the C# formulas in the op's own file.</summary>
    public abstract OpScript Script { get; }
    /// <summary>True when <paramref name="other"/> computes the same function: the same class and the same
    /// <see cref="Name"/> (parameterized ops such as a constant power carry their parameter in the name).</summary>
    public bool SameAs(Op other) =>
        ReferenceEquals(this, other) || (GetType() == other.GetType() && string.Equals(Name, other.Name, StringComparison.Ordinal));
}

/// <summary>An op of one operand: <c>y = f(x)</c>.</summary>
internal abstract class UnaryOp : Op
{
    public abstract double Forward(double x);

    /// <summary>The contribution to x's gradient: <paramref name="g"/> times dy/dx, given x, y = f(x) and g = d(root)/dy.</summary>
    public abstract double Backward(double x, double y, double g);

    public sealed override void Propagate(Value node)
    {
        var x = node.A!;
        x.Grad += Backward(x.Data, node.Data, node.Grad);
    }

    /// <summary>Lane kernel: <c>y[i] = Forward(x[i])</c> for every lane.</summary>
    public virtual void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < y.Length; i++) y[i] = Forward(x[i]);
    }

    /// <summary>Lane kernel: <c>gx[i] += Backward(x[i], y[i], g[i])</c> for every lane.</summary>
    public virtual void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> gx)
    {
        for (var i = 0; i < gx.Length; i++) gx[i] += Backward(x[i], y[i], g[i]);
    }
}

/// <summary>An op of two operands: <c>y = f(a, b)</c>.</summary>
internal abstract class BinaryOp : Op
{
    public abstract double Forward(double a, double b);

    /// <summary>The contribution to a's gradient: g times dy/da.</summary>
    public abstract double BackwardLeft(double a, double b, double y, double g);

    /// <summary>The contribution to b's gradient: g times dy/db.</summary>
    public abstract double BackwardRight(double a, double b, double y, double g);

    public sealed override void Propagate(Value node)
    {
        Value a = node.A!, b = node.B!;
        double ad = a.Data, bd = b.Data, y = node.Data, g = node.Grad;
        a.Grad += BackwardLeft(ad, bd, y, g);
        b.Grad += BackwardRight(ad, bd, y, g);
    }

    /// <summary>Lane kernel: <c>y[i] = Forward(a[i], b[i])</c> for every lane.</summary>
    public virtual void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y)
    {
        for (var i = 0; i < y.Length; i++) y[i] = Forward(a[i], b[i]);
    }

    /// <summary>
    /// Lane kernel: in each lane, <c>ga[i] += BackwardLeft(…)</c> then <c>gb[i] += BackwardRight(…)</c>, in that order, as
    /// <see cref="Propagate"/> does. <paramref name="ga"/> and <paramref name="gb"/> may be the same span (<c>x * x</c>).
    /// </summary>
    public virtual void Backward(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> y, ReadOnlySpan<double> g, Span<double> ga, Span<double> gb)
    {
        for (var i = 0; i < y.Length; i++)
        {
            double ad = a[i], bd = b[i], yd = y[i], gd = g[i];
            ga[i] += BackwardLeft(ad, bd, yd, gd);
            gb[i] += BackwardRight(ad, bd, yd, gd);
        }
    }
}

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
/// A unary op that the expression language calls by its <see cref="Op.Name"/>, as in <c>tanh(x)</c>.
/// Every concrete subclass with a static <c>Instance</c> field is found by <see cref="Functions"/>.
/// </summary>
internal abstract class FunctionOp : UnaryOp
{
    private static readonly Lazy<IReadOnlyDictionary<string, FunctionOp>> s_functions = new(Discover);

    /// <summary>Every function op by name.</summary>
    public static IReadOnlyDictionary<string, FunctionOp> Functions => s_functions.Value;

    private static IReadOnlyDictionary<string, FunctionOp> Discover() =>
        typeof(FunctionOp).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(FunctionOp)) && !t.IsAbstract)
            .Select(t => (FunctionOp)t.GetField("Instance")!.GetValue(null)!)
            .OrderBy(op => op.Name, StringComparer.Ordinal)
            .ToDictionary(op => op.Name, StringComparer.Ordinal);
}
