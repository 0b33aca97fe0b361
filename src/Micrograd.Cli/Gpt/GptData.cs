using System.Text;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Gpt;

/// <summary>
/// The documents of a <c>gpt</c> run: the lines of <c>--data</c>'s file, read as UTF-8 (<see cref="GptDocuments.Parse"/>:
/// whitespace stripped, blank lines skipped), or by default makemore's names.txt, which the tool carries as a resource with
/// its MIT licence (Gpt/names.txt, Gpt/names.LICENSE.txt), so that <c>micrograd gpt</c> needs no file.
/// </summary>
/// <param name="Documents">The documents, in the file's order.</param>
/// <param name="Source">Where they come from, for the run's first line: the path, or makemore's names.txt.</param>
internal sealed record GptData(IReadOnlyList<string> Documents, string Source)
{
    /// <summary>How many names the built-in names.txt has.</summary>
    public const int BuiltInDocuments = 32_033;

    /// <summary>The built-in data's resource.</summary>
    internal const string NamesResource = "Micrograd.Cli.Gpt.names.txt";

    /// <summary>Its licence's resource: makemore's LICENSE, which goes with names.txt wherever it is copied.</summary>
    internal const string LicenseResource = "Micrograd.Cli.Gpt.names.LICENSE.txt";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The documents of <paramref name="path"/>, or the built-in names when it is null.</summary>
    /// <exception cref="UsageException">The file is missing, unreadable, not UTF-8, or has no documents.</exception>
    public static GptData Load(string? path)
    {
        if (path is null) return new GptData(GptDocuments.Parse(Resource(NamesResource)), "makemore's names.txt (built in)");
        var text = UserFiles.Read(path, "--data file", () => ReadUtf8(path));
        var documents = GptDocuments.Parse(text);
        if (documents.Count == 0) throw new UsageException($"--data file '{path}' has no documents: every line of it is blank.");
        return new GptData(documents, path);
    }

    /// <summary>The bytes of <paramref name="path"/> when it is a regular file (the estimate of what reading it takes); else 0.</summary>
    public static long FileLength(string? path)
    {
        try
        {
            return path is not null && File.Exists(path) ? new FileInfo(path).Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0; // reported when it is read
        }
    }

    /// <summary>A text resource of the tool.</summary>
    internal static string Resource(string name)
    {
        using var stream = typeof(GptData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The tool was built without its resource {name}.");
        using var reader = new StreamReader(stream, StrictUtf8);
        return reader.ReadToEnd();
    }

    private static string ReadUtf8(string path)
    {
        try
        {
            return File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException e)
        {
            var bytes = e.BytesUnknown is { Length: > 0 } unknown ? $" (such as {string.Join(' ', unknown.Select(b => $"0x{b:X2}"))})" : "";
            throw new FormatException($"--data file '{path}' is not UTF-8 text: it has bytes that UTF-8 does not allow{bytes}.", e);
        }
    }
}
