namespace Micrograd.Graphs;

/// <summary>
/// A picture could not be rendered with Graphviz's <c>dot</c>: it exited with an error, could not be started, or ran past its
/// timeout; or, as the derived <see cref="GraphvizNotFoundException"/>, it was not found at all. Catch this type for both.
/// </summary>
public class GraphvizException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, including what <c>dot</c> wrote to its standard error.</param>
    /// <param name="exitCode"><c>dot</c>'s exit code, or null when it did not exit by itself.</param>
    /// <param name="standardError">What <c>dot</c> wrote to its standard error.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public GraphvizException(string message, int? exitCode = null, string standardError = "", Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary><c>dot</c>'s exit code, or null when it could not be started or was stopped after its timeout.</summary>
    public int? ExitCode { get; }

    /// <summary>What <c>dot</c> wrote to its standard error (empty when nothing).</summary>
    public string StandardError { get; }
}
