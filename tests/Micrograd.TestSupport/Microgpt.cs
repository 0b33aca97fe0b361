using System.Text.Json;

namespace Micrograd.Tests.Support;

/// <summary>
/// microgpt.py's default run under CPython (the reference copied from the shared reference data into
/// tests/Micrograd.Tests/Fixtures/microgpt/), and its data set, the tool's embedded names.txt.
/// </summary>
public static class Microgpt
{
    private static readonly Lazy<Run> s_run = new(LoadRun);
    private static readonly Lazy<IReadOnlyDictionary<string, double[][]>> s_init = new(LoadInit);

    /// <summary>makemore's names.txt, as the tool embeds it.</summary>
    public static string NamesPath => Repository.File("src/Micrograd.Cli/Gpt/names.txt");

    /// <summary>microgpt's documents, in file order: <c>[l.strip() for l in text.strip().split('\n') if l.strip()]</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        File.ReadAllText(NamesPath).Trim().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    /// <summary>The default run: 1,000 losses (as Python's repr parses back), the 20 samples, the first 20 shuffled names.</summary>
    public static Run Default => s_run.Value;

    /// <summary>The initial weights of the default run, by state_dict name.</summary>
    public static IReadOnlyDictionary<string, double[][]> InitialWeights => s_init.Value;

    public sealed record Run(int Documents, int VocabularySize, int Parameters, string[] FirstDocuments, double[] Losses, string[] Samples);

    private static string FixturePath(string name) => Repository.File("tests/Micrograd.Tests/Fixtures/microgpt/" + name);

    private static Run LoadRun()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePath("run_default.json")));
        var root = doc.RootElement;
        return new Run(
            root.GetProperty("num_docs").GetInt32(),
            root.GetProperty("vocab_size").GetInt32(),
            root.GetProperty("num_params").GetInt32(),
            [.. root.GetProperty("first_docs").EnumerateArray().Select(e => e.GetString()!)],
            [.. root.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble())],
            [.. root.GetProperty("samples").EnumerateArray().Select(e => e.GetString()!)]);
    }

    private static Dictionary<string, double[][]> LoadInit()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePath("init_default.json")));
        var init = doc.RootElement.GetProperty("init");
        return init.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray());
    }
}
