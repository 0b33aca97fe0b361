using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Micrograd.Graphs;

/// <summary>
/// Renders DOT text (from <see cref="DotWriter"/>) to SVG, PNG or PDF by running Graphviz's <c>dot</c> program, which must
/// be installed separately (Debian/Ubuntu: <c>sudo apt-get install graphviz</c>; macOS: <c>brew install graphviz</c>).
/// </summary>
/// <remarks>
/// The DOT text is piped to <c>dot</c> and the picture read back, with both output streams read asynchronously, so a
/// large picture or a chatty <c>dot</c> never blocks; a <c>dot</c> that runs past <see cref="GraphvizOptions.Timeout"/> is stopped.
/// </remarks>
public static class Graphviz
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Looks for the <c>dot</c> executable: <see cref="GraphvizOptions.DotPath"/> when set, else each directory of the search path in order.</summary>
    /// <param name="options">Where to look; the PATH environment variable when null.</param>
    /// <returns>The full path of <c>dot</c>, or null when it was not found.</returns>
    public static string? FindDot(GraphvizOptions? options = null)
    {
        options ??= new GraphvizOptions();
        if (options.DotPath is { } explicitPath) return IsExecutable(explicitPath) ? Path.GetFullPath(explicitPath) : null;

        var name = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        var search = options.SearchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in search.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = Path.Combine(directory.Trim('"'), name);
            if (IsExecutable(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>True when <see cref="FindDot"/> finds <c>dot</c>.</summary>
    /// <param name="options">Where to look; the PATH environment variable when null.</param>
    /// <returns>Whether pictures can be rendered.</returns>
    public static bool IsAvailable(GraphvizOptions? options = null) => FindDot(options) is not null;

    /// <summary>Renders DOT text to a picture in memory.</summary>
    /// <param name="dot">DOT text, such as <see cref="DotWriter.Write(Value, DotOptions?)"/> returns.</param>
    /// <param name="format">The picture format.</param>
    /// <param name="options">Where to find <c>dot</c> and how long to wait; defaults when null.</param>
    /// <returns>The picture's bytes (for SVG, UTF-8 text).</returns>
    /// <exception cref="GraphvizNotFoundException"><c>dot</c> was not found; the message says how to install Graphviz.</exception>
    /// <exception cref="GraphvizException"><c>dot</c> failed or timed out; the message includes its standard error.</exception>
    public static byte[] Render(string dot, GraphFormat format, GraphvizOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dot);
        options ??= new GraphvizOptions();
        var exe = FindDot(options) ?? throw NotFound(options, format, null, null);
        return Run(exe, dot, FormatName(format), options.Timeout);
    }

    /// <summary>
    /// Renders DOT text to a picture file. When rendering is impossible (<c>dot</c> is missing or fails), the DOT text is
    /// written next to <paramref name="path"/> instead, with the extension <c>.dot</c>, and the exception names that file
    /// (and says when it replaced one that was there). Each file is replaced at once (a temporary file in its folder renamed
    /// over it), so it is never left half-written, and a failed write leaves the old file as it was.
    /// </summary>
    /// <param name="dot">DOT text, such as <see cref="DotWriter.Write(Value, DotOptions?)"/> returns.</param>
    /// <param name="path">The picture file to write; it is replaced if it exists (a symbolic link: the file it points to).</param>
    /// <param name="format">The picture format (independent of the file's extension).</param>
    /// <param name="options">Where to find <c>dot</c> and how long to wait; defaults when null.</param>
    /// <exception cref="GraphvizNotFoundException"><c>dot</c> was not found; the message says how to install Graphviz and where the DOT text was written.</exception>
    /// <exception cref="GraphvizException"><c>dot</c> failed or timed out; the message includes its standard error and where the DOT text was written.</exception>
    /// <exception cref="IOException">A file could not be written (for example, its directory does not exist).</exception>
    /// <exception cref="UnauthorizedAccessException">A file could not be written for lack of permission.</exception>
    public static void RenderToFile(string dot, string path, GraphFormat format, GraphvizOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dot);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new GraphvizOptions();

        var exe = FindDot(options);
        if (exe is null)
        {
            var dotFile = DotFileFor(path);
            var replaced = File.Exists(dotFile);
            AtomicFile.WriteAllText(dotFile, dot);
            throw NotFound(options, format, dotFile, path, replaced);
        }

        byte[] picture;
        try
        {
            picture = Run(exe, dot, FormatName(format), options.Timeout);
        }
        catch (GraphvizException e)
        {
            var dotFile = DotFileFor(path);
            var replaced = File.Exists(dotFile);
            AtomicFile.WriteAllText(dotFile, dot);
            throw new GraphvizException($"{e.Message}; the DOT text was written to '{dotFile}'{(replaced ? ", replacing the file that was there" : "")}", e.ExitCode, e.StandardError, e);
        }
        AtomicFile.WriteAllBytes(path, picture);
    }

    /// <summary>The <c>-T</c> argument of <c>dot</c> for a format.</summary>
    /// <param name="format">The format.</param>
    /// <returns><c>svg</c>, <c>png</c> or <c>pdf</c>.</returns>
    public static string FormatName(GraphFormat format) => format switch
    {
        GraphFormat.Svg => "svg",
        GraphFormat.Png => "png",
        GraphFormat.Pdf => "pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a picture format"),
    };

    /// <summary>Where <see cref="RenderToFile"/> writes the DOT text when it cannot render: the path with the extension <c>.dot</c>.</summary>
    /// <param name="path">The picture file that was asked for.</param>
    /// <returns>The DOT file's path.</returns>
    public static string DotFileFor(string path) =>
        string.Equals(Path.GetExtension(path), ".dot", StringComparison.OrdinalIgnoreCase) ? path + ".dot" : Path.ChangeExtension(path, ".dot");

    /// <summary>Runs <c>dot -T<paramref name="format"/></c> on the text and returns its standard output.</summary>
    internal static byte[] Run(string exe, string dot, string format, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardInputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        start.ArgumentList.Add("-T" + format);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GraphvizException($"Graphviz's 'dot' at '{exe}' could not be started");
        }
        catch (Win32Exception e)
        {
            throw new GraphvizException($"Graphviz's 'dot' at '{exe}' could not be started: {e.Message}", inner: e);
        }

        using (process)
        using (AtomicFile.TrackChild(process)) // a stopped tool stops its dot too
        {
            var output = new MemoryStream();
            var readOutput = process.StandardOutput.BaseStream.CopyToAsync(output);
            var readError = process.StandardError.ReadToEndAsync();
            var writeInput = Task.Run(() =>
            {
                try
                {
                    process.StandardInput.Write(dot);
                    process.StandardInput.Close();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // dot exited before reading everything; its exit code and standard error say why.
                }
            });

            if (!process.WaitForExit(timeout) || !Task.WaitAll([readOutput, readError, writeInput], timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is InvalidOperationException or Win32Exception)
                {
                    // It exited meanwhile.
                }
                throw new GraphvizException(string.Create(CultureInfo.InvariantCulture,
                    $"Graphviz's 'dot' did not finish within {timeout.TotalSeconds:0.#} s and was stopped; a large or wide graph lays out faster with fewer nodes drawn (DotOptions.MaxNodes, the tool's --max-nodes)"));
            }

            var error = readError.Result;
            if (process.ExitCode != 0)
            {
                throw new GraphvizException(string.Create(CultureInfo.InvariantCulture,
                    $"Graphviz's 'dot' failed with exit code {process.ExitCode}: {OneLine(error)}"), process.ExitCode, error);
            }
            return output.ToArray();
        }
    }

    private static GraphvizNotFoundException NotFound(GraphvizOptions options, GraphFormat format, string? dotFile, string? path, bool replaced = false)
    {
        var where = options.DotPath is { } p ? $"Graphviz's 'dot' was not found at '{p}'" : "Graphviz's 'dot' was not found on PATH";
        var message = $"{where}; {GraphvizNotFoundException.InstallHint}";
        if (dotFile is not null)
        {
            message += $". The DOT text was written to '{dotFile}'{(replaced ? ", replacing the file that was there" : "")}; render it later with: dot -T{FormatName(format)} \"{dotFile}\" -o \"{path}\"";
        }
        return new GraphvizNotFoundException(message, dotFile);
    }

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var joined = lines.Length == 0 ? "(it wrote nothing to its standard error)" : string.Join(" / ", lines);
        return joined.Length <= 1000 ? joined : joined[..1000] + "…";
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
