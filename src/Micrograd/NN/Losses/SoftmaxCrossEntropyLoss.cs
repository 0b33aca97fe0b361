using System.Globalization;

namespace Micrograd.NN;

/// <summary>
/// Softmax cross-entropy over K ≥ 2 classes: the model has one output (logit) zₖ per class, the target is the class
/// index c (0 to K − 1), and the loss is <c>log Σₖ exp(zₖ − m) − (Σₖ tₖ·zₖ − m)</c>, where m = maxₖ zₖ is taken as a
/// constant and t is the target's one-hot vector (t_c = 1, every other tₖ = 0), so that <c>Σₖ tₖ·zₖ</c> is exactly z_c.
/// Subtracting the maximum keeps every exp at most 1, so large logits never overflow (the value and gradient are
/// mathematically unchanged: the gradient is softmax(z) − onehot(c)). With two outputs, a label of -1 is read as
/// class 0 and 1 as class 1, so the two-class data sets (labels -1 and 1) work as they are. A prediction is correct
/// when the largest output (the first, on ties) is the target class. A non-finite logit gives a NaN loss (an infinite
/// one makes <c>0·∞</c> in the one-hot sum).
/// </summary>
/// <remarks>
/// The one-hot sum, rather than subtracting z_c itself, makes the sample's graph the same for every class (only the
/// numbers m and t change), so the compiled engine records it once: its cost grows linearly with the class count.
/// </remarks>
internal sealed class SoftmaxCrossEntropyLoss : Loss
{
    internal SoftmaxCrossEntropyLoss() => SampleForm = new Form(this);

    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <inheritdoc/>
    public override Value SampleLoss(IReadOnlyList<Value> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (TargetError(target, output.Count) is { } error) throw new ArgumentException(error, nameof(target));
        var form = (Form)SampleForm!;
        var outputs = new double[output.Count];
        for (var k = 0; k < outputs.Length; k++) outputs[k] = output[k].Data;
        var numbers = new double[form.CountNumbers(output.Count)];
        form.WriteNumbers(outputs, target, numbers);
        // each number is a constant: each use is a new leaf holding it, as when a double meets a Value
        var leaves = new Value[numbers.Length];
        for (var q = 0; q < leaves.Length; q++) leaves[q] = numbers[q];
        return Graph(output, leaves);
    }

    /// <summary>The loss with its numbers given as nodes: <paramref name="numbers"/>[k] is m in the k-th exp, [K] is m in the
    /// class term and [K + 1 + k] is tₖ: <c>log Σₖ exp(zₖ − m) − (Σₖ tₖ·zₖ − m)</c>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Form.BuildGraph, in the nested class, passes a list that is not an array")]
    private static Value Graph(IReadOnlyList<Value> output, IReadOnlyList<Value> numbers)
    {
        var count = output.Count;
        var exps = new Value[count];
        for (var k = 0; k < count; k++) exps[k] = (output[k] - numbers[k]).Exp();
        var picked = new Value[count];
        for (var k = 0; k < count; k++) picked[k] = numbers[count + 1 + k] * output[k];
        return Value.SumOf(exps).Log() - (Value.SumOf(picked) - numbers[count]);
    }

    /// <summary>
    /// The per-sample form: the numbers are m, once for each use (K + 1), then the one-hot tₖ (K), read from the sample's
    /// outputs and target; the graph is the same for every class.
    /// </summary>
    private sealed class Form(Loss loss) : SampleLossForm(loss)
    {
        internal override bool TakesOutputs(int outputCount) => outputCount >= 2;

        internal override int CountNumbers(int outputCount) => 2 * outputCount + 1;

        internal override bool NumbersReadOutputs => true;

        internal override void WriteNumbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers)
        {
            var max = double.NegativeInfinity;
            foreach (var z in outputs) max = Math.Max(max, z);
            numbers[..(outputs.Length + 1)].Fill(max);
            var oneHot = numbers[(outputs.Length + 1)..];
            oneHot.Clear();
            oneHot[ClassOf(target, outputs.Length)] = 1.0;
        }

        internal override Value BuildGraph(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers) => Graph(outputs, numbers);
    }

    /// <inheritdoc/>
    public override bool IsCorrect(IReadOnlyList<double> output, double target)
    {
        ArgumentNullException.ThrowIfNull(output);
        // a NaN score has no class, so the output is not correct
        var best = 0;
        for (var k = 0; k < output.Count; k++)
        {
            if (double.IsNaN(output[k])) return false;
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
