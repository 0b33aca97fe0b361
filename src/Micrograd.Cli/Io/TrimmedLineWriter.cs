using System.Text;

namespace Micrograd.Cli.Io;

/// <summary>
/// Writes through to another writer without the spaces at the end of a line: System.CommandLine's help wraps a long
/// description after a space and keeps it, so that every wrapped line would end in one.
/// </summary>
internal sealed class TrimmedLineWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _spaces = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == ' ')
        {
            _spaces.Append(value);
            return;
        }
        // the spaces go out only when more of the line follows them
        if (value is not ('\n' or '\r')) inner.Write(_spaces);
        _spaces.Clear();
        inner.Write(value);
    }

    public override void Flush()
    {
        inner.Write(_spaces);
        _spaces.Clear();
        inner.Flush();
    }
}
