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

    [Fact]
    public void Options_are_checked_however_they_are_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientCheckOptions(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientCheckOptions { Epsilon = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheckOptions.Default with { Epsilon = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheckOptions.Default with { Epsilon = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheckOptions.Default with { Epsilon = double.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientCheckOptions(AbsoluteTolerance: -1e-9));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheckOptions.Default with { AbsoluteTolerance = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientCheckOptions { RelativeTolerance = -1 });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheckOptions.Default with { RelativeTolerance = double.PositiveInfinity });
        Assert.Equal("RelativeTolerance", e.ParamName);
        Assert.Equal("Epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheckOptions.Default with { Epsilon = 0 }).ParamName);

        var changed = GradientCheckOptions.Default with { Epsilon = 1e-7, AbsoluteTolerance = 0 };
        Assert.Equal((1e-7, 0.0, 1e-3), (changed.Epsilon, changed.AbsoluteTolerance, changed.RelativeTolerance));
        Assert.Equal(new GradientCheckOptions(1e-7, 0, 1e-3), changed);
    }

    [Fact]
    public void The_second_order_check_passes_on_a_smooth_graph_entry_by_entry()
    {
        var result = GradientCheck.RunSecondOrder(x => (x[0] * x[1]).Tanh() * x[2].Exp() + x[1].Pow(3) / x[2], [0.3, -0.8, 1.2]);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(9, result.Inputs.Count);
        Assert.Equal("x1,x2", result.Inputs[5].Label);
        Assert.Equal(5, result.Inputs[5].Index);
        Assert.Equal(result.Inputs[5].Analytical, result.Inputs[7].Analytical, 1e-12);
    }

    [Fact]
    public void The_second_order_check_fails_across_a_kink_and_names_the_entry()
    {
        // d/dx of relu(x)·x is relu(x) + x·[x > 0]: its derivative by the graph at 0 is 0, by differences (2ε − 0)/2ε = 1.
        var result = GradientCheck.RunSecondOrder(x => x[0].Relu() * x[0] + x[1] * x[1], [0.0, 1.0]);
        Assert.False(result.Passed);
        Assert.Equal("x0,x0", result.Worst!.Label);
        Assert.Equal(0.0, result.Worst.Analytical);
        Assert.Equal(1.0, result.Worst.Numerical, 1e-9);
        Assert.True(result.Inputs[3].Passed);
        Assert.Contains("FAILED", result.ToString());
    }

    [Fact]
    public void The_second_order_check_uses_the_options_step()
    {
        // x⁴ at 1: f'' = 12; the central difference of f' = 4x³ with step h is 12 + 4h², so a wide step shows.
        var wide = GradientCheck.RunSecondOrder(x => x[0].Pow(4), [1.0], new GradientCheckOptions(Epsilon: 0.1, AbsoluteTolerance: 0, RelativeTolerance: 1e-6));
        Assert.Equal(12.04, wide.Inputs[0].Numerical, 1e-9);
        Assert.False(wide.Passed);
        Assert.True(GradientCheck.RunSecondOrder(x => x[0].Pow(4), [1.0]).Passed);
    }
}
