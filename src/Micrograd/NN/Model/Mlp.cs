using System.Globalization;

namespace Micrograd.NN;

/// <summary>
/// A multilayer perceptron: layers applied in turn, each reading the previous one's outputs. Parameters are labelled
/// <c>l{layer}.n{neuron}.w{input}</c> and <c>l{layer}.n{neuron}.b</c> (0-based) for graph pictures.
/// </summary>
public sealed class Mlp : Module
{
    private readonly Layer[] _layers;
    private readonly Value[] _parameters;

    /// <summary>
    /// A freshly initialized network, as the Python original's <c>MLP(nin, [16, 16, 1])</c>: weights uniform in [-1, 1)
    /// drawn layer by layer, neuron by neuron, input by input; biases 0.
    /// </summary>
    /// <param name="inputs">How many inputs the network takes; at least 1.</param>
    /// <param name="layerSizes">The number of neurons in each layer, the last being the number of outputs; at least one layer.</param>
    /// <param name="random">The source of the initial weights; seed it for reproducible runs.</param>
    /// <param name="hidden">The activation of every layer but the last; relu by default.</param>
    /// <param name="output">The activation of the last layer; linear by default.</param>
    public Mlp(int inputs, IReadOnlyList<int> layerSizes, Random random, Activation hidden = Activation.Relu, Activation output = Activation.Linear)
        : this(inputs, Create(inputs, layerSizes, random, hidden, output))
    {
    }

    /// <summary>A network of existing layers.</summary>
    /// <param name="inputs">How many inputs the network takes; the first layer must take as many.</param>
    /// <param name="layers">At least one layer; each must take as many inputs as the previous one has outputs.</param>
    public Mlp(int inputs, IEnumerable<Layer> layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToArray();
        if (_layers.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        var width = inputs;
        for (var i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i] ?? throw new ArgumentException("A network's layers must not be null.", nameof(layers));
            if (layer.InputCount != width)
                throw new ArgumentException($"Layer {i} takes {layer.InputCount} inputs but receives {width}.", nameof(layers));
            width = layer.OutputCount;
        }
        if (_layers.SelectMany(l => l.Parameters).Distinct(ReferenceEqualityComparer.Instance).Count() != _layers.Sum(l => l.Parameters.Count))
            throw new ArgumentException("A network must not use the same neuron or layer twice.", nameof(layers));
        InputCount = inputs;
        _parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        Label();
    }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>How many inputs the network takes.</summary>
    public int InputCount { get; }

    /// <summary>How many outputs the last layer has.</summary>
    public int OutputCount => _layers[^1].OutputCount;

    /// <summary>Every layer's parameters in turn.</summary>
    public override IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Builds the network's outputs as a graph over <paramref name="inputs"/> and its parameters.</summary>
    /// <param name="inputs">One value per input.</param>
    /// <exception cref="ArgumentException">The number of inputs differs from <see cref="InputCount"/>.</exception>
    public Value[] Forward(IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckCount(inputs.Count, nameof(inputs));
        IReadOnlyList<Value> x = inputs;
        foreach (var layer in _layers) x = layer.Forward(x);
        return (Value[])x;
    }

    /// <summary>Builds the network's outputs over constant inputs (each number becomes a new leaf).</summary>
    /// <param name="inputs">One number per input.</param>
    public Value[] Forward(IReadOnlyList<double> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var leaves = new Value[inputs.Count];
        for (var i = 0; i < leaves.Length; i++) leaves[i] = new Value(inputs[i]);
        return Forward(leaves);
    }

    /// <summary>
    /// The network's outputs for plain numbers, without building a graph: exactly the data <see cref="Forward(IReadOnlyList{Value})"/>
    /// would compute for the current parameters. Use it to predict, or to draw a decision boundary over a grid.
    /// </summary>
    /// <param name="inputs">One number per input.</param>
    public double[] Evaluate(ReadOnlySpan<double> inputs)
    {
        CheckCount(inputs.Length, nameof(inputs));
        var x = inputs.ToArray();
        foreach (var layer in _layers) x = layer.Evaluate(x);
        return x;
    }

    /// <summary>The sizes and activations, for example <c>MLP 2-16-16-1 (relu, relu, linear)</c>.</summary>
    public override string ToString() =>
        $"MLP {InputCount}-{string.Join('-', _layers.Select(l => l.OutputCount))} ({string.Join(", ", _layers.Select(l => l.Activation.Name()))})";

    /// <summary>Refuses <paramref name="count"/> inputs unless it is the input count, naming the caller's <paramref name="parameter"/>.</summary>
    private void CheckCount(int count, string parameter)
    {
        if (count != InputCount) throw new ArgumentException($"The network takes {InputCount} inputs but was given {count}.", parameter);
    }

    private void Label()
    {
        for (var l = 0; l < _layers.Length; l++)
        {
            for (var n = 0; n < _layers[l].Neurons.Count; n++)
            {
                var neuron = _layers[l].Neurons[n];
                var prefix = string.Create(CultureInfo.InvariantCulture, $"l{l}.n{n}.");
                for (var w = 0; w < neuron.Weights.Count; w++) neuron.Weights[w].Label = prefix + "w" + w.ToString(CultureInfo.InvariantCulture);
                neuron.Bias.Label = prefix + "b";
            }
        }
    }

    private static Layer[] Create(int inputs, IReadOnlyList<int> sizes, Random random, Activation hidden, Activation output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(random);
        if (sizes.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(sizes));
        var layers = new Layer[sizes.Count];
        var width = inputs;
        for (var i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < 1) throw new ArgumentOutOfRangeException(nameof(sizes), sizes[i], $"Layer {i} must have at least one neuron.");
            layers[i] = new Layer(width, sizes[i], i == sizes.Count - 1 ? output : hidden, random);
            width = sizes[i];
        }
        return layers;
    }
}
