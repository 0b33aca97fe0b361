namespace Micrograd.Benchmarks.Moons;

/// <summary>The demo written with the Value API the obvious way: a new graph per step, Backward, then SGD on each parameter.</summary>
public sealed class EagerMoons(MoonsData data) : IMoonsEngine
{
    private readonly LocalMlp _model = new(data.Layers);
    private readonly double[] _scores = new double[data.Y.Length];

    public (double Loss, double Accuracy) Step(double lr)
    {
        var losses = new List<Value>(data.X.Length);
        for (var i = 0; i < data.X.Length; i++)
        {
            var score = _model.Forward([new Value(data.X[i][0]), new Value(data.X[i][1])]);
            _scores[i] = score.Data;
            losses.Add(MoonsEngines.Hinge(-data.Y[i], score));
        }
        var total = MoonsEngines.TotalLoss(losses, losses.Count, _model.Parameters);

        _model.Parameters.ZeroGrad();
        total.Backward();
        foreach (var p in _model.Parameters) p.Data -= lr * p.Grad;
        return (total.Data, MoonsEngines.Accuracy(_scores, data.Y));
    }

    public double[] Weights() => _model.Parameters.Select(p => p.Data).ToArray();
}
