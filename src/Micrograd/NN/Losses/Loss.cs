using System.Globalization;

namespace Micrograd.NN;

/// <summary>
/// A training loss: the mean over samples of a per-sample loss of the model's outputs and the sample's target, built
/// as a graph so that <see cref="Value.Backward"/> gives its gradient. Also decides when a prediction counts as correct.
/// </summary>
/// <remarks>
/// Two-class losses (<see cref="Hinge"/>, <see cref="BinaryCrossEntropy"/>) take one output, a score whose sign is the
/// predicted class, and labels -1 or 1. <see cref="MeanSquaredError"/> takes one output and any finite target.
/// <see cref="SoftmaxCrossEntropy"/> takes one output per class and the class index as the target.
/// </remarks>
public abstract class Loss
{
    /// <summary>The Python demo's max-margin loss, <c>mean(max(0, 1 − y·score))</c>, each sample's built as
    /// <c>(1 + (−y)·score).Relu()</c>: one output, labels -1 and 1; zero once every sample is on the right side with a
    /// margin of 1, where relu's gradient is 0.</summary>
    public static Loss Hinge { get; } = new HingeLoss();

    /// <summary>Mean squared error, <c>mean((score − y)²)</c>: one output and any finite target, so it also fits regression;
    /// its accuracy reads the output as a two-class score, meaningful for labels -1 and 1.</summary>
    public static Loss MeanSquaredError { get; } = new MeanSquaredErrorLoss();

    /// <summary>Binary cross-entropy on the logit z (one output) for labels -1 and 1 (target t = (y + 1)/2), built as
    /// <c>(z + |z|)·0.5 − z·t + log(1 + exp(−|z|))</c>: it never overflows (finite loss and gradient at z = ±800, where
    /// <c>log(sigmoid(z))</c> would give −∞) and its gradient is exactly σ(z) − t, z = 0 included.</summary>
    public static Loss BinaryCrossEntropy { get; } = new BinaryCrossEntropyLoss();

    /// <summary>Softmax cross-entropy over K ≥ 2 classes (one logit per class; the target is the class index 0 … K − 1, and
    /// with two outputs -1 reads as class 0): <c>log Σₖ exp(zₖ − m) − (Σₖ tₖ·zₖ − m)</c> with m the largest logit and t
    /// the one-hot target, so no exp overflows; the gradient is softmax(z) − onehot(c). The largest output (the first, on
    /// ties) is the predicted class. A non-finite logit gives a NaN loss.</summary>
    public static Loss SoftmaxCrossEntropy { get; } = new SoftmaxCrossEntropyLoss();

    /// <summary>Every built-in loss.</summary>
    public static IReadOnlyList<Loss> All { get; } = [Hinge, BinaryCrossEntropy, MeanSquaredError, SoftmaxCrossEntropy];

    /// <summary>The short name used on the command line: hinge, bce, mse or softmax.</summary>
    public abstract string Name { get; }

    /// <summary>Finds a built-in loss by its <see cref="Name"/>, ignoring case.</summary>
    /// <param name="name">hinge, bce, mse or softmax.</param>
    /// <exception cref="FormatException">No loss has that name.</exception>
    public static Loss Parse(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"Unknown loss '{name}': expected {string.Join(", ", All.Select(l => l.Name))}.");

    /// <summary>
    /// The mean of <see cref="SampleLoss"/> over the samples, as one graph: <c>Σ lossᵢ · (1/n)</c>, the sum being one
    /// n-ary node (the Python original's <c>sum(losses) * (1.0 / len(losses))</c>).
    /// </summary>
    /// <param name="outputs">The model's outputs for each sample.</param>
    /// <param name="targets">Each sample's target, in the same order.</param>
    /// <exception cref="ArgumentException">No samples, the counts differ, an output has the wrong size, or a target is invalid
    /// for this loss (the message names the sample, counting from 1).</exception>
    public Value Compute(IReadOnlyList<IReadOnlyList<Value>> outputs, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Count == 0) throw new ArgumentException("A loss needs at least one sample.", nameof(outputs));
        if (outputs.Count != targets.Count)
            throw new ArgumentException($"There are {outputs.Count} outputs but {targets.Count} targets.", nameof(targets));
        var terms = new Value[outputs.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            Check(outputs[i].Count, targets[i], i, nameof(targets));
            terms[i] = SampleLoss(outputs[i], targets[i]);
        }
        return Mean(terms);
    }

    /// <summary>The mean of sample losses as <see cref="Compute"/> builds it: <c>Σ lossᵢ · (1/n)</c>.</summary>
    /// <param name="terms">At least one sample loss, in an array made for this call (it becomes the sum's operand list).</param>
    internal static Value Mean(Value[] terms) => Value.SumOf(terms) * (1.0 / terms.Length);

    /// <summary>
    /// A built-in loss's per-sample graph with the numbers that vary from sample to sample as operands of their own, and
    /// those numbers (<see cref="SampleLossForm"/>): what the compiled engine records once and replays for every sample,
    /// and what the training page lays out once. Null for a loss defined outside this library, whose graph cannot be known
    /// in advance (<see cref="CompiledEngine"/> does not take it).
    /// </summary>
    public SampleLossForm? SampleForm { get; private protected init; }

    /// <summary>
    /// The fraction of samples whose prediction is correct (see <see cref="IsCorrect"/>), from 0 to 1.
    /// </summary>
    /// <param name="outputs">The model's output numbers for each sample.</param>
    /// <param name="targets">Each sample's target.</param>
    public double Accuracy(IReadOnlyList<IReadOnlyList<double>> outputs, IReadOnlyList<double> targets) =>
        (double)CountCorrect(outputs, targets) / outputs.Count;

    /// <summary>How many samples' predictions are correct (see <see cref="IsCorrect"/>): the numerator of
    /// <see cref="Accuracy"/>, for a report that gives the count (<c>micrograd predict</c>'s "97 of 100 correct").</summary>
    /// <param name="outputs">The model's output numbers for each sample.</param>
    /// <param name="targets">Each sample's target.</param>
    /// <exception cref="ArgumentException">No sample, a sample with another number of outputs than the first, or another
    /// number of targets than of samples.</exception>
    public int CountCorrect(IReadOnlyList<IReadOnlyList<double>> outputs, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Count != targets.Count)
            throw new ArgumentException($"There are {outputs.Count} outputs but {targets.Count} targets.", nameof(targets));
        if (outputs.Count == 0) throw new ArgumentException("Accuracy needs at least one sample.", nameof(outputs));
        var width = outputs[0].Count;
        var numbers = new double[outputs.Count * width];
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i].Count != width) throw new ArgumentException($"Sample {i + 1} has {outputs[i].Count} outputs, not {width} as the first.", nameof(outputs));
            for (var k = 0; k < width; k++) numbers[i * width + k] = outputs[i][k];
        }
        return CountCorrect(numbers, targets, new double[width]);
    }

    /// <summary>How many samples' predictions are correct, counted without allocating: <paramref name="outputs"/> holds every
    /// sample's output numbers, sample after sample, <paramref name="buffer"/>.Length numbers each (the buffer holds one
    /// sample's at a time). The one count behind every accuracy: training's, the compiled engine's and <c>predict</c>'s.</summary>
    internal int CountCorrect(ReadOnlySpan<double> outputs, IReadOnlyList<double> targets, double[] buffer)
    {
        var correct = 0;
        for (var i = 0; i < targets.Count; i++)
        {
            outputs.Slice(i * buffer.Length, buffer.Length).CopyTo(buffer);
            if (IsCorrect(buffer, targets[i])) correct++;
        }
        return correct;
    }

    /// <summary>One sample's loss as a graph over its outputs.</summary>
    /// <param name="output">The model's outputs for the sample (<see cref="OutputCountFor"/> of them).</param>
    /// <param name="target">The sample's target (see <see cref="TargetError"/>).</param>
    public abstract Value SampleLoss(IReadOnlyList<Value> output, double target);

    /// <summary>Whether the model's output counts as a correct prediction of the target.</summary>
    /// <param name="output">The model's output numbers for the sample.</param>
    /// <param name="target">The sample's target.</param>
    public abstract bool IsCorrect(IReadOnlyList<double> output, double target);

    /// <summary>How many outputs a model needs for this loss on data with <paramref name="classes"/> classes.</summary>
    /// <param name="classes">The number of classes of the data (2 for labels -1 and 1).</param>
    public abstract int OutputCountFor(int classes);

    /// <summary>Why <paramref name="target"/> is not a valid target for a model with <paramref name="outputCount"/> outputs; null when it is.</summary>
    /// <param name="target">The target (label) of a sample.</param>
    /// <param name="outputCount">How many outputs the model has.</param>
    public abstract string? TargetError(double target, int outputCount);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    /// <summary>
    /// Why a model of <paramref name="outputCount"/> outputs cannot be trained with this loss whatever its labels, or null:
    /// an error that the targets 0 and 1 both get alike is the model's, not a sample's.
    /// </summary>
    internal string? OutputCountError(int outputCount)
    {
        // 1 first: it is valid for every built-in loss with a fitting model, so that a fitting model allocates no message
        // (Objective.Check runs each step)
        var one = TargetError(1, outputCount);
        return one is not null && one == TargetError(0, outputCount) ? one : null;
    }

    private void Check(int outputCount, double target, int sample, string parameter)
    {
        var error = TargetError(target, outputCount);
        if (error is not null)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Sample {sample + 1}: {error}"), parameter);
    }

    /// <summary>The error for a two-class loss: one output and a label of -1 or 1.</summary>
    private protected static string? BinaryTargetError(string loss, double target, int outputCount) =>
        outputCount != 1 ? string.Create(CultureInfo.InvariantCulture, $"the {loss} loss needs a model with 1 output, not {outputCount}.")
        : target is -1.0 or 1.0 ? null
        : $"label {Value.Format(target)} is not -1 or 1 (the {loss} loss takes labels -1 and 1).";

    /// <summary>A score predicts class 1 when positive and -1 otherwise; the prediction is correct when that matches the label's sign.</summary>
    private protected static bool SameSign(IReadOnlyList<double> output, double target) => !double.IsNaN(output[0]) && output[0] > 0 == target > 0;

}
