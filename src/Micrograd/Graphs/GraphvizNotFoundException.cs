namespace Micrograd.Graphs;

/// <summary>
/// Graphviz's <c>dot</c> program was not found, so a picture could not be rendered. The message says how to install it
/// and, when the DOT text was saved instead, where (<see cref="DotFilePath"/>).
/// </summary>
public sealed class GraphvizNotFoundException : GraphvizException
{
    /// <summary>How to install Graphviz, in one sentence.</summary>
    public const string InstallHint =
        "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz, Fedora: sudo dnf install graphviz, macOS: brew install graphviz, Windows: winget install graphviz) and make sure 'dot' is on PATH";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was not found and how to install it.</param>
    /// <param name="dotFilePath">Where the DOT text was written instead, or null.</param>
    public GraphvizNotFoundException(string message, string? dotFilePath = null)
        : base(message)
    {
        DotFilePath = dotFilePath;
    }

    /// <summary>The file the DOT text was written to so that it can be rendered later, or null when none was written.</summary>
    public string? DotFilePath { get; }
}
