namespace Micrograd.Ops;

/// <summary>
/// A unary op's formulas, written once over any <see cref="IOpNumber{T}"/> (implemented by a readonly struct in the op's
/// file, so that each number type gets code compiled for it): the forward value and the gradient contribution.
/// </summary>
internal interface IUnaryFormula
{
    /// <summary><c>y = f(x)</c>.</summary>
    T Forward<T>(T x) where T : IOpNumber<T>;

    /// <summary>The contribution to x's gradient: <paramref name="g"/> times dy/dx, given x, y = f(x) and g = d(root)/dy.</summary>
    T Backward<T>(T x, T y, T g) where T : IOpNumber<T>;
}
