using Micrograd.Compiled;

namespace Micrograd.Benchmarks.Moons;

/// <summary>
/// The whole step's graph (all 100 samples, the mean and the L2 term) traced once into a <see cref="CompiledGraph"/> with the
/// parameters as leaves and the scores as outputs; each step replays it and updates the parameters in the tape.
/// Every number is the eager engine's, bit for bit.
/// </summary>
public sealed class CompiledMoons : IMoonsEngine
{
    private readonly MoonsData _data;
    private readonly CompiledGraph _tape;
    private readonly double[] _scores;

    public CompiledMoons(MoonsData data)
    {
        _data = data;
        var model = new LocalMlp(data.Layers);
        var scores = data.X.Select(x => model.Forward([new Value(x[0]), new Value(x[1])])).ToArray();
        var losses = scores.Select((s, i) => MoonsEngines.Hinge(-data.Y[i], s));
        var total = MoonsEngines.TotalLoss(losses, scores.Length, model.Parameters);
        _tape = CompiledGraph.Compile(total, [.. model.Parameters], scores);
        _scores = new double[scores.Length];
    }

    public (double Loss, double Accuracy) Step(double lr)
    {
        _tape.Forward();
        _tape.ZeroGrad();
        _tape.Backward();
        var weights = _tape.LeafValues;
        var grads = _tape.LeafGradients;
        for (var i = 0; i < weights.Length; i++) weights[i] -= lr * grads[i];
        for (var i = 0; i < _scores.Length; i++) _scores[i] = _tape.OutputValue(i);
        return (_tape.Value, MoonsEngines.Accuracy(_scores, _data.Y));
    }

    public double[] Weights() => _tape.LeafValues.ToArray();
}
