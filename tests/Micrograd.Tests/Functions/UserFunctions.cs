namespace Micrograd.Tests.Functions;

/// <summary>
/// The user-defined functions the tests use, written as a user writes them. <see cref="Cube"/> is x³ with the derivative
/// 3·x², the very operations of the built-in <see cref="Value.Pow(double)"/> with exponent 3 (forward x·x·x, derivative
/// 3·x.Pow(2), whose number is 3·(x·x)), so that the two agree bit for bit in every order; <see cref="Hyp"/> is √(a² + b²), a function of two operands.
/// </summary>
internal static class UserFunctions
{
    public static readonly DifferentiableFunction Cube = new("cube", 1,
        forward: x => x[0] * x[0] * x[0],
        derivatives: (x, y, d) => d[0] = 3 * (x[0] * x[0]),
        valueDerivatives: (x, y, d) => d[0] = 3 * x[0].Pow(2)); // as the built-in power writes its derivative

    /// <summary>The same cube without its derivatives as values: first order only.</summary>
    public static readonly DifferentiableFunction CubeFirstOrder = new("cube", 1,
        forward: x => x[0] * x[0] * x[0],
        derivatives: (x, y, d) => d[0] = 3 * (x[0] * x[0]));

    /// <summary>√(a² + b²); ∂/∂a = a/y, ∂/∂b = b/y, written from the result y, as tanh's derivative is.</summary>
    public static readonly DifferentiableFunction Hyp = new("hyp", 2,
        forward: x => Math.Sqrt(x[0] * x[0] + x[1] * x[1]),
        derivatives: (x, y, d) =>
        {
            d[0] = x[0] / y;
            d[1] = x[1] / y;
        },
        valueDerivatives: (x, y, d) =>
        {
            d[0] = x[0] / y;
            d[1] = x[1] / y;
        });

    /// <summary>The same function built from the engine's ops.</summary>
    public static Value HypOfOps(Value a, Value b) => (a * a + b * b).Sqrt();
}
