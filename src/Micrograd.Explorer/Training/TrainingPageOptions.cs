using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>How <see cref="TrainingPage"/> builds a page.</summary>
public sealed class TrainingPageOptions
{
    /// <summary>The page's title and heading; "micrograd training" when null or empty.</summary>
    public string? Title { get; init; }

    /// <summary>The command that made the page, shown under its title (for example the <c>micrograd train</c> line); none when null.</summary>
    public string? Command { get; init; }

    /// <summary>
    /// The seed the page's "train on" uses for random batches, as <c>micrograd train --seed</c> does (its batches come from
    /// <c>new Random(seed + 2)</c>), so that the command line can repeat it; 1337 (the tool's default) when null.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>Where to find Graphviz's <c>dot</c>, which lays out one sample's graph when the page is made; on PATH when null.</summary>
    public GraphvizOptions? Graphviz { get; init; }
}
