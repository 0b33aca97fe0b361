namespace Micrograd.NN;

/// <summary>
/// Chooses the samples of each training step: the whole data set every time (full batch), or, as the Python demo's
/// <c>np.random.permutation(n)[:batch_size]</c>, a fresh random subset of a fixed size drawn without replacement.
/// </summary>
public sealed class BatchSampler
{
    private readonly Random? _random;
    private readonly int[] _indices;

    /// <summary>A sampler of <paramref name="batchSize"/> samples per step (the whole data set when null or at least its size).</summary>
    /// <param name="data">The data set.</param>
    /// <param name="batchSize">Samples per step, at least 1; null for the full batch.</param>
    /// <param name="random">The source of randomness for random batches; needed only when a batch is smaller than the data set.</param>
    public BatchSampler(Dataset data, int? batchSize, Random? random)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize is < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "A batch needs at least one sample.");
        Data = data;
        BatchSize = Math.Min(batchSize ?? data.Count, data.Count);
        if (BatchSize < data.Count)
        {
            _random = random ?? throw new ArgumentNullException(nameof(random), "A random batch needs a source of randomness.");
        }
        _indices = Enumerable.Range(0, data.Count).ToArray();
    }

    /// <summary>A sampler that returns the whole data set at every step.</summary>
    /// <param name="data">The data set.</param>
    public static BatchSampler Full(Dataset data) => new(data, null, null);

    /// <summary>The data set sampled from.</summary>
    public Dataset Data { get; }

    /// <summary>Samples per step.</summary>
    public int BatchSize { get; }

    /// <summary>True when every step sees the whole data set.</summary>
    public bool IsFullBatch => BatchSize == Data.Count;

    /// <summary>The next step's batch: <see cref="Data"/> itself for a full batch, otherwise a random subset.</summary>
    public Dataset Next()
    {
        if (IsFullBatch) return Data;
        var n = _indices.Length;
        for (var i = 0; i < n; i++) _indices[i] = i;
        for (var i = 0; i < BatchSize; i++)
        {
            var j = i + _random!.Next(n - i);
            (_indices[i], _indices[j]) = (_indices[j], _indices[i]);
        }
        return Data.Subset(_indices[..BatchSize]);
    }

    /// <summary>
    /// The positions in <see cref="Data"/> of the samples of the batch <see cref="Next"/> returned last, in the batch's
    /// order, <see cref="BatchSize"/> of them: what a recording of a run keeps to replay it. For a full batch, and before
    /// the first <see cref="Next"/>, they are 0, 1, …, <see cref="BatchSize"/> − 1.
    /// </summary>
    /// <remarks>A view of the sampler's own buffer, which the next call of <see cref="Next"/> overwrites: copy it
    /// (<c>ToArray()</c>) to keep it.</remarks>
    public ReadOnlySpan<int> LastBatchIndices => _indices.AsSpan(0, BatchSize);
}
