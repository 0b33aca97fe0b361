using System.Globalization;
using System.Text;
using Micrograd.Graphs;

namespace Micrograd.Explorer.Tests.Support;

/// <summary>
/// How the page must show numbers, written independently in C# for the tests' expectations: every digit in the table
/// (JavaScript's shortest round-trip text, "-0" for negative zero), 4 decimals in the picture (the engine's DOT format),
/// 4 significant digits in formulas.
/// </summary>
public static class Shown
{
    /// <summary>The shortest text that reads back as exactly <paramref name="x"/>, written as JavaScript's String(x) writes it.</summary>
    public static string Full(double x)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsPositiveInfinity(x)) return "Infinity";
        if (double.IsNegativeInfinity(x)) return "-Infinity";
        if (x == 0) return double.IsNegative(x) ? "-0" : "0";

        // .NET's "R" gives the shortest round-trip digits; lay them out as ECMAScript's Number::toString does.
        var r = Math.Abs(x).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            r = r[..e];
        }
        var point = r.IndexOf('.');
        var digits = point < 0 ? r : r.Remove(point, 1);
        var n = (point < 0 ? r.Length : point) + exponent; // value = 0.digits × 10^n
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= lead;
        var k = digits.Length;

        var sb = new StringBuilder(x < 0 ? "-" : "");
        if (k <= n && n <= 21) sb.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) sb.Append(digits[..n]).Append('.').Append(digits[n..]);
        else if (-6 < n && n <= 0) sb.Append("0.").Append('0', -n).Append(digits);
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits[1..]);
            sb.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary><paramref name="x"/> rounded to 4 significant digits, then written as <see cref="Full"/>.</summary>
    public static string Short(double x) =>
        double.IsFinite(x) && x != 0 ? Full(double.Parse(x.ToString("E3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) : Full(x);

    /// <summary>A number inside a formula: <see cref="Short"/>, in parentheses when negative.</summary>
    public static string Operand(double x)
    {
        var text = Short(x);
        return text.StartsWith('-') ? $"({text})" : text;
    }

    /// <summary>The picture's format: the engine's DOT format with 4 digits ("data 0.7071").</summary>
    public static string Record(double x) => DotText.Number(x, 4);
}
