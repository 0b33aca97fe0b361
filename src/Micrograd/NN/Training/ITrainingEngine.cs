namespace Micrograd.NN;

/// <summary>
/// The computing half of a training step: for the model's current parameter values, the loss and accuracy of an
/// <see cref="Objective"/> on a batch, and the gradient of that loss in every parameter's <see cref="Value.Grad"/>.
/// The <see cref="Trainer"/> then applies an <see cref="Optimizer"/>, which reads those gradients and changes the
/// parameters' <see cref="Value.Data"/>. <see cref="EagerEngine"/> rebuilds the graph with <see cref="Value"/> nodes
/// at every step; <see cref="CompiledEngine"/> replays a recorded graph over flat arrays. Another engine may compute the
/// same numbers any way it likes, as long as it honours this contract.
/// </summary>
public interface ITrainingEngine
{
    /// <summary>What is being minimized.</summary>
    Objective Objective { get; }

    /// <summary>
    /// Computes the objective on <paramref name="batch"/> for the current parameters, sets every parameter's gradient to
    /// d(loss)/d(parameter) (replacing, not adding to, what was there), and returns the loss and the accuracy, both
    /// measured before any update.
    /// </summary>
    /// <param name="batch">Labelled samples that fit the objective.</param>
    LossAndAccuracy ComputeGradients(Dataset batch);
}
