namespace Micrograd.Ops;

/// <summary>
/// Every op of the engine, listed here once: the expression language reads its functions from here, and the tests read
/// every op from here (and check that no op class is missing), so a new op is tested in every form as soon as it is listed.
/// </summary>
public static class OpCatalog
{
    /// <summary>The functions of the expression language, in order of name: unary ops (<c>tanh(x)</c>) and binary ones
    /// (<c>max(x, y)</c>).</summary>
    public static IReadOnlyList<Op> Functions { get; } =
    [
        AbsOp.Instance, AtanOp.Instance, CosOp.Instance, EluOp.Instance, ExpOp.Instance, Expm1Op.Instance, GeluOp.Instance,
        HardtanhOp.Instance, LeakyReluOp.Instance, LogOp.Instance, Log1pOp.Instance, MaxOp.Instance, MinOp.Instance, ReluOp.Instance,
        SigmoidOp.Instance, SinOp.Instance, SoftplusOp.Instance, SqrtOp.Instance, TanhOp.Instance,
    ];

    /// <summary><see cref="Functions"/> by name.</summary>
    internal static IReadOnlyDictionary<string, Op> FunctionsByName { get; } =
        Functions.ToDictionary(op => op.Name, StringComparer.Ordinal);

    /// <summary>Every op: arithmetic, the functions, constant powers (of the common exponents; <see cref="PowConstantOp.For"/>
    /// makes any other), the n-ary sum, and the ops that only gradient graphs use: the fused multiply-add (of addend 1) and
    /// erf.</summary>
    public static IReadOnlyList<Op> All { get; } =
    [
        AddOp.Instance, SubtractOp.Instance, MultiplyOp.Instance, DivideOp.Instance, PowOp.Instance, NegateOp.Instance,
        .. Functions,
        .. PowConstantOp.Common,
        SumOp.Instance, FusedMultiplyAddOp.Instance, ErfOp.Instance,
    ];
}
