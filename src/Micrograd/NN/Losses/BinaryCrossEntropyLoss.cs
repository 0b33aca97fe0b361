namespace Micrograd.NN;

/// <summary>
/// Binary cross-entropy on a logit z (the model's one output), for labels y of -1 or 1, mapped to the probability
/// target t = (y + 1) / 2, that is 0 or 1. The loss is <c>−t·log σ(z) − (1 − t)·log(1 − σ(z)) = softplus(z) − z·t</c>,
/// built from plain ops so that it never overflows:
/// <code>(z + |z|)·0.5 − z·t + log(1 + exp(−|z|))</code>
/// (<c>(z + |z|)/2</c> is max(z, 0); written this way, the gradient is exactly σ(z) − t everywhere, z = 0 included,
/// because abs and relu both take gradient 0 at 0). At z = ±800 the loss is finite (800 or 0) and so is its gradient
/// (±1 or 0), where <c>log(sigmoid(z))</c> would give −∞. A prediction is correct when <c>(y &gt; 0) == (z &gt; 0)</c>.
/// </summary>
internal sealed class BinaryCrossEntropyLoss : Loss
{
    internal BinaryCrossEntropyLoss() => SampleForm = new Form(this);

    /// <inheritdoc/>
    public override string Name => "bce";

    /// <inheritdoc/>
    public override Value SampleLoss(IReadOnlyList<Value> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Graph(output[0], Probability(target));
    }

    /// <summary>The probability target t of a label y: (y + 1) / 2.</summary>
    private static double Probability(double target) => (target + 1.0) / 2.0;

    /// <summary>The loss with t given as a node: <c>(z + |z|)·0.5 − z·t + log(1 + exp(−|z|))</c>.</summary>
    private static Value Graph(Value z, Value t)
    {
        var abs = z.Abs();
        return (z + abs) * 0.5 - z * t + (1.0 + (-abs).Exp()).Log();
    }

    /// <summary>The per-sample form: t = (y + 1) / 2 is the sample's one number.</summary>
    private sealed class Form(Loss loss) : SampleLossForm(loss)
    {
        internal override bool TakesOutputs(int outputCount) => outputCount == 1;

        internal override int CountNumbers(int outputCount) => 1;

        internal override void WriteNumbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers) => numbers[0] = Probability(target);

        internal override Value BuildGraph(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers) => Graph(outputs[0], numbers[0]);
    }

    /// <inheritdoc/>
    public override bool IsCorrect(IReadOnlyList<double> output, double target) => SameSign(output, target);

    /// <inheritdoc/>
    public override int OutputCountFor(int classes) => 1;

    /// <inheritdoc/>
    public override string? TargetError(double target, int outputCount) => BinaryTargetError(Name, target, outputCount);
}
