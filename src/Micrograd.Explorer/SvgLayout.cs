using System.Text;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>The graph's picture laid out by Graphviz, as an <c>&lt;svg&gt;</c> element to put inline in the page.</summary>
internal static class SvgLayout
{
    /// <summary>Renders the DOT text to SVG and drops everything before the <c>&lt;svg</c> element (XML declaration, doctype, comments).</summary>
    /// <exception cref="GraphvizNotFoundException">dot is not installed.</exception>
    /// <exception cref="GraphvizException">dot failed.</exception>
    public static string Render(string dot, GraphvizOptions? options)
    {
        var svg = Encoding.UTF8.GetString(Graphviz.Render(dot, GraphFormat.Svg, options));
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) throw new GraphvizException("Graphviz's 'dot' returned no <svg> element");
        return svg[start..].TrimEnd() + "\n";
    }
}
