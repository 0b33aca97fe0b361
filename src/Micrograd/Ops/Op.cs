namespace Micrograd.Ops;

/// <summary>
/// An operation of the graph. Each concrete op lives in one file that holds its forward value and its local
/// derivative side by side, plus the <see cref="Value"/> member that creates it.
/// </summary>
internal abstract class Op
{
    /// <summary>The symbol shown in <see cref="Value.Op"/> and in graph pictures.</summary>
    public abstract string Name { get; }

    /// <summary>Adds <paramref name="node"/>'s gradient, times the local derivative, into each operand's gradient.</summary>
    public abstract void Propagate(Value node);

    /// <summary>The op's JavaScript twin (the same formulas, for pages that recompute the graph in a browser), declared next
    /// to the C# formulas in the op's own file.</summary>
    public abstract OpScript Script { get; }
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
}

/// <summary>An op of any number (at least one) of operands.</summary>
internal abstract class NaryOp : Op
{
    public abstract double Forward(ReadOnlySpan<Value> operands);
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
