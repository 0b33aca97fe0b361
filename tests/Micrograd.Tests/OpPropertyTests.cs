using CsCheck;
using Micrograd.Tests.Ops;

namespace Micrograd.Tests;

/// <summary>Every op's gradient and second derivatives against central differences (PyTorch's gradcheck defaults) at many random points.</summary>
public class OpPropertyTests
{
    private const long Iterations = 300;

    public static TheoryData<string> OpNames() => OpCases.Names();

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Gradient_matches_finite_differences(string name) => CheckEverywhere(name, GradientCheck.Run, Iterations);

    /// <summary>PyTorch's gradgradcheck: each second derivative, by the gradient's graph, against differences of the gradient.</summary>
    [Theory]
    [MemberData(nameof(OpNames))]
    public void Second_derivatives_match_finite_differences_of_the_gradient(string name) => CheckEverywhere(name, GradientCheck.RunSecondOrder, 100);

    private static void CheckEverywhere(
        string name, Func<Func<IReadOnlyList<Value>, Value>, IReadOnlyList<double>, GradientCheckOptions?, GradientCheckResult> check, long iterations)
    {
        var op = OpCases.Get(name);
        OpCases.Points(op).Sample(point =>
        {
            var result = check(op.Build, point, null);
            Assert.True(result.Passed, $"{name} at ({string.Join(", ", point.Select(Value.Format))}): {result}");
        }, iter: iterations);
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
