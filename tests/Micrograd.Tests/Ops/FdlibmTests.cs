using System.Globalization;
using Micrograd.Ops;
using Micrograd.Tests.Support;
using Xunit.Abstractions;

namespace Micrograd.Tests.Ops;

/// <summary>
/// The fdlibm ports (erf, log1p, expm1) against correctly rounded values computed by mpmath at 200 bits
/// (Fixtures/fdlibm_reference.csv, written by Fixtures/fdlibm_reference.py), and at their special values.
/// </summary>
public class FdlibmTests(ITestOutputHelper output)
{
    private sealed record Reference(string Function, double X, double Value, double Residual);

    private static readonly Lazy<IReadOnlyList<Reference>> s_references = new(() =>
        File.ReadLines(Fixtures.PathOf("fdlibm_reference.csv")).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            double Number(int i) => double.Parse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture);
            return new Reference(f[0], Number(1), Number(2), Number(3));
        }).ToList());

    private static Func<double, double> Function(string name) => name switch
    {
        "erf" => Fdlibm.Erf,
        "log1p" => Fdlibm.Log1p,
        "expm1" => Fdlibm.Expm1,
        _ => throw new ArgumentException(name),
    };

    /// <summary>fdlibm's bound is 1 ulp (of the correctly rounded value); the largest error measured is written to the test's
    /// output: <c>dotnet test tests/Micrograd.Tests --filter FdlibmTests --logger "console;verbosity=detailed"</c>.</summary>
    [Theory]
    [InlineData("erf")]
    [InlineData("log1p")]
    [InlineData("expm1")]
    public void Every_value_is_within_one_ulp_of_the_exact_value(string name)
    {
        var f = Function(name);
        var cases = s_references.Value.Where(r => r.Function == name).ToList();
        Assert.True(cases.Count >= 1000, $"{cases.Count} reference points for {name}");
        var worst = (Error: 0.0, X: 0.0);
        var correctlyRounded = 0;
        foreach (var c in cases)
        {
            var actual = f(c.X);
            // (actual − value) is exact for neighbouring doubles; residual is what the rounded value leaves out of the exact one.
            var ulp = Math.BitIncrement(Math.Abs(c.Value)) - Math.Abs(c.Value);
            var error = Math.Abs(actual - c.Value - c.Residual) / ulp;
            if (Exact.Same(c.Value, actual)) correctlyRounded++;
            if (!(error <= worst.Error)) worst = (error, c.X);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {cases.Count} points, largest error {worst.Error:F3} ulp at x = {worst.X:R}, {correctlyRounded} correctly rounded"));
        Assert.True(worst.Error < 1, $"{name}({worst.X:R}) is {worst.Error} ulp from the exact value");
    }

    [Fact]
    public void Each_gives_the_C_librarys_special_values()
    {
        (Func<double, double> F, string Name, (double X, double Expected)[] Cases)[] functions =
        [
            (Fdlibm.Erf, "erf", [(0.0, 0.0), (-0.0, -0.0), (double.PositiveInfinity, 1.0), (double.NegativeInfinity, -1.0),
                (double.NaN, double.NaN), (6.0, 1.0), (-30.0, -1.0), (double.Epsilon, double.Epsilon), (1e-300, 1.1283791670955126e-300)]),
            (Fdlibm.Log1p, "log1p", [(0.0, 0.0), (-0.0, -0.0), (-1.0, double.NegativeInfinity), (-1.5, double.NaN),
                (double.NegativeInfinity, double.NaN), (double.PositiveInfinity, double.PositiveInfinity), (double.NaN, double.NaN),
                (1e-300, 1e-300), (double.MaxValue, 709.782712893384)]),
            (Fdlibm.Expm1, "expm1", [(0.0, 0.0), (-0.0, -0.0), (double.PositiveInfinity, double.PositiveInfinity),
                (double.NegativeInfinity, -1.0), (double.NaN, double.NaN), (710.0, double.PositiveInfinity), (-40.0, -1.0), (1e-300, 1e-300)]),
        ];
        foreach (var (f, name, cases) in functions)
        {
            foreach (var (x, expected) in cases) Exact.Assert(expected, f(x), $"{name}({Close.Format(x)})");
        }
    }

    [Fact]
    public void Near_zero_they_keep_the_digits_that_dotnets_LogP1_and_ExpM1_lose()
    {
        // why the engine carries its own: .NET computes these as Log(1 + x) and Exp(x) - 1
        Exact.Assert(9.999999999995e-13, Fdlibm.Log1p(1e-12), "log1p(1e-12)");
        Exact.Assert(1.0000000000005e-12, Fdlibm.Expm1(1e-12), "expm1(1e-12)");
        Assert.NotEqual(9.999999999995e-13, double.LogP1(1e-12));
        Assert.NotEqual(1.0000000000005e-12, double.ExpM1(1e-12));
    }
}
