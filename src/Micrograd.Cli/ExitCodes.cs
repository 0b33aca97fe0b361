namespace Micrograd.Cli;

/// <summary>The tool's exit codes. A run stopped by a signal exits with 128 + its number, as shells report it: 130 for
/// Ctrl-C (SIGINT), 143 for SIGTERM (see Io.StopRequest).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A failure of the tool itself (a bug): reported on one line, never with a stack trace unless MICROGRAD_DEBUG is set.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: a syntax error, a malformed value, an unreadable or unwritable file, Graphviz missing.</summary>
    public const int BadInput = 2;

    /// <summary>The standard output is a pipe whose reader has gone (<c>train | head</c>): 128 + SIGPIPE, as a Unix tool killed
    /// by SIGPIPE reports it, with nothing printed.</summary>
    public const int OutputClosed = 141;
}
