namespace Micrograd.NN;

/// <summary>
/// The Python demo's max-margin loss: per sample <c>max(0, 1 − y·score)</c>, built as <c>(1 + (−y)·score).Relu()</c>.
/// Labels are -1 or 1; a prediction is correct when <c>(y &gt; 0) == (score &gt; 0)</c>. Zero once every sample is
/// on the right side with a margin of 1; relu's gradient is 0 exactly at the margin.
/// </summary>
public sealed class HingeLoss : Loss
{
    internal HingeLoss()
    {
    }

    /// <inheritdoc/>
    public override string Name => "hinge";

    /// <inheritdoc/>
    public override Value SampleLoss(IReadOnlyList<Value> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        return (1.0 + -target * output[0]).Relu();
    }

    /// <inheritdoc/>
    public override bool IsCorrect(IReadOnlyList<double> output, double target) => SameSign(output, target);

    /// <inheritdoc/>
    public override int OutputCountFor(int classes) => 1;

    /// <inheritdoc/>
    public override string? TargetError(double target, int outputCount) => BinaryTargetError(Name, target, outputCount);
}
