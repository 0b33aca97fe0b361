using System.Globalization;

namespace Micrograd.NN;

/// <summary>
/// A built-in loss's per-sample graph with the numbers that vary from sample to sample as operands of their own
/// (<see cref="Loss.SampleForm"/>): hinge's −y, binary cross-entropy's t = (y + 1)/2, mean squared error's y, softmax's
/// largest logit m (once for each use) and one-hot t₀ … t_(K−1). The graph's structure is the same for every sample and every
/// target, so it can be built once, over leaves, and evaluated for any sample by setting those leaves to the sample's
/// <see cref="Numbers"/>: the compiled engine records it once that way, and the training page lays it out once.
/// </summary>
/// <remarks>
/// <para><see cref="Build"/> is the very function <see cref="Loss.SampleLoss"/> builds with: <c>SampleLoss(output, target)</c>
/// is <c>Build(output, numbers)</c> with each of <see cref="Numbers"/>(the outputs' data, target) as a new constant leaf,
/// node for node, so both compute the same numbers bit for bit.</para>
/// <para>Only the library's losses have one (a loss defined elsewhere has a null <see cref="Loss.SampleForm"/>).</para>
/// </remarks>
public abstract class SampleLossForm
{
    private readonly Loss _loss;

    /// <summary>Only the library's losses have a form.</summary>
    private protected SampleLossForm(Loss loss) => _loss = loss;

    /// <summary>How many numbers a sample's graph takes, for a model with <paramref name="outputCount"/> outputs: 1 for
    /// hinge, binary cross-entropy and mean squared error; 2K + 1 for softmax over K outputs.</summary>
    /// <param name="outputCount">The model's outputs: as many as the loss takes (1, or at least 2 for softmax).</param>
    /// <exception cref="ArgumentOutOfRangeException">The loss does not take that many outputs.</exception>
    public int NumberCount(int outputCount)
    {
        CheckOutputCount(outputCount, nameof(outputCount));
        return CountNumbers(outputCount);
    }

    /// <summary>
    /// A sample's numbers, from its outputs' values and its target, in the order <see cref="Build"/> takes them. Numbers
    /// from the target are finite (the target is valid); numbers read from the outputs (softmax's m, their largest) are
    /// what <see cref="Math.Max(double, double)"/> makes of them: NaN when an output is NaN, an infinity when the largest
    /// is one (the loss is then NaN).
    /// </summary>
    /// <param name="outputs">The model's output numbers for the sample.</param>
    /// <param name="target">The sample's target; valid for the loss (<see cref="Loss.TargetError"/> is null).</param>
    /// <param name="numbers">Receives <see cref="NumberCount"/>(outputs.Length) numbers.</param>
    /// <exception cref="ArgumentOutOfRangeException">The loss does not take that many outputs.</exception>
    /// <exception cref="ArgumentException">The target is not valid for the loss, or <paramref name="numbers"/> has another length.</exception>
    public void Numbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers)
    {
        CheckOutputCount(outputs.Length, nameof(outputs));
        if (_loss.TargetError(target, outputs.Length) is { } error) throw new ArgumentException(error, nameof(target));
        CheckNumberCount(numbers.Length, outputs.Length, nameof(numbers));
        WriteNumbers(outputs, target, numbers);
    }

    /// <summary>
    /// One sample's loss as a graph over <paramref name="outputs"/>, with <paramref name="numbers"/> in the numbers' places:
    /// leaves to set for each sample, or constants (as <see cref="Loss.SampleLoss"/> passes them). The graph computes what
    /// the loss's formula computes from those values; NaN and infinities propagate through it by IEEE rules.
    /// </summary>
    /// <param name="outputs">The model's outputs for a sample (as many as the loss takes).</param>
    /// <param name="numbers">The sample's numbers, <see cref="NumberCount"/>(outputs.Count) of them, in the order of <see cref="Numbers"/>.</param>
    /// <returns>The sample's loss; its graph reaches every output and every number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The loss does not take that many outputs.</exception>
    /// <exception cref="ArgumentException">A value is null, or <paramref name="numbers"/> has another count.</exception>
    public Value Build(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(numbers);
        CheckOutputCount(outputs.Count, nameof(outputs));
        CheckNumberCount(numbers.Count, outputs.Count, nameof(numbers));
        for (var k = 0; k < outputs.Count; k++)
        {
            if (outputs[k] is null) throw new ArgumentException($"outputs[{k}] is null.", nameof(outputs));
        }
        for (var q = 0; q < numbers.Count; q++)
        {
            if (numbers[q] is null) throw new ArgumentException($"numbers[{q}] is null.", nameof(numbers));
        }
        return BuildGraph(outputs, numbers);
    }

    /// <summary>True when the loss takes a model with <paramref name="outputCount"/> outputs.</summary>
    internal abstract bool TakesOutputs(int outputCount);

    /// <summary><see cref="NumberCount"/> unchecked, for the library's own callers.</summary>
    internal abstract int CountNumbers(int outputCount);

    /// <summary>True when the numbers depend on the model's outputs for the sample (softmax's max shift), not only on its target.</summary>
    internal virtual bool NumbersReadOutputs => false;

    /// <summary><see cref="Numbers"/> unchecked (a valid target, the right lengths), for the library's own callers: the compiled
    /// engine calls it for every sample of every step.</summary>
    internal abstract void WriteNumbers(ReadOnlySpan<double> outputs, double target, Span<double> numbers);

    /// <summary><see cref="Build"/> unchecked, for the library's own callers.</summary>
    internal abstract Value BuildGraph(IReadOnlyList<Value> outputs, IReadOnlyList<Value> numbers);

    private void CheckOutputCount(int outputCount, string parameter)
    {
        if (!TakesOutputs(outputCount))
        {
            throw new ArgumentOutOfRangeException(parameter, outputCount,
                string.Create(CultureInfo.InvariantCulture, $"The {_loss.Name} loss does not take a model with {outputCount} outputs."));
        }
    }

    private void CheckNumberCount(int count, int outputCount, string parameter)
    {
        var expected = CountNumbers(outputCount);
        if (count != expected)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {_loss.Name} loss takes {expected} numbers for {outputCount} outputs, not {count}."), parameter);
        }
    }
}
