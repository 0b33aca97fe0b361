// This file is compiled into the core (Micrograd) and linked, as Shared/AtomicFile.cs, into Micrograd.Plots, Micrograd.Onnx
// and the tool, each with a copy of its own: no package opens its internals to another. The linked copies are compiled with
// MICROGRAD_SHARED_COPY and live in Micrograd.Shared (a global using in each of those projects), so that a test project that
// sees the core's internals and a package's finds one AtomicFile, in Micrograd. Every copy shares the list of temporary
// files being written, the programs started (Graphviz's dot) and the test seams (see SharedState), so the tool's Ctrl-C deletes
// what the libraries were writing too, and stops what they started.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

#if MICROGRAD_SHARED_COPY
namespace Micrograd.Shared;
#else
namespace Micrograd;
#endif

/// <summary>
/// Writes a file so that it is never seen half-written: the content goes to a new temporary file in the same folder, which
/// is flushed to disk (<c>fsync</c>, its result checked) and then renamed over the target (an atomic replacement on one file
/// system). A write that fails part way, or whose flush to disk fails, deletes the temporary file and leaves the target as it
/// was. A target that is a symbolic link is resolved first, so the file it points to is replaced and the link kept; a
/// replaced file keeps its permissions, and its owner and group when the process may give them (root). A target that is not a
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

    /// <summary>Programs started by any copy and still running (Graphviz's dot), so that a stopped process stops them too
    /// (<see cref="StopChildren"/>).</summary>
    private static readonly ConcurrentDictionary<Process, byte> Children = SharedState<ConcurrentDictionary<Process, byte>>("Children");

    /// <summary>Set by <see cref="StopChildren"/>: the process is being stopped, and no file is started or renamed into place
    /// any more (a stopped dot's failure would otherwise write its fallback file while the process ends).</summary>
    private static readonly System.Runtime.CompilerServices.StrongBox<bool> Stopping = SharedState<System.Runtime.CompilerServices.StrongBox<bool>>("Stopping");

    /// <summary>Write ends of named pipes opened by <see cref="CheckCanCreate"/>, held open until the process ends so that the
    /// reader found there waits for the content rather than seeing the end of its input.</summary>
    private static readonly List<SafeFileHandle> HeldPipes = [];

    /// <summary>The longest file name in bytes on Linux and macOS file systems (NAME_MAX).</summary>
    private const int NameMax = 255;

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
    /// <param name="bufferSize">The file stream's buffer; 0 for none, so that what a failed write left is in the file
    /// (<see cref="Length"/>, <see cref="Truncate"/>).</param>
    /// <exception cref="IOException">The temporary file cannot be created (no such folder, a full disk, …).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static AtomicFile Create(string path, int bufferSize = 4096)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfStopping();
        if (IsSpecial(path)) return new AtomicFile(path, null, new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, Math.Max(bufferSize, 1)));
        var target = Resolve(path);
        var folder = Path.GetDirectoryName(target) ?? ".";
        var temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(target)));
        Pending.TryAdd(temporary, 0);
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, Math.Max(bufferSize, 1));
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

    /// <summary>Throws unless <paramref name="path"/> can be written, so that a run can refuse an unwritable output before any
    /// work: an existing file must open for writing (as <c>cp</c> opens it: a write-protected file, or another user's, is
    /// refused), a new file must be creatable in its folder (a temporary file is created there and deleted), and a named
    /// pipe must have a reader (it is opened without waiting, and held open until the process ends).</summary>
    /// <exception cref="IOException">The folder does not exist, the file cannot be created, or a named pipe has no reader.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder cannot be written.</exception>
    public static void CheckCanCreate(string path)
    {
        if (IsSpecial(path))
        {
            if (FileType(path) == Pipe) HoldPipe(path);
            return;
        }
        var target = Resolve(path);
        if (File.Exists(target))
        {
            // opened for writing, not truncated: nothing changes
            using var existing = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        using var probe = Create(path);
    }

    /// <summary>The number of bytes in the file so far (with a buffer of 0, what reached it, even after a failed write).</summary>
    internal long Length => _file.Length;

    /// <summary>Cuts the file to its first <paramref name="length"/> bytes (with a buffer of 0: whole records, after a
    /// failed write), before <see cref="Commit"/>.</summary>
    internal void Truncate(long length)
    {
        _file.SetLength(length);
        _file.Seek(length, SeekOrigin.Begin);
    }

    /// <summary>Flushes the content to disk and renames the temporary file over the target. When that fails (a failed
    /// <c>fsync</c>, say), the temporary file is deleted and the target left as it was.</summary>
    /// <exception cref="IOException">The content cannot be written or flushed to disk; the message names no temporary file.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        try
        {
            CommitOrThrow();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void CommitOrThrow()
    {
        Stream.Flush();
        if (TemporaryPath is null)
        {
            // written in place
            _file.Dispose();
            _committed = true;
            return;
        }
        _file.Flush();
        var existing = File.Exists(Target) ? Status(Target) : null;
        if (existing is { } owner) KeepOwner(_file.SafeFileHandle, owner);
        Sync(_file);
        _file.Dispose();
        if (!OperatingSystem.IsWindows() && File.Exists(Target))
        {
            // a replaced file keeps its permissions rather than taking the temporary file's
            File.SetUnixFileMode(TemporaryPath, File.GetUnixFileMode(Target));
        }
        ThrowIfStopping();
        File.Move(TemporaryPath, Target, overwrite: true);
        _committed = true;
        Pending.TryRemove(TemporaryPath, out _);
    }

    /// <summary>
    /// Flushes the file to disk. .NET's <c>FileStream.Flush(true)</c> ignores a failed <c>fsync</c> on Linux, so that a file
    /// whose content never reached the disk would replace the old one: on Unix, <c>fsync</c> is called here and its result
    /// checked.
    /// </summary>
    private static void Sync(FileStream file)
    {
        if (SyncError.Value is { } injected) throw SyncFailure(injected);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            try
            {
                var descriptor = (int)file.SafeFileHandle.DangerousGetHandle();
                while (Libc.FSync(descriptor) != 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error != Interrupted) throw SyncFailure(error);
                }
                return;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // no libc by that name: as elsewhere
            }
        }
        file.Flush(flushToDisk: true);
    }

    private const int Interrupted = 4; // EINTR, the same on Linux and macOS

    /// <summary>A failed flush to disk, as the system words it ("Input/output error"); the caller names the file.</summary>
    private static IOException SyncFailure(int errno) => new(Marshal.GetPInvokeErrorMessage(errno), errno);

    /// <summary>Gives the temporary file the owner and group of the file it replaces, when they differ from the process's
    /// and it may (root may; a user may give a file to another group of theirs); otherwise the new file is the user's, as
    /// <c>cp</c> makes it.</summary>
    private static void KeepOwner(SafeFileHandle handle, FileStatus target)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        var descriptor = (int)handle.DangerousGetHandle();
        if (Status(descriptor) is not { } mine || (mine.User == target.User && mine.Group == target.Group)) return;
        try
        {
            if (Libc.FChown(descriptor, target.User, target.Group) != 0) Libc.FChown(descriptor, uint.MaxValue, target.Group);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // the file stays the process's
        }
    }

    /// <summary>The temporary file's name: <c>.NAME.RANDOM.tmp</c>, with NAME cut (at a character's end, never inside one)
    /// so that the whole fits in <see cref="NameMax"/> bytes of UTF-8 however long the target's name.</summary>
    internal static string TemporaryName(string name)
    {
        var suffix = "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp";
        var room = NameMax - 1 - suffix.Length;
        var stem = name;
        while (stem.Length > 0 && Utf8.GetByteCount(stem) > room)
        {
            stem = stem[..^(stem.Length > 1 && char.IsLowSurrogate(stem[^1]) && char.IsHighSurrogate(stem[^2]) ? 2 : 1)];
        }
        return "." + stem + suffix;
    }

    /// <summary>Opens a named pipe for writing without waiting: with no process reading it the open fails (ENXIO), and
    /// the run is refused before any work rather than waiting forever after it.</summary>
    private static void HoldPipe(string path)
    {
        int flags;
        if (OperatingSystem.IsLinux()) flags = 0x1 | 0x800 | 0x80000; // O_WRONLY | O_NONBLOCK | O_CLOEXEC
        else if (OperatingSystem.IsMacOS()) flags = 0x1 | 0x4 | 0x1000000;
        else return;
        int descriptor;
        try
        {
            descriptor = Libc.Open(path, flags);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return;
        }
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            const int noReader = 6; // ENXIO, the same on Linux and macOS
            throw new IOException(error == noReader ? "no process is reading it" : Marshal.GetPInvokeErrorMessage(error), error);
        }
        lock (HeldPipes) HeldPipes.Add(new SafeFileHandle(descriptor, ownsHandle: true));
    }

    private static void ThrowIfStopping()
    {
        if (Volatile.Read(ref Stopping.Value)) throw new IOException("the process is being stopped");
    }

    /// <summary>Keeps <paramref name="process"/> (a program this process started, such as Graphviz's dot) until the returned
    /// scope is disposed, so that <see cref="StopChildren"/> can stop it.</summary>
    internal static IDisposable TrackChild(Process process)
    {
        Children.TryAdd(process, 0);
        return new Scope(() => Children.TryRemove(process, out _));
    }

    /// <summary>Stops every program still running that a copy of this class was told about (<see cref="TrackChild"/>), when
    /// the process is stopped (Ctrl-C, SIGTERM): none is left running with no one waiting for it.</summary>
    public static void StopChildren()
    {
        Volatile.Write(ref Stopping.Value, true);
        foreach (var process in Children.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // it has ended
            }
        }
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
    internal const uint RegularFile = 0x8000; // S_IFREG
    internal const uint Folder = 0x4000; // S_IFDIR
    internal const uint Pipe = 0x1000; // S_IFIFO

    /// <summary>The file type bits (S_IFMT) of <paramref name="path"/>'s <c>st_mode</c>, its links followed, by libc's
    /// <c>stat</c>; null when the file does not exist or cannot be examined, on Windows, and where the layout of
    /// <c>struct stat</c> is not known here.</summary>
    internal static uint? FileType(string path) => Mode(path) is { } mode ? mode & TypeBits : null;

    /// <summary><c>st_mode</c> of <paramref name="path"/> (type and permission bits), its links followed; null as for
    /// <see cref="FileType"/>.</summary>
    internal static uint? Mode(string path) => Status(path)?.Mode;

    /// <summary>What <c>stat</c> says of <paramref name="path"/>, its links followed; null as for <see cref="FileType"/>.</summary>
    internal static FileStatus? Status(string path) => Examine(path, -1);

    /// <summary>What <c>fstat</c> says of the open file <paramref name="descriptor"/> (0 for standard input); null when it is
    /// closed, and as for <see cref="FileType"/>.</summary>
    internal static FileStatus? Status(int descriptor) => Examine(null, descriptor);

    private static FileStatus? Examine(string? path, int descriptor)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                switch (RuntimeInformation.ProcessArchitecture)
                {
                    case Architecture.X64:
                        return (path is null ? Libc.FStat(descriptor, out LinuxX64Stat x64) : Libc.Stat(path, out x64)) == 0
                            ? new FileStatus(x64.Mode, x64.User, x64.Group, x64.Device, x64.Inode) : null;
                    case Architecture.Arm64:
                        return (path is null ? Libc.FStat(descriptor, out LinuxArm64Stat arm64) : Libc.Stat(path, out arm64)) == 0
                            ? new FileStatus(arm64.Mode, arm64.User, arm64.Group, arm64.Device, arm64.Inode) : null;
                }
            }
            else if (OperatingSystem.IsMacOS())
            {
                MacStat mac;
                var x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
                var result = path is null
                    ? (x64 ? Libc.FStatInode64(descriptor, out mac) : Libc.FStat(descriptor, out mac))
                    : (x64 ? Libc.StatInode64(path, out mac) : Libc.Stat(path, out mac));
                return result == 0 ? new FileStatus(mac.Mode, mac.User, mac.Group, (uint)mac.Device, mac.Inode) : null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no libc by that name: as on an unknown platform
        }
        return null;
    }

    /// <summary>The fields of <c>struct stat</c> that are read: the type and permission bits, the owner and group, and the
    /// device and inode numbers, which together name one file.</summary>
    internal readonly record struct FileStatus(uint Mode, uint User, uint Group, ulong Device, ulong Inode)
    {
        /// <summary>The file type bits (S_IFMT).</summary>
        public uint Type => Mode & TypeBits;

        /// <summary>True when both name the same file.</summary>
        public bool SameFile(FileStatus other) => Device == other.Device && Inode == other.Inode;
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

        public static int FStat(int descriptor, out LinuxX64Stat status)
        {
            try
            {
                return FStatX64(descriptor, out status);
            }
            catch (EntryPointNotFoundException)
            {
                return FXStatX64(1, descriptor, out status);
            }
        }

        public static int FStat(int descriptor, out LinuxArm64Stat status)
        {
            try
            {
                return FStatArm64(descriptor, out status);
            }
            catch (EntryPointNotFoundException)
            {
                return FXStatArm64(0, descriptor, out status);
            }
        }

        [LibraryImport("libc", EntryPoint = "fstat")]
        private static partial int FStatX64(int descriptor, out LinuxX64Stat status);

        [LibraryImport("libc", EntryPoint = "__fxstat")]
        private static partial int FXStatX64(int version, int descriptor, out LinuxX64Stat status);

        [LibraryImport("libc", EntryPoint = "fstat")]
        private static partial int FStatArm64(int descriptor, out LinuxArm64Stat status);

        [LibraryImport("libc", EntryPoint = "__fxstat")]
        private static partial int FXStatArm64(int version, int descriptor, out LinuxArm64Stat status);

        [LibraryImport("libc", EntryPoint = "fstat")]
        public static partial int FStat(int descriptor, out MacStat status);

        [LibraryImport("libc", EntryPoint = "fstat$INODE64")]
        public static partial int FStatInode64(int descriptor, out MacStat status);

        /// <summary><c>fsync(2)</c>: flushes a file's content to disk; 0, or -1 with errno.</summary>
        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int FSync(int descriptor);

        /// <summary><c>fchown(2)</c>; -1 (uint.MaxValue) leaves the owner or group as it is.</summary>
        [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
        public static partial int FChown(int descriptor, uint owner, uint group);

        /// <summary><c>open(2)</c> without a mode (no file is created).</summary>
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags);

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
    /// st_nlink (8 bytes each), then st_mode, st_uid and st_gid (4 bytes each).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct LinuxX64Stat
    {
        [FieldOffset(0)] public ulong Device;
        [FieldOffset(8)] public ulong Inode;
        [FieldOffset(24)] public uint Mode;
        [FieldOffset(28)] public uint User;
        [FieldOffset(32)] public uint Group;
    }

    /// <summary>Linux Arm64's <c>struct stat</c> (the kernel's generic layout, which glibc and musl share; 128 bytes): st_dev and
    /// st_ino (8 bytes each), then st_mode, st_nlink, st_uid and st_gid (4 bytes each).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct LinuxArm64Stat
    {
        [FieldOffset(0)] public ulong Device;
        [FieldOffset(8)] public ulong Inode;
        [FieldOffset(16)] public uint Mode;
        [FieldOffset(24)] public uint User;
        [FieldOffset(28)] public uint Group;
    }

    /// <summary>macOS's <c>struct stat</c> with 64-bit inodes (144 bytes): st_dev (4 bytes), st_mode and st_nlink (2 bytes
    /// each), st_ino (8 bytes), st_uid and st_gid (4 bytes each).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct MacStat
    {
        [FieldOffset(0)] public int Device;
        [FieldOffset(4)] public ushort Mode;
        [FieldOffset(8)] public ulong Inode;
        [FieldOffset(16)] public uint User;
        [FieldOffset(20)] public uint Group;
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
