namespace Micrograd;

/// <summary>
/// The local derivatives of a <see cref="DifferentiableFunction"/> at one point: writes ∂y/∂xₖ into
/// <paramref name="derivatives"/>[k] for each operand k, given the operands and the function's value y there. The same
/// shape serves for numbers (<c>double</c>) and for <see cref="Value"/>s (the derivatives as graphs, for higher order).
/// </summary>
/// <typeparam name="T"><c>double</c> for the numbers; <see cref="Value"/> for the derivatives as graphs.</typeparam>
/// <param name="operands">The operands, in the order the function was applied to them.</param>
/// <param name="result">The function's value at the operands, y.</param>
/// <param name="derivatives">One entry per operand, to fill with ∂y/∂xₖ.</param>
public delegate void LocalDerivatives<T>(ReadOnlySpan<T> operands, T result, Span<T> derivatives);
