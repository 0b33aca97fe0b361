namespace Micrograd.NN;

/// <summary>How a <see cref="CompiledEngine"/> computes a step; every route gives the eager engine's numbers.</summary>
public enum CompiledRoute
{
    /// <summary>
    /// The default for the built-in losses: one sample's graph (the model, then its loss) is recorded once and replayed over
    /// all the samples of a batch at once with <see cref="System.Numerics.Vector{T}"/> arithmetic (one lane per sample), and
    /// a small recorded head adds the mean and the L2 term. Any batch, of any size and any samples, replays the same records.
    /// </summary>
    Batched,

    /// <summary>
    /// The whole step's graph (every sample, the mean and the L2 term) recorded once per batch size as one
    /// <see cref="Compiled.CompiledGraph"/> and replayed without vectors. Its graph is fixed by the samples' classes too
    /// when the loss is softmax: a batch whose classes differ from the recorded batch's is refused with a
    /// <see cref="Compiled.GraphStructureException"/>. Mostly for comparison; <see cref="Batched"/> is faster and general.
    /// </summary>
    WholeStep,

    /// <summary>
    /// No recording: the step runs as <see cref="EagerEngine"/> runs it, building the graph anew. The route for a loss
    /// defined outside this library, whose graph may depend on anything (it may read values while it builds).
    /// </summary>
    Eager,
}
