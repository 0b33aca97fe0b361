namespace Micrograd.NN.Gpt;

/// <summary>
/// One transformer block of a <see cref="Gpt"/>: the attention's query, key, value and output matrices (each width × width,
/// no biases) and the MLP's two matrices (4·width × width, then width × 4·width), as microgpt's
/// <c>layer{i}.attn_wq</c> … <c>layer{i}.mlp_fc2</c>.
/// </summary>
public sealed class GptLayer
{
    internal GptLayer(GptMatrix wq, GptMatrix wk, GptMatrix wv, GptMatrix wo, GptMatrix fc1, GptMatrix fc2)
    {
        Wq = wq;
        Wk = wk;
        Wv = wv;
        Wo = wo;
        Fc1 = fc1;
        Fc2 = fc2;
    }

    /// <summary>The query projection, <c>attn_wq</c>.</summary>
    public GptMatrix Wq { get; }

    /// <summary>The key projection, <c>attn_wk</c>.</summary>
    public GptMatrix Wk { get; }

    /// <summary>The value projection, <c>attn_wv</c>.</summary>
    public GptMatrix Wv { get; }

    /// <summary>The attention's output projection, <c>attn_wo</c>.</summary>
    public GptMatrix Wo { get; }

    /// <summary>The MLP's first matrix, <c>mlp_fc1</c> (4·width rows).</summary>
    public GptMatrix Fc1 { get; }

    /// <summary>The MLP's second matrix, <c>mlp_fc2</c> (4·width columns).</summary>
    public GptMatrix Fc2 { get; }

    /// <summary>The six matrices in microgpt's order.</summary>
    internal IEnumerable<GptMatrix> Matrices => [Wq, Wk, Wv, Wo, Fc1, Fc2];
}
