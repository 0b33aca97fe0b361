namespace Micrograd;

/// <summary>
/// The local derivatives of a <see cref="DifferentiableFunction"/> at one point: writes ∂y/∂xₖ into
/// <paramref name="derivatives"/>[k] for each operand k, given the operands and the function's value y there. The same
/// shape serves for numbers (<c>double</c>) and for <see cref="Value"/>s (the derivatives as graphs, for higher order).
/// </summary>
/// <remarks>Called with any doubles, NaN and infinities included; what it writes is used as it is, so a NaN or an infinity
/// it writes propagates by IEEE rules (a zero gradient times an infinite derivative is NaN). For doubles, an entry it leaves
/// unset is NaN; for values, an entry left unset (null) is refused with an <see cref="InvalidOperationException"/>.</remarks>
/// <typeparam name="T"><c>double</c> for the numbers; <see cref="Value"/> for the derivatives as graphs.</typeparam>
/// <param name="operands">The operands, in the order the function was applied to them.</param>
/// <param name="result">The function's value at the operands, y.</param>
/// <param name="derivatives">One entry per operand, to fill with ∂y/∂xₖ.</param>
public delegate void LocalDerivatives<T>(ReadOnlySpan<T> operands, T result, Span<T> derivatives);
