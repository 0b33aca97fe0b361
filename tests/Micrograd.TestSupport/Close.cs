using System.Globalization;

namespace Micrograd.Tests.Support;

/// <summary>Tolerance that scales with magnitude: relative 1e-9, or absolute 1e-12 near zero; non-finite values must match exactly.</summary>
public static class Close
{
    public const double Relative = 1e-9;
    public const double Absolute = 1e-12;

    /// <summary>Round-trip, invariant text of a number (also used by the CLI tests, which cannot see the engine's internals).</summary>
    public static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static bool Enough(double expected, double actual, double relative = Relative, double absolute = Absolute)
    {
        if (!double.IsFinite(expected) || !double.IsFinite(actual)) return expected.Equals(actual);
        var error = Math.Abs(expected - actual);
        return error <= absolute || error <= relative * Math.Abs(expected);
    }

    public static void Assert(double expected, double actual, string what, double relative = Relative, double absolute = Absolute)
    {
        if (!Enough(expected, actual, relative, absolute))
        {
            throw new Xunit.Sdk.XunitException(
                $"{what}: expected {Format(expected)}, got {Format(actual)} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):G3})");
        }
    }
}
