using System.Globalization;
using System.Text;

namespace Micrograd.Cli;

/// <summary>What the tool says on stderr, made safe for a terminal.</summary>
internal static class Messages
{
    /// <summary>
    /// The text with every control character (C0, DEL and C1: escape sequences, bells, NULs, line breaks, from a model's
    /// keys or a CSV's fields) written as a <c>\u001B</c> escape, so that a message cannot clear, colour or ring the
    /// terminal, or run over more than its one line.
    /// </summary>
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c)) escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else escaped.Append(c);
        }
        return escaped.ToString();
    }
}
