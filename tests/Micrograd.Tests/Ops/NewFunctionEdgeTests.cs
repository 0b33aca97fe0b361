using Micrograd.Tests.Support;

namespace Micrograd.Tests.Ops;

/// <summary>
/// What the XML docs of the functions added in issue 9 promise at their edges (NaN, ±∞, kinks, thresholds), as PyTorch 1.13
/// computes them in float64, and the second derivatives at kinks (PyTorch's conventions).
/// </summary>
public class NewFunctionEdgeTests
{
    private static readonly Dictionary<string, Func<Value, Value>> Functions = new()
    {
        ["leaky_relu"] = x => x.LeakyRelu(),
        ["elu"] = x => x.Elu(),
        ["softplus"] = x => x.Softplus(),
        ["gelu"] = x => x.Gelu(),
        ["log1p"] = x => x.Log1p(),
        ["expm1"] = x => x.Expm1(),
        ["atan"] = x => x.Atan(),
        ["hardtanh"] = x => x.Hardtanh(),
    };

    public static TheoryData<string, double, double, double> Edges => new()
    {
        { "leaky_relu", 0.0, 0.0, 0.01 },
        { "leaky_relu", double.NaN, double.NaN, 0.01 },
        { "leaky_relu", double.PositiveInfinity, double.PositiveInfinity, 1 },
        { "leaky_relu", double.NegativeInfinity, double.NegativeInfinity, 0.01 },
        { "elu", 0.0, 0.0, 1 },
        { "elu", double.NaN, double.NaN, 1 },
        { "elu", double.NegativeInfinity, -1, 0 },
        { "elu", double.PositiveInfinity, double.PositiveInfinity, 1 },
        { "softplus", double.NegativeInfinity, 0, 0 },
        { "softplus", double.PositiveInfinity, double.PositiveInfinity, 1 },
        { "softplus", double.NaN, double.NaN, double.NaN },
        { "softplus", 20.5, 20.5, 1 },
        { "gelu", double.PositiveInfinity, double.PositiveInfinity, double.NaN },
        { "gelu", double.NegativeInfinity, double.NaN, double.NaN },
        { "gelu", double.NaN, double.NaN, double.NaN },
        { "gelu", -40, -0.0, 0 },
        { "gelu", 40, 40, 1 },
        { "log1p", -1, double.NegativeInfinity, double.PositiveInfinity },
        { "log1p", -3, double.NaN, -0.5 },
        { "log1p", double.PositiveInfinity, double.PositiveInfinity, 0 },
        { "log1p", double.NaN, double.NaN, double.NaN },
        { "expm1", 710, double.PositiveInfinity, double.PositiveInfinity },
        { "expm1", double.NegativeInfinity, -1, 0 },
        { "expm1", double.NaN, double.NaN, double.NaN },
        { "atan", double.PositiveInfinity, Math.PI / 2, 0 },
        { "atan", double.NegativeInfinity, -Math.PI / 2, 0 },
        { "atan", 1e155, Math.PI / 2, 0 },
        { "atan", double.NaN, double.NaN, double.NaN },
        { "hardtanh", -1, -1, 0 },
        { "hardtanh", 1, 1, 0 },
        { "hardtanh", 0.5, 0.5, 1 },
        { "hardtanh", -0.0, -0.0, 1 },
        { "hardtanh", double.PositiveInfinity, 1, 0 },
        { "hardtanh", double.NegativeInfinity, -1, 0 },
        { "hardtanh", double.NaN, double.NaN, 1 },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Each_function_at_its_edges(string name, double at, double value, double gradient)
    {
        var x = new Value(at, "x");
        var y = Functions[name](x);
        Assert.Equal(name, y.Op);
        y.Backward();
        Exact.Assert(value, y.Data, $"{name}({at})");
        Exact.Assert(gradient, x.Grad, $"d/dx {name}({at})");
    }

    [Fact]
    public void A_tie_in_max_and_min_halves_the_gradient_and_a_NaN_gives_each_operand_the_whole()
    {
        foreach (var f in new Func<Value, Value, Value>[] { Value.Max, Value.Min })
        {
            var (a, b) = (new Value(2.0, "a"), new Value(2.0, "b"));
            f(a, b).Backward();
            Assert.Equal([0.5, 0.5], new[] { a.Grad, b.Grad });
            (a, b) = (new Value(double.NaN, "a"), new Value(2.0, "b"));
            var y = f(a, b);
            y.Backward();
            Assert.True(double.IsNaN(y.Data));
            Assert.True(double.IsNaN(f(b, a).Data));
            Assert.Equal([1.0, 1.0], new[] { a.Grad, b.Grad });
        }
        var (p, q) = (new Value(3.0, "p"), new Value(-1.0, "q"));
        Value.Max(p, q).Backward();
        Assert.Equal([1.0, 0.0], new[] { p.Grad, q.Grad });
        Assert.True(double.IsNegative(Value.Max(-0.0, 0.0).Data));  // std::max's first operand
        Assert.False(double.IsNegative(Value.Max(0.0, -0.0).Data));
        Assert.Equal(double.NegativeInfinity, Value.Min(double.NegativeInfinity, 1).Data);
    }

    /// <summary>The second derivative at a kink is PyTorch's: that of the branch its double-backward formula masks in.</summary>
    [Theory]
    [InlineData("leaky_relu", 0.0, 0.0)]
    [InlineData("leaky_relu", -2.0, 0.0)]
    [InlineData("elu", 0.0, 0.0)]
    [InlineData("softplus", 20.0, 0.0)]
    [InlineData("softplus", 21.0, 0.0)]
    public void Second_derivatives_at_kinks_are_PyTorchs(string name, double at, double expected)
    {
        var x = new Value(at, "x");
        var first = Gradients.Of(Functions[name](x), [x])[0];
        Exact.Assert(expected, Gradients.Of(first, [x])[0].Data, $"d²/dx² {name}({at})");
    }

    [Fact]
    public void Just_below_a_kink_the_second_derivative_is_the_smooth_branchs()
    {
        double Second(Func<Value, Value> f, double at)
        {
            var x = new Value(at, "x");
            return Gradients.Of(Gradients.Of(f(x), [x])[0], [x])[0].Data;
        }
        var s = 1 / (1 + Math.Exp(-19.9));
        Close.Assert(s * (1 - s), Second(Functions["softplus"], 19.9), "softplus''(19.9)", 1e-6);
        Close.Assert(Math.Exp(-1e-3), Second(Functions["elu"], -1e-3), "elu''(-0.001)");
    }
}
