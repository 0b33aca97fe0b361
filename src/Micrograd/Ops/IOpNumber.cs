namespace Micrograd.Ops;

/// <summary>
/// The numbers an op's formulas are written over, once, generic (as dotnet/runtime's TensorPrimitives writes an operator
/// once for a scalar and a vector): arithmetic, the math functions the ops use, and a comparison that selects between two
/// numbers for piecewise formulas. Each formula (<see cref="IUnaryFormula"/>, <see cref="IBinaryFormula"/>,
/// <see cref="INaryFormula"/>) is instantiated on
/// <list type="bullet">
/// <item><see cref="Scalar"/>: one <c>double</c>, for <see cref="Value"/>'s ops, <see cref="Value.Backward"/> and the compiled scalar tape;</item>
/// <item><see cref="LaneVector"/>: a <see cref="System.Numerics.Vector{T}"/> of lanes (samples), for the compiled batched tape;</item>
/// <item><see cref="Value"/>: a node of a graph, so that a gradient is itself a differentiable graph (<see cref="Gradients.Of"/>);</item>
/// <item>other packages' own types, through <see cref="Op.Evaluate"/> and <see cref="Op.Contribution"/>: the explorer page's
/// JavaScript text (its twin of each op), the ONNX export's tensors.</item>
/// </list>
/// </summary>
/// <remarks>
/// Every implementation computes exactly what <see cref="Math"/> and IEEE 754 double arithmetic compute, lane by lane, so
/// that the forms agree bit for bit. A formula is evaluated as written: operands are computed in order, and
/// <see cref="Choose"/> evaluates both branches (a vector keeps both per lane), so a branch not taken must only cost time.
/// </remarks>
/// <typeparam name="T">The number type itself.</typeparam>
public interface IOpNumber<T> where T : IOpNumber<T>
{
    /// <summary>The sum, rounded once.</summary>
    static abstract T operator +(T a, T b);

    /// <summary>The difference, rounded once.</summary>
    static abstract T operator -(T a, T b);

    /// <summary>The product, rounded once (never fused with an addition that follows).</summary>
    static abstract T operator *(T a, T b);

    /// <summary>The quotient, rounded once.</summary>
    static abstract T operator /(T a, T b);

    /// <summary>The negation (exact: −0 for 0, NaN stays NaN).</summary>
    static abstract T operator -(T x);

    /// <summary>A number that depends on no input, such as the 1 of <c>1 − y²</c>.</summary>
    static abstract T Constant(double value);

    /// <summary>|x|.</summary>
    static abstract T Abs(T x);

    /// <summary><see cref="Math.Sqrt"/>.</summary>
    static abstract T Sqrt(T x);

    /// <summary><see cref="Math.Exp"/>.</summary>
    static abstract T Exp(T x);

    /// <summary><see cref="Math.Log(double)"/>.</summary>
    static abstract T Log(T x);

    /// <summary><see cref="Math.Sin"/>.</summary>
    static abstract T Sin(T x);

    /// <summary><see cref="Math.Cos"/>.</summary>
    static abstract T Cos(T x);

    /// <summary><see cref="Math.Tanh"/>.</summary>
    static abstract T Tanh(T x);

    /// <summary><see cref="Math.Atan"/>.</summary>
    static abstract T Atan(T x);

    /// <summary>The error function, as the engine's port of fdlibm's erf computes it (.NET has none).</summary>
    static abstract T Erf(T x);

    /// <summary>log(1 + x), accurate near 0, as the engine's port of fdlibm's log1p computes it.</summary>
    static abstract T Log1p(T x);

    /// <summary>eˣ − 1, accurate near 0, as the engine's port of fdlibm's expm1 computes it.</summary>
    static abstract T Expm1(T x);

    /// <summary><see cref="Math.Pow"/>(x, y), with a differentiable exponent.</summary>
    static abstract T Pow(T x, T y);

    /// <summary><c>x ** exponent</c> with a constant exponent, as PyTorch computes it: exact shortcuts for the common exponents
    /// (1 for 0, x for 1, x·x for 2, x·x·x for 3, a square root for 0.5, 1/√x for −0.5, 1/x for −1, 1/(x·x) for −2), and
    /// <see cref="Math.Pow"/> otherwise. A number type need not implement it; <see cref="Value"/> makes it a node of the
    /// constant-power op, so that a gradient's graph can be differentiated again.</summary>
    static virtual T Pow(T x, double exponent) => exponent switch
    {
        0 => T.Constant(1),
        1 => x,
        2 => x * x,
        3 => x * x * x,
        0.5 => T.Sqrt(x),
        -0.5 => T.Constant(1) / T.Sqrt(x),
        -1 => T.Constant(1) / x,
        -2 => T.Constant(1) / (x * x),
        _ => T.Pow(x, T.Constant(exponent)),
    };

    /// <summary><c>a·b + addend</c> rounded once, as <see cref="Math.FusedMultiplyAdd"/>, with a constant addend.</summary>
    static abstract T FusedMultiplyAdd(T a, T b, double addend);

    /// <summary><paramref name="ifTrue"/> where <c>left comparison right</c> holds, else <paramref name="ifFalse"/>;
    /// every comparison with NaN is false, as in C# and JavaScript.</summary>
    static abstract T Choose(Comparison comparison, T left, T right, T ifTrue, T ifFalse);
}

/// <summary>How <see cref="IOpNumber{T}.Choose"/> compares its two numbers; every comparison with NaN is false.</summary>
public enum Comparison
{
    /// <summary><c>left == right</c>.</summary>
    Equal,

    /// <summary><c>left &lt; right</c>.</summary>
    Less,

    /// <summary><c>left &lt;= right</c>.</summary>
    LessOrEqual,

    /// <summary><c>left &gt; right</c>.</summary>
    Greater,

    /// <summary><c>left &gt;= right</c>.</summary>
    GreaterOrEqual,
}
