namespace Micrograd.Ops;

/// <summary>
/// Every op of the engine, listed here once: the expression language reads its functions from here, and the tests read
/// every op from here (and check that no op class is missing), so a new op is tested in every form as soon as it is listed.
/// </summary>
internal static class OpCatalog
{
    /// <summary>The functions of the expression language (<c>tanh(x)</c>), in order of name.</summary>
    public static IReadOnlyList<UnaryOp> Functions { get; } =
    [
        AbsOp.Instance, CosOp.Instance, ExpOp.Instance, LogOp.Instance, ReluOp.Instance,
        SigmoidOp.Instance, SinOp.Instance, SqrtOp.Instance, TanhOp.Instance,
    ];

    /// <summary><see cref="Functions"/> by name.</summary>
    public static IReadOnlyDictionary<string, UnaryOp> FunctionsByName { get; } =
        Functions.ToDictionary(op => op.Name, StringComparer.Ordinal);

    /// <summary>Every op: arithmetic, the functions, constant powers (of the common exponents; <see cref="PowConstantOp.For"/>
    /// makes any other), the n-ary sum and the fused multiply-add of gradient graphs (of addend 1).</summary>
    public static IReadOnlyList<Op> All { get; } =
    [
        AddOp.Instance, SubtractOp.Instance, MultiplyOp.Instance, DivideOp.Instance, PowOp.Instance, NegateOp.Instance,
        .. Functions,
        .. PowConstantOp.Common,
        SumOp.Instance, FusedMultiplyAddOp.Instance,
    ];
}
