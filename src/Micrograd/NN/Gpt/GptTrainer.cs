namespace Micrograd.NN.Gpt;

/// <summary>
/// microgpt's training loop: step k trains on document k (cycling through the documents in the order given), computes the
/// document's loss (<see cref="Gpt.Loss"/>) and its gradients, and applies one <see cref="GptAdam"/> update.
/// </summary>
/// <remarks>Both engines give microgpt's numbers bit for bit: the same losses, gradients and parameters. The model's
/// parameters (<see cref="Value.Data"/>) are read at the start of each step and hold the updated values after it, whichever
/// the engine; their <see cref="Value.Grad"/> is 0 between steps. A NaN or infinite loss is returned as it is; the update
/// then spreads it into the parameters, as microgpt's would.</remarks>
public sealed class GptTrainer
{
    private readonly int[][] _documents;
    private readonly GptKernel? _kernel;
    private readonly IReadOnlyList<Value> _parameters;
    private readonly double[] _gradients; // the kernel's, or the eager graph's copied from the parameters
    private readonly double[] _data;      // the parameters' values as the update reads and writes them (the kernel's, compiled)
    private readonly IReadOnlyList<double> _gradientsView;

    /// <summary>A trainer of <paramref name="model"/> on <paramref name="documents"/>.</summary>
    /// <param name="model">The model; its parameters change at each step.</param>
    /// <param name="documents">Tokenized documents (<see cref="CharTokenizer.EncodeDocument"/>): at least one, each of at
    /// least 2 tokens, every token below the model's vocabulary size. The trainer keeps its own copy of the list.</param>
    /// <param name="optimizer">The optimizer, made for the model's parameter count.</param>
    /// <param name="engine">How to compute; compiled by default.</param>
    /// <exception cref="ArgumentException">No documents, a document too short or with a token out of range, or an optimizer
    /// for another parameter count.</exception>
    public GptTrainer(Gpt model, IReadOnlyList<int[]> documents, GptAdam optimizer, GptEngine engine = GptEngine.Compiled)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (documents.Count == 0) throw new ArgumentException("There are no documents to train on.", nameof(documents));
        for (var d = 0; d < documents.Count; d++)
        {
            var tokens = documents[d] ?? throw new ArgumentException($"Document {d} is null.", nameof(documents));
            if (tokens.Length < 2) throw new ArgumentException($"Document {d} has {tokens.Length} tokens; a document needs at least 2 (BOS, …, BOS).", nameof(documents));
            foreach (var token in tokens)
            {
                if ((uint)token >= (uint)model.VocabularySize)
                    throw new ArgumentException($"Document {d} has token {token}, outside the model's vocabulary (0 to {model.VocabularySize - 1}).", nameof(documents));
            }
        }
        Model = model;
        Optimizer = optimizer;
        Engine = engine;
        _documents = [.. documents];
        _parameters = model.Parameters;
        if (engine == GptEngine.Compiled) _kernel = new GptKernel(new GptLayout(model.Config, model.VocabularySize));
        _gradients = _kernel?.Gradients ?? new double[_parameters.Count];
        _data = _kernel?.Parameters ?? new double[_parameters.Count];
        _gradientsView = Array.AsReadOnly(_gradients);
        if (optimizer.ParameterCount != _parameters.Count)
            throw new ArgumentException($"The optimizer was made for {optimizer.ParameterCount} parameters; the model has {_parameters.Count}.", nameof(optimizer));
    }

    /// <summary>The model being trained.</summary>
    public Gpt Model { get; }

    /// <summary>The optimizer.</summary>
    public GptAdam Optimizer { get; }

    /// <summary>The engine.</summary>
    public GptEngine Engine { get; }

    /// <summary>The gradients of the last step's loss, one per parameter in <see cref="Gpt.Parameters"/> order, as the
    /// optimizer received them (all 0 before the first step): a read-only view that the next step replaces. Both engines
    /// give the same numbers (the eager engine's are copied before the update sets the parameters' own to 0).</summary>
    public IReadOnlyList<double> Gradients => _gradientsView;

    /// <summary>How many steps have been taken: the next step's number, from 0.</summary>
    public int StepCount { get; private set; }

    /// <summary>The document the next step trains on: number <see cref="StepCount"/> modulo the count.</summary>
    public IReadOnlyList<int> NextDocument => _documents[StepCount % _documents.Length];

    /// <summary>One training step: the loss of the next document at the current parameters, then one update.</summary>
    /// <returns>The loss before the update (microgpt's printed <c>loss</c>).</returns>
    public double Step()
    {
        var tokens = _documents[StepCount % _documents.Length];
        double loss;
        var data = _data;
        for (var i = 0; i < data.Length; i++) data[i] = _parameters[i].Data;
        if (_kernel is null)
        {
            var node = Model.Loss(tokens);
            node.Backward();
            loss = node.Data;
            for (var i = 0; i < _gradients.Length; i++)
            {
                _gradients[i] = _parameters[i].Grad;
                _parameters[i].Grad = 0; // as microgpt's p.grad = 0
            }
        }
        else
        {
            loss = _kernel.LossAndGradients(tokens);
        }
        Optimizer.Update(data, _gradients, StepCount);
        for (var i = 0; i < data.Length; i++) _parameters[i].Data = data[i];
        StepCount++;
        return loss;
    }
}
