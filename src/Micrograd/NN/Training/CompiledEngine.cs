namespace Micrograd.NN;

/// <summary>
/// The fast training engine: it records the graph of a step once, then computes every later step by replaying that record
/// forward and backward over flat arrays (<see cref="Compiled.CompiledGraph"/>, <see cref="Compiled.BatchedGraph"/>) while
/// the parameters, the batch's inputs and labels, and the loss's per-sample numbers (such as softmax's max shift) change.
/// After the first step of each batch size it creates no graph nodes and allocates nothing.
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
/// (bce), y (mse), and the max logit and the class's one-hot vector (softmax), which become inputs of the record.
/// </para>
/// <para>
/// <see cref="Route"/> tells how steps are computed (<see cref="CompiledRoute"/>): <see cref="CompiledRoute.Batched"/> for
/// the built-in losses (hinge, bce, mse, softmax) unless another route is asked for, and <see cref="CompiledRoute.Eager"/>
/// for a loss defined outside this library, whose graph the engine cannot know in advance. Batches may have any size and
/// any samples (full batch, random batches, a smaller last batch); each new batch size records a small new head once.
/// Memory: the batched route keeps two doubles per graph node and sample, for up to 32 MB; larger batches are computed in
/// chunks of samples, running the model forward twice.
/// </para>
/// <para>Not thread-safe. The engine reads the parameters' <see cref="Value.Data"/> at each step and writes their
/// <see cref="Value.Grad"/>, so optimizers work as with the eager engine. A batch's inputs and labels are read again only
/// when another <see cref="Dataset"/> object comes (a data set copies its rows and never changes), so a full batch is
/// loaded once.</para>
/// <para><see cref="AnomalyMode"/> does not apply to the recorded routes (replays make no nodes to check): to find where a
/// NaN or infinity first appears, run the step with <see cref="EagerEngine"/> inside an anomaly-mode scope.</para>
/// </remarks>
public sealed class CompiledEngine : ITrainingEngine
{
    private readonly ITrainingEngine _route;

    /// <summary>A compiled engine on the default route for the objective's loss (<see cref="DefaultRoute"/>).</summary>
    /// <param name="objective">What is being minimized.</param>
    public CompiledEngine(Objective objective)
        : this(objective, DefaultRoute(objective))
    {
    }

    /// <summary>A compiled engine on a chosen route.</summary>
    /// <param name="objective">What is being minimized.</param>
    /// <param name="route">How to compute steps.</param>
    /// <exception cref="ArgumentException">A recording route was asked for a loss defined outside this library.</exception>
    public CompiledEngine(Objective objective, CompiledRoute route)
        : this(objective, route, BatchedReplay.DefaultLaneBudgetBytes)
    {
    }

    /// <summary>A compiled engine whose batched route keeps at most <paramref name="laneBudgetBytes"/> of per-sample arrays (tests use a small budget to exercise chunks).</summary>
    internal CompiledEngine(Objective objective, CompiledRoute route, long laneBudgetBytes)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var form = objective.Loss.CompiledForm;
        if (form is null && route != CompiledRoute.Eager)
            throw new ArgumentException(
                $"The '{objective.Loss.Name}' loss is not one of this library's losses, so the engine cannot know its graph in advance: use CompiledRoute.Eager (its default).",
                nameof(route));
        Objective = objective;
        Route = route;
        _route = route switch
        {
            CompiledRoute.Batched => new BatchedReplay(objective, form!, laneBudgetBytes),
            CompiledRoute.WholeStep => new WholeStepReplay(objective, form!),
            CompiledRoute.Eager => new EagerEngine(objective),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Not a defined route."),
        };
    }

    /// <inheritdoc/>
    public Objective Objective { get; }

    /// <summary>How this engine computes steps.</summary>
    public CompiledRoute Route { get; }

    /// <summary><see cref="CompiledRoute.Batched"/> for a built-in loss (hinge, bce, mse, softmax), <see cref="CompiledRoute.Eager"/> for any other.</summary>
    /// <param name="objective">The objective to train.</param>
    public static CompiledRoute DefaultRoute(Objective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return objective.Loss.CompiledForm is null ? CompiledRoute.Eager : CompiledRoute.Batched;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The batch does not fit the objective (see <see cref="Objective.Check"/>).</exception>
    public LossAndAccuracy ComputeGradients(Dataset batch) => _route.ComputeGradients(batch);

    /// <summary>For example <c>compiled (batched)</c>.</summary>
    public override string ToString() => Route switch
    {
        CompiledRoute.Batched => "compiled (batched)",
        CompiledRoute.WholeStep => "compiled (whole step)",
        _ => "compiled (eager: a loss from outside the library)",
    };
}
