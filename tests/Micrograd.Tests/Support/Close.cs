namespace Micrograd.Tests.Support;

/// <summary>Tolerance that scales with magnitude: relative 1e-9, or absolute 1e-12 near zero; non-finite values must match exactly.</summary>
public static class Close
{
    public const double Relative = 1e-9;
    public const double Absolute = 1e-12;

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
                $"{what}: expected {Value.Format(expected)}, got {Value.Format(actual)} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):G3})");
        }
    }
}
