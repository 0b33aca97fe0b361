namespace Micrograd.Tests.Support;

/// <summary>Bit-for-bit equality of doubles (the sign of zero included); every NaN equals every NaN.</summary>
public static class Exact
{
    public static bool Same(double expected, double actual) =>
        BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual));

    public static void Assert(double expected, double actual, string what)
    {
        if (!Same(expected, actual))
            throw new Xunit.Sdk.XunitException($"{what}: expected {Close.Format(expected)}, got {Close.Format(actual)} (not bit for bit equal)");
    }
}
