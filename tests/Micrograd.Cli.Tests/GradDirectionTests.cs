using System.Globalization;
using Micrograd.Cli.Tests.Support;
using Micrograd.Ops;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// <c>grad --direction</c>: the directional derivative by forward mode equals the gradient (by reverse mode, from the same
/// run's <c>--json</c>) dotted with the direction; a variable left out is 0; a bad direction is refused in one line.
/// </summary>
public class GradDirectionTests
{
    /// <summary>Every operator and every function of the expression language: + - * /, ** with a constant and with a
    /// variable exponent, unary minus and the functions (checked against the op catalog below).</summary>
    private const string EveryOp = "relu(x) * tanh(y) + exp(x) / log(z) - sigmoid(x * y) ** 2 + sqrt(z) * abs(y) + sin(x) ** z - cos(y) / -x"
        + " + max(x, y) * min(y, z) + leaky_relu(y) - elu(y) * softplus(x) + gelu(y) + log1p(z) * expm1(x) - atan(x * z) + hardtanh(y * 0.5)";

    private static readonly Dictionary<string, double> EveryOpAt = new() { ["x"] = 0.7, ["y"] = -1.3, ["z"] = 2.5 };

    [Fact]
    public void The_every_op_expression_uses_every_function_of_the_language()
    {
        foreach (var function in OpCatalog.Functions) Assert.Contains(function.Name + "(", EveryOp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x=1,y=0,z=0")]
    [InlineData("y=1")]
    [InlineData("z=1")]
    [InlineData("x=0.25,y=-2,z=3.5")]
    [InlineData("z=-1e-3, x=4")]
    public void On_every_op_it_is_the_gradient_dotted_with_the_direction(string direction)
    {
        var json = Run(EveryOp, EveryOpAt, direction);
        AssertDot(json, Vector(direction), $"{EveryOp} along {direction}");
    }

    public static TheoryData<int> Lines() => HessianCase.Lines();

    [Theory]
    [MemberData(nameof(Lines))]
    public void On_every_reference_expression_it_is_the_gradient_dotted_with_a_direction(int line)
    {
        var c = HessianCase.Load()[line];
        var random = new Random(line);
        var direction = string.Join(",", c.At.Keys.Select(name => $"{name}={Close.Format(Math.Round(random.NextDouble() * 4 - 2, 3))}"));
        var json = Run(c.Expr, new Dictionary<string, double>(c.At), direction);
        AssertDot(json, Vector(direction), $"{c} along {direction}");
    }

    [Fact]
    public void A_variable_left_out_is_zero()
    {
        // f = x²y + 3z: ∇f = (2xy, x², 3) = (-12, 9, 3) at (3, -2, 5)
        Assert.Equal(-12.0, Run("x * x * y + 3 * z", new() { ["x"] = 3, ["y"] = -2, ["z"] = 5 }, "x=1").Directional);
        Assert.Equal(9.0 * 2 + 3 * -0.5, Run("x * x * y + 3 * z", new() { ["x"] = 3, ["y"] = -2, ["z"] = 5 }, "y=2,z=-0.5").Directional);
    }

    [Fact]
    public void The_table_output_ends_with_the_directional_derivative_and_the_whole_direction()
    {
        var r = Tool.Run("grad", "x * x * y + 3 * z", "x=3", "y=-2", "z=5", "--direction", "y=2,z=-0.5");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("directional derivative along x=0, y=2, z=-0.5 = 16.5", r.Out.TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public void Hessian_and_direction_together_give_both_in_json()
    {
        var json = Run("x * y", new() { ["x"] = 2, ["y"] = 5 }, "x=1,y=1", "--hessian");
        Assert.Equal(7.0, json.Directional);
        Assert.Equal([0.0, 1.0], json.Hessian![0].Value.Select(e => e.Value));
    }

    [Fact]
    public void A_non_finite_gradient_propagates_as_in_reverse_mode()
    {
        // log at 0: ∂f/∂x = ∞; along x it is ∞, and a direction of 0 towards it gives 0·∞ = NaN, as the dot product does
        Assert.Equal(double.PositiveInfinity, Run("log(x) + y", new() { ["x"] = 0, ["y"] = 1 }, "x=2").Directional);
        Assert.Equal(double.NaN, Run("log(x) + y", new() { ["x"] = 0, ["y"] = 1 }, "y=1").Directional);
        Assert.Equal("{\"value\":\"-Infinity\",\"gradients\":{\"x\":\"Infinity\",\"y\":1},\"directional\":\"NaN\"}\n",
            Tool.Run("grad", "log(x) + y", "x=0", "y=1", "--direction", "y=1", "--json").Out);
    }

    [Theory]
    [InlineData("", "--direction is empty: give a component for one or more variables, as in --direction x=1,y=0")]
    [InlineData(" ", "--direction is empty: give a component for one or more variables, as in --direction x=1,y=0")]
    [InlineData("x=1,", "--direction 'x=1,' has an empty component: separate NAME=NUMBER components with single commas, as in x=1,y=0")]
    [InlineData("x=1,,y=2", "--direction 'x=1,,y=2' has an empty component: separate NAME=NUMBER components with single commas, as in x=1,y=0")]
    [InlineData("z=1", "--direction names 'z', which the expression does not use (its variables are x, y)")]
    [InlineData("x=1,X=2", "--direction names 'X', which the expression does not use (its variables are x, y)")]
    [InlineData("x=abc", "'abc' in --direction 'x=abc' is not a number: write a finite number such as 1, -0.5 or 2e-3")]
    [InlineData("x=1;y=2", "'1;y=2' in --direction 'x=1;y=2' is not a number: write a finite number such as 1, -0.5 or 2e-3")]
    [InlineData("x=", "'' in --direction 'x=' is not a number: write a finite number such as 1, -0.5 or 2e-3")]
    [InlineData("x=1e999", "'1e999' in --direction 'x=1e999' is too large for a double (at most about 1.8e308; write Infinity for an infinity): write a finite number such as 1, -0.5 or 2e-3")]
    [InlineData("x=NaN", "'NaN' in --direction 'x=NaN' is not finite: write a finite number such as 1, -0.5 or 2e-3")]
    [InlineData("y=-Infinity", "'-Infinity' in --direction 'y=-Infinity' is not finite: write a finite number such as 1, -0.5 or 2e-3")]
    [InlineData("x", "'x' in --direction 'x' is not NAME=NUMBER: write the direction as in x=1,y=0")]
    [InlineData("=1", "'=1' in --direction '=1' is not NAME=NUMBER: write the direction as in x=1,y=0")]
    [InlineData("x=1,y=2,x=3", "'x' is given twice in --direction ('x=1' and 'x=3')")]
    public void A_bad_direction_is_refused_in_one_line(string direction, string message)
    {
        var r = Tool.Run("grad", "x * y", "x=1", "y=2", "--direction", direction);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Equal($"error: {message}\n", r.Error);
    }

    [Fact]
    public void A_direction_without_its_value_or_for_an_expression_without_variables_is_refused()
    {
        Tool.Run("grad", "x * y", "x=1", "y=2", "--direction").AssertRefused("--direction");
        Tool.Run("grad", "1 + 2", "--direction", "x=1").AssertRefused("--direction names 'x', which the expression does not use (it has no variables)");
    }

    [Fact]
    public void A_real_process_prints_the_directional_derivative()
    {
        var r = Tool.RunProcess("grad", "x * x * y", "x=3", "y=2", "--direction", "x=1,y=-1", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(12.0 - 9.0, GradJson.Parse(r.Out).Directional);   // ∇f = (2xy, x²) = (12, 9)
    }

    private static GradJson Run(string expr, Dictionary<string, double> at, string direction, params string[] more)
    {
        var r = Tool.Run(GradJson.Arguments(expr, at, ["--direction", direction, "--json", .. more]));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        return GradJson.Parse(r.Out);
    }

    private static Dictionary<string, double> Vector(string direction) =>
        direction.Split(',').Select(item => item.Split('=')).ToDictionary(p => p[0].Trim(), p => double.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>The directional derivative equals Σ gᵢvᵢ (over the variables the direction names; the others are 0), up to
    /// rounding: forward and reverse mode multiply the same local derivatives in another order.</summary>
    private static void AssertDot(GradJson json, Dictionary<string, double> direction, string what)
    {
        var terms = json.Gradients.Select(g => g.Value * direction.GetValueOrDefault(g.Key)).ToList();
        Assert.All(terms, t => Assert.True(double.IsFinite(t), what));
        var dot = terms.Sum();
        var scale = terms.Sum(Math.Abs);
        Assert.NotNull(json.Directional);
        Assert.True(Math.Abs(json.Directional.Value - dot) <= 1e-12 * scale + 1e-300,
            $"{what}: forward mode {Close.Format(json.Directional.Value)}, gradient·direction {Close.Format(dot)}");
    }
}
