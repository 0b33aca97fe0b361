using Micrograd.Compiled;

namespace Micrograd.Benchmarks.Moons;

/// <summary>
/// One sample's graph (score and hinge loss, with the parameters, the two inputs and −label as leaves) traced once and
/// replayed over the 100 samples at once with <see cref="BatchedGraph"/> (lanes = samples), plus a small "head" tape for the
/// mean loss and the L2 term. Gradients are summed over samples in the order the eager graph's backward meets them, so every
/// number is the eager engine's, bit for bit.
/// </summary>
public sealed class BatchedMoons : IMoonsEngine
{
    private readonly MoonsData _data;
    private readonly BatchedGraph _batch;
    private readonly CompiledGraph _head;
    private readonly double[] _weights;
    private readonly double[] _gradients;
    private readonly int _samples;

    public BatchedMoons(MoonsData data)
    {
        _data = data;
        _samples = data.X.Length;
        var model = new LocalMlp(data.Layers);
        var parameters = model.Parameters;
        Value x1 = new(0), x2 = new(0), negativeLabel = new(0);
        var score = model.Forward([x1, x2]);
        var sample = CompiledGraph.Compile(MoonsEngines.Hinge(negativeLabel, score), [.. parameters, x1, x2, negativeLabel], [score]);
        _batch = sample.Batch(_samples);
        _batch.SetLeaf(parameters.Count, data.X.Select(x => x[0]).ToArray());
        _batch.SetLeaf(parameters.Count + 1, data.X.Select(x => x[1]).ToArray());
        _batch.SetLeaf(parameters.Count + 2, data.Y.Select(y => -y).ToArray());

        var lossLeaves = Enumerable.Range(0, _samples).Select(_ => new Value(0)).ToArray();
        var headParameters = parameters.Select(p => new Value(p.Data)).ToArray();
        _head = CompiledGraph.Compile(MoonsEngines.TotalLoss(lossLeaves, _samples, headParameters), [.. lossLeaves, .. headParameters]);

        _weights = parameters.Select(p => p.Data).ToArray();
        _gradients = new double[_weights.Length];
    }

    public (double Loss, double Accuracy) Step(double lr)
    {
        for (var j = 0; j < _weights.Length; j++) _batch.SetLeaf(j, _weights[j]);
        _batch.Forward();
        _batch.Values.CopyTo(_head.LeafValues);
        _weights.CopyTo(_head.LeafValues[_samples..]);
        _head.Forward();
        _head.ZeroGrad();
        _head.Backward();
        _batch.Backward(_head.LeafGradients[.._samples]);
        _head.LeafGradients[_samples..].CopyTo(_gradients);
        _batch.AddGradientSums(0, _gradients);
        for (var j = 0; j < _weights.Length; j++) _weights[j] -= lr * _gradients[j];
        return (_head.Value, MoonsEngines.Accuracy(_batch.OutputValues(0), _data.Y));
    }

    public double[] Weights() => (double[])_weights.Clone();
}
