using System.Globalization;
using Micrograd.Cli.Train;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Gpt;

/// <summary>
/// How much memory a <c>gpt</c> run needs, estimated from the model's shape, the vocabulary, the documents and the engine
/// before anything is built, so that a run too large for the machine is refused at once (with the estimate) rather than
/// failing, or being killed, later. The figures are rough: GptMemoryEstimateTests holds them within a factor of 3 of what
/// runs allocate.
/// </summary>
/// <param name="Parameters">The model's parameters.</param>
/// <param name="Nodes">The graph nodes of the largest step (the eager engine's; 0 for the compiled engine, which builds none).</param>
/// <param name="Bytes">The bytes alive at the peak.</param>
internal readonly record struct GptMemoryEstimate(long Parameters, long Nodes, long Bytes)
{
    /// <summary>A parameter's <see cref="Value"/>: its node, its label (<c>wte[3][5]</c>), its places in its matrix's row and in
    /// the parameter list.</summary>
    internal const long BytesPerValue = 160;

    /// <summary>A document: its string, its tokens' array, and their places in the lists.</summary>
    internal const long BytesPerDocument = 100;

    /// <summary>A character of the documents: in the text read, in its document, as a token.</summary>
    internal const long BytesPerCharacter = 12;

    /// <summary>A parameter in a saved model's JSON while it is written (UTF-8 bytes, the growing buffer, the text).</summary>
    internal const long BytesPerSavedParameter = 150;

    /// <summary>The estimate for a run of <paramref name="config"/> over <paramref name="vocabulary"/> tokens.</summary>
    /// <param name="config">The model's shape.</param>
    /// <param name="vocabulary">The tokens: the documents' distinct characters and BOS.</param>
    /// <param name="documents">The documents.</param>
    /// <param name="characters">Their characters, all together.</param>
    /// <param name="longest">The longest document's characters (its step has the most positions).</param>
    /// <param name="engine">How the model computes.</param>
    /// <param name="save">Whether the model is saved (its JSON is built in memory).</param>
    public static GptMemoryEstimate Of(GptConfig config, int vocabulary, int documents, long characters, int longest, GptEngine engine, bool save)
    {
        // in doubles, so that absurd shapes (10^11 weights) do not overflow
        double layers = config.Layers, width = config.EmbeddingWidth, heads = config.Heads, context = config.ContextLength, tokens = vocabulary;
        var parameters = ((2 * tokens) + context) * width + (12 * layers * width * width);
        // a step runs over one document's positions: BOS and its characters, at most the context
        var positions = Math.Min(context, longest + 1.0);

        double nodes = 0, bytes;
        if (engine == GptEngine.Compiled)
        {
            // the Values, then for each parameter the trainer's and the sampler's kernels' numbers and gradients and Adam's m, v
            // and scratch; each kernel keeps a position's activations for the whole context: per layer 10 vectors of the width,
            // 2 of the MLP's 4·width, 2 of attention weights per head over the context; per position, the logits' exponentials
            bytes = (BytesPerValue + 7 * 8) * parameters;
            bytes += 2 * 8 * (context * layers * ((26 * width) + (2 * heads * context)) + context * ((2 * width) + tokens + 4));
        }
        else
        {
            // the whole graph of a step: at each position, per layer the four width×width and two MLP matrices' products and
            // sums (12·width²), the norms, residuals and activations (~18·width), and attention to every earlier position
            // (per position attended: 2·width products and sums, ~9 nodes of softmax per head); then the output projection and
            // the softmax over the vocabulary and the loss
            nodes = positions * ((layers * ((12 * width * width) + (18 * width) + 10)) + (tokens * (width + 7)) + (3 * width) + 10)
                    + (layers * positions * (positions + 1) / 2 * ((2 * width) + (9 * heads)));
            bytes = (BytesPerValue + 5 * 8) * parameters + MemoryEstimate.BytesPerEagerNode * nodes;
        }
        bytes += MemoryEstimate.BaseBytes + (BytesPerDocument * (double)documents) + (BytesPerCharacter * (double)characters);
        if (save) bytes += BytesPerSavedParameter * parameters;
        return new GptMemoryEstimate(Saturate(parameters), Saturate(nodes), Saturate(bytes));
    }

    /// <summary>Refuses, with an <c>out of memory</c> <see cref="UsageException"/>, a run whose estimate exceeds what is available.</summary>
    public void Check()
    {
        var available = MemoryEstimate.Available();
        if (available is null || Bytes <= available) return;
        var eager = Nodes > 0;
        var nodes = eager ? string.Create(CultureInfo.InvariantCulture, $", {Nodes:N0} graph nodes a step") : "";
        var (needed, free) = MemoryEstimate.Format(Bytes, available.Value);
        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
            $"out of memory: this run needs about {needed} ({Parameters:N0} parameters{nodes}) but {free} is available; " +
            $"try a smaller --embd or --block, or fewer --layers{(eager ? ", or --engine compiled" : "")}"));
    }

    /// <summary>Refuses a data file too large to read, before reading it.</summary>
    /// <param name="fileBytes">The file's length (each byte is at most one character).</param>
    public static void CheckData(long fileBytes)
    {
        var bytes = MemoryEstimate.BaseBytes + ((double)BytesPerCharacter + BytesPerDocument / 4.0) * fileBytes;
        var available = MemoryEstimate.Available();
        if (available is null || bytes <= available) return;
        var (needed, free) = MemoryEstimate.Format(Saturate(bytes), available.Value);
        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
            $"out of memory: reading the --data file ({MemoryEstimate.Format(fileBytes)}) needs about {needed} but {free} is available"));
    }

    private static long Saturate(double x) => x >= long.MaxValue ? long.MaxValue : (long)x;
}
