namespace Micrograd.Tests.Graphs;

/// <summary>Labels that break naive DOT writers, and what a picture should show for each.</summary>
internal static class NastyLabels
{
    public static readonly string[] All =
    [
        "{", "}", "|", "<", ">", "\"", "\\", "ends with \\", "\\\"", "\\\\\"", "<port>", "{ a | b }", "a|b|c",
        "line 1\nline 2", "crlf\r\nend", "tab\there", "\\n is not a line break", "\\l\\r\\N\\G", "two  spaces",
        "control \u0001\u001b char", "emoji 😀 and é", "&amp; &lt;", "&#65;&#x42;&nbsp;& alone", "[x]", "a;b", "a=b, c", "n0 -> n1",
        "}\"]; evil -> n0 [label=\"", "lone \ud800 surrogate", "digraph", "%s %d {0}",
    ];

    /// <summary>What the picture shows: line breaks kept, tabs as spaces, control characters and lone surrogates as U+FFFD.</summary>
    public static string Shown(string label)
    {
        var text = label.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\t', ' ');
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if ((char.IsControl(chars[i]) && chars[i] != '\n') || char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    /// <summary>A sum of one leaf per nasty label, so that each label is a record of the picture.</summary>
    public static Value Graph() => Value.Sum(All.Select((label, i) => new Value(i, label)));
}
