namespace Micrograd.NN;

/// <summary>
/// Mean squared error: per sample <c>(score − y)²</c>. Any finite target is accepted, so it also fits regression; its
/// accuracy treats the output as a two-class score (correct when <c>(y &gt; 0) == (score &gt; 0)</c>), which is
/// meaningful for labels -1 and 1.
/// </summary>
internal sealed class MeanSquaredErrorLoss : Loss
{
    internal MeanSquaredErrorLoss() => SampleForm = new Form(this);

    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override Value SampleLoss(IReadOnlyList<Value> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Graph(output[0], target);
    }

    /// <summary>The loss with y given as a node: <c>(score − y)²</c>.</summary>
    private static Value Graph(Value score, Value target) => (score - target).Pow(2.0);

    /// <summary>The per-sample form: y is the sample's one number.</summary>
    private sealed class Form(Loss loss) : SampleLossForm(loss)
    {
        internal override bool TakesOutputs(int outputCount) => outputCount == 1;

        internal override int CountNumbers(int outputCount) => 1;

        internal override void WriteNumbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers) => numbers[0] = target;

        internal override Value BuildGraph(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers) => Graph(outputs[0], numbers[0]);
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
