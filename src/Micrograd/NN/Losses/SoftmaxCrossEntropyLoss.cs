using System.Globalization;

namespace Micrograd.NN;

/// <summary>
/// Softmax cross-entropy over K ≥ 2 classes: the model has one output (logit) zₖ per class, the target is the class
/// index c (0 to K − 1), and the loss is <c>log Σₖ exp(zₖ − m) − (z_c − m)</c>, where m = maxₖ zₖ is taken as a constant.
/// Subtracting the maximum keeps every exp at most 1, so large logits never overflow (the value and gradient are
/// mathematically unchanged: the gradient is softmax(z) − onehot(c)). With two outputs, a label of -1 is read as
/// class 0 and 1 as class 1, so the two-class data sets (labels -1 and 1) work as they are. A prediction is correct
/// when the largest output (the first, on ties) is the target class. Non-finite logits give a NaN loss.
/// </summary>
public sealed class SoftmaxCrossEntropyLoss : Loss
{
    internal SoftmaxCrossEntropyLoss()
    {
    }

    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <inheritdoc/>
    public override Value SampleLoss(IReadOnlyList<Value> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = ClassOf(target, output.Count);
        var max = double.NegativeInfinity;
        foreach (var z in output) max = Math.Max(max, z.Data);
        // m is a constant: each use is a new leaf holding it, as when a double meets a Value
        var shifts = new Value[output.Count + 1];
        for (var k = 0; k < shifts.Length; k++) shifts[k] = max;
        return Graph(output, c, shifts);
    }

    /// <summary>
    /// The compiled engine's view: the numbers are m, once for each use (K + 1), read from the sample's outputs at every step;
    /// the graph's shape is the target's class, whose logit the loss subtracts.
    /// </summary>
    internal override SampleLossForm CompiledForm { get; } = new Form();

    /// <summary>The loss with the max shift given as nodes, <paramref name="shifts"/>[k] in the k-th exp and the last one in the class term:
    /// <c>log Σₖ exp(zₖ − m) − (z_c − m)</c>.</summary>
    private static Value Graph(IReadOnlyList<Value> output, int c, IReadOnlyList<Value> shifts)
    {
        var exps = new Value[output.Count];
        for (var k = 0; k < exps.Length; k++) exps[k] = (output[k] - shifts[k]).Exp();
        return Value.SumOf(exps).Log() - (output[c] - shifts[output.Count]);
    }

    private sealed class Form : SampleLossForm
    {
        public override int NumberCount(int outputCount) => outputCount + 1;

        public override bool NumbersReadOutputs => true;

        public override int ShapeCount(int outputCount) => outputCount;

        public override int Shape(double target, int outputCount) => ClassOf(target, outputCount);

        public override void Numbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers)
        {
            var max = double.NegativeInfinity;
            foreach (var z in outputs) max = Math.Max(max, z);
            numbers.Fill(max);
        }

        public override Value Build(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers, int shape) => Graph(outputs, shape, numbers);
    }

    /// <inheritdoc/>
    public override bool IsCorrect(IReadOnlyList<double> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        var best = 0;
        for (var k = 1; k < output.Count; k++)
        {
            if (output[k] > output[best]) best = k;
        }
        return best == ClassOf(target, output.Count);
    }

    /// <inheritdoc/>
    public override int OutputCountFor(int classes) => Math.Max(classes, 2);

    /// <inheritdoc/>
    public override string? TargetError(double target, int outputCount) =>
        outputCount < 2 ? $"the softmax loss needs a model with at least 2 outputs, not {outputCount}."
        : ClassOf(target, outputCount) >= 0 ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"label {Value.Format(target)} is not a class index from 0 to {outputCount - 1}{(outputCount == 2 ? " (or -1 for class 0)" : "")}.");

    /// <summary>The class index of a target, or -1 when it is not valid for <paramref name="classes"/> outputs.</summary>
    internal static int ClassOf(double target, int classes) =>
        classes == 2 && target == -1.0 ? 0
        : target >= 0 && target < classes && target == Math.Floor(target) ? (int)target
        : -1;
}
