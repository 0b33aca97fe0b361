namespace Micrograd.NN;

/// <summary>
/// The fast training engine: it records the graph of one sample's step once, then computes every step by replaying that
/// record forward and backward over flat arrays, all the batch's samples at once (<see cref="Compiled.BatchedGraph"/>),
/// while the parameters, the batch's inputs and labels, and the loss's per-sample numbers (such as softmax's max shift)
/// change. After the first step of each batch size it creates no graph nodes and allocates nothing.
/// </summary>
/// <remarks>
/// <para>
/// The results are the eager engine's (<see cref="EagerEngine"/>): the same ops' formulas in the same order, so every step's
/// loss, accuracy and gradients agree with it bit for bit (NaN and infinities included), and so do the weights after any
/// number of steps, with any optimizer.
/// </para>
/// <para>
/// Why this works: a multilayer perceptron's graph is static. For a given batch size, every step builds the same ops wired
/// the same way; only numbers change. The model's structure is fixed when it is made (<see cref="Mlp"/>, its layers and
/// neurons cannot change), and each built-in loss's graph depends on the sample only through numbers: −y (hinge), (y + 1)/2
/// (bce), y (mse), and the max logit and the class's one-hot vector (softmax), which become inputs of the record. A loss
/// defined outside this library may build any graph, so it is refused: train it with <see cref="EagerEngine"/>.
/// </para>
/// <para>
/// Batches may have any size and any samples (full batch, random batches, a smaller last batch); each new batch size records
/// a small new head once. Memory: a few doubles per neuron and sample, for up to 256 MB; larger batches are computed in
/// chunks of samples, running the model forward twice.
/// </para>
/// <para>Not thread-safe. The engine reads the parameters' <see cref="Value.Data"/> at each step and writes their
/// <see cref="Value.Grad"/>, so optimizers work as with the eager engine. A batch's inputs and labels are read again only
/// when another <see cref="Dataset"/> object comes (a data set copies its rows and never changes), so a full batch is
/// loaded once.</para>
/// <para><see cref="AnomalyMode"/> does not apply to replays (they make no nodes to check): to find where a NaN or infinity
/// first appears, run the step with <see cref="EagerEngine"/> inside an anomaly-mode scope.</para>
/// </remarks>
public sealed class CompiledEngine : ITrainingEngine
{
    private readonly BatchedReplay _replay;

    /// <summary>A compiled engine for an objective with one of this library's losses (hinge, bce, mse, softmax).</summary>
    /// <param name="objective">What is being minimized.</param>
    /// <exception cref="ArgumentException">The objective's loss is defined outside this library.</exception>
    public CompiledEngine(Objective objective)
        : this(objective, BatchedReplay.DefaultLaneBudgetBytes)
    {
    }

    /// <summary>A compiled engine whose replay keeps at most <paramref name="laneBudgetBytes"/> of per-sample arrays (tests use a small budget to exercise chunks).</summary>
    internal CompiledEngine(Objective objective, long laneBudgetBytes)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var form = objective.Loss.CompiledForm ?? throw new ArgumentException(
            $"The '{objective.Loss.Name}' loss is not one of this library's losses, so the compiled engine cannot know its graph in advance: train it with EagerEngine.",
            nameof(objective));
        Objective = objective;
        _replay = new BatchedReplay(objective, form, laneBudgetBytes);
    }

    /// <inheritdoc/>
    public Objective Objective { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The batch does not fit the objective (see <see cref="Objective.Check"/>).</exception>
    public LossAndAccuracy ComputeGradients(Dataset batch) => _replay.ComputeGradients(batch);

    /// <summary>Says <c>compiled</c>.</summary>
    public override string ToString() => "compiled";
}
