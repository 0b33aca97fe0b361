namespace Micrograd.NN.Gpt;

/// <summary>
/// Where each matrix of a <see cref="Gpt"/> lives in one flat array of its parameters (microgpt's <c>params</c> order:
/// <c>wte</c>, <c>wpe</c>, <c>lm_head</c>, then each layer's six matrices), for the compiled engine, the optimizer and
/// model files.
/// </summary>
internal sealed class GptLayout
{
    public GptLayout(GptConfig config, int vocabularySize)
    {
        Config = config;
        Vocabulary = vocabularySize;
        int width = config.EmbeddingWidth, square = width * width;
        TokenEmbedding = 0;
        PositionEmbedding = TokenEmbedding + (vocabularySize * width);
        Head = PositionEmbedding + (config.ContextLength * width);
        var next = Head + (vocabularySize * width);
        Layers = new LayerOffsets[config.Layers];
        for (var l = 0; l < config.Layers; l++)
        {
            Layers[l] = new LayerOffsets(next, next + square, next + (2 * square), next + (3 * square), next + (4 * square), next + (8 * square));
            next += 12 * square;
        }
        Count = next;
    }

    public GptConfig Config { get; }

    public int Vocabulary { get; }

    public int TokenEmbedding { get; }

    public int PositionEmbedding { get; }

    public int Head { get; }

    public LayerOffsets[] Layers { get; }

    /// <summary>The number of parameters.</summary>
    public int Count { get; }

    /// <summary>The offsets of one layer's matrices: three width × width projections and the output one, then the MLP's
    /// 4·width × width and width × 4·width.</summary>
    public readonly record struct LayerOffsets(int Wq, int Wk, int Wv, int Wo, int Fc1, int Fc2);
}
