namespace Micrograd.NN;

/// <summary>A row of neurons that all read the same inputs and share one <see cref="NN.Activation"/>.</summary>
public sealed class Layer : Module
{
    private readonly Neuron[] _neurons;
    private readonly Value[] _parameters;

    /// <summary>A layer of freshly initialized neurons (weights uniform in [-1, 1), biases 0).</summary>
    /// <param name="inputs">How many inputs each neuron takes; at least 1.</param>
    /// <param name="outputs">How many neurons; at least 1.</param>
    /// <param name="activation">The nonlinearity of every neuron.</param>
    /// <param name="random">The source of the initial weights.</param>
    public Layer(int inputs, int outputs, Activation activation, Random random)
        : this(Create(inputs, outputs, activation, random))
    {
    }

    /// <summary>A layer of existing neurons.</summary>
    /// <param name="neurons">At least one neuron; all must take the same number of inputs and have the same activation.</param>
    public Layer(IEnumerable<Neuron> neurons)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        _neurons = neurons.ToArray();
        if (_neurons.Length == 0) throw new ArgumentException("A layer needs at least one neuron.", nameof(neurons));
        if (_neurons.Any(n => n is null)) throw new ArgumentException("A layer's neurons must not be null.", nameof(neurons));
        var first = _neurons[0];
        for (var i = 1; i < _neurons.Length; i++)
        {
            if (_neurons[i].InputCount != first.InputCount)
                throw new ArgumentException($"Neuron {i} takes {_neurons[i].InputCount} inputs but neuron 0 takes {first.InputCount}.", nameof(neurons));
            if (_neurons[i].Activation != first.Activation)
                throw new ArgumentException($"Neuron {i} uses {_neurons[i].Activation.Name()} but neuron 0 uses {first.Activation.Name()}.", nameof(neurons));
        }
        _parameters = _neurons.SelectMany(n => n.Parameters).ToArray();
    }

    /// <summary>The neurons, one per output.</summary>
    public IReadOnlyList<Neuron> Neurons => _neurons;

    /// <summary>How many inputs the layer takes.</summary>
    public int InputCount => _neurons[0].InputCount;

    /// <summary>How many outputs (neurons) the layer has.</summary>
    public int OutputCount => _neurons.Length;

    /// <summary>The nonlinearity of every neuron.</summary>
    public Activation Activation => _neurons[0].Activation;

    /// <summary>Each neuron's parameters in turn (weights, then bias).</summary>
    public override IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Builds every neuron's output over the same inputs.</summary>
    /// <param name="inputs">One value per input.</param>
    /// <exception cref="ArgumentException">The number of inputs differs from <see cref="InputCount"/>.</exception>
    public Value[] Forward(IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = new Value[_neurons.Length];
        for (var i = 0; i < outputs.Length; i++) outputs[i] = _neurons[i].Forward(inputs);
        return outputs;
    }

    /// <summary>Every neuron's output for plain numbers, without a graph (the data <see cref="Forward"/> would compute).</summary>
    /// <param name="inputs">One number per input.</param>
    public double[] Evaluate(ReadOnlySpan<double> inputs)
    {
        var outputs = new double[_neurons.Length];
        for (var i = 0; i < outputs.Length; i++) outputs[i] = _neurons[i].Evaluate(inputs);
        return outputs;
    }

    /// <summary>For example <c>relu layer(2 → 16)</c>.</summary>
    public override string ToString() => $"{Activation.Name()} layer({InputCount} → {OutputCount})";

    private static Neuron[] Create(int inputs, int outputs, Activation activation, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentNullException.ThrowIfNull(random);
        var neurons = new Neuron[outputs];
        for (var i = 0; i < outputs; i++) neurons[i] = new Neuron(inputs, activation, random);
        return neurons;
    }
}
