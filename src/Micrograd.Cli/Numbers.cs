using System.Globalization;

namespace Micrograd.Cli;

/// <summary>Number formatting and parsing for the tool: invariant culture, round-trip precision.</summary>
internal static class Numbers
{
    /// <summary>The shortest text that parses back to exactly <paramref name="x"/>; NaN, Infinity, -Infinity for non-finite values.</summary>
    public static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a number in the invariant culture; accepts NaN, Infinity and -Infinity (also inf, -inf, nan). A finite-looking
    /// number too large for a double (such as 1e999) is refused rather than read as an infinity.
    /// </summary>
    /// <returns>True with the value, or false with <paramref name="problem"/> saying why (such as "is not a number").</returns>
    public static bool TryParse(string text, out double value, out string? problem)
    {
        problem = null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "nan": value = double.NaN; return true;
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            problem = "is not a number";
            return false;
        }
        if (double.IsInfinity(value))
        {
            problem = "is too large for a double (at most about 1.8e308; write Infinity for an infinity)";
            return false;
        }
        return true;
    }
}
