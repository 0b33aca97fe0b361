using CsCheck;

namespace Micrograd.Tests;

/// <summary>Every op's gradient against central differences (PyTorch's gradcheck defaults) at many random points.</summary>
public class OpPropertyTests
{
    private const long Iterations = 300;

    public static TheoryData<string> UnaryNames => new(UnaryOps.Keys);
    public static TheoryData<string> BinaryNames => new(BinaryOps.Keys);

    // Each op with a domain away from its kinks and singularities, where finite differences are meaningful.
    private static readonly Dictionary<string, (Func<Value, Value> Op, Gen<double> Domain)> UnaryOps = new()
    {
        ["neg"] = (x => -x, Gen.Double[-10, 10]),
        ["relu"] = (x => x.Relu(), Away(Gen.Double[-5, 5], 0)),
        ["tanh"] = (x => x.Tanh(), Gen.Double[-4, 4]),
        ["exp"] = (x => x.Exp(), Gen.Double[-5, 5]),
        ["log"] = (x => x.Log(), Gen.Double[0.05, 20]),
        ["sigmoid"] = (x => x.Sigmoid(), Gen.Double[-8, 8]),
        ["sqrt"] = (x => x.Sqrt(), Gen.Double[0.05, 20]),
        ["abs"] = (x => x.Abs(), Away(Gen.Double[-5, 5], 0)),
        ["sin"] = (x => x.Sin(), Gen.Double[-7, 7]),
        ["cos"] = (x => x.Cos(), Gen.Double[-7, 7]),
        ["**2"] = (x => x.Pow(2), Gen.Double[-5, 5]),
        ["**3"] = (x => x.Pow(3), Gen.Double[-3, 3]),
        ["**-1"] = (x => x.Pow(-1), Away(Gen.Double[-5, 5], 0)),
        ["**0.5"] = (x => x.Pow(0.5), Gen.Double[0.05, 10]),
        ["**-2"] = (x => x.Pow(-2), Away(Gen.Double[-5, 5], 0)),
        ["**-0.5"] = (x => x.Pow(-0.5), Gen.Double[0.1, 10]),
        ["**1.7"] = (x => x.Pow(1.7), Gen.Double[0.05, 5]),
        ["**0"] = (x => x.Pow(0), Gen.Double[-5, 5]),
    };

    private static readonly Dictionary<string, (Func<Value, Value, Value> Op, Gen<double> Left, Gen<double> Right)> BinaryOps = new()
    {
        ["+"] = ((a, b) => a + b, Gen.Double[-10, 10], Gen.Double[-10, 10]),
        ["-"] = ((a, b) => a - b, Gen.Double[-10, 10], Gen.Double[-10, 10]),
        ["*"] = ((a, b) => a * b, Gen.Double[-10, 10], Gen.Double[-10, 10]),
        ["/"] = ((a, b) => a / b, Gen.Double[-10, 10], Away(Gen.Double[-10, 10], 0)),
        ["**"] = ((a, b) => a.Pow(b), Gen.Double[0.1, 4], Gen.Double[-3, 3]),
        ["sum"] = ((a, b) => Value.Sum([a, b, a]), Gen.Double[-10, 10], Gen.Double[-10, 10]),
    };

    /// <summary>Points at least 0.01 away from a kink, where a central difference straddling it would be wrong.</summary>
    private static Gen<double> Away(Gen<double> gen, double kink) => gen.Where(x => Math.Abs(x - kink) > 0.01);

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Unary_gradient_matches_finite_differences(string name)
    {
        var (op, domain) = UnaryOps[name];
        domain.Sample(x =>
        {
            var result = GradientCheck.Run(v => op(v[0]), [x]);
            Assert.True(result.Passed, $"{name} at {Value.Format(x)}: {result}");
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void Binary_gradient_matches_finite_differences(string name)
    {
        var (op, left, right) = BinaryOps[name];
        Gen.Select(left, right).Sample((a, b) =>
        {
            var result = GradientCheck.Run(v => op(v[0], v[1]), [a, b]);
            Assert.True(result.Passed, $"{name} at ({Value.Format(a)}, {Value.Format(b)}): {result}");
        }, iter: Iterations);
    }

    [Fact]
    public void Composite_graphs_match_finite_differences()
    {
        Gen.Select(Gen.Double[-2, 2], Gen.Double[-2, 2], Gen.Double[0.5, 3]).Sample((a, b, c) =>
        {
            var result = GradientCheck.Run(v =>
            {
                var h = (v[0] * v[1] + v[2].Log()).Tanh();
                return h * h.Sigmoid() + (v[0] - v[1]).Pow(2) / v[2] + v[2].Sqrt().Pow(v[0]) + v[1].Sin() * v[0].Cos();
            }, [a, b, c]);
            Assert.True(result.Passed, result.ToString());
        }, iter: Iterations);
    }
}
