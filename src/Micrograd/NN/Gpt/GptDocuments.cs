namespace Micrograd.NN.Gpt;

/// <summary>
/// microgpt's data set: one document per line of a text, as microgpt.py reads <c>input.txt</c>:
/// <c>[l.strip() for l in text.strip().split('\n') if l.strip()]</c>, after Python's text mode has turned every
/// <c>\r\n</c> and lone <c>\r</c> into <c>\n</c>.
/// </summary>
public static class GptDocuments
{
    /// <summary>The documents of <paramref name="text"/>: its lines with whitespace stripped from both ends, blank lines left
    /// out, in order.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A new list; empty when the text has no line with a character other than whitespace.</returns>
    /// <remarks>Whitespace is Python's (<c>str.isspace</c>): what <see cref="char.IsWhiteSpace(char)"/> calls whitespace, and
    /// the separators U+001C to U+001F.</remarks>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var documents = new List<string>();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            var document = Strip(line);
            if (document.Length > 0) documents.Add(document);
        }
        return documents;
    }

    /// <summary>Python's <c>str.strip()</c>.</summary>
    internal static string Strip(string text)
    {
        int start = 0, end = text.Length;
        while (start < end && IsPythonSpace(text[start])) start++;
        while (end > start && IsPythonSpace(text[end - 1])) end--;
        return text[start..end];
    }

    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}
