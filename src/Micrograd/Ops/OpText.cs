using System.Globalization;

namespace Micrograd.Ops;

/// <summary>Numbers in an op's texts (<see cref="Op.ForwardText"/>, <see cref="Op.DerivativeTexts"/>).</summary>
internal static class OpText
{
    /// <summary>A number as it reads back exactly: round-trip digits, a negative number in parentheses, <c>NaN</c>,
    /// <c>Infinity</c>, <c>(-Infinity)</c> (so that a text is also a JavaScript expression of the number).</summary>
    public static string Number(double x)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsPositiveInfinity(x)) return "Infinity";
        if (double.IsNegativeInfinity(x)) return "(-Infinity)";
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? "(" + text + ")" : text;
    }
}
