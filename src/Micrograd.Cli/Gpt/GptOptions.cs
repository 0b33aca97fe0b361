using System.CommandLine;

namespace Micrograd.Cli.Gpt;

/// <summary>The options of <c>micrograd gpt</c>, whose defaults are microgpt.py's. Values are checked while parsing; how they
/// combine is checked by <see cref="GptSettings"/>.</summary>
internal sealed class GptOptions
{
    public const int DefaultSteps = 1000;
    public const int DefaultLayers = 1;
    public const int DefaultEmbeddingWidth = 16;
    public const int DefaultHeads = 4;
    public const int DefaultContext = 16;
    public const double DefaultLearningRate = 0.01;
    public const int DefaultSeed = 42;
    public const int DefaultSamples = 20;
    public const double DefaultTemperature = 0.5;

    public Option<string?> Data { get; } = OptionParsers.File("--data", OptionParsers.WithDefault(
        "The documents: a UTF-8 text file, one document per line (whitespace stripped, blank lines skipped).",
        $"makemore's names.txt, built into the tool: {GptData.BuiltInDocuments:N0} names, MIT licence"));

    public Option<int?> Steps { get; } = OptionParsers.Count("--steps",
        "Training steps, one document each (the documents in turn, shuffled by the seed).", 1, DefaultSteps);

    public Option<int?> Layers { get; } = OptionParsers.Count("--layers", "Transformer blocks (microgpt's n_layer).", 1, DefaultLayers);

    public Option<int?> EmbeddingWidth { get; } = OptionParsers.Count("--embd",
        "Embedding width (microgpt's n_embd): a multiple of --heads.", 1, DefaultEmbeddingWidth);

    public Option<int?> Heads { get; } = OptionParsers.Count("--heads", "Attention heads (microgpt's n_head).", 1, DefaultHeads);

    public Option<int?> Context { get; } = OptionParsers.Count("--block",
        "Context length (microgpt's block_size): the most characters a document is trained on, and a sample's longest.", 1, DefaultContext);

    public Option<double?> LearningRate { get; } = OptionParsers.Number("--lr",
        "Adam's learning rate at the first step; it falls linearly to 0 over the steps.", OptionParsers.Positive, DefaultLearningRate);

    public Option<int?> Seed { get; } = OptionParsers.Count("--seed",
        "Seed of Python's random (bit for bit): the shuffle of the documents, the initial weights, then the samples.", 0, DefaultSeed);

    public Option<int?> Samples { get; } = OptionParsers.Count("--samples", "Names to sample after training.", 1, DefaultSamples);

    public Option<double?> Temperature { get; } = OptionParsers.Number("--temperature",
        "Sampling temperature, above 0: below 1 is more conservative, above 1 more adventurous.", OptionParsers.Positive, DefaultTemperature);

    public Option<string> Engine { get; } = EngineOption();

    public Option<string?> Log { get; } = OptionParsers.File("--log",
        "Write one JSON line per step, {\"step\": k, \"loss\": …, \"lr\": …}, steps numbered from 1: the loss before that step's " +
        "update and the learning rate it used, as round-trip numbers. The file is replaced at the end of the run (or when " +
        "Ctrl-C stops it), never left half-written.");

    public Option<string?> Save { get; } = OptionParsers.File("--save",
        "Write the trained model to this JSON file (its shape, vocabulary and weights), for 'gpt sample --model'.");

    public Option<string?> Html { get; } = OptionParsers.File("--html",
        "Write the GPT page to FILE: one self-contained HTML page (no network needed) of the run: the loss and learning rate " +
        "at every step, names sampled at checkpoints, and any name through the model at a checkpoint (next-character " +
        "probabilities, attention), computed in the page bit for bit as the engine does.");

    public IEnumerable<Option> All => [Data, Steps, Layers, EmbeddingWidth, Heads, Context, LearningRate, Seed, Samples, Temperature, Engine, Log, Save, Html];

    /// <summary>The <c>--engine</c> option, which <c>gpt</c> and <c>gpt sample</c> share.</summary>
    public static Option<string> EngineOption() => OptionParsers.Choice("--engine",
        "How the model computes: compiled runs microgpt's arithmetic as loops over arrays; eager builds a graph of Values for " +
        "every document, as microgpt.py does, many times slower. Both give the same numbers, bit for bit.",
        "compiled", "compiled", "eager");
}
