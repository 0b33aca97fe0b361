using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>How <see cref="ExplorerPage"/> builds a page.</summary>
public sealed class ExplorerOptions
{
    private int _maxDrawnNodes = DotOptions.DefaultMaxNodes;

    /// <summary>The page's title and heading, such as the expression; "micrograd explorer" when null or empty. Past 200
    /// characters it is cut, and ends with "…".</summary>
    public string? Title { get; init; }

    /// <summary>
    /// Values listed after the title as "at w=0.8, x=1.5", such as an expression's variables, in this order; the page keeps
    /// the numbers current as these values are edited. None by default; values that are not in the graph are left out.
    /// </summary>
    public IReadOnlyList<Value> TitleVariables { get; init; } = [];

    /// <summary>
    /// The direction the picture opens in; <see cref="RankDirection.LeftToRight"/> (as the seed draws it) by default. The page
    /// holds the picture laid out in both directions, with a switch between them, and opens top to bottom instead when left
    /// to right would be too small to read in the window and top to bottom would not.
    /// </summary>
    public RankDirection RankDirection { get; init; } = RankDirection.LeftToRight;

    /// <summary>Where to find Graphviz's <c>dot</c>, which lays the graph out when the page is made; on PATH when null.</summary>
    public GraphvizOptions? Graphviz { get; init; }

    /// <summary>
    /// The most values drawn in the picture (<see cref="DotOptions.DefaultMaxNodes"/> by default): a bigger graph is drawn cut
    /// to the values nearest the result, as <see cref="DotOptions.MaxNodes"/> says. Every value is still stepped through
    /// and listed in the page's table.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxDrawnNodes
    {
        get => _maxDrawnNodes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxDrawnNodes = value;
        }
    }
}
