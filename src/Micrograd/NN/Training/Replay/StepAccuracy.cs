namespace Micrograd.NN;

/// <summary>The accuracy of a step from the model's output numbers, as <see cref="Loss.Accuracy"/> counts it, without allocating.</summary>
internal static class StepAccuracy
{
    /// <summary>The fraction of samples whose outputs (<paramref name="outputs"/>, sample after sample, <paramref name="buffer"/>.Length
    /// numbers each) the loss counts as correct for their targets.</summary>
    public static double Of(Loss loss, ReadOnlySpan<double> outputs, IReadOnlyList<double> targets, double[] buffer)
    {
        var count = targets.Count;
        var correct = 0;
        for (var i = 0; i < count; i++)
        {
            outputs.Slice(i * buffer.Length, buffer.Length).CopyTo(buffer);
            if (loss.IsCorrect(buffer, targets[i])) correct++;
        }
        return (double)correct / count;
    }
}
