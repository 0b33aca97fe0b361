namespace Micrograd.Cli.Io;

/// <summary>
/// A writer for error lines that never throws: when standard error itself cannot be written (<c>2&gt;/dev/full</c>, closed),
/// the line is lost but the exit code still tells what happened.
/// </summary>
internal sealed class StandardError(TextWriter inner) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override void Flush() => Try(inner.Flush);

    private static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or NotSupportedException)
        {
            // nowhere left to report it
        }
    }
}
