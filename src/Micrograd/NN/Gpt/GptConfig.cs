namespace Micrograd.NN.Gpt;

/// <summary>
/// The shape of a <see cref="Gpt"/>: how many transformer blocks, the embedding width, the number of attention heads
/// and the context length (the most positions a document is trained on, microgpt's <c>block_size</c>). The defaults are
/// microgpt's: 1 layer, width 16, 4 heads, context 16.
/// </summary>
public sealed class GptConfig
{
    /// <summary>A configuration.</summary>
    /// <param name="layers">The number of transformer blocks; at least 1.</param>
    /// <param name="embeddingWidth">The width of the embeddings and of the residual stream; at least 1 and a multiple of
    /// <paramref name="heads"/>.</param>
    /// <param name="heads">The number of attention heads; at least 1.</param>
    /// <param name="contextLength">The number of positions; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is below 1, or the heads do not divide the width.</exception>
    public GptConfig(int layers = 1, int embeddingWidth = 16, int heads = 4, int contextLength = 16)
    {
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, "A GPT needs at least 1 layer.");
        if (embeddingWidth < 1) throw new ArgumentOutOfRangeException(nameof(embeddingWidth), embeddingWidth, "The embedding width must be at least 1.");
        if (heads < 1) throw new ArgumentOutOfRangeException(nameof(heads), heads, "A GPT needs at least 1 attention head.");
        if (contextLength < 1) throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength, "The context length must be at least 1.");
        if (embeddingWidth % heads != 0)
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"The embedding width ({embeddingWidth}) must be a multiple of the number of heads ({heads}).");
        Layers = layers;
        EmbeddingWidth = embeddingWidth;
        Heads = heads;
        ContextLength = contextLength;
    }

    /// <summary>The number of transformer blocks (microgpt's <c>n_layer</c>).</summary>
    public int Layers { get; }

    /// <summary>The embedding width (microgpt's <c>n_embd</c>).</summary>
    public int EmbeddingWidth { get; }

    /// <summary>The number of attention heads (microgpt's <c>n_head</c>).</summary>
    public int Heads { get; }

    /// <summary>The context length (microgpt's <c>block_size</c>).</summary>
    public int ContextLength { get; }

    /// <summary>The width of each head, <see cref="EmbeddingWidth"/> / <see cref="Heads"/> (microgpt's <c>head_dim</c>).</summary>
    public int HeadWidth => EmbeddingWidth / Heads;

    /// <summary>How many parameters a model of this shape has over <paramref name="vocabularySize"/> tokens:
    /// <c>(2·vocabulary + context)·width + layers·12·width²</c>, 4,192 for microgpt's defaults over 27 tokens.</summary>
    /// <param name="vocabularySize">The number of tokens, at least 1.</param>
    /// <returns>The count, as a <see cref="long"/> (a large shape can pass <see cref="int.MaxValue"/>).</returns>
    public long ParameterCount(int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        long width = EmbeddingWidth;
        return ((2L * vocabularySize) + ContextLength) * width + (Layers * 12L * width * width);
    }
}
