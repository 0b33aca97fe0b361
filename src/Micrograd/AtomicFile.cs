using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Micrograd;

/// <summary>
/// Writes a file so that it is never seen half-written: the content goes to a new temporary file in the same folder, which
/// is flushed to disk and then renamed over the target (an atomic replacement on one file system). A write that fails part
/// way deletes the temporary file and leaves the target as it was. A target that is a symbolic link is resolved first, so
/// the file it points to is replaced and the link kept; a replaced file keeps its permissions. A target that is not a
/// regular file (<c>/dev/null</c>, <c>/dev/stdout</c>, a named pipe) is written in place: it cannot be replaced, and must
/// not be (renaming over <c>/dev/null</c> as root would replace the device).
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Temporary files being written, so that an interrupted process can delete them (<see cref="DeleteAllPending"/>).</summary>
    private static readonly ConcurrentDictionary<string, byte> Pending = new();

    /// <summary>A test seam: wraps the temporary file's stream (to inject a failure part way); null in normal use.</summary>
    private static readonly AsyncLocal<Func<Stream, Stream>?> StreamWrapper = new();

    private readonly FileStream _file;
    private bool _committed;

    private AtomicFile(string target, string? temporary, FileStream file)
    {
        Target = target;
        TemporaryPath = temporary;
        _file = file;
        Stream = StreamWrapper.Value is { } wrap ? wrap(file) : file;
    }

    /// <summary>The file that <see cref="Commit"/> replaces (links resolved).</summary>
    public string Target { get; }

    /// <summary>The temporary file being written; null when the target is written in place (not a regular file).</summary>
    public string? TemporaryPath { get; }

    /// <summary>Where the content goes until <see cref="Commit"/>.</summary>
    public Stream Stream { get; }

    /// <summary>Starts writing <paramref name="path"/>: creates a new temporary file next to it.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="IOException">The temporary file cannot be created (no such folder, a full disk, …).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static AtomicFile Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (IsSpecial(path)) return new AtomicFile(path, null, new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite));
        var target = Resolve(path);
        var folder = Path.GetDirectoryName(target) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        Pending.TryAdd(temporary, 0);
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            return new AtomicFile(target, temporary, file);
        }
        catch
        {
            Pending.TryRemove(temporary, out _);
            throw;
        }
    }

    /// <summary>Writes the whole file with <paramref name="write"/>, then replaces <paramref name="path"/> with it.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Create(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark, replacing <paramref name="path"/> at once.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Writes <paramref name="bytes"/>, replacing <paramref name="path"/> at once.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Throws unless a new file can be created in <paramref name="path"/>'s folder: creates and deletes a temporary
    /// file there, so that a run can refuse an unwritable output before any work.</summary>
    /// <exception cref="IOException">The folder does not exist or the file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static void CheckCanCreate(string path)
    {
        if (IsSpecial(path)) return;
        using var probe = Create(path);
    }

    /// <summary>Flushes the content to disk and renames the temporary file over the target.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        Stream.Flush();
        if (TemporaryPath is null)
        {
            // written in place
            _file.Dispose();
            _committed = true;
            return;
        }
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        if (!OperatingSystem.IsWindows() && File.Exists(Target))
        {
            // a replaced file keeps its permissions rather than taking the temporary file's
            File.SetUnixFileMode(TemporaryPath, File.GetUnixFileMode(Target));
        }
        File.Move(TemporaryPath, Target, overwrite: true);
        _committed = true;
        Pending.TryRemove(TemporaryPath, out _);
    }

    /// <summary>Deletes the temporary file unless <see cref="Commit"/> ran: the target stays as it was.</summary>
    public void Dispose()
    {
        if (_committed) return;
        _committed = true;
        try
        {
            if (!ReferenceEquals(Stream, _file)) Stream.Dispose();
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            // the wrapper failed; the file below is closed next
        }
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // a buffered write that cannot be flushed (a full disk): the file is deleted anyway
        }
        if (TemporaryPath is not null) Delete(TemporaryPath);
    }

    /// <summary>Deletes every temporary file still being written, when the process is stopped (Ctrl-C, SIGTERM).</summary>
    public static void DeleteAllPending()
    {
        foreach (var path in Pending.Keys) Delete(path);
    }

    /// <summary>The file a path names: the final target when it is a symbolic link, else the path itself (made absolute).</summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            // a link that loops, or one that cannot be read: write the path itself
            return full;
        }
    }

    /// <summary>True when <paramref name="path"/> (its links followed) exists and is neither a regular file nor a folder: a
    /// device, a pipe or a socket, which is written in place.</summary>
    internal static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows()) return false;
        var status = new byte[512];
        try
        {
            if (Stat(path, status) != 0) return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        // the runtime's FileStatus: Flags, then Mode, with the file type in the bits of 0xF000 (0x8000 regular, 0x4000 folder)
        var type = BitConverter.ToInt32(status, 4) & 0xF000;
        return type is not 0x8000 and not 0x4000;
    }

    /// <summary>stat(2) through the runtime's own native library (the layout of its FileStatus is the same on every Unix).</summary>
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

    /// <summary>For tests: until the returned scope is disposed, each new temporary file's stream on this flow is wrapped by
    /// <paramref name="wrap"/>.</summary>
    internal static IDisposable WrapStreamsForTests(Func<Stream, Stream> wrap)
    {
        var previous = StreamWrapper.Value;
        StreamWrapper.Value = wrap;
        return new Scope(() => StreamWrapper.Value = previous);
    }

    private static void Delete(string path)
    {
        Pending.TryRemove(path, out _);
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // nothing more can be done; the target is unharmed
        }
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
