using System.Numerics;
using Micrograd.Ops;

namespace Micrograd.Compiled;

/// <summary>
/// One compiled graph replayed over many samples at once: each sample is a lane, with its own value of every leaf, and each
/// op runs over all lanes with <see cref="Vector{T}"/> arithmetic. Made by <see cref="CompiledGraph.Batch(int)"/>.
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
/// <para>Memory: a row of lanes (a value and a gradient per sample) for each leaf, constant and node, except products fused
/// into their sums (<see cref="SumOfProducts"/>), which have none.</para>
/// </remarks>
public sealed class BatchedGraph
{
    /// <summary>Lanes processed together per pass over the tape. The per-instruction dispatch dominates at small widths
    /// (on the moons demo's 100 samples, a step takes about 2.7 times as long with 8 lanes per pass as with all 100), while
    /// very wide passes stream every row through memory; 256 lanes keeps a pass of a graph of a thousand nodes in L2.</summary>
    private const int ChunkLanes = 256;

    private readonly Tape _tape;
    private readonly LanePlan _plan;
    private readonly DenseLayer[] _layers;
    private readonly int _rowBase;
    private readonly int _stride;
    private readonly int _chunk;
    private readonly double[] _values;
    private readonly double[] _gradients;
    private readonly double[] _shared;
    private readonly double[] _scratch;
    private readonly int[] _root;
    private int _active; // lanes run by Forward and Backward: Samples rounded up to whole vectors

    internal BatchedGraph(Tape tape, LanePlan plan, ReadOnlySpan<double> leafValues, int samples)
    {
        _tape = tape;
        _plan = plan;
        _rowBase = plan.ScalarLeaves;
        Samples = samples;
        _stride = Lanes.Padded(samples);
        _active = _stride;
        _chunk = Math.Min(_stride, Lanes.Padded(ChunkLanes));
        _layers = [.. plan.Layers.Select(members => new DenseLayer(tape, members, _rowBase, _stride, _chunk))];
        _values = new double[plan.RowCount * _stride];
        _gradients = new double[plan.RowCount * _stride];
        _shared = leafValues[.._rowBase].ToArray();
        _scratch = new double[_chunk];
        _root = [tape.RootSlot];
        for (var i = _rowBase; i < tape.LeafCount; i++) Row(_values, i).Fill(leafValues[i]);
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
    /// outputs elsewhere (d loss / d output). An output that is the root starts from its seed. Then adds the gradient of each
    /// leaf <c>j</c> below <paramref name="totals"/>.Length in every sample into <paramref name="totals"/>[j], from the last
    /// sample to the first (as <see cref="AddGradientSums"/> does; a leaf shared by every sample has it added during the sweep).
    /// Allocates nothing.
    /// </summary>
    internal void BackwardFromOutputs(ReadOnlySpan<double> seeds, int seedStride, Span<double> totals)
    {
        Run(seeds, seedStride, _tape.OutputSlots, 0.0, totals);
        if (_rowBase == 0 && totals.Length > 0) AddGradientSums(0, totals);
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
        if (leaf < _rowBase) _shared[leaf] = value;
        else Row(_values, leaf).Fill(value);
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
        var instructions = _tape.Instructions;
        var layerAt = _plan.LayerAt;
        for (var start = 0; start < _active; start += _chunk)
        {
            var count = Math.Min(_chunk, _active - start);
            var rows = Rows(_values, start, count);
            for (var k = 0; k < instructions.Length; k++)
            {
                var layer = layerAt[k];
                if (layer == LanePlan.Alone) _tape.Forward(in instructions[k], rows);
                else if (layer >= 0) _layers[layer].Forward(_values, start, count, _shared);
            }
        }
    }

    /// <summary>Backward in every sample, with the root's gradient 1 (as <see cref="Value.Backward"/> does). Allocates nothing.</summary>
    public void Backward() => Backward(1.0);

    /// <summary>Backward in every sample, starting from the root's gradient <paramref name="seed"/>. Allocates nothing.</summary>
    /// <param name="seed">d(loss)/d(root), the same for every sample.</param>
    public void Backward(double seed) => Run([], 0, [], seed, []);

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
        Run(seeds, 0, _root, 0.0, []);
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

    /// <summary>
    /// Backward over the lanes, chunk by chunk from the last to the first (so that sums over samples run from the last sample
    /// to the first): each chunk's gradients cleared, then seeded (the root with <paramref name="seed"/> when
    /// <paramref name="seedSlots"/> is empty, else slot <c>seedSlots[k]</c> from <paramref name="seeds"/>[k · seedStride + i]),
    /// then swept. Shared leaves' gradients are added into <paramref name="totals"/> (indexed by leaf), or dropped when it is
    /// empty.
    /// </summary>
    private void Run(ReadOnlySpan<double> seeds, int seedStride, ReadOnlySpan<int> seedSlots, double seed, Span<double> totals)
    {
        var instructions = _tape.Instructions;
        var layerAt = _plan.LayerAt;
        var rowCount = _plan.RowCount;
        for (var start = (_active - 1) / _chunk * _chunk; start >= 0; start -= _chunk)
        {
            var count = Math.Min(_chunk, _active - start);
            var real = Math.Clamp(Samples - start, 0, count);
            for (var r = 0; r < rowCount; r++) _gradients.AsSpan(r * _stride + start, count).Fill(-0.0); // sums start from −0, as Value.Backward's
            if (seedSlots.IsEmpty) Row(_gradients, _tape.RootSlot).Slice(start, real).Fill(seed);
            for (var k = 0; k < seedSlots.Length; k++) seeds.Slice(k * seedStride + start, real).CopyTo(Row(_gradients, seedSlots[k])[start..]);
            var rows = Rows(_values, start, count);
            var grads = Rows(_gradients, start, count);
            for (var k = instructions.Length - 1; k >= 0; k--)
            {
                var layer = layerAt[k];
                if (layer == LanePlan.Alone) _tape.Backward(in instructions[k], rows, grads, _scratch);
                else if (layer >= 0) _layers[layer].Backward(_values, _gradients, start, count, real, _shared, totals);
            }
        }
    }

    /// <summary>Slot <paramref name="slot"/>'s row of lanes (a leaf shared by every sample has none).</summary>
    private Span<double> Row(double[] storage, int slot)
    {
        if (slot < _rowBase)
            throw new InvalidOperationException($"Leaf {slot} has one value for every sample here (a parameter), not a row of samples.");
        return storage.AsSpan((slot - _rowBase) * _stride, _stride);
    }

    /// <summary>The rows over lanes <c>start … start + count − 1</c>, addressed by slot.</summary>
    private LaneRows Rows(double[] storage, int start, int count) => new(storage, _stride, start - _rowBase * _stride, count);
}
