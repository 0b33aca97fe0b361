using Micrograd.Cli.Io;

namespace Micrograd.Cli;

/// <summary>
/// Files the user names on the command line. Outputs are checked before any work (a valid path in an existing folder
/// where a new file can be created, and not the same file as an input or another output) and written through
/// <see cref="AtomicFile"/>: a temporary file in the same folder renamed over the target, so a failure never leaves a
/// half-written file and the old one stays as it was. File-system failures become one-line <see cref="UsageException"/>s
/// naming the option and the path.
/// </summary>
internal static partial class UserFiles
{
    /// <summary>The name <c>--expr-file</c> takes for standard input; as an input of <see cref="CheckDistinct"/>, the file
    /// standard input reads (by <c>fstat</c> of descriptor 0), when it is one.</summary>
    public const string StandardInput = "-";

    /// <summary>Throws when <paramref name="path"/> holds U+FFFD, which the runtime puts for each byte of an argument that is
    /// not UTF-8: the file it names is not the one that was typed, and two such names would be the same file.</summary>
    public static void CheckName(string path, string what, bool output)
    {
        if (path.Contains('\uFFFD', StringComparison.Ordinal))
            throw new UsageException($"cannot {(output ? "write" : "read")} {what} '{path}': the name is not valid UTF-8 (or holds U+FFFD, which stands for bytes that are not); rename the file");
    }

    /// <summary>Throws unless <paramref name="path"/> (given with <paramref name="option"/>) can be a new or replaced file:
    /// not empty, not a directory, in a directory that exists, where a new file can be created (tried with a temporary
    /// file, deleted at once). A null path (option not given) passes.</summary>
    public static void CheckWritable(string? path, string option)
    {
        if (path is null) return;
        if (path.Trim().Length == 0) throw new UsageException($"cannot write {option} '{path}': the path is empty");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"cannot write {option} '{path}': {e.Message}", e);
        }
        CheckName(path, option, output: true);
        if (IsLinkLoop(full)) throw new UsageException($"cannot write {option} '{path}': it is a loop of symbolic links");
        if (Directory.Exists(full)) throw new UsageException($"cannot write {option} '{path}': it is a directory");
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && File.Exists(directory))
            throw new UsageException($"cannot write {option} '{path}': '{directory}' is a file, not a directory");
        if (directory is not null && !Directory.Exists(directory))
            throw new UsageException($"cannot write {option} '{path}': the directory '{directory}' does not exist");
        Write(path, option, () => AtomicFile.CheckCanCreate(path));
    }

    /// <summary>
    /// Throws when an output is the same file as an input or as an earlier output, after resolving symbolic links (of the
    /// file and of its folders) and <c>..</c>. An output may be the same file as an input when <paramref name="replaces"/>
    /// allows it (continuing training: <c>--init m.json --save m.json</c>).
    /// </summary>
    /// <param name="inputs">Each input's option and path; null paths are skipped.</param>
    /// <param name="outputs">Each output's option and path; null paths are skipped.</param>
    /// <param name="replaces">Whether an output option may replace an input option's file.</param>
    public static void CheckDistinct(IEnumerable<(string Option, string? Path)> inputs, IEnumerable<(string Option, string? Path)> outputs,
        Func<string, string, bool>? replaces = null)
    {
        var seen = inputs.Select(i => (i.Option, Key: KeyOf(i.Path), Input: true)).Where(i => i.Key is not null).ToList();
        foreach (var (option, path) in outputs)
        {
            if (KeyOf(path) is not { } key) continue;
            foreach (var other in seen)
            {
                if (!key.Same(other.Key!) || (other.Input && replaces?.Invoke(option, other.Option) == true)) continue;
                throw new UsageException(other.Input
                    ? $"{option} '{path}' is the same file as {other.Option}: writing it would destroy the input; choose another file"
                    : $"{option} '{path}' is the same file as {other.Option}: each output needs its own file");
            }
            seen.Add((option, key, false));
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>, replacing it at once.</summary>
    public static void WriteText(string path, string option, string text) => Write(path, option, () => AtomicFile.WriteAllText(path, text));

    /// <summary>Runs <paramref name="write"/> (which writes through <see cref="AtomicFile"/>), reporting an I/O or permission
    /// failure as bad input naming the file. Check the path first with <see cref="CheckWritable"/>, before the work whose
    /// result is written.</summary>
    public static void Write(string path, string option, Action write)
    {
        try
        {
            write();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"cannot write {option} '{path}': permission denied", e);
        }
        catch (IOException e) when (e is not OutputClosedException && IsStandardOutput(path) && StandardOutput.ReaderGone())
        {
            // /dev/stdout whose reader has gone (--log /dev/stdout | head): as standard output ends, silently
            throw new OutputClosedException(e);
        }
        catch (IOException e) when (e is not OutputClosedException)
        {
            throw new UsageException($"cannot write {option} '{path}': {WithoutTemporaryName(e.Message, path)}", e);
        }
    }

    /// <summary>
    /// An error message with the hidden temporary file that a write goes through (a dot file next to the target, renamed
    /// over it at the end) named as the user's file: the user never asked for the temporary one.
    /// </summary>
    internal static string WithoutTemporaryName(string message, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return QuotedPath().Replace(message, m =>
        {
            var quoted = m.Groups[1].Value;
            if (quoted.Length == 0 || quoted == path) return m.Value;
            try
            {
                var hidden = Path.GetFileName(quoted).StartsWith('.') && Path.GetDirectoryName(Path.GetFullPath(quoted)) == folder;
                return hidden ? $"'{path}'" : m.Value;
            }
            catch (ArgumentException)
            {
                return m.Value;
            }
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^'\\n]*)'")]
    private static partial System.Text.RegularExpressions.Regex QuotedPath();

    /// <summary>Runs a read, reporting a missing or unreadable file as a <see cref="UsageException"/>, and a malformed one with its message.</summary>
    public static T Read<T>(string path, string what, Func<T> read)
    {
        if (path.Trim().Length == 0) throw new UsageException($"no {what} given: the path is empty.");
        CheckName(path, what, output: false);
        if (Directory.Exists(path)) throw new UsageException($"cannot read {what} '{path}': it is a directory.");
        try
        {
            return read();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{what} '{path}' does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {what} '{path}': {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (OutOfMemoryException e)
        {
            // the file is the cause, not the run's sizes: an endless one (/dev/zero) or one far too large
            var size = File.Exists(path) && new FileInfo(path).Length is > 0 and var length
                ? $"it is {Train.MemoryEstimate.Format(length)}, more than can be read into the memory available"
                : "it is endless or larger than the memory available";
            throw new UsageException($"out of memory: reading {what} '{path}': {size}", e);
        }
    }

    /// <summary>The path with every symbolic link along it resolved, as realpath(3) gives it (a missing file: its folder resolved).</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var resolved = root;
        var hops = 0;
        var parts = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        while (parts.TryDequeue(out var part))
        {
            var next = Path.Combine(resolved, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target && hops++ < 64)
            {
                // the link's target replaces it, and is itself resolved part by part
                var absolute = Path.GetFullPath(target, resolved);
                var rest = parts.ToArray();
                var targetRoot = Path.GetPathRoot(absolute) ?? "";
                parts = new Queue<string>(absolute[targetRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                resolved = targetRoot;
                continue;
            }
            resolved = next;
        }
        return resolved;
    }

    /// <summary>True when <paramref name="path"/> and <paramref name="other"/> name the same file (after links, or as one
    /// file with two names); <paramref name="other"/> may be <see cref="StandardInput"/>.</summary>
    public static bool SameFile(string path, string other) =>
        KeyOf(path) is { } a && KeyOf(other) is { } b && a.Same(b);

    /// <summary>True when <paramref name="path"/> names the process's standard output (<c>/dev/stdout</c>, say).</summary>
    public static bool IsStandardOutput(string path) =>
        AtomicFile.Status(path) is { } file && AtomicFile.Status(1) is { } stdout && file.SameFile(stdout);

    /// <summary>What names a file: its real path, and its device and inode numbers when it exists (standard input has only
    /// those, when it is a file).</summary>
    private sealed record Key(string? Path, AtomicFile.FileStatus? Status)
    {
        public bool Same(Key other) =>
            (Path is not null && SamePath(Path, other.Path)) ||
            (Status is { } a && other.Status is { } b && a.SameFile(b));
    }

    /// <summary>The key of a named file; null for none, or for a path that is not valid (refused when it is used).</summary>
    private static Key? KeyOf(string? path)
    {
        if (path is null || path.Trim().Length == 0) return null;
        if (path == StandardInput)
        {
            // what a shell redirected to standard input (< e.txt): only a file can be replaced
            return AtomicFile.Status(0) is { Type: AtomicFile.RegularFile } input ? new Key(null, input) : null;
        }
        try
        {
            var real = RealPath(path);
            return new Key(real, AtomicFile.Status(real) is { Type: AtomicFile.RegularFile } status ? status : null);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="full"/> is a symbolic link whose links never end in a file (a loop, or too many).</summary>
    private static bool IsLinkLoop(string full)
    {
        try
        {
            if (new FileInfo(full).LinkTarget is null) return false;
            File.ResolveLinkTarget(full, returnFinalTarget: true);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static bool SamePath(string a, string? b) =>
        string.Equals(a, b, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
