namespace Micrograd.NN;

/// <summary>
/// Mean squared error: per sample <c>(score − y)²</c>. Any finite target is accepted, so it also fits regression; its
/// accuracy treats the output as a two-class score (correct when <c>(y &gt; 0) == (score &gt; 0)</c>), which is
/// meaningful for labels -1 and 1.
/// </summary>
public sealed class MeanSquaredErrorLoss : Loss
{
    internal MeanSquaredErrorLoss()
    {
    }

    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override Value SampleLoss(IReadOnlyList<Value> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        return (output[0] - target).Pow(2.0);
    }

    /// <inheritdoc/>
    public override bool IsCorrect(IReadOnlyList<double> output, double target) => SameSign(output, target);

    /// <inheritdoc/>
    public override int OutputCountFor(int classes) => 1;

    /// <inheritdoc/>
    public override string? TargetError(double target, int outputCount) =>
        outputCount != 1 ? $"the mse loss needs a model with 1 output, not {outputCount}."
        : double.IsFinite(target) ? null
        : $"target {Value.Format(target)} is not a finite number.";
}
