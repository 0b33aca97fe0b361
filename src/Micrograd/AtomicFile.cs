// This file is compiled into the core (Micrograd) and linked, as Shared/AtomicFile.cs, into Micrograd.Plots, Micrograd.Onnx
// and the tool, each with a copy of its own: no package opens its internals to another. The linked copies are compiled with
// MICROGRAD_SHARED_COPY and live in Micrograd.Shared (a global using in each of those projects), so that a test project that
// sees the core's internals and a package's finds one AtomicFile, in Micrograd. Every copy shares the list of temporary
// files being written and the test seam (see SharedState), so the tool's Ctrl-C deletes what the libraries were writing too.

using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

#if MICROGRAD_SHARED_COPY
namespace Micrograd.Shared;
#else
namespace Micrograd;
#endif

/// <summary>
/// Writes a file so that it is never seen half-written: the content goes to a new temporary file in the same folder, which
/// is flushed to disk and then renamed over the target (an atomic replacement on one file system). A write that fails part
/// way deletes the temporary file and leaves the target as it was. A target that is a symbolic link is resolved first, so
/// the file it points to is replaced and the link kept; a replaced file keeps its permissions. A target that is not a
/// regular file (<c>/dev/null</c>, <c>/dev/stdout</c>, a named pipe) is written in place: it cannot be replaced, and must
/// not be (renaming over <c>/dev/null</c> as root would replace the device).
/// </summary>
/// <remarks>
/// Whether a target is a regular file comes from libc's <c>stat</c> (<see cref="FileType"/>) on Linux (x64 and Arm64, glibc or
/// musl) and macOS (x64 and Arm64). On Windows nothing is special: every target is replaced. On other Unix systems and
/// processors, whose <c>struct stat</c> layout this file does not know, a target under <c>/dev/</c> is written in place and
/// anything else is replaced.
/// </remarks>
internal sealed partial class AtomicFile : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Temporary files being written by any copy of this class, so that an interrupted process can delete them
    /// (<see cref="DeleteAllPending"/>).</summary>
    private static readonly ConcurrentDictionary<string, byte> Pending = SharedState<ConcurrentDictionary<string, byte>>("Pending");

    /// <summary>A test seam, shared by every copy: wraps the temporary file's stream (to inject a failure part way); null in
    /// normal use.</summary>
    private static readonly AsyncLocal<Func<Stream, Stream>?> StreamWrapper = SharedState<AsyncLocal<Func<Stream, Stream>?>>("StreamWrapper");

    /// <summary>A test seam, shared by every copy: the error number that <c>fsync</c> of a temporary file fails with; null in
    /// normal use.</summary>
    private static readonly AsyncLocal<int?> SyncError = SharedState<AsyncLocal<int?>>("SyncError");

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
        if (FileType(path) is { } type) return type is not RegularFile and not Folder;
        // a Unix whose stat layout is unknown here: the devices' folder is the one place a replacement must never happen
        return Resolve(path).StartsWith("/dev/", StringComparison.Ordinal);
    }

    private const uint TypeBits = 0xF000; // S_IFMT, the same on Linux and macOS
    private const uint RegularFile = 0x8000; // S_IFREG
    private const uint Folder = 0x4000; // S_IFDIR

    /// <summary>The file type bits (S_IFMT) of <paramref name="path"/>'s <c>st_mode</c>, its links followed, by libc's
    /// <c>stat</c>; null when the file does not exist or cannot be examined, on Windows, and where the layout of
    /// <c>struct stat</c> is not known here.</summary>
    internal static uint? FileType(string path) => Mode(path) is { } mode ? mode & TypeBits : null;

    /// <summary><c>st_mode</c> of <paramref name="path"/> (type and permission bits), its links followed; null as for
    /// <see cref="FileType"/>.</summary>
    internal static uint? Mode(string path)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                switch (RuntimeInformation.ProcessArchitecture)
                {
                    case Architecture.X64:
                        return Libc.Stat(path, out LinuxX64Stat x64) == 0 ? x64.Mode : null;
                    case Architecture.Arm64:
                        return Libc.Stat(path, out LinuxArm64Stat arm64) == 0 ? arm64.Mode : null;
                }
            }
            else if (OperatingSystem.IsMacOS())
            {
                var result = RuntimeInformation.ProcessArchitecture == Architecture.X64
                    ? Libc.StatInode64(path, out MacStat mac)
                    : Libc.Stat(path, out mac);
                return result == 0 ? mac.Mode : null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no libc by that name: as on an unknown platform
        }
        return null;
    }

    /// <summary>libc's <c>stat(2)</c>, a public and stable call on every Unix. glibc before 2.33 (RHEL 8, for one) exports it
    /// only as <c>__xstat</c>, with the layout version first: 1 on x86-64, 0 on Arm64 (glibc's <c>_STAT_VER</c>).</summary>
    private static partial class Libc
    {
        public static int Stat(string path, out LinuxX64Stat status)
        {
            try
            {
                return StatX64(path, out status);
            }
            catch (EntryPointNotFoundException)
            {
                return XStatX64(1, path, out status);
            }
        }

        public static int Stat(string path, out LinuxArm64Stat status)
        {
            try
            {
                return StatArm64(path, out status);
            }
            catch (EntryPointNotFoundException)
            {
                return XStatArm64(0, path, out status);
            }
        }

        [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int StatX64(string path, out LinuxX64Stat status);

        [LibraryImport("libc", EntryPoint = "__xstat", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int XStatX64(int version, string path, out LinuxX64Stat status);

        [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int StatArm64(string path, out LinuxArm64Stat status);

        [LibraryImport("libc", EntryPoint = "__xstat", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int XStatArm64(int version, string path, out LinuxArm64Stat status);

        /// <summary>macOS on Arm64: <c>stat</c> has the 64-bit inode layout.</summary>
        [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Stat(string path, out MacStat status);

        /// <summary>macOS on x64: <c>stat</c> is the old 32-bit inode layout; <c>stat$INODE64</c> is the one the headers name.</summary>
        [LibraryImport("libc", EntryPoint = "stat$INODE64", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int StatInode64(string path, out MacStat status);
    }

    /// <summary>Linux x86-64's <c>struct stat</c> (the kernel's, which glibc and musl share; 144 bytes): st_dev, st_ino and
    /// st_nlink (8 bytes each), then st_mode. Only st_mode is read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct LinuxX64Stat
    {
        [FieldOffset(24)] public uint Mode;
    }

    /// <summary>Linux Arm64's <c>struct stat</c> (the kernel's generic layout, which glibc and musl share; 128 bytes): st_dev and
    /// st_ino (8 bytes each), then st_mode.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct LinuxArm64Stat
    {
        [FieldOffset(16)] public uint Mode;
    }

    /// <summary>macOS's <c>struct stat</c> with 64-bit inodes (144 bytes): st_dev (4 bytes), then st_mode (2 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct MacStat
    {
        [FieldOffset(4)] public ushort Mode;
    }

    /// <summary>For tests: until the returned scope is disposed, each new temporary file's stream on this flow is wrapped by
    /// <paramref name="wrap"/>.</summary>
    internal static IDisposable WrapStreamsForTests(Func<Stream, Stream> wrap)
    {
        var previous = StreamWrapper.Value;
        StreamWrapper.Value = wrap;
        return new Scope(() => StreamWrapper.Value = previous);
    }

    /// <summary>For tests: until the returned scope is disposed, <c>fsync</c> of each temporary file on this flow fails with
    /// the error number <paramref name="errno"/> (5, EIO, say), as a failing disk makes it.</summary>
    internal static IDisposable FailSyncForTests(int errno)
    {
        var previous = SyncError.Value;
        SyncError.Value = errno;
        return new Scope(() => SyncError.Value = previous);
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

    /// <summary>The object that every copy of this file in the process shares under <paramref name="name"/>, made by the first
    /// copy that asks: kept in the process's data (<see cref="AppDomain.SetData(string, object?)"/>), in types that every copy
    /// knows.</summary>
    private static T SharedState<T>(string name) where T : class, new()
    {
        var key = "Micrograd.AtomicFile." + name;
        var domain = AppDomain.CurrentDomain;
        // one lock that every copy sees, so that two copies starting at once still make one object
        lock (domain)
        {
            if (domain.GetData(key) is T existing) return existing;
            var made = new T();
            domain.SetData(key, made);
            return made;
        }
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
