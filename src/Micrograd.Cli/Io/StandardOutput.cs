using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Micrograd.Cli.Io;

/// <summary>
/// The process's standard output when it is not a terminal (a file, a pipe, or closed). A pipe or socket is written through
/// its file descriptor so that a failure is seen: .NET's console stream silently drops writes to a pipe whose reader has
/// gone. A file or device is written through the console's stream, whose writes move the file offset it shares with the
/// shell (<c>&gt;&gt; out.txt</c>, <c>{ echo a; micrograd …; echo b; } &gt; out.txt</c>), where a positioned write would not.
/// A write that fails raises <see cref="StandardOutputException"/>, or <see cref="OutputClosedException"/> when the pipe's
/// reader has gone (<c>train | head</c>). On a terminal, and on Windows, the console's own writer is used.
/// </summary>
internal static class StandardOutput
{
    private const short PollError = 0x008;
    private const short PollHangUp = 0x010;

    /// <summary>The writer for results: the console's on a terminal or on Windows, else one whose failed writes are reported:
    /// over file descriptor 1 for a pipe or socket, over the console's stream for a file or device.</summary>
    public static TextWriter Open()
    {
        if (OperatingSystem.IsWindows() || !Console.IsOutputRedirected) return Console.Out;
        Checked stream;
        try
        {
            var descriptor = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            // a file or device can seek; a pipe or socket cannot, and only there is the descriptor's own stream needed
            if (descriptor.CanSeek)
            {
                descriptor.Dispose(); // the handle is not owned: descriptor 1 stays open
                stream = new Checked(Console.OpenStandardOutput(), null);
            }
            else
            {
                stream = new Checked(descriptor, null);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // not writable: every write fails with the reason
            stream = new Checked(null, e.Message);
        }
        return new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 4096) { AutoFlush = true };
    }

    /// <summary>True when standard output is a pipe whose reader has gone (checked with poll, without writing).</summary>
    public static bool ReaderGone()
    {
        if (OperatingSystem.IsWindows() || !Console.IsOutputRedirected) return false;
        try
        {
            var fd = new PollFd { Fd = 1 };
            return Poll(ref fd, 1, 0) == 1 && (fd.Revents & (PollError | PollHangUp)) != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>Turns a failed write into the exceptions the tool reports; without a stream (one that could not be opened),
    /// every write fails with <paramref name="unopened"/>, the reason.</summary>
    private sealed class Checked(Stream? inner, string? unopened) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (inner is null) throw new StandardOutputException(unopened!);
            try
            {
                inner.Write(buffer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure(e);
            }
        }

        public override void Flush()
        {
            try
            {
                inner?.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure(e);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        /// <summary>A closed descriptor reports EBADF as access denied, with the reason inside.</summary>
        private static IOException Failure(Exception e) =>
            ReaderGone() ? new OutputClosedException(e) : new StandardOutputException((e as UnauthorizedAccessException)?.InnerException?.Message ?? e.Message, e);
    }
}

/// <summary>The standard output cannot be written (a full disk, a closed descriptor): exit code 2.</summary>
internal sealed class StandardOutputException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>The standard output is a pipe whose reader has gone: the run stops at once, silently, with exit code 141.</summary>
internal sealed class OutputClosedException(Exception? inner = null) : IOException("the standard output's reader has gone", inner);
