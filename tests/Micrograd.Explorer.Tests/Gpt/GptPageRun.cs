using System.Globalization;
using System.Text.Json;
using Micrograd.Cli;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// A GPT page made as a user makes it, <c>micrograd gpt --data names.txt … --html FILE --log FILE</c> (a small model of 2
/// layers, so that every checkpoint is kept), and the same run trained again here with the library's eager
/// <see cref="Micrograd.NN.Gpt.Gpt"/>, keeping the weights after every step: the reference the page's numbers are compared with.
/// </summary>
public sealed class GptPageRun : IDisposable
{
    public const int Steps = 30;
    public const int Seed = 7;
    public static readonly GptConfig Config = new(layers: 2, embeddingWidth: 8, heads: 2, contextLength: 8);

    private static readonly string[] Names =
    [
        "emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia", "amelia", "harper", "evelyn", "abigail", "emily",
        "elizabeth", "mila", "ella", "avery", "sofia", "camila", "aria", "scarlett", "victoria", "madison", "luna", "grace",
        "chloe", "penelope", "layla", "riley", "zoey", "nora", "lily", "eleanor", "hannah", "lillian", "addison", "aubrey",
        "ellie", "stella", "natalie", "zoe", "leah", "hazel", "violet", "aurora", "savannah", "audrey", "brooklyn", "bella",
    ];

    private readonly TempDirectory _folder = new();

    public GptPageRun()
    {
        var data = _folder.Write("names.txt", string.Join('\n', Names) + "\n");
        Page = _folder.File("run.html");
        var log = _folder.File("run.jsonl");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["gpt", "--data", data, "--layers", "2", "--embd", "8", "--heads", "2", "--block", "8",
            "--steps", Steps.ToString(CultureInfo.InvariantCulture), "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--samples", "1",
            "--html", Page, "--log", log], stdout, stderr);
        Assert.True(code == 0, $"gpt exited {code}:\n{stdout}\n{stderr}");
        Output = stdout.ToString();
        LoggedLosses = [.. File.ReadAllLines(log).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("loss").GetDouble())];

        (Documents, Tokenizer, Weights, Losses) = Train(data, Config, Seed, Steps);
    }

    /// <summary>
    /// microgpt's run of <paramref name="steps"/> steps on the names in <paramref name="data"/>, from the library: shuffle,
    /// weights, Adam, with the eager engine (a graph of Values) as the reference; the shuffled documents, their vocabulary,
    /// the weights after 0, 1, … steps and each step's loss.
    /// </summary>
    public static (List<string> Documents, CharTokenizer Tokenizer, List<double[]> Weights, List<double> Losses) Train(string data, GptConfig config, int seed, int steps)
    {
        var random = new PythonRandom(seed);
        var documents = GptDocuments.Parse(File.ReadAllText(data)).ToList();
        random.Shuffle(documents);
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, random);
        var trainer = new GptTrainer(model, [.. documents.Select(tokenizer.EncodeDocument)], new GptAdam(model.Parameters.Count, 0.01, steps), GptEngine.Eager);
        List<double[]> weights = [[.. model.Parameters.Select(p => p.Data)]];
        List<double> losses = [];
        for (var k = 0; k < steps; k++)
        {
            losses.Add(trainer.Step());
            weights.Add([.. model.Parameters.Select(p => p.Data)]);
        }
        return (documents, tokenizer, weights, losses);
    }

    public string Page { get; }

    public string Output { get; }

    public IReadOnlyList<double> LoggedLosses { get; }

    public IReadOnlyList<string> Documents { get; }

    public CharTokenizer Tokenizer { get; }

    /// <summary>The weights after 0, 1, …, <see cref="Steps"/> steps.</summary>
    public List<double[]> Weights { get; }

    /// <summary>Each step's loss, from the library's run.</summary>
    public List<double> Losses { get; }

    public void Dispose() => _folder.Dispose();
}
