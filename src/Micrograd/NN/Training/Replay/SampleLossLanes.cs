using Micrograd.Compiled;

namespace Micrograd.NN;

/// <summary>
/// The samples' losses for <see cref="CompiledEngine"/>: the loss's sample graph (<see cref="SampleLossForm.Build(IReadOnlyList{Value}, IReadOnlyList{Value})"/>)
/// recorded once with the model's outputs and the sample's numbers as leaves, and replayed with one lane per sample.
/// Forward reads the model's outputs and writes each sample's loss; backward takes each sample's seed and writes
/// d loss / d output, the seeds of the model's backward.
/// </summary>
internal sealed class SampleLossLanes
{
    private readonly SampleLossForm _form;
    private readonly int _outputs;
    private readonly int _numberCount;
    private readonly BatchedGraph _graph;
    private readonly double[] _numbers;
    private readonly double[] _columns;

    /// <summary>A replayer of <paramref name="tape"/> (leaves: the outputs, then the numbers) for up to <paramref name="capacity"/> samples.</summary>
    public SampleLossLanes(SampleLossForm form, CompiledGraph tape, int outputs, int capacity)
    {
        _form = form;
        _outputs = outputs;
        _numberCount = form.CountNumbers(outputs);
        _graph = tape.Batch(capacity);
        _numbers = new double[_numberCount];
        _columns = new double[_numberCount * capacity];
    }

    /// <summary>
    /// The losses of samples <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 into
    /// <paramref name="losses"/> (indexed by sample), from their outputs (<paramref name="outputValues"/>, sample after sample)
    /// and targets. Allocates nothing.
    /// </summary>
    public void Forward(ReadOnlySpan<double> outputValues, IReadOnlyList<double> targets, int first, int count, Span<double> losses)
    {
        var capacity = _graph.Capacity;
        _graph.UseSamples(count);
        for (var l = 0; l < count; l++)
        {
            var i = first + l;
            _form.WriteNumbers(outputValues.Slice(i * _outputs, _outputs), targets[i], _numbers);
            for (var q = 0; q < _numberCount; q++) _columns[q * capacity + l] = _numbers[q];
        }
        for (var k = 0; k < _outputs; k++)
        {
            var row = _graph.LeafValues(k);
            for (var l = 0; l < count; l++) row[l] = outputValues[(first + l) * _outputs + k];
        }
        for (var q = 0; q < _numberCount; q++) _graph.SetLeaf(_outputs + q, _columns.AsSpan(q * capacity, count));
        _graph.Forward();
        _graph.Values.CopyTo(losses.Slice(first, count));
    }

    /// <summary>
    /// After <see cref="Forward"/> on the same samples: with <paramref name="seeds"/>[l] the seed of the chunk's sample l,
    /// writes d(seeded loss)/d(output k) of sample l into <paramref name="outputSeeds"/>[k · <paramref name="stride"/> + l].
    /// Allocates nothing.
    /// </summary>
    public void Backward(ReadOnlySpan<double> seeds, Span<double> outputSeeds, int stride)
    {
        _graph.Backward(seeds);
        for (var k = 0; k < _outputs; k++) _graph.LeafGradients(k).CopyTo(outputSeeds.Slice(k * stride));
    }
}
