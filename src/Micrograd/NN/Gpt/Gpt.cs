namespace Micrograd.NN.Gpt;

/// <summary>
/// microgpt's GPT, made of <see cref="Value"/>s: token and position embeddings (<c>wte</c>, <c>wpe</c>), an RMSNorm, then
/// <see cref="GptConfig.Layers"/> pre-norm residual blocks (causal multi-head attention, then a ReLU MLP of width
/// 4·<see cref="GptConfig.EmbeddingWidth"/>), then the output projection <c>lm_head</c>. No biases, no learned gains.
/// </summary>
/// <remarks>
/// <para><see cref="Forward"/> runs one position at a time, as microgpt does, appending that position's keys and values to a
/// <see cref="GptKeyValueCache"/> and attending to every position so far. <see cref="Loss"/> builds a whole document's loss.
/// Every operation is microgpt.py's, in its order (see <see cref="GptFunctions"/>), so a loss and its gradients are
/// microgpt's to the last bit.</para>
/// <para>Parameters are labelled <c>wte[3][5]</c>, <c>layer0.attn_wq[0][1]</c> and so on, for graph pictures.</para>
/// </remarks>
public sealed class Gpt : Module
{
    private readonly GptMatrix[] _matrices;
    private readonly GptLayer[] _layers;
    private readonly Value[] _parameters;
    private readonly double _attentionScale;

    /// <summary>A model whose parameter <c>[row][column]</c> of each matrix is <paramref name="initial"/>(matrix name, row,
    /// column), called in microgpt's order: <c>wte</c>, <c>wpe</c>, <c>lm_head</c>, then each layer's <c>attn_wq</c>,
    /// <c>attn_wk</c>, <c>attn_wv</c>, <c>attn_wo</c>, <c>mlp_fc1</c>, <c>mlp_fc2</c>; row by row, column by column.</summary>
    /// <param name="config">The shape.</param>
    /// <param name="vocabularySize">The number of tokens (characters and BOS); at least 1.</param>
    /// <param name="initial">The initial value of each parameter; any double.</param>
    /// <exception cref="ArgumentOutOfRangeException">The vocabulary is empty, or the model would have more than
    /// <see cref="int.MaxValue"/> parameters.</exception>
    public Gpt(GptConfig config, int vocabularySize, Func<string, int, int, double> initial)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        if (config.ParameterCount(vocabularySize) > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(config), config, $"A model of this shape would have {config.ParameterCount(vocabularySize)} parameters, more than an array can hold.");
        Config = config;
        VocabularySize = vocabularySize;
        int width = config.EmbeddingWidth, hidden = 4 * width;
        GptMatrix Matrix(string name, int rows, int columns) => GptMatrix.Create(name, rows, columns, (r, c) => initial(name, r, c));

        var matrices = new List<GptMatrix> { Matrix("wte", vocabularySize, width), Matrix("wpe", config.ContextLength, width), Matrix("lm_head", vocabularySize, width) };
        _layers = new GptLayer[config.Layers];
        for (var i = 0; i < config.Layers; i++)
        {
            _layers[i] = new GptLayer(
                Matrix($"layer{i}.attn_wq", width, width), Matrix($"layer{i}.attn_wk", width, width), Matrix($"layer{i}.attn_wv", width, width),
                Matrix($"layer{i}.attn_wo", width, width), Matrix($"layer{i}.mlp_fc1", hidden, width), Matrix($"layer{i}.mlp_fc2", width, hidden));
            matrices.AddRange(_layers[i].Matrices);
        }
        _matrices = [.. matrices];
        _parameters = [.. _matrices.SelectMany(m => m.Parameters)];
        // microgpt divides each attention score by head_dim ** 0.5, which its Value computes as a product with (head_dim ** 0.5) ** -1.
        _attentionScale = Math.Pow(Math.Pow(config.HeadWidth, 0.5), -1);
    }

    /// <summary>A model initialized as microgpt initializes it: every parameter drawn from
    /// <see cref="PythonRandom.Gauss"/>(0, <paramref name="standardDeviation"/>) in the order of the constructor, so that a
    /// generator seeded as microgpt's (and shuffled its documents first) gives microgpt's initial weights.</summary>
    /// <param name="config">The shape.</param>
    /// <param name="vocabularySize">The number of tokens; at least 1.</param>
    /// <param name="random">The generator; it advances by one draw per parameter.</param>
    /// <param name="standardDeviation">The spread of the initial weights, 0.08 by default, as microgpt's; finite.</param>
    /// <returns>A new model.</returns>
    public static Gpt Create(GptConfig config, int vocabularySize, PythonRandom random, double standardDeviation = 0.08)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(standardDeviation)) throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite.");
        return new Gpt(config, vocabularySize, (_, _, _) => random.Gauss(0, standardDeviation));
    }

    /// <summary>The shape.</summary>
    public GptConfig Config { get; }

    /// <summary>The number of tokens the model reads and predicts.</summary>
    public int VocabularySize { get; }

    /// <summary>The token embeddings, <c>wte</c>: one row per token.</summary>
    public GptMatrix TokenEmbedding => _matrices[0];

    /// <summary>The position embeddings, <c>wpe</c>: one row per position.</summary>
    public GptMatrix PositionEmbedding => _matrices[1];

    /// <summary>The output projection, <c>lm_head</c>: one row per token, giving its logit.</summary>
    public GptMatrix Head => _matrices[2];

    /// <summary>The transformer blocks, first to last.</summary>
    public IReadOnlyList<GptLayer> Layers => _layers;

    /// <summary>Every matrix, in microgpt's <c>state_dict</c> order.</summary>
    public IReadOnlyList<GptMatrix> Matrices => _matrices;

    /// <summary>Every parameter, matrix by matrix in <see cref="Matrices"/> order, row by row (microgpt's <c>params</c>).</summary>
    public override IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>
    /// microgpt's <c>gpt(token_id, pos_id, keys, values)</c>: the logits of the token after <paramref name="token"/> at
    /// <paramref name="position"/>, given the earlier positions' keys and values in <paramref name="cache"/>, to which this
    /// position's are appended.
    /// </summary>
    /// <param name="token">The token at this position.</param>
    /// <param name="position">The position: the cache's <see cref="GptKeyValueCache.Length"/>, below the context length.</param>
    /// <param name="cache">The document's cache so far.</param>
    /// <returns>One logit per token, as new nodes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The token or the position is out of range.</exception>
    /// <exception cref="ArgumentException">The cache is for another number of layers.</exception>
    public Value[] Forward(int token, int position, GptKeyValueCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if ((uint)token >= (uint)VocabularySize) throw new ArgumentOutOfRangeException(nameof(token), token, $"The token must be from 0 to {VocabularySize - 1}.");
        if (cache.Layers != Config.Layers) throw new ArgumentException($"The cache is for {cache.Layers} layers; the model has {Config.Layers}.", nameof(cache));
        if (position != cache.Length) throw new ArgumentOutOfRangeException(nameof(position), position, $"The cache holds {cache.Length} positions, so the next position is {cache.Length}.");
        if (position >= Config.ContextLength) throw new ArgumentOutOfRangeException(nameof(position), position, $"The context holds positions 0 to {Config.ContextLength - 1}.");

        int width = Config.EmbeddingWidth, headWidth = Config.HeadWidth;
        Value[] tok = TokenEmbedding.RowValues(token), pos = PositionEmbedding.RowValues(position);
        var x = new Value[width];
        for (var i = 0; i < width; i++) x[i] = tok[i] + pos[i];
        x = GptFunctions.RmsNorm(x);
        for (var li = 0; li < _layers.Length; li++)
        {
            var layer = _layers[li];
            // 1) multi-head attention
            var residual = x;
            x = GptFunctions.RmsNorm(x);
            var q = GptFunctions.Linear(x, layer.Wq);
            var k = GptFunctions.Linear(x, layer.Wk);
            var v = GptFunctions.Linear(x, layer.Wv);
            List<Value[]> keys = cache.Keys(li), values = cache.Values(li);
            keys.Add(k);
            values.Add(v);
            var attended = new Value[width];
            for (var h = 0; h < Config.Heads; h++)
            {
                var hs = h * headWidth;
                var scores = new Value[keys.Count];
                for (var t = 0; t < scores.Length; t++)
                {
                    var products = new Value[headWidth];
                    for (var j = 0; j < headWidth; j++) products[j] = q[hs + j] * keys[t][hs + j];
                    scores[t] = Value.SumOf(products) * new Value(_attentionScale);
                }
                var weights = GptFunctions.Softmax(scores);
                for (var j = 0; j < headWidth; j++)
                {
                    var products = new Value[weights.Length];
                    for (var t = 0; t < products.Length; t++) products[t] = weights[t] * values[t][hs + j];
                    attended[hs + j] = Value.SumOf(products);
                }
            }
            x = GptFunctions.Linear(attended, layer.Wo);
            for (var i = 0; i < width; i++) x[i] = x[i] + residual[i];
            // 2) MLP
            residual = x;
            x = GptFunctions.RmsNorm(x);
            x = GptFunctions.Linear(x, layer.Fc1);
            for (var i = 0; i < x.Length; i++) x[i] = x[i].Relu();
            x = GptFunctions.Linear(x, layer.Fc2);
            for (var i = 0; i < width; i++) x[i] = x[i] + residual[i];
        }
        return GptFunctions.Linear(x, Head);
    }

    /// <summary>
    /// The loss of one document, as microgpt trains on it: with n = min(context length, tokens − 1) positions, the mean
    /// over positions p &lt; n of −log p(tokens[p + 1]), written as microgpt writes it: <c>(Σ lossₚ) · (1/n)</c>.
    /// </summary>
    /// <param name="tokens">The document's tokens, BOS first and last (<see cref="CharTokenizer.EncodeDocument"/>); at
    /// least 2; only the first context length + 1 are read.</param>
    /// <returns>A new node whose graph reaches every parameter the document uses.</returns>
    /// <exception cref="ArgumentException">There are fewer than 2 tokens, or a token is out of range.</exception>
    public Value Loss(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count < 2) throw new ArgumentException("A document needs at least 2 tokens (BOS, …, BOS).", nameof(tokens));
        var n = Math.Min(Config.ContextLength, tokens.Count - 1);
        var cache = new GptKeyValueCache(Config.Layers);
        var losses = new Value[n];
        for (var p = 0; p < n; p++)
        {
            var target = tokens[p + 1];
            if ((uint)target >= (uint)VocabularySize) throw new ArgumentException($"Token {p + 1} ({target}) is out of range (0 to {VocabularySize - 1}).", nameof(tokens));
            var probabilities = GptFunctions.Softmax(Forward(tokens[p], p, cache));
            losses[p] = -GptFunctions.Log(probabilities[target]);
        }
        return Value.SumOf(losses) * new Value(1.0 / n);
    }
}
