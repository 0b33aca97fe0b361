using System.Reflection;

namespace Micrograd.Explorer;

/// <summary>
/// A page's markup (an embedded <c>Page/*.html</c> file) with text put in place of its markers, in order: each marker
/// occurs once, and text put in place is never searched for markers again.
/// </summary>
internal static class PageTemplate
{
    /// <summary>Writes <paramref name="template"/> with each marker replaced by its text; the markers must occur in this order.</summary>
    /// <exception cref="InvalidOperationException">A marker is missing (after the previous one).</exception>
    public static void Write(TextWriter writer, string template, IReadOnlyList<(string Marker, string Text)> parts)
    {
        var at = 0;
        foreach (var (marker, text) in parts)
        {
            var next = template.IndexOf(marker, at, StringComparison.Ordinal);
            if (next < 0) throw new InvalidOperationException($"the page template has no marker {marker} after position {at}");
            writer.Write(template.AsSpan(at, next - at));
            writer.Write(text);
            at = next + marker.Length;
        }
        writer.Write(template.AsSpan(at));
    }

    /// <summary>One of the page files embedded in this assembly, by its path under <c>Page/</c> (<c>shared/numbers.js</c>).</summary>
    /// <exception cref="InvalidOperationException">No such file is embedded.</exception>
    public static string Resource(string name)
    {
        var assembly = typeof(PageTemplate).Assembly;
        using var stream = assembly.GetManifestResourceStream("Page/" + name)
            ?? throw new InvalidOperationException($"the embedded page file '{name}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Page files one after another, each ending with a line break (scripts, or styles).</summary>
    public static string Resources(params string[] names) =>
        string.Concat(names.Select(name => Resource(name).TrimEnd() + "\n"));
}
