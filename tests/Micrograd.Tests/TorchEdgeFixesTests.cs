namespace Micrograd.Tests;

/// <summary>Edges where the engine used to differ from PyTorch 1.13 (float64), each pinned to PyTorch's number (issue #22:
/// a peer's test suite found them).</summary>
public sealed class TorchEdgeFixesTests
{
    private static (double Value, double Gradient) Backward(Func<Value, Value> f, double at)
    {
        var x = new Value(at, "x");
        var y = f(x);
        y.Backward();
        return (y.Data, x.Grad);
    }

    private static double Forward(Func<Value, Value> f, double at) => Derivatives.Directional(v => f(v[0]), [at], [1.0]);

    private static double Second(Func<Value, Value> f, double at)
    {
        var x = new Value(at, "x");
        return Gradients.Of(Gradients.Of(f(x), [x])[0], [x])[0].Data;
    }

    [Fact]
    public void Relu_passes_the_gradient_at_nan_and_keeps_negative_zero()
    {
        // torch.relu(nan).backward(): grad 1 (threshold_backward passes it where the result is not <= 0); relu(-0.0) is -0.0
        var (value, gradient) = Backward(x => x.Relu(), double.NaN);
        Assert.True(double.IsNaN(value));
        Assert.Equal(1.0, gradient);
        Assert.Equal(1.0, Forward(x => x.Relu(), double.NaN));
        Exact.Assert(-0.0, Backward(x => x.Relu(), -0.0).Value, "relu(-0)");
        Assert.Equal(0.0, Backward(x => x.Relu(), -0.0).Gradient);
        Assert.Equal(0.0, Backward(x => x.Relu(), 0.0).Gradient);
        Assert.Equal(0.0, Backward(x => x.Relu(), -3.0).Value);
    }

    [Fact]
    public void Abs_has_gradient_zero_at_nan()
    {
        // torch.abs(nan).backward(): grad = sgn(nan) = 0
        Assert.Equal(0.0, Backward(x => x.Abs(), double.NaN).Gradient);
        Assert.Equal(0.0, Forward(x => x.Abs(), double.NaN));
        Assert.Equal(-1.0, Backward(x => x.Abs(), -2.0).Gradient);
        Assert.Equal(0.0, Backward(x => x.Abs(), -0.0).Gradient);
    }

    [Theory]
    // d²/dx² x ** -1 = 2 x ** -3 (PyTorch: pow_backward's own derivative, at the edges too)
    [InlineData(-1.0, -0.0, double.NegativeInfinity)]
    [InlineData(-1.0, 0.0, double.PositiveInfinity)]
    [InlineData(-1.0, double.PositiveInfinity, 0.0)]
    [InlineData(-1.0, double.NegativeInfinity, -0.0)]
    // d²/dx² x ** 0.5 = -0.25 x ** -1.5
    [InlineData(0.5, -0.0, double.NegativeInfinity)]
    [InlineData(0.5, double.NegativeInfinity, -0.0)]
    [InlineData(0.5, 4.0, -0.25 * 0.125)]
    public void Second_derivatives_of_constant_powers_are_pytorchs_at_zero_and_infinity(double exponent, double at, double expected)
    {
        Exact.Assert(expected, Second(x => x.Pow(exponent), at), $"d²/dx² x ** {exponent} at {at}");
    }

    [Fact]
    public void Anomaly_mode_names_the_operand_that_received_the_nan()
    {
        // x * x at x = 0 with an infinite gradient coming in: operand 0 receives inf · 0 = NaN first
        var x = new Value(0.0, "x");
        var product = x * x;
        var root = product * new Value(double.PositiveInfinity);
        using (AnomalyMode.Enable())
        {
            var error = Assert.Throws<AnomalyException>(() => root.Backward());
            Assert.Contains("gave operand 0", error.Message, StringComparison.Ordinal);
        }

        // the same value as both operands of a function whose second derivative alone is not finite: operand 1 is named
        var twice = new DifferentiableFunction("second_only", 2,
            forward: v => v[0] * v[1],
            derivatives: (v, y, d) => (d[0], d[1]) = (1.0, double.PositiveInfinity));
        var a = new Value(2.0, "a");
        using (AnomalyMode.Enable())
        {
            var error = Assert.Throws<AnomalyException>(() => twice.Apply(a, a).Backward());
            Assert.Contains("gave operand 1", error.Message, StringComparison.Ordinal);
        }
    }
}
