namespace Micrograd.NN;

/// <summary>
/// The plain training engine, step by step as the Python demo: build the objective's graph for the batch, zero the
/// parameters' gradients, run <see cref="Value.Backward"/> on the loss. A new graph every step, so the model and the
/// data may change freely between steps.
/// </summary>
/// <param name="objective">What is being minimized.</param>
public sealed class EagerEngine(Objective objective) : ITrainingEngine
{
    /// <inheritdoc/>
    public Objective Objective { get; } = objective ?? throw new ArgumentNullException(nameof(objective));

    /// <inheritdoc/>
    public LossAndAccuracy ComputeGradients(Dataset batch)
    {
        var graph = Objective.Build(batch);
        Objective.Model.ZeroGrad();
        graph.Loss.Backward();
        return new LossAndAccuracy(graph.Loss.Data, graph.Accuracy);
    }
}
