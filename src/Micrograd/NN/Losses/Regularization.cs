namespace Micrograd.NN;

/// <summary>Penalties on parameters, added to a data loss.</summary>
public static class Regularization
{
    /// <summary>
    /// L2 regularization, <c>alpha · Σ p²</c> over the parameters, as the Python demo's
    /// <c>alpha * sum(p*p for p in model.parameters())</c>: each square is <c>p * p</c> and the sum one n-ary node.
    /// Its gradient is <c>2·alpha·p</c>. A NaN or infinite parameter makes it NaN or +∞.
    /// </summary>
    /// <param name="parameters">The parameters to penalize.</param>
    /// <param name="alpha">The strength; finite and at least 0.</param>
    public static Value L2(IEnumerable<Value> parameters, double alpha)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(alpha >= 0) || !double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The L2 strength must be a finite number of at least 0.");
        var list = parameters as IReadOnlyList<Value> ?? parameters.ToArray();
        var squares = new Value[list.Count];
        for (var i = 0; i < squares.Length; i++)
        {
            var p = list[i];
            squares[i] = p * p;
        }
        return alpha * Value.SumOf(squares);
    }
}
