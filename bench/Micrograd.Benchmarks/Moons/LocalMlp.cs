namespace Micrograd.Benchmarks.Moons;

/// <summary>
/// A multilayer perceptron built directly from <see cref="Value"/>s, written the obvious way and as the demo does it: each
/// neuron is <c>b + w0·x0 + w1·x1 + …</c> (a chain of binary adds), then relu or nothing. This file is the only stand-in for
/// Micrograd.NN's Mlp in the benchmarks; replace it by Mlp once that is merged.
/// </summary>
public sealed class LocalMlp
{
    private readonly Value[][][] _weights; // [layer][neuron][input]
    private readonly Value[][] _biases;    // [layer][neuron]
    private readonly bool[] _relu;

    public LocalMlp(IReadOnlyList<LayerSpec> layers)
    {
        _weights = layers.Select(l => l.Weights.Select(row => row.Select(w => new Value(w)).ToArray()).ToArray()).ToArray();
        _biases = layers.Select(l => l.Biases.Select(b => new Value(b)).ToArray()).ToArray();
        _relu = layers.Select(l => l.Activation == "relu").ToArray();
        Parameters = [.. Enumerable.Range(0, layers.Count).SelectMany(l => _weights[l].SelectMany((row, n) => row.Append(_biases[l][n])))];
    }

    /// <summary>Every weight and bias: per layer, per neuron, its weights then its bias.</summary>
    public IReadOnlyList<Value> Parameters { get; }

    /// <summary>The network's single output for one sample.</summary>
    public Value Forward(IReadOnlyList<Value> x)
    {
        var layer = x;
        for (var l = 0; l < _weights.Length; l++)
        {
            var outputs = new Value[_weights[l].Length];
            for (var n = 0; n < outputs.Length; n++)
            {
                var w = _weights[l][n];
                var act = _biases[l][n];
                for (var i = 0; i < w.Length; i++) act += w[i] * layer[i];
                outputs[n] = _relu[l] ? act.Relu() : act;
            }
            layer = outputs;
        }
        return layer[0];
    }
}
