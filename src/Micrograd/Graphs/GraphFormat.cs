namespace Micrograd.Graphs;

/// <summary>A picture format that Graphviz's <c>dot</c> renders.</summary>
public enum GraphFormat
{
    /// <summary>Scalable Vector Graphics (<c>dot -Tsvg</c>): an XML text file; node elements carry the DOT ids.</summary>
    Svg,

    /// <summary>Portable Network Graphics (<c>dot -Tpng</c>): a bitmap.</summary>
    Png,

    /// <summary>Portable Document Format (<c>dot -Tpdf</c>).</summary>
    Pdf,
}
