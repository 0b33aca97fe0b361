namespace Micrograd.NN;

/// <summary>
/// The Python demo's max-margin loss: per sample <c>max(0, 1 − y·score)</c>, built as <c>(1 + (−y)·score).Relu()</c>.
/// Labels are -1 or 1; a prediction is correct when <c>(y &gt; 0) == (score &gt; 0)</c>. Zero once every sample is
/// on the right side with a margin of 1; relu's gradient is 0 exactly at the margin.
/// </summary>
internal sealed class HingeLoss : Loss
{
    internal HingeLoss() => SampleForm = new Form(this);

    /// <inheritdoc/>
    public override string Name => "hinge";

    /// <inheritdoc/>
    public override Value SampleLoss(IReadOnlyList<Value> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Graph(output[0], -target);
    }

    /// <summary>The loss with −y given as a node: <c>(1 + (−y)·score).Relu()</c>.</summary>
    private static Value Graph(Value score, Value negativeTarget) => (1.0 + negativeTarget * score).Relu();

    /// <summary>The per-sample form: −y is the sample's one number.</summary>
    private sealed class Form(Loss loss) : SampleLossForm(loss)
    {
        internal override bool TakesOutputs(int outputCount) => outputCount == 1;

        internal override int CountNumbers(int outputCount) => 1;

        internal override void WriteNumbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers) => numbers[0] = -target;

        internal override Value BuildGraph(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers) => Graph(outputs[0], numbers[0]);
    }

    /// <inheritdoc/>
    public override bool IsCorrect(IReadOnlyList<double> output, double target) => SameSign(output, target);

    /// <inheritdoc/>
    public override int OutputCountFor(int classes) => 1;

    /// <inheritdoc/>
    public override string? TargetError(double target, int outputCount) => BinaryTargetError(Name, target, outputCount);
}
