using System.Globalization;
using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>
/// <c>--validation F</c>: the samples held out of training. ⌈F·n⌉ of the n samples are chosen by a seeded shuffle (the first
/// of a Fisher–Yates shuffle of the positions, with <c>new Random(seed + 3)</c>, as the seed also chooses the data, the initial
/// weights and the batches), so the same seed holds out the same samples. Both parts keep the samples in their order.
/// </summary>
internal static class ValidationSplit
{
    /// <summary>The training part and the validation part (null when <paramref name="fraction"/> is 0).</summary>
    /// <exception cref="UsageException">The fraction would hold out every sample.</exception>
    public static (Dataset Train, Dataset? Validation) Split(Dataset data, double fraction, int seed)
    {
        if (fraction == 0) return (data, null);
        var held = (int)Math.Min(data.Count, Math.Ceiling(fraction * data.Count));
        if (held >= data.Count)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--validation {Numbers.Format(fraction)} holds out all {data.Count} samples of {data.Name}, leaving none to train on; choose a smaller share"));
        }
        var positions = Enumerable.Range(0, data.Count).ToArray();
        var random = new Random(unchecked(seed + 3));
        for (var i = 0; i < held; i++)
        {
            var j = i + random.Next(data.Count - i);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }
        var validation = positions[..held].Order().ToArray();
        var isHeld = new bool[data.Count];
        foreach (var i in validation) isHeld[i] = true;
        var train = Enumerable.Range(0, data.Count).Where(i => !isHeld[i]).ToArray();
        return (data.Subset(train), data.Subset(validation));
    }
}
