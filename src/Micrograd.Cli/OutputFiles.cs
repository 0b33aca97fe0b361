namespace Micrograd.Cli;

/// <summary>Checks output paths before long work starts, and turns file-system failures into one-line usage errors.</summary>
internal static class OutputFiles
{
    /// <summary>Throws a <see cref="UsageException"/> unless <paramref name="path"/> names a file in an existing folder.</summary>
    public static void CheckWritable(string? path, string option)
    {
        if (path is null) return;
        if (path.Trim().Length == 0) throw new UsageException($"{option} needs a file name.");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UsageException($"cannot write {option} file '{path}': it is a folder.");
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && File.Exists(folder))
            throw new UsageException($"cannot write {option} file '{path}': '{folder}' is a file, not a folder.");
        if (folder is not null && !Directory.Exists(folder))
            throw new UsageException($"cannot write {option} file '{path}': folder '{folder}' does not exist.");
    }

    /// <summary>Runs a write, reporting an I/O failure as a <see cref="UsageException"/> that names the file.</summary>
    public static void Write(string path, string what, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {what} '{path}': {e.Message}", e);
        }
    }

    /// <summary>Runs a read, reporting a missing or unreadable file as a <see cref="UsageException"/>, and a malformed one with its message.</summary>
    public static T Read<T>(string path, string what, Func<T> read)
    {
        if (path.Trim().Length == 0) throw new UsageException($"no {what} given: the path is empty.");
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
    }
}
