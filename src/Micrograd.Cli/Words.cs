using System.Globalization;

namespace Micrograd.Cli;

/// <summary>Wording that several of the tool's messages share, so that it is said one way.</summary>
internal static class Words
{
    /// <summary>The noun, with an "s" unless <paramref name="n"/> is 1: <c>input</c>, <c>inputs</c>.</summary>
    public static string Plural(int n, string noun) => n == 1 ? noun : noun + "s";

    /// <summary>A count and its noun, with thousands separated: <c>1 value</c>, <c>1,024 values</c>.</summary>
    public static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {Plural(n, noun)}");

    /// <summary>Alternatives as a sentence says them: <c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    public static string Alternatives(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Join("", items) : $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}";
}
