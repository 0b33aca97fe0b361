namespace Micrograd.Graphs;

/// <summary>The direction in which a graph picture flows from inputs to the result (Graphviz's <c>rankdir</c>).</summary>
public enum RankDirection
{
    /// <summary>Inputs on the left, the result on the right (<c>rankdir=LR</c>), as the seed draws it.</summary>
    LeftToRight,

    /// <summary>Inputs at the top, the result at the bottom (<c>rankdir=TB</c>).</summary>
    TopToBottom,
}
