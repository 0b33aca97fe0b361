namespace Micrograd.Tests;

public class GradientCheckTests
{
    [Fact]
    public void Passes_on_a_correct_graph()
    {
        var result = GradientCheck.Run(x => (x[0] * x[1]).Tanh() + x[0].Exp(), [0.3, -0.8]);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(2, result.Inputs.Count);
    }

    [Fact]
    public void Fails_on_a_deliberately_wrong_derivative_and_names_the_worst_input()
    {
        // d/dx1 of sin(x0) * x1 is sin(x0); claim cos(x0) instead, and get x0 right.
        double F(double[] x) => Math.Sin(x[0]) * x[1];
        var point = new[] { 0.4, 2.0 };
        var wrong = new[] { Math.Cos(0.4) * 2.0, Math.Cos(0.4) };

        var result = GradientCheck.Compare(F, wrong, point);

        Assert.False(result.Passed);
        Assert.True(result.Inputs[0].Passed);
        Assert.False(result.Inputs[1].Passed);
        Assert.Equal(1, result.Worst!.Index);
        Assert.Contains("x1", result.ToString());
        Assert.Contains("FAILED", result.ToString());
    }

    [Fact]
    public void Uses_PyTorch_defaults()
    {
        var o = GradientCheckOptions.Default;
        Assert.Equal(1e-6, o.Epsilon);
        Assert.Equal(1e-5, o.AbsoluteTolerance);
        Assert.Equal(1e-3, o.RelativeTolerance);
    }

    [Fact]
    public void A_small_error_within_rtol_passes_and_a_larger_one_fails()
    {
        double F(double[] x) => 3 * x[0];
        Assert.True(GradientCheck.Compare(F, [3 * (1 + 5e-4)], [1.0]).Passed);
        Assert.False(GradientCheck.Compare(F, [3 * (1 + 5e-3)], [1.0]).Passed);
    }

    [Fact]
    public void A_non_finite_mismatch_fails_and_equal_infinities_pass()
    {
        var nanVsFinite = new GradientCheckInput(0, "x0", double.NaN, 1.0, 1e-5);
        Assert.False(nanVsFinite.Passed);
        var infinities = new GradientCheckInput(0, "x0", double.PositiveInfinity, double.PositiveInfinity, 1e-5);
        Assert.True(infinities.Passed);
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => GradientCheck.Compare(x => x[0], [1.0, 2.0], [1.0]));
        Assert.Contains("2 entries", e.Message);
    }
}
