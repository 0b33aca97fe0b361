namespace Micrograd;

/// <summary>Helpers over collections of <see cref="Value"/>.</summary>
public static class ValueExtensions
{
    /// <summary>Sets the gradient of every value to 0, typically a model's parameters before the next <see cref="Value.Backward"/>.</summary>
    /// <param name="values">The values to reset; nulls are not allowed.</param>
    public static void ZeroGrad(this IEnumerable<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var v in values) v.Grad = 0.0;
    }
}
