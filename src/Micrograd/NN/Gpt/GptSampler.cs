namespace Micrograd.NN.Gpt;

/// <summary>
/// microgpt's inference: from BOS, one position at a time, the next token is drawn from
/// <c>softmax(logits / temperature)</c> with <see cref="PythonRandom.Choice"/> (Python's <c>random.choices</c>), until BOS
/// comes out or the context is full.
/// </summary>
/// <remarks>The probabilities are computed as microgpt computes them (<c>l / t</c> as <c>l · t ** −1</c>, then
/// <see cref="GptFunctions.Softmax"/>'s arithmetic), so a generator in the same state gives microgpt's names. Both engines
/// draw the same names.</remarks>
public sealed class GptSampler
{
    private readonly GptKernel? _kernel;
    private readonly double[] _logits;
    private readonly double[] _probabilities;

    /// <summary>A sampler of <paramref name="model"/>'s text in <paramref name="tokenizer"/>'s characters.</summary>
    /// <param name="model">The model; its parameters are read at each <see cref="Sample"/>.</param>
    /// <param name="tokenizer">The model's vocabulary.</param>
    /// <param name="engine">How to compute the logits; compiled by default.</param>
    /// <exception cref="ArgumentException">The tokenizer's vocabulary is not the model's size.</exception>
    public GptSampler(Gpt model, CharTokenizer tokenizer, GptEngine engine = GptEngine.Compiled)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.VocabularySize != model.VocabularySize)
            throw new ArgumentException($"The tokenizer has {tokenizer.VocabularySize} tokens; the model has {model.VocabularySize}.", nameof(tokenizer));
        Model = model;
        Tokenizer = tokenizer;
        Engine = engine;
        if (engine == GptEngine.Compiled) _kernel = new GptKernel(new GptLayout(model.Config, model.VocabularySize));
        _logits = new double[model.VocabularySize];
        _probabilities = new double[model.VocabularySize];
    }

    /// <summary>The model.</summary>
    public Gpt Model { get; }

    /// <summary>The model's vocabulary.</summary>
    public CharTokenizer Tokenizer { get; }

    /// <summary>The engine.</summary>
    public GptEngine Engine { get; }

    /// <summary>One sample: <paramref name="prefix"/>, then the characters drawn after it, until the model gives BOS or the
    /// context is full.</summary>
    /// <param name="random">The generator; it advances by one draw per character drawn (and one for the final BOS).</param>
    /// <param name="temperature">Divides the logits; finite and above 0: below 1 sharpens the distribution, above 1 flattens
    /// it. microgpt's is 0.5.</param>
    /// <param name="prefix">Characters fed to the model after BOS before drawing begins (no draw is made for them); empty by
    /// default; at most the context length, every character in the vocabulary.</param>
    /// <returns>The prefix followed by the drawn characters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not a finite number above 0, or the prefix is longer
    /// than the context.</exception>
    /// <exception cref="ArgumentException">A character of the prefix is not in the vocabulary.</exception>
    public string Sample(PythonRandom random, double temperature = 0.5, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a finite number above 0.");
        var forced = Tokenizer.Encode(prefix);
        var context = Model.Config.ContextLength;
        if (forced.Length > context)
            throw new ArgumentOutOfRangeException(nameof(prefix), prefix, $"The prefix has {forced.Length} characters; the context holds {context}.");
        if (_kernel is not null)
        {
            var data = _kernel.Parameters;
            for (var i = 0; i < data.Length; i++) data[i] = Model.Parameters[i].Data;
        }

        var inverse = Math.Pow(temperature, -1); // microgpt's l / temperature is l · temperature ** −1
        var drawn = new List<int>(context);
        var cache = _kernel is null ? new GptKeyValueCache(Model.Config.Layers) : null;
        var token = Tokenizer.Bos;
        for (var position = 0; position < context; position++)
        {
            if (cache is null) _kernel!.Logits(token, position, _logits);
            else Probabilities(Model.Forward(token, position, cache), inverse, _probabilities);
            if (position < forced.Length)
            {
                token = forced[position];
                continue;
            }
            if (cache is null) Probabilities(_logits, inverse, _probabilities);
            token = random.Choice(_probabilities);
            if (token == Tokenizer.Bos) break;
            drawn.Add(token);
        }
        return prefix + Tokenizer.Decode(drawn);
    }

    /// <summary>microgpt's <c>softmax([l / temperature for l in logits])</c> on Values, read as numbers.</summary>
    private static void Probabilities(Value[] logits, double inverse, Span<double> probabilities)
    {
        var scaled = new Value[logits.Length];
        for (var k = 0; k < logits.Length; k++) scaled[k] = logits[k] * new Value(inverse);
        var softmax = GptFunctions.Softmax(scaled);
        for (var k = 0; k < softmax.Length; k++) probabilities[k] = softmax[k].Data;
    }

    /// <summary>The same arithmetic on numbers: <c>e[k] = exp(l[k]·(t ** −1) + (−max))</c>, <c>p[k] = e[k] · (Σ e) ** −1</c>.</summary>
    private static void Probabilities(ReadOnlySpan<double> logits, double inverse, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < logits.Length; k++)
        {
            var scaled = logits[k] * inverse;
            probabilities[k] = scaled;
            if (k == 0 || scaled > max) max = scaled;
        }
        double total = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] = Math.Exp(probabilities[k] + (-max));
            total += probabilities[k];
        }
        var totalInverse = Math.Pow(total, -1);
        for (var k = 0; k < logits.Length; k++) probabilities[k] *= totalInverse;
    }
}
