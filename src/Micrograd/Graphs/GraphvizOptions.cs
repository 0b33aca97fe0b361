namespace Micrograd.Graphs;

/// <summary>Where to find Graphviz's <c>dot</c> program and how long to let it run.</summary>
public sealed class GraphvizOptions
{
    /// <summary>
    /// The <c>dot</c> executable to run. When set, it is used as it is and <see cref="SearchPath"/> is not searched;
    /// when null (the default), <c>dot</c> is looked up on <see cref="SearchPath"/>.
    /// </summary>
    public string? DotPath { get; init; }

    /// <summary>
    /// The directories to search for <c>dot</c>, separated by <see cref="Path.PathSeparator"/>, as in the PATH variable.
    /// Null (the default) means the PATH environment variable of this process.
    /// </summary>
    public string? SearchPath { get; init; }

    /// <summary>How long <c>dot</c> may run before it is stopped and rendering fails; two minutes by default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
