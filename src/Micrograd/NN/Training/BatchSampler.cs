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

    /// <summary>The positions in <see cref="Data"/> of the samples <see cref="Next"/> returned last, in order (0 to n − 1 for
    /// a full batch): what a recording of the run keeps to replay it.</summary>
    internal ReadOnlySpan<int> LastBatch => _indices.AsSpan(0, BatchSize);

    /// <summary>
    /// The JavaScript twin of a sampler made with <c>new BatchSampler(data, batchSize, new Random(seed))</c>, for pages that
    /// train in a browser: the source of a function <c>(count, batchSize, seed) => next</c>, where <c>next()</c> returns the
    /// positions of the next batch (an Int32Array) exactly as <see cref="Next"/> chooses them. It holds a port of the
    /// generator .NET's <see cref="Random"/> uses when given a seed (Knuth's subtractive generator as .NET 5 kept it, with
    /// <see cref="Random.Next(int)"/> = ⌊Sample() · max⌋) and the partial shuffle above; integers wrap as C#'s do.
    /// </summary>
    internal const string Script = """
        (count, batchSize, seed) => {
          const MBIG = 2147483647;
          const state = new Int32Array(56);
          seed |= 0;
          let mj = 161803398 - (seed === -2147483648 ? MBIG : Math.abs(seed));
          state[55] = mj;
          let mk = 1;
          let ii = 0;
          for (let i = 1; i < 55; i++) {
            ii += 21;
            if (ii >= 55) ii -= 55;
            state[ii] = mk;
            mk = (mj - mk) | 0;
            if (mk < 0) mk += MBIG;
            mj = state[ii];
          }
          for (let k = 1; k < 5; k++) {
            for (let i = 1; i < 56; i++) {
              let n = i + 30;
              if (n >= 55) n -= 55;
              state[i] = state[i] - state[1 + n];
              if (state[i] < 0) state[i] += MBIG;
            }
          }
          let next = 0;
          let nextp = 21;
          const sample = () => {
            if (++next >= 56) next = 1;
            if (++nextp >= 56) nextp = 1;
            let r = (state[next] - state[nextp]) | 0;
            if (r === MBIG) r--;
            if (r < 0) r += MBIG;
            state[next] = r;
            return r * (1 / MBIG);
          };
          const size = Math.min(batchSize, count);
          const indices = new Int32Array(count);
          return () => {
            for (let i = 0; i < count; i++) indices[i] = i;
            if (size === count) return indices;
            for (let i = 0; i < size; i++) {
              const j = i + Math.trunc(sample() * (count - i));
              const swap = indices[i];
              indices[i] = indices[j];
              indices[j] = swap;
            }
            return indices.slice(0, size);
          };
        }
        """;
}
