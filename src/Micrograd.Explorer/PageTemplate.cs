using System.Net;
using System.Reflection;

namespace Micrograd.Explorer;

/// <summary>
/// The page's markup (<c>Page/explorer.html</c>) with its style, script, picture, graph and op table put in place of markers.
/// Each marker occurs once; text put in place is never searched for markers again.
/// </summary>
internal static class PageTemplate
{
    public const string TitleMarker = "{{TITLE}}";
    public const string StyleMarker = "/*{{STYLE}}*/";
    public const string SvgMarker = "<!--{{SVG}}-->";
    public const string GraphMarker = "{{GRAPH}}";
    public const string OpsMarker = "/*{{OPS}}*/";
    public const string ScriptMarker = "/*{{SCRIPT}}*/";

    /// <summary>Writes the page.</summary>
    public static void Write(TextWriter writer, string title, string svg, string graphJson, string opsSource)
    {
        var html = Resource("explorer.html");
        var parts = new (string Marker, string Text)[]
        {
            (TitleMarker, WebUtility.HtmlEncode(title)),
            (StyleMarker, Resource("explorer.css")),
            (TitleMarker, WebUtility.HtmlEncode(title)),
            (SvgMarker, svg),
            (GraphMarker, graphJson),
            (OpsMarker, opsSource),
            (ScriptMarker, Resource("explorer.js")),
        };
        var at = 0;
        foreach (var (marker, text) in parts)
        {
            var next = html.IndexOf(marker, at, StringComparison.Ordinal);
            if (next < 0) throw new InvalidOperationException($"the page template has no marker {marker} after position {at}");
            writer.Write(html.AsSpan(at, next - at));
            writer.Write(text);
            at = next + marker.Length;
        }
        writer.Write(html.AsSpan(at));
    }

    /// <summary>One of the page's embedded files.</summary>
    public static string Resource(string name)
    {
        var assembly = typeof(PageTemplate).Assembly;
        using var stream = assembly.GetManifestResourceStream("Micrograd.Explorer." + name)
            ?? throw new InvalidOperationException($"the embedded page file '{name}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
