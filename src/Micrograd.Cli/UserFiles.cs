namespace Micrograd.Cli;

/// <summary>
/// Files the user names on the command line: output paths checked before any long work starts, and reads and writes whose
/// file-system failures become one-line <see cref="UsageException"/>s naming the option and the path.
/// </summary>
internal static class UserFiles
{
    /// <summary>Throws unless <paramref name="path"/> (given with <paramref name="option"/>) can be a new or replaced file:
    /// not empty, not a directory, in a directory that exists. A null path (option not given) passes.</summary>
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
        if (Directory.Exists(full)) throw new UsageException($"cannot write {option} '{path}': it is a directory");
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && File.Exists(directory))
            throw new UsageException($"cannot write {option} '{path}': '{directory}' is a file, not a directory");
        if (directory is not null && !Directory.Exists(directory))
            throw new UsageException($"cannot write {option} '{path}': the directory '{directory}' does not exist");
    }

    /// <summary>Runs <paramref name="write"/>, reporting an I/O or permission failure as bad input naming the file.
    /// Check the path first with <see cref="CheckWritable"/>, before the work whose result is written.</summary>
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
        catch (IOException e)
        {
            throw new UsageException($"cannot write {option} '{path}': {e.Message}", e);
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
