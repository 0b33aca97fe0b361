// This file is compiled into the core (Micrograd) and linked, as Shared/DotText.cs, into Micrograd.Explorer (its
// neuron-level picture writes DOT of its own), compiled with MICROGRAD_SHARED_COPY into Micrograd.Shared: no package opens
// its internals to another.

using System.Globalization;
using System.Text;

#if MICROGRAD_SHARED_COPY
namespace Micrograd.Shared;
#else
namespace Micrograd.Graphs;
#endif

/// <summary>Escaping and number formatting for DOT text, in the invariant culture.</summary>
internal static class DotText
{
    private const char Replacement = '\uFFFD';

    /// <summary>
    /// Text for one field of a record label inside a quoted DOT string: the record's special characters
    /// (<c>{ } | &lt; &gt;</c>), quotes, backslashes and repeated spaces are escaped with a backslash, <c>&amp;</c> becomes
    /// <c>&amp;amp;</c> (Graphviz reads entities in labels), line breaks become
    /// <c>\n</c>, tabs become spaces, other control characters and lone surrogates become U+FFFD. Text longer than
    /// <paramref name="maxLength"/> is cut and ends with an ellipsis.
    /// </summary>
    public static string RecordField(string text, int maxLength) => Escape(Cut(text, maxLength), record: true);

    /// <summary>
    /// Text for an ordinary (non-record) quoted DOT string shown literally: quotes and backslashes are escaped, <c>&amp;</c> becomes <c>&amp;amp;</c>,
    /// line breaks become <c>\n</c>, other control characters and lone surrogates become U+FFFD.
    /// </summary>
    public static string Plain(string text) => Escape(text, record: false);

    /// <summary>The escaping shared by <see cref="RecordField"/> and <see cref="Plain"/>; a record field also escapes the
    /// record's special characters and keeps runs of spaces.</summary>
    private static string Escape(string text, bool record)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    sb.Append("\\n");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\t' or ' ' when record:
                    // A single space between words stays as it is; further spaces of a run are escaped so that they are kept.
                    sb.Append(i > 0 && text[i - 1] is ' ' or '\t' ? "\\ " : " ");
                    break;
                case '\t':
                    sb.Append(' ');
                    break;
                case '{' or '}' or '|' or '<' or '>' when record:
                    sb.Append('\\').Append(c);
                    break;
                case '"' or '\\':
                    sb.Append('\\').Append(c);
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                default:
                    AppendSafe(sb, text, ref i);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A number with <paramref name="digits"/> digits after the point; scientific notation at magnitude 1e9 and above
    /// or for non-zero magnitudes below 1e-4; NaN, Infinity, -Infinity for non-finite values.
    /// </summary>
    public static string Number(double x, int digits)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsPositiveInfinity(x)) return "Infinity";
        if (double.IsNegativeInfinity(x)) return "-Infinity";
        var a = Math.Abs(x);
        if (a == 0 || (a >= 1e-4 && a < 1e9)) return x.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var pattern = digits == 0 ? "0e+0" : "0." + new string('0', digits) + "e+0";
        return x.ToString(pattern, CultureInfo.InvariantCulture);
    }

    private static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var end = maxLength - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + "…";
    }

    private static void AppendSafe(StringBuilder sb, string text, ref int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            sb.Append(c).Append(text[i + 1]);
            i++;
        }
        else if (char.IsControl(c) || char.IsSurrogate(c))
        {
            sb.Append(Replacement);
        }
        else
        {
            sb.Append(c);
        }
    }
}
