namespace Micrograd.Ops;

/// <summary>
/// The formulas of an n-ary op that folds its operands left to right, written once over any <see cref="IOpNumber{T}"/>
/// (see <see cref="IUnaryFormula"/>): <c>y = Step(…Step(Step(Start, x₀), x₁)…, xₙ₋₁)</c>, and a gradient contribution
/// to each operand that depends on that operand, y and g only.
/// </summary>
internal interface INaryFormula
{
    /// <summary>The value of the fold before the first operand.</summary>
    T Start<T>() where T : IOpNumber<T>;

    /// <summary>The fold with one more operand.</summary>
    T Step<T>(T folded, T x) where T : IOpNumber<T>;

    /// <summary>The contribution to an operand's gradient: <paramref name="g"/> times dy/dx, given that operand x, y and g.</summary>
    T Backward<T>(T x, T y, T g) where T : IOpNumber<T>;
}
