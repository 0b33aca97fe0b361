using System.Numerics;
using Micrograd.Ops;

namespace Micrograd.Compiled;

/// <summary>
/// One compiled graph replayed over many samples at once: each sample is a lane, with its own value of every leaf, and each
/// op runs over all lanes with <see cref="Vector{T}"/> arithmetic. Made by <see cref="CompiledGraph.Batch"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each lane gives bit for bit what a <see cref="CompiledGraph"/> (and so a freshly built graph) gives for that sample's leaf
/// values: ops' vector kernels compute their scalar formulas lane by lane, and ops without one run the scalar formula per lane.
/// </para>
/// <para>
/// Typical use is a per-sample graph, such as a model's loss on one example, with parameters and inputs as declared leaves:
/// set the parameters with <see cref="SetLeaf(int, double)"/> (the same value in every lane), the inputs with
/// <see cref="SetLeaf(int, ReadOnlySpan{double})"/> (one value per sample: a column of the data), run <see cref="Forward"/>,
/// read <see cref="Values"/>, run <see cref="Backward(ReadOnlySpan{double})"/> with each sample's seed (d loss / d sample's root),
/// and sum the parameters' gradients over samples with <see cref="AddGradientSums"/>.
/// </para>
/// <para>Replays allocate nothing. Not thread-safe; separate instances may be used on separate threads.</para>
/// </remarks>
public sealed class BatchedGraph
{
    /// <summary>Lanes processed together per pass over the tape. The per-instruction dispatch dominates at small widths
    /// (on the moons demo's 100 samples, a step takes about 2.7 times as long with 8 lanes per pass as with all 100), while
    /// very wide passes stream every row through memory; 256 lanes keeps a pass of a graph of a thousand nodes in L2.</summary>
    private const int ChunkLanes = 256;

    private readonly Tape _tape;
    private readonly int _stride;
    private readonly int _chunk;
    private readonly double[] _values;
    private readonly double[] _gradients;
    private int _active; // lanes run by Forward and Backward: Samples rounded up to whole vectors

    internal BatchedGraph(Tape tape, ReadOnlySpan<double> leafValues, int samples)
    {
        _tape = tape;
        Samples = samples;
        _stride = Lanes.Padded(samples);
        _active = _stride;
        _chunk = Math.Min(_stride, Lanes.Padded(ChunkLanes));
        _values = new double[tape.SlotCount * _stride];
        _gradients = new double[tape.SlotCount * _stride];
        for (var i = 0; i < tape.LeafCount; i++) Row(_values, i).Fill(leafValues[i]);
        for (var k = 0; k < tape.Constants.Length; k++) Row(_values, tape.LeafCount + k).Fill(tape.Constants[k]);
        Forward();
    }

    /// <summary>The number of samples (lanes).</summary>
    public int Samples { get; private set; }

    /// <summary>The number of samples this replayer was made for; <see cref="UseSamples"/> may use fewer.</summary>
    internal int Capacity => _stride;

    /// <summary>
    /// Runs later replays over the first <paramref name="samples"/> lanes only (at most <see cref="Capacity"/>), as for a
    /// smaller batch; every span then has that many samples. Leaf values in the other lanes are kept but may be stale.
    /// </summary>
    internal void UseSamples(int samples)
    {
        if (samples < 1 || samples > _stride) throw new ArgumentOutOfRangeException(nameof(samples), samples, $"Use 1 to {_stride} samples.");
        Samples = samples;
        _active = Lanes.Padded(samples);
    }

    /// <summary>
    /// Backward in every sample with the root's gradient 0 and output k's gradient in sample i set to
    /// <paramref name="seeds"/>[k · <paramref name="seedStride"/> + i] before the sweep: the gradient of a loss computed from the
    /// outputs elsewhere (d loss / d output). An output that is the root starts from its seed. Allocates nothing.
    /// </summary>
    internal void BackwardFromOutputs(ReadOnlySpan<double> seeds, int seedStride)
    {
        Prepare();
        for (var k = 0; k < _tape.OutputSlots.Length; k++)
            seeds.Slice(k * seedStride, Samples).CopyTo(Row(_gradients, _tape.OutputSlots[k]));
        Run();
    }

    /// <summary>The number of declared leaves, numbered as in the <see cref="CompiledGraph"/>.</summary>
    public int LeafCount => _tape.LeafCount;

    /// <summary>The number of outputs, numbered as in the <see cref="CompiledGraph"/>.</summary>
    public int OutputCount => _tape.OutputSlots.Length;

    /// <summary>The root's value for each sample after the last <see cref="Forward"/>.</summary>
    public ReadOnlySpan<double> Values => Row(_values, _tape.RootSlot)[..Samples];

    /// <summary>Leaf <paramref name="leaf"/>'s value in each sample; write into it to set a column (no allocation).</summary>
    /// <param name="leaf">The leaf's number.</param>
    public Span<double> LeafValues(int leaf)
    {
        CompiledGraph.CheckIndex(leaf, LeafCount, "leaf");
        return Row(_values, leaf)[..Samples];
    }

    /// <summary>Gives leaf <paramref name="leaf"/> the same value in every sample, as for a parameter.</summary>
    /// <param name="leaf">The leaf's number.</param>
    /// <param name="value">Any double, NaN and infinities included.</param>
    public void SetLeaf(int leaf, double value)
    {
        CompiledGraph.CheckIndex(leaf, LeafCount, "leaf");
        Row(_values, leaf).Fill(value);
    }

    /// <summary>Gives leaf <paramref name="leaf"/> one value per sample, as for an input feature.</summary>
    /// <param name="leaf">The leaf's number.</param>
    /// <param name="perSample">Exactly <see cref="Samples"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="perSample"/> does not hold one value per sample.</exception>
    public void SetLeaf(int leaf, ReadOnlySpan<double> perSample)
    {
        CompiledGraph.CheckIndex(leaf, LeafCount, "leaf");
        if (perSample.Length != Samples)
            throw new ArgumentException($"Give one value per sample: {Samples} values, not {perSample.Length}.", nameof(perSample));
        perSample.CopyTo(Row(_values, leaf));
    }

    /// <summary>Output <paramref name="output"/>'s value in each sample after the last <see cref="Forward"/>.</summary>
    /// <param name="output">The output's number, as given at compile time.</param>
    public ReadOnlySpan<double> OutputValues(int output)
    {
        CompiledGraph.CheckIndex(output, OutputCount, "output");
        return Row(_values, _tape.OutputSlots[output])[..Samples];
    }

    /// <summary>d(sample's root)/d(output), times the sample's seed, in each sample after the last <see cref="Backward()"/>.</summary>
    /// <param name="output">The output's number, as given at compile time.</param>
    public ReadOnlySpan<double> OutputGradients(int output)
    {
        CompiledGraph.CheckIndex(output, OutputCount, "output");
        return Row(_gradients, _tape.OutputSlots[output])[..Samples];
    }

    /// <summary>Leaf <paramref name="leaf"/>'s gradient in each sample from the last <see cref="Backward()"/> call only
    /// (these do not accumulate over calls; see <see cref="AddGradientSums"/>). 0 for a leaf the root does not depend on.</summary>
    /// <param name="leaf">The leaf's number.</param>
    public ReadOnlySpan<double> LeafGradients(int leaf)
    {
        CompiledGraph.CheckIndex(leaf, LeafCount, "leaf");
        return Row(_gradients, leaf)[..Samples];
    }

    /// <summary>Recomputes every node in every sample from the current leaf values. Allocates nothing.</summary>
    public void Forward()
    {
        for (var start = 0; start < _active; start += _chunk)
            _tape.Forward(_values, _stride, start, Math.Min(_chunk, _active - start));
    }

    /// <summary>Backward in every sample, with the root's gradient 1 (as <see cref="Value.Backward"/> does). Allocates nothing.</summary>
    public void Backward() => Backward(1.0);

    /// <summary>Backward in every sample, starting from the root's gradient <paramref name="seed"/>. Allocates nothing.</summary>
    /// <param name="seed">d(loss)/d(root), the same for every sample.</param>
    public void Backward(double seed)
    {
        Prepare();
        Row(_gradients, _tape.RootSlot)[..Samples].Fill(seed);
        Run();
    }

    /// <summary>
    /// Backward in every sample, starting sample i from the root's gradient <paramref name="seeds"/>[i], such as
    /// d(mean loss)/d(sample loss). Afterwards <see cref="LeafGradients"/> holds, per sample, what a
    /// <see cref="CompiledGraph"/> seeded the same way computes. Allocates nothing.
    /// </summary>
    /// <param name="seeds">Exactly <see cref="Samples"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="seeds"/> does not hold one value per sample.</exception>
    public void Backward(ReadOnlySpan<double> seeds)
    {
        if (seeds.Length != Samples)
            throw new ArgumentException($"Give one seed per sample: {Samples} values, not {seeds.Length}.", nameof(seeds));
        Prepare();
        seeds.CopyTo(Row(_gradients, _tape.RootSlot));
        Run();
    }

    /// <summary>
    /// Adds, for each leaf <c>firstLeaf + k</c>, its gradient in every sample into <paramref name="totals"/>[k], one sample at
    /// a time from the last sample to the first: <c>totals[k] = (…(totals[k] + g[n−1]) + …) + g[0]</c>. That is the order in
    /// which <see cref="Value.Backward"/> accumulates a parameter's gradient over one graph that holds every sample, built
    /// first to last (reverse topological order meets the last sample first), so full-batch gradients agree bit for bit with
    /// that graph's when each parameter is used once per sample, as in a multilayer perceptron. Leaves the root does not depend
    /// on are skipped. Allocates nothing.
    /// </summary>
    /// <param name="firstLeaf">The first leaf to sum.</param>
    /// <param name="totals">One running total per leaf from <paramref name="firstLeaf"/> on.</param>
    /// <exception cref="ArgumentOutOfRangeException">The leaves run past <see cref="LeafCount"/>.</exception>
    public void AddGradientSums(int firstLeaf, Span<double> totals)
    {
        if (firstLeaf < 0 || firstLeaf + totals.Length > LeafCount)
            throw new ArgumentOutOfRangeException(nameof(firstLeaf), $"Leaves {firstLeaf} to {firstLeaf + totals.Length - 1} are not all among the {LeafCount} leaves.");
        var last = firstLeaf + totals.Length;
        // Four leaves at a time: four independent chains of additions keep the adder busy; each chain is still summed
        // sequentially from the last sample to the first.
        Span<int> group = stackalloc int[4];
        var size = 0;
        foreach (var leaf in _tape.ReachedLeaves)
        {
            if (leaf < firstLeaf || leaf >= last) continue;
            group[size++] = leaf;
            if (size == 4)
            {
                SumFour(group, firstLeaf, totals);
                size = 0;
            }
        }
        for (var k = 0; k < size; k++) SumOne(group[k], firstLeaf, totals);
    }

    private void SumOne(int leaf, int firstLeaf, Span<double> totals)
    {
        var lanes = Row(_gradients, leaf);
        var sum = totals[leaf - firstLeaf];
        for (var i = Samples - 1; i >= 0; i--) sum += lanes[i];
        totals[leaf - firstLeaf] = sum;
    }

    private void SumFour(ReadOnlySpan<int> leaves, int firstLeaf, Span<double> totals)
    {
        ReadOnlySpan<double> r0 = Row(_gradients, leaves[0]), r1 = Row(_gradients, leaves[1]), r2 = Row(_gradients, leaves[2]), r3 = Row(_gradients, leaves[3]);
        double s0 = totals[leaves[0] - firstLeaf], s1 = totals[leaves[1] - firstLeaf], s2 = totals[leaves[2] - firstLeaf], s3 = totals[leaves[3] - firstLeaf];
        for (var i = Samples - 1; i >= 0; i--)
        {
            s0 += r0[i];
            s1 += r1[i];
            s2 += r2[i];
            s3 += r3[i];
        }
        totals[leaves[0] - firstLeaf] = s0;
        totals[leaves[1] - firstLeaf] = s1;
        totals[leaves[2] - firstLeaf] = s2;
        totals[leaves[3] - firstLeaf] = s3;
    }

    private void Prepare() => Array.Clear(_gradients);

    private void Run()
    {
        for (var start = 0; start < _active; start += _chunk)
            _tape.Backward(_values, _gradients, _stride, start, Math.Min(_chunk, _active - start));
    }

    private Span<double> Row(double[] storage, int slot) => storage.AsSpan(slot * _stride, _stride);
}
