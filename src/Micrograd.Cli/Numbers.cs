using System.Globalization;

namespace Micrograd.Cli;

/// <summary>Number formatting and parsing for the tool: invariant culture, round-trip precision.</summary>
internal static class Numbers
{
    /// <summary>The shortest text that parses back to exactly <paramref name="x"/>; NaN, Infinity, -Infinity for non-finite values.</summary>
    public static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses a number in the invariant culture; accepts NaN, Infinity and -Infinity (also inf, -inf, nan).</summary>
    public static bool TryParse(string text, out double value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "nan": value = double.NaN; return true;
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
