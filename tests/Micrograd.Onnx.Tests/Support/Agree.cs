using System.Globalization;

namespace Micrograd.Onnx.Tests.Support;

/// <summary>
/// Agreement between ONNX Runtime's numbers and the engine's: within a relative tolerance (or an absolute one, when given);
/// without an absolute tolerance an expected zero must be a zero, of either sign; NaN and infinities must be exactly the same.
/// </summary>
public static class Agree
{
    public static bool Within(double expected, double actual, double relative, double absolute = 0)
    {
        if (!double.IsFinite(expected) || !double.IsFinite(actual)) return expected.Equals(actual);
        var error = Math.Abs(expected - actual);
        return error <= relative * Math.Abs(expected) || error <= absolute;
    }

    public static void Assert(double expected, double actual, double relative, string what, double absolute = 0)
    {
        if (!Within(expected, actual, relative, absolute))
        {
            throw new Xunit.Sdk.XunitException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: the engine gives {expected:R}, ONNX Runtime {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):G3}, allowed {relative:G3}{(absolute > 0 ? $" or {absolute:G3} absolute" : "")})"));
        }
    }
}
