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
    /// <summary>
    /// The shortest text that reads back as exactly <paramref name="x"/>, written as JavaScript's String(x) writes it: the
    /// page's C# twin of <c>Numbers.full</c>, which these tests check against the page's JavaScript wherever they compare texts.
    /// </summary>
    public static string Full(double x) => PageNumbers.Full(x);

    /// <summary>
    /// A number for people: <paramref name="x"/> rounded to 4 significant digits, then written as <see cref="Full"/>, except
    /// that zero of either sign is "0" and a power of ten is written out ("1.388×10⁻¹⁷", never "1.388e-17").
    /// </summary>
    public static string Short(double x)
    {
        if (!double.IsFinite(x)) return Full(x);
        if (x == 0) return "0";
        var text = Full(double.Parse(x.ToString("E3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        var e = text.IndexOf('e', StringComparison.Ordinal);
        if (e < 0) return text;
        var exponent = text[(e + 1)..].TrimStart('+');
        return text[..e] + "×10" + string.Concat(exponent.Select(c => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"[c == '-' ? 0 : c - '0' + 1]));
    }

    /// <summary>A number inside a formula: <see cref="Short"/>, in parentheses when negative.</summary>
    public static string Operand(double x)
    {
        var text = Short(x);
        return text.StartsWith('-') ? $"({text})" : text;
    }

    /// <summary>The picture's format: the engine's DOT format with 4 digits ("data 0.7071").</summary>
    public static string Record(double x) => DotText.Number(x, 4);
}
