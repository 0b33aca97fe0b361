using CsCheck;
using Micrograd.Tests.Ops;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Differentiation;

/// <summary><see cref="Derivatives"/>: Hessians, Hessian-vector products, Jacobians, and forward mode against reverse mode.</summary>
public class DerivativesTests
{
    public static TheoryData<string> OpNames() => OpCases.Names();

    /// <summary>f(x, y, z) = x²y + sin(z)·x + exp(y·z), with its Hessian written out by hand.</summary>
    private static Value F(IReadOnlyList<Value> v) => v[0] * v[0] * v[1] + v[2].Sin() * v[0] + (v[1] * v[2]).Exp();

    private static double[,] HessianOfF(double x, double y, double z)
    {
        var e = Math.Exp(y * z);
        return new[,]
        {
            { 2 * y, 2 * x, Math.Cos(z) },
            { 2 * x, z * z * e, e + y * z * e },
            { Math.Cos(z), e + y * z * e, -Math.Sin(z) * x + y * y * e },
        };
    }

    [Fact]
    public void The_Hessian_of_a_function_is_its_second_derivatives()
    {
        Gen.Select(Gen.Double[-2, 2], Gen.Double[-2, 2], Gen.Double[-2, 2]).Sample((x, y, z) =>
        {
            var h = Derivatives.Hessian(F, [x, y, z]);
            var expected = HessianOfF(x, y, z);
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 3; j++) Close.Assert(expected[i, j], h[i, j], $"H[{i}, {j}] at ({x}, {y}, {z})", 1e-12, 1e-12);
        }, iter: 100);
    }

    [Fact]
    public void The_Hessian_vector_product_is_the_Hessian_times_the_vector()
    {
        Gen.Select(Gen.Double[-2, 2].Array[3], Gen.Double[-3, 3].Array[3]).Sample((point, v) =>
        {
            var hv = Derivatives.HessianVectorProduct(F, point, v);
            var h = Derivatives.Hessian(F, point);
            // The two are computed by different sums, so each carries rounding relative to the size of the Hessian as a whole
            // (an entry that is 0 can come out as 1e-21 from one and exactly 0 from the other): compare on that scale.
            var largest = h.Cast<double>().Max(Math.Abs);
            var scale = largest * (Math.Abs(v[0]) + Math.Abs(v[1]) + Math.Abs(v[2]));
            for (var i = 0; i < 3; i++)
            {
                var expected = h[i, 0] * v[0] + h[i, 1] * v[1] + h[i, 2] * v[2];
                Assert.True(Math.Abs(expected - hv[i]) <= 1e-13 * scale + 1e-300, $"(Hv)[{i}]: {hv[i]} against {expected}");
            }
        }, iter: 100);
    }

    [Fact]
    public void The_Jacobian_has_a_row_per_output_and_a_column_per_input()
    {
        // (x·y, sin(x), y²) at (0.5, -2)
        var j = Derivatives.Jacobian(v => [v[0] * v[1], v[0].Sin(), v[1].Pow(2)], [0.5, -2.0]);
        Assert.Equal(3, j.GetLength(0));
        Assert.Equal(2, j.GetLength(1));
        Assert.Equal(new[,] { { -2.0, 0.5 }, { Math.Cos(0.5), 0.0 }, { 0.0, -4.0 } }, j);
    }

    [Fact]
    public void A_Jacobian_row_is_Backwards_gradient_bit_for_bit()
    {
        Gen.Double[-3, 3].Array[3].Sample(point =>
        {
            var j = Derivatives.Jacobian(v => [F(v), (v[0] * v[2]).Tanh()], point);
            var leaves = point.Select(x => new Value(x)).ToArray();
            F(leaves).Backward();
            for (var k = 0; k < 3; k++) Exact.Assert(leaves[k].Grad, j[0, k], $"J[0, {k}]");
        }, iter: 50);
    }

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Forward_mode_gives_the_reverse_mode_gradient_dotted_with_the_direction(string name)
    {
        var op = OpCases.Get(name);
        Gen.Select(OpCases.Points(op), Gen.Double[-2, 2].Array[op.Domains.Length]).Sample((point, direction) =>
        {
            var jv = Derivatives.Directional(op.Build, point, direction);
            var leaves = point.Select(x => new Value(x)).ToArray();
            op.Build(leaves).Backward();
            var terms = leaves.Select((v, i) => v.Grad * direction[i]).ToArray();
            var expected = terms.Sum();
            var scale = terms.Sum(Math.Abs);
            Assert.True(Math.Abs(expected - jv) <= 1e-14 * scale, $"{name} at ({string.Join(", ", point)}) along ({string.Join(", ", direction)}): J·v {jv}, ∇f·v {expected}");
        }, iter: 300);
    }

    [Fact]
    public void Forward_mode_on_a_composite_function_equals_reverse_mode()
    {
        Gen.Select(Gen.Double[-2, 2].Array[3], Gen.Double[-2, 2].Array[3]).Sample((point, direction) =>
        {
            var leaves = point.Select(x => new Value(x)).ToArray();
            F(leaves).Backward();
            var expected = leaves.Select((v, i) => v.Grad * direction[i]).Sum();
            Close.Assert(expected, Derivatives.Directional(F, point, direction), "J·v", 1e-12, 1e-12);
        }, iter: 100);
    }

    [Fact]
    public void Forward_mode_gives_constants_no_tangent_but_an_input_with_direction_0_keeps_one()
    {
        // pow's derivative in its exponent is NaN at a negative base: a constant exponent contributes nothing...
        Assert.Equal(2 * -3.0 * 1.0, Derivatives.Directional(v => v[0].Pow(new Value(2.0)), [-3.0], [1.0]));
        // ...but an input exponent does, even along a direction of 0 (0 × NaN), as reverse mode's gradient is NaN.
        Assert.True(double.IsNaN(Derivatives.Directional(v => v[0].Pow(v[1]), [-3.0, 2.0], [1.0, 0.0])));
        Assert.Equal(0.0, Derivatives.Directional(_ => new Value(4.0), [1.0], [1.0]));
        Assert.Equal(5.0, Derivatives.Directional(v => v[0], [1.0], [5.0]));
    }

    [Fact]
    public void No_gradient_of_a_captured_value_is_changed()
    {
        var weight = new Value(1.5, "w") { Grad = 7 };
        Value G(IReadOnlyList<Value> v) => (weight * v[0]).Tanh() * v[1];
        _ = Derivatives.Hessian(G, [0.2, 0.3]);
        _ = Derivatives.HessianVectorProduct(G, [0.2, 0.3], [1, 1]);
        _ = Derivatives.Jacobian(v => [G(v)], [0.2, 0.3]);
        _ = Derivatives.Directional(G, [0.2, 0.3], [1, 0]);
        Assert.Equal(7.0, weight.Grad);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_the_parameter()
    {
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => Derivatives.HessianVectorProduct(F, [1, 2, 3], [1, 2])).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => Derivatives.Directional(F, [1, 2, 3], [1])).ParamName);
        Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => Derivatives.Hessian(null!, [1.0])).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentNullException>(() => Derivatives.Hessian(F, null!)).ParamName);
        Assert.Throws<InvalidOperationException>(() => Derivatives.Hessian(_ => null!, [1.0]));
        Assert.Throws<InvalidOperationException>(() => Derivatives.Jacobian(_ => [null!], [1.0]));
    }

    [Fact]
    public void The_helpers_record_their_graphs_inside_a_no_gradient_scope()
    {
        // f(x, y) = x²y: H = [[2y, 2x], [2x, 0]]; at (3, 2), H·(1, 0) = (4, 6)
        static Value F(IReadOnlyList<Value> v) => v[0] * v[0] * v[1];
        double[] point = [3.0, 2.0], direction = [1.0, 0.0];
        using (Gradients.Disabled())
        {
            Assert.Equal([4.0, 6.0], Derivatives.HessianVectorProduct(F, point, direction));
            Assert.Equal(new[,] { { 4.0, 6.0 }, { 6.0, 0.0 } }, Derivatives.Hessian(F, point));
            Assert.Equal(12.0, Derivatives.Directional(F, point, direction));
        }
    }
}
