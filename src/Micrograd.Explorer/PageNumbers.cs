using System.Globalization;
using System.Text;

namespace Micrograd.Explorer;

/// <summary>
/// Numbers as the pages write them, for the text the pages get from C# (the title, the names of constants): the same text
/// as <c>Numbers.full</c> in <c>Page/shared/numbers.js</c>, so that a number reads the same wherever the page shows it.
/// </summary>
internal static class PageNumbers
{
    /// <summary>
    /// Every digit: the shortest text that reads back as exactly <paramref name="x"/>, laid out as JavaScript's
    /// <c>String(x)</c> lays it out (<c>0.00001</c>, <c>1e-7</c>, <c>1e+21</c>); <c>-0</c> for negative zero; <c>NaN</c>,
    /// <c>Infinity</c>, <c>-Infinity</c>.
    /// </summary>
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
}
