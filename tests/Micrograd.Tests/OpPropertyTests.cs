using CsCheck;
using Micrograd.Tests.Ops;

namespace Micrograd.Tests;

/// <summary>Every op's gradient against central differences (PyTorch's gradcheck defaults) at many random points.</summary>
public class OpPropertyTests
{
    private const long Iterations = 300;

    public static TheoryData<string> OpNames() => OpCases.Names();

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Gradient_matches_finite_differences(string name)
    {
        var op = OpCases.Get(name);
        OpCases.Points(op).Sample(point =>
        {
            var result = GradientCheck.Run(op.Build, point);
            Assert.True(result.Passed, $"{name} at ({string.Join(", ", point.Select(Value.Format))}): {result}");
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
