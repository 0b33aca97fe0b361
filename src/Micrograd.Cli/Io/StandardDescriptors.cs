using System.Runtime.InteropServices;

namespace Micrograd.Cli.Io;

/// <summary>
/// Whether the standard descriptors (0, 1, 2) were handed over open. A shell's <c>&lt;&amp;-</c> or <c>&gt;&amp;-</c> starts
/// the process with one closed, and the runtime's own first pipe then takes the lowest free numbers: standard output would
/// go into the runtime's pipe (and vanish, with exit code 0), and reading standard input would wait forever on it.
/// </summary>
internal static partial class StandardDescriptors
{
    private const int BadDescriptor = 9; // EBADF, the same on Linux and macOS
    private const int GetStatusFlags = 3; // F_GETFL, the same on Linux and macOS
    private const int AccessModes = 3; // O_ACCMODE
    private const int ReadOnly = 0; // O_RDONLY

    /// <summary>The highest descriptor looked at for the other end of a pipe: the runtime opens a few dozen at start-up.</summary>
    private const int Highest = 1024;

    /// <summary>True when descriptor <paramref name="descriptor"/> was closed when the process started: it is not open, or
    /// it is one end of a pipe whose other end this process holds too (the runtime's), or it is an output (1 or 2) open
    /// only for reading. False on Windows and wherever it cannot be told.</summary>
    public static bool WasClosed(int descriptor)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return false;
        try
        {
            var flags = GetFlags(descriptor);
            if (flags < 0) return Marshal.GetLastPInvokeError() == BadDescriptor;
            if (descriptor > 0 && (flags & AccessModes) == ReadOnly) return true;
            if (AtomicFile.Status(descriptor) is not { Type: AtomicFile.Pipe } pipe) return false;
            var mode = flags & AccessModes;
            for (var other = 0; other < Highest; other++)
            {
                if (other == descriptor) continue;
                // the other end of the same pipe, held by this process: the runtime's pipe, not one a shell made
                if (AtomicFile.Status(other) is { } status && status.SameFile(pipe) && GetFlags(other) is var f && f >= 0 && (f & AccessModes) != mode) return true;
            }
            return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary><c>fcntl(fd, F_GETFL)</c>: the descriptor's status flags, or -1 with errno.</summary>
    private static int GetFlags(int descriptor) => Fcntl(descriptor, GetStatusFlags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int descriptor, int command);
}

/// <summary>Standard input when it was closed: reading it fails with one clear line, instead of waiting forever.</summary>
internal sealed class ClosedInput : TextReader
{
    public override int Peek() => throw Closed();

    public override int Read() => throw Closed();

    public override string ReadToEnd() => throw Closed();

    private static UsageException Closed() => new("cannot read standard input: it is closed");
}
