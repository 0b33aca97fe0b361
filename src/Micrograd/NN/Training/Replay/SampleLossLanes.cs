using Micrograd.Compiled;

namespace Micrograd.NN;

/// <summary>
/// The samples' losses for the batched route: each graph shape of the loss (<see cref="SampleLossForm.Shape"/>; one for
/// every built-in loss) recorded once with the model's outputs and the sample's numbers as
/// leaves, and replayed with one lane per sample of that shape. Forward reads the model's outputs and writes each
/// sample's loss; backward takes each sample's seed and writes d loss / d output, the seeds of the model's backward.
/// </summary>
internal sealed class SampleLossLanes
{
    private readonly SampleLossForm _form;
    private readonly int _outputs;
    private readonly int _numberCount;
    private readonly BatchedGraph[] _graphs;
    private readonly int[][] _lanes;
    private readonly int[] _counts;
    private readonly double[] _numbers;
    private readonly double[] _columns;
    private readonly double[] _seeds;

    /// <summary>Replayers of <paramref name="tapes"/> (one per shape; leaves: the outputs, then the numbers) for up to <paramref name="capacity"/> samples.</summary>
    public SampleLossLanes(SampleLossForm form, CompiledGraph[] tapes, int outputs, int capacity)
    {
        _form = form;
        _outputs = outputs;
        _numberCount = form.NumberCount(outputs);
        _graphs = new BatchedGraph[tapes.Length];
        _lanes = new int[tapes.Length][];
        for (var s = 0; s < tapes.Length; s++)
        {
            _graphs[s] = tapes[s].Batch(capacity);
            _lanes[s] = new int[capacity];
        }
        _counts = new int[tapes.Length];
        _numbers = new double[_numberCount];
        _columns = new double[_numberCount * capacity];
        _seeds = new double[capacity];
    }

    /// <summary>
    /// The losses of samples <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 into
    /// <paramref name="losses"/> (indexed by sample), from their outputs (<paramref name="outputValues"/>, sample after sample)
    /// and targets. Allocates nothing.
    /// </summary>
    public void Forward(ReadOnlySpan<double> outputValues, IReadOnlyList<double> targets, ReadOnlySpan<int> shapes, int first, int count, Span<double> losses)
    {
        Array.Clear(_counts);
        for (var l = 0; l < count; l++)
        {
            var s = shapes[first + l];
            _lanes[s][_counts[s]++] = l;
        }
        var capacity = _seeds.Length;
        for (var s = 0; s < _graphs.Length; s++)
        {
            var m = _counts[s];
            if (m == 0) continue;
            var graph = _graphs[s];
            var lanes = _lanes[s];
            graph.UseSamples(m);
            for (var j = 0; j < m; j++)
            {
                var i = first + lanes[j];
                _form.Numbers(outputValues.Slice(i * _outputs, _outputs), targets[i], _numbers);
                for (var q = 0; q < _numberCount; q++) _columns[q * capacity + j] = _numbers[q];
            }
            for (var k = 0; k < _outputs; k++)
            {
                var row = graph.LeafValues(k);
                for (var j = 0; j < m; j++) row[j] = outputValues[(first + lanes[j]) * _outputs + k];
            }
            for (var q = 0; q < _numberCount; q++) graph.SetLeaf(_outputs + q, _columns.AsSpan(q * capacity, m));
            graph.Forward();
            var values = graph.Values;
            for (var j = 0; j < m; j++) losses[first + lanes[j]] = values[j];
        }
    }

    /// <summary>
    /// After <see cref="Forward"/> on the same samples: with <paramref name="seeds"/>[l] the seed of the chunk's sample l,
    /// writes d(seeded loss)/d(output k) of sample l into <paramref name="outputSeeds"/>[k · <paramref name="stride"/> + l].
    /// Allocates nothing.
    /// </summary>
    public void Backward(ReadOnlySpan<double> seeds, Span<double> outputSeeds, int stride)
    {
        for (var s = 0; s < _graphs.Length; s++)
        {
            var m = _counts[s];
            if (m == 0) continue;
            var graph = _graphs[s];
            var lanes = _lanes[s];
            for (var j = 0; j < m; j++) _seeds[j] = seeds[lanes[j]];
            graph.Backward(_seeds.AsSpan(0, m));
            for (var k = 0; k < _outputs; k++)
            {
                var gradients = graph.LeafGradients(k);
                for (var j = 0; j < m; j++) outputSeeds[k * stride + lanes[j]] = gradients[j];
            }
        }
    }
}
