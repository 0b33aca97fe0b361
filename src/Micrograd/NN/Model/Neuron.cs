namespace Micrograd.NN;

/// <summary>
/// One neuron: <c>activation(b + w₀x₀ + w₁x₁ + …)</c>, its weighted sum built as a single n-ary
/// <see cref="Value.Sum"/> node (bias first, then the products in input order, as the Python original adds them).
/// </summary>
public sealed class Neuron : Module
{
    private readonly Value[] _weights;
    private readonly Value[] _parameters;

    /// <summary>A neuron with weights drawn uniformly from [-1, 1) and bias 0, as the Python original initializes it.</summary>
    /// <param name="inputs">How many inputs it takes; at least 1.</param>
    /// <param name="activation">Its nonlinearity.</param>
    /// <param name="random">The source of the initial weights; seed it for reproducible runs.</param>
    public Neuron(int inputs, Activation activation, Random random)
        : this(Uniform(inputs, random), 0.0, activation)
    {
    }

    /// <summary>A neuron with the given weights and bias (each becomes a new parameter leaf).</summary>
    /// <param name="weights">One weight per input; at least one. Any double is accepted.</param>
    /// <param name="bias">The bias.</param>
    /// <param name="activation">Its nonlinearity.</param>
    public Neuron(IEnumerable<double> weights, double bias, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = weights.Select(w => new Value(w)).ToArray();
        if (_weights.Length == 0) throw new ArgumentException("A neuron needs at least one weight.", nameof(weights));
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined activation.");
        Bias = new Value(bias);
        Activation = activation;
        _parameters = [.. _weights, Bias];
    }

    /// <summary>The weights, one per input, in input order.</summary>
    public IReadOnlyList<Value> Weights => _weights;

    /// <summary>The bias.</summary>
    public Value Bias { get; }

    /// <summary>The nonlinearity applied to the weighted sum.</summary>
    public Activation Activation { get; }

    /// <summary>How many inputs the neuron takes.</summary>
    public int InputCount => _weights.Length;

    /// <summary>The weights, then the bias.</summary>
    public override IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Builds the neuron's output as a graph over <paramref name="inputs"/> and its parameters.</summary>
    /// <param name="inputs">One value per weight.</param>
    /// <exception cref="ArgumentException">The number of inputs differs from <see cref="InputCount"/>.</exception>
    public Value Forward(IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckCount(inputs.Count, nameof(inputs));
        var weights = _weights;
        var terms = new Value[weights.Length + 1];
        terms[0] = Bias;
        if (inputs is Value[] array)
        {
            for (var i = 0; i < weights.Length; i++) terms[i + 1] = weights[i] * array[i];
        }
        else
        {
            for (var i = 0; i < weights.Length; i++) terms[i + 1] = weights[i] * inputs[i];
        }
        return Activation.Apply(Value.SumOf(terms));
    }

    /// <summary>
    /// The neuron's output for plain numbers, without building a graph: exactly the data <see cref="Forward"/> would
    /// compute for the current parameters (same operations in the same order).
    /// </summary>
    /// <param name="inputs">One number per weight.</param>
    /// <exception cref="ArgumentException">The number of inputs differs from <see cref="InputCount"/>.</exception>
    public double Evaluate(ReadOnlySpan<double> inputs)
    {
        CheckCount(inputs.Length, nameof(inputs));
        var sum = 0.0;
        sum += Bias.Data;
        for (var i = 0; i < _weights.Length; i++) sum += _weights[i].Data * inputs[i];
        return Activation.Apply(sum);
    }

    /// <summary>For example <c>relu neuron(2)</c>.</summary>
    public override string ToString() => $"{Activation.Name()} neuron({InputCount})";

    /// <summary>Refuses <paramref name="count"/> inputs unless it is the input count, naming the caller's <paramref name="parameter"/>.</summary>
    private void CheckCount(int count, string parameter)
    {
        if (count != _weights.Length)
            throw new ArgumentException($"The neuron takes {_weights.Length} inputs but was given {count}.", parameter);
    }

    private static double[] Uniform(int inputs, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentNullException.ThrowIfNull(random);
        var weights = new double[inputs];
        for (var i = 0; i < inputs; i++) weights[i] = random.NextDouble() * 2.0 - 1.0;
        return weights;
    }
}
