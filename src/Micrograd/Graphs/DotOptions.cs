namespace Micrograd.Graphs;

/// <summary>How <see cref="DotWriter"/> draws a graph.</summary>
public sealed class DotOptions
{
    /// <summary>The cap used when none is given: enough for any picture a person can read, small enough for Graphviz to lay out quickly.</summary>
    public const int DefaultMaxNodes = 1000;

    private int _maxNodes = DefaultMaxNodes;
    private int _digits = 4;
    private int _maxLabelLength = 200;

    /// <summary>The direction of the picture; <see cref="RankDirection.LeftToRight"/> by default.</summary>
    public RankDirection RankDirection { get; init; } = RankDirection.LeftToRight;

    /// <summary>
    /// The most value nodes to draw (1000 by default). A bigger graph is cut to the nodes nearest the root
    /// (<see cref="ComputationGraph.NearestToRoot"/>) and a note node says how many nodes and edges were left out.
    /// Use <see cref="int.MaxValue"/> to draw everything.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxNodes
    {
        get => _maxNodes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxNodes = value;
        }
    }

    /// <summary>
    /// Digits after the decimal point for data and gradients (4 by default, as the seed's <c>%.4f</c>). Numbers of
    /// magnitude 1e9 or more, or non-zero below 1e-4, are written in scientific notation with as many digits, so they are
    /// never shown as a misleading 0.0000; NaN and infinities are written NaN, Infinity and -Infinity.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 0 to 15.</exception>
    public int Digits
    {
        get => _digits;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 15);
            _digits = value;
        }
    }

    /// <summary>Whether each node shows its gradient as well as its data; true by default.</summary>
    public bool ShowGradients { get; init; } = true;

    /// <summary>
    /// Labels longer than this many characters (200 by default) are cut and end with an ellipsis, so that a huge label
    /// cannot exceed Graphviz's limit on the length of a quoted string.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1 or more than 4000.</exception>
    public int MaxLabelLength
    {
        get => _maxLabelLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 4000);
            _maxLabelLength = value;
        }
    }
}
