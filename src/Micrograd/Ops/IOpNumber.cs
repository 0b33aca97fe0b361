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
/// <item><see cref="ScriptNumber"/>: JavaScript text, the op's twin for the explorer page (<see cref="OpScript"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// Every implementation computes exactly what <see cref="Math"/> and IEEE 754 double arithmetic compute, lane by lane, so
/// that the forms agree bit for bit. A formula is evaluated as written: operands are computed in order, and
/// <see cref="Select"/> evaluates both branches (a vector keeps both per lane), so a branch not taken must only cost time.
/// </remarks>
/// <typeparam name="T">The number type itself.</typeparam>
internal interface IOpNumber<T> where T : IOpNumber<T>
{
    static abstract T operator +(T a, T b);

    static abstract T operator -(T a, T b);

    static abstract T operator *(T a, T b);

    static abstract T operator /(T a, T b);

    static abstract T operator -(T x);

    /// <summary>A number that depends on no input, such as the 1 of <c>1 − y²</c>.</summary>
    static abstract T Constant(double value);

    static abstract T Abs(T x);

    static abstract T Sqrt(T x);

    static abstract T Exp(T x);

    static abstract T Log(T x);

    static abstract T Sin(T x);

    static abstract T Cos(T x);

    static abstract T Tanh(T x);

    static abstract T Atan(T x);

    /// <summary>The error function, <see cref="Fdlibm.Erf"/> (.NET has none).</summary>
    static abstract T Erf(T x);

    /// <summary>log(1 + x), accurate near 0: <see cref="Fdlibm.Log1p"/>.</summary>
    static abstract T Log1p(T x);

    /// <summary>eˣ − 1, accurate near 0: <see cref="Fdlibm.Expm1"/>.</summary>
    static abstract T Expm1(T x);

    /// <summary><see cref="Math.Pow"/>(x, y), with a differentiable exponent.</summary>
    static abstract T Pow(T x, T y);

    /// <summary><c>x ** exponent</c> with a constant exponent, as PyTorch computes it: exact shortcuts for the common exponents
    /// (x·x, a square root, 1/x, …), <see cref="Math.Pow"/> otherwise (<see cref="PowConstantOp.Shortcut"/>); on values, a
    /// node of the constant-power op.</summary>
    static abstract T Pow(T x, double exponent);

    /// <summary><c>a·b + addend</c> rounded once, as <see cref="Math.FusedMultiplyAdd"/>, with a constant addend.</summary>
    static abstract T FusedMultiplyAdd(T a, T b, double addend);

    /// <summary><paramref name="ifTrue"/> where <c>left comparison right</c> holds, else <paramref name="ifFalse"/>;
    /// every comparison with NaN is false, as in C# and JavaScript.</summary>
    static abstract T Select(Comparison comparison, T left, T right, T ifTrue, T ifFalse);
}

/// <summary>How <see cref="IOpNumber{T}.Select"/> compares its two numbers.</summary>
internal enum Comparison
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
