namespace Micrograd.Cli;

/// <summary>Writes a file the user named, turning any failure into a one-line <see cref="UsageException"/>.</summary>
internal static class OutputFile
{
    /// <summary>Fails early, before any work, when <paramref name="path"/> cannot be a file: its directory is missing or it is a directory.</summary>
    public static void Check(string path, string option)
    {
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

    /// <summary>Runs <paramref name="write"/>, reporting an I/O or permission failure as bad input naming the file.</summary>
    public static void Write(string path, string option, Action write)
    {
        Check(path, option);
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
}
