using CsCheck;
using Micrograd.Graphs;
using Micrograd.Tests.Support;
using static Micrograd.Tests.Functions.UserFunctions;

namespace Micrograd.Tests.Functions;

/// <summary>
/// A user-defined function through the engine: its node, <see cref="Value.Backward"/>, gradients as graphs and higher order
/// (the cube against the built-in <c>Pow(3)</c>, bit for bit), forward mode, anomaly mode, gradient checks and the picture.
/// </summary>
public class DifferentiableFunctionTests
{
    private static readonly double[] Edges =
        [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-310, 1e103, -1e103, 1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    [Fact]
    public void Apply_makes_a_node_named_after_the_function_with_its_operands_in_order()
    {
        var a = new Value(3.0, "a");
        var b = new Value(4.0, "b");
        var y = Hyp.Apply(a, b);
        Assert.Equal(5.0, y.Data);
        Assert.Equal("hyp", y.Op);
        Assert.False(y.IsLeaf);
        Assert.Equal([a, b], y.Children);
        Assert.Equal("hyp", Hyp.Name);
        Assert.Equal(2, Hyp.OperandCount);
        Assert.Equal("hyp", Hyp.ToString());

        var twice = Hyp.Apply(a, a);
        Assert.Equal([a, a], twice.Children);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2x")]
    [InlineData("my op")]
    [InlineData("**2")]
    [InlineData("a-b")]
    public void A_name_that_is_not_a_function_name_is_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new DifferentiableFunction(name, 1, x => x[0], (x, y, d) => d[0] = 1));
        Assert.Equal("name", e.ParamName);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sum")]
    [InlineData("neg")]
    [InlineData("relu")]
    public void The_name_of_a_built_in_op_is_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new DifferentiableFunction(name, 1, x => x[0], (x, y, d) => d[0] = 1));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("built-in", e.Message);
    }

    [Fact]
    public void Wrong_operand_counts_and_null_operands_are_refused_naming_the_function()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DifferentiableFunction("f", 0, x => 0, (x, y, d) => { }));
        var x = new Value(1.0);
        var e = Assert.Throws<ArgumentException>(() => Hyp.Apply(x));
        Assert.Contains("'hyp' takes 2 operands but was given 1", e.Message);
        Assert.Throws<ArgumentException>(() => Cube.Apply(null!));
        Assert.Throws<ArgumentException>(() => Cube.Apply(x, x));
    }

    [Fact]
    public void Backward_through_the_cube_equals_the_built_in_power_bit_for_bit()
    {
        foreach (var at in Edges.Concat(Random(200, seed: 1)))
        {
            var x = new Value(at, "x");
            var y = (Cube.Apply(x) * 0.5).Tanh() + Cube.Apply(x);
            y.Backward();
            var xb = new Value(at, "x");
            var yb = (xb.Pow(3) * 0.5).Tanh() + xb.Pow(3);
            yb.Backward();
            Exact.Assert(yb.Data, y.Data, $"value at {at}");
            Exact.Assert(xb.Grad, x.Grad, $"gradient at {at}");
        }
    }

    [Fact]
    public void Backward_through_a_function_of_two_operands_adds_g_times_each_local_derivative()
    {
        Gen.Select(Gen.Double[-5, 5], Gen.Double[-5, 5]).Sample((p, q) =>
        {
            var a = new Value(p, "a");
            var b = new Value(q, "b");
            var h = Hyp.Apply(a, b);
            var y = h * a;
            y.Backward();
            var g = a.Data;                                    // dy/dh
            Exact.Assert(g * (p / h.Data) + h.Data, a.Grad, "dy/da"); // through h, then y = h·a
            Exact.Assert(-0.0 + g * (q / h.Data), b.Grad, "dy/db"); // a sum from −0: one contribution, sign and all

            var a2 = new Value(p);
            var b2 = new Value(q);
            var y2 = HypOfOps(a2, b2) * a2;
            y2.Backward();
            // at (0, 0) both ways give NaN (0/0), which must match exactly
            Close.Assert(a2.Grad, a.Grad, "dy/da against the ops' graph", relative: 0, absolute: 1e-12 * (1 + Math.Abs(a.Grad)));
            Close.Assert(b2.Grad, b.Grad, "dy/db against the ops' graph", relative: 0, absolute: 1e-12 * (1 + Math.Abs(b.Grad)));
        }, iter: 200);
    }

    [Fact]
    public void An_operand_used_twice_gets_both_contributions()
    {
        var x = new Value(3.0, "x");
        var y = Hyp.Apply(x, x); // √2·|x|: d/dx = 2·x/y
        y.Backward();
        Exact.Assert(x.Data / y.Data + x.Data / y.Data, x.Grad, "d/dx");
    }

    [Fact]
    public void A_derivative_the_delegate_leaves_unset_is_NaN()
    {
        var half = new DifferentiableFunction("half_written", 2, x => x[0] + x[1], (x, y, d) => d[0] = 1);
        var a = new Value(1.0);
        var b = new Value(2.0);
        half.Apply(a, b).Backward();
        Assert.Equal(1.0, a.Grad);
        Assert.True(double.IsNaN(b.Grad));
    }

    [Fact]
    public void Gradients_as_graphs_equal_Backward_and_the_built_in_power_in_every_order()
    {
        foreach (var at in Edges.Concat(Random(100, seed: 2)))
        {
            var x = new Value(at, "x");
            var y = Cube.Apply(x).Tanh() * Cube.Apply(x);
            var xb = new Value(at, "x");
            var yb = xb.Pow(3).Tanh() * xb.Pow(3);
            y.Backward();

            var (d, db) = (Gradients.Of(y, [x])[0], Gradients.Of(yb, [xb])[0]);
            Exact.Assert(x.Grad, d.Data, $"first order = Backward at {at}");
            for (var order = 1; order <= 3; order++)
            {
                Exact.Assert(db.Data, d.Data, $"order {order} at {at}");
                (d, db) = (Gradients.Of(d, [x])[0], Gradients.Of(db, [xb])[0]);
            }
        }
    }

    [Fact]
    public void Hessians_of_a_function_of_two_operands_match_the_same_function_built_from_ops()
    {
        Gen.Select(Gen.Double[-4, 4], Gen.Double[-4, 4].Where(v => Math.Abs(v) > 0.1)).Sample((p, q) =>
        {
            double[] point = [p, q];
            var mine = Derivatives.Hessian(v => Hyp.Apply(v[0], v[1]) * v[0], point);
            var ops = Derivatives.Hessian(v => HypOfOps(v[0], v[1]) * v[0], point);
            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 2; j++) Assert.Equal(ops[i, j], mine[i, j], 1e-10 * (1 + Math.Abs(ops[i, j])));
            }
            var hv = Derivatives.HessianVectorProduct(v => Hyp.Apply(v[0], v[1]) * v[0], point, [1, -2]);
            Assert.Equal(mine[0, 0] - 2 * mine[0, 1], hv[0], 1e-10 * (1 + Math.Abs(hv[0])));
            Assert.True(GradientCheck.RunSecondOrder(v => Hyp.Apply(v[0], v[1]) * v[0], point).Passed);
        }, iter: 50);
    }

    [Fact]
    public void Without_derivatives_as_values_first_order_graphs_work_and_a_second_derivative_throws_naming_the_function()
    {
        var x = new Value(1.5, "x");
        var y = CubeFirstOrder.Apply(x) * x;
        y.Backward();
        var first = Gradients.Of(y, [x])[0];
        Exact.Assert(x.Grad, first.Data, "first order = Backward");
        Assert.Contains(first.TopologicalOrder(), v => v.Op == "cube′");

        var e = Assert.Throws<NotSupportedException>(() => Gradients.Of(first, [x]));
        Assert.Contains("'cube'", e.Message);
        Assert.Contains("valueDerivatives", e.Message);
        Assert.Throws<NotSupportedException>(() => first.Backward());
        Assert.Throws<NotSupportedException>(() => Derivatives.Hessian(v => CubeFirstOrder.Apply(v[0]), [2.0]));
        Assert.Throws<NotSupportedException>(() => GradientCheck.RunSecondOrder(v => CubeFirstOrder.Apply(v[0]), [2.0]));

        // The derivative of a function of several operands is named by its operand.
        var f = new DifferentiableFunction("f", 2, v => v[0] * v[1], (v, _, d) => (d[0], d[1]) = (v[1], v[0]));
        var a = new Value(2.0);
        var b = new Value(5.0);
        var ops = Gradients.Of(f.Apply(a, b), [a, b]).SelectMany(g => g.TopologicalOrder()).Select(v => v.Op).ToHashSet();
        Assert.Contains("∂₁f", ops);
        Assert.Contains("∂₂f", ops);
    }

    [Fact]
    public void Derivatives_as_values_that_disagree_with_the_numbers_are_refused_naming_the_function_and_operand()
    {
        var sloppy = new DifferentiableFunction("sloppy", 1, x => x[0] * x[0] * x[0],
            (x, y, d) => d[0] = 3 * (x[0] * x[0]),
            (x, y, d) => d[0] = x[0].Pow(2) * 3 + 1e-9);
        var x = new Value(0.7, "x");
        var e = Assert.Throws<InvalidOperationException>(() => Gradients.Of(sloppy.Apply(x), [x]));
        Assert.Contains("'sloppy'", e.Message);
        Assert.Contains("operand 0", e.Message);

        var unset = new DifferentiableFunction("unset", 1, x => x[0], (x, y, d) => d[0] = 1, (x, y, d) => { });
        Assert.Throws<InvalidOperationException>(() => Gradients.Of(unset.Apply(x), [x]));
    }

    [Fact]
    public void Forward_mode_uses_the_local_derivatives_and_agrees_with_reverse_mode()
    {
        Gen.Select(Gen.Double[-3, 3], Gen.Double[-3, 3].Where(v => Math.Abs(v) > 0.1), Gen.Double[-2, 2], Gen.Double[-2, 2]).Sample((p, q, u, w) =>
        {
            static Value F(IReadOnlyList<Value> v) => Hyp.Apply(CubeFirstOrder.Apply(v[0]), v[1]).Tanh() + Cube.Apply(v[1]) * v[0];
            double[] point = [p, q];
            var directional = Derivatives.Directional(F, point, [u, w]);
            var inputs = new[] { new Value(p), new Value(q) };
            F(inputs).Backward();
            var dot = inputs[0].Grad * u + inputs[1].Grad * w;
            Assert.Equal(dot, directional, 1e-12 * (1 + Math.Abs(dot)));
        }, iter: 200);
    }

    [Fact]
    public void Anomaly_mode_names_the_function_in_forward_and_in_backward()
    {
        var big = new Value(1e200, "big");
        var x = new Value(0.0, "x");
        using var scope = AnomalyMode.Enable();
        var e = Assert.Throws<AnomalyException>(() => Cube.Apply(big));
        Assert.Equal(AnomalyPhase.Forward, e.Phase);
        Assert.Equal("cube", e.Op);
        Assert.Contains("'big'", e.Message);

        // hyp(0, 0) = 0: its derivatives 0/0 are NaN.
        var h = Hyp.Apply(x, x);
        h.Label = "h";
        var b = Assert.Throws<AnomalyException>(() => h.Backward());
        Assert.Equal(AnomalyPhase.Backward, b.Phase);
        Assert.Equal("hyp", b.Op);
        Assert.Equal("h", b.Label);
        Assert.Equal("hyp", Assert.Throws<AnomalyException>(() => Gradients.Of(h, [x])).Op);
    }

    [Fact]
    public void The_gradient_check_passes_a_right_function_and_catches_a_wrong_derivative()
    {
        Assert.True(GradientCheck.Run(v => Hyp.Apply(v[0], Cube.Apply(v[1])), [1.2, -0.7]).Passed);
        var wrong = new DifferentiableFunction("wrong", 1, x => x[0] * x[0] * x[0], (x, y, d) => d[0] = 3 * x[0]);
        var result = GradientCheck.Run(v => wrong.Apply(v[0]), [1.7]);
        Assert.False(result.Passed);
    }

    [Fact]
    public void The_picture_shows_the_functions_name_on_its_op()
    {
        var a = new Value(3.0, "a");
        var b = new Value(4.0, "b");
        var y = Cube.Apply(Hyp.Apply(a, b));
        y.Backward();
        var dot = DotFile.Parse(DotWriter.Write(y));
        Assert.Equal(["cube", "hyp"], dot.OpNodes.Select(n => n["label"]!).Order(StringComparer.Ordinal));
        Assert.Equal(2, dot.Edges.Count(e => e.To == dot.OpNodes.Single(n => n["label"] == "hyp").From));
        Assert.Contains(dot.Records, r => r["label"] == "{ data 125.0000 | grad 1.0000 }");
    }

    [Fact]
    public void Hooks_and_detach_work_on_a_functions_node()
    {
        var x = new Value(2.0, "x");
        var y = Cube.Apply(x);
        using var hook = y.RegisterHook(g => g * 2);
        (y + y.Detach()).Backward();
        Assert.Equal(2 * 12.0, x.Grad);
    }

    private static IEnumerable<double> Random(int count, int seed)
    {
        var random = new System.Random(seed);
        for (var i = 0; i < count; i++) yield return (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
    }

    [Fact]
    public void A_gradient_as_a_graph_asks_for_each_nodes_derivatives_once_however_many_operands_it_has()
    {
        var calls = 0;
        var sum3 = new DifferentiableFunction("sum_of_squares3", 3,
            forward: x => x[0] * x[0] + x[1] * x[1] + x[2] * x[2],
            derivatives: (x, y, d) =>
            {
                for (var k = 0; k < 3; k++) d[k] = 2 * x[k];
            },
            valueDerivatives: (x, y, d) =>
            {
                calls++;
                for (var k = 0; k < 3; k++) d[k] = 2 * x[k];
            });
        Value[] v = [new(1.0, "a"), new(-2.0, "b"), new(0.5, "c")];
        var gradient = Gradients.Of(sum3.Apply(v[0], v[1], v[2]), v);
        Assert.Equal(1, calls);
        Assert.Equal([2.0, -4.0, 1.0], gradient.Select(g => g.Data));
    }
}
