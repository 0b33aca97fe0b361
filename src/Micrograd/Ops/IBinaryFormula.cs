namespace Micrograd.Ops;

/// <summary>A binary op's formulas, written once over any <see cref="IOpNumber{T}"/> (see <see cref="IUnaryFormula"/>).</summary>
internal interface IBinaryFormula
{
    /// <summary><c>y = f(a, b)</c>.</summary>
    T Forward<T>(T a, T b) where T : IOpNumber<T>;

    /// <summary>The contribution to a's gradient: <paramref name="g"/> times dy/da.</summary>
    T BackwardLeft<T>(T a, T b, T y, T g) where T : IOpNumber<T>;

    /// <summary>The contribution to b's gradient: <paramref name="g"/> times dy/db.</summary>
    T BackwardRight<T>(T a, T b, T y, T g) where T : IOpNumber<T>;
}
