namespace Micrograd.NN;

/// <summary>
/// A built-in loss's per-sample graph with the numbers that vary from sample to sample (and step to step) as leaves, for
/// the compiled engine: <see cref="Build(IReadOnlyList{Value}, IReadOnlyList{Value})"/> is the very function the loss's <see cref="Loss.SampleLoss"/> builds with, so
/// a replay of it computes what the eager graph computes. Eager code passes each number as a new constant leaf; the
/// compiled engine passes leaves it sets at every step.
/// </summary>
/// <remarks>
/// A sample's graph depends on its target through numbers only (softmax picks its class's logit with one-hot numbers), so
/// the compiled engine records it once, whatever the targets.
/// </remarks>
internal abstract class SampleLossForm
{
    /// <summary>How many numbers a sample's graph takes, for a model with <paramref name="outputCount"/> outputs.</summary>
    public abstract int NumberCount(int outputCount);

    /// <summary>True when the numbers depend on the model's outputs for the sample (softmax's max shift), not only on its target.</summary>
    public virtual bool NumbersReadOutputs => false;

    /// <summary>The sample's numbers, from its outputs' values and its target (a valid one).</summary>
    public abstract void Numbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers);

    /// <summary>The sample's loss graph over <paramref name="outputs"/>, with <paramref name="numbers"/> in the numbers' places.</summary>
    public abstract Value Build(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers);

}
