namespace Micrograd.NN;

/// <summary>The nonlinearity a <see cref="Layer"/> applies to each neuron's weighted sum.</summary>
public enum Activation
{
    /// <summary>None: the neuron outputs its weighted sum (the default for a network's last layer).</summary>
    Linear,

    /// <summary><c>max(0, x)</c>, with gradient 0 at exactly 0 (<see cref="Value.Relu"/>).</summary>
    Relu,

    /// <summary><c>tanh(x)</c>, saturating to ±1 without overflow (<see cref="Value.Tanh"/>).</summary>
    Tanh,

    /// <summary><c>1 / (1 + e⁻ˣ)</c>, saturating to 0 or 1 without overflow (<see cref="Value.Sigmoid"/>).</summary>
    Sigmoid,
}

/// <summary>Applying an <see cref="Activation"/> and naming it as model files and the command line do.</summary>
public static class Activations
{
    /// <summary>Every activation, in declaration order.</summary>
    public static IReadOnlyList<Activation> All { get; } = [Activation.Linear, Activation.Relu, Activation.Tanh, Activation.Sigmoid];

    /// <summary>Applies the activation as a graph node (<see cref="Activation.Linear"/> returns <paramref name="x"/> itself, adding no node).</summary>
    /// <param name="activation">The nonlinearity.</param>
    /// <param name="x">The weighted sum.</param>
    public static Value Apply(this Activation activation, Value x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return activation switch
        {
            Activation.Linear => x,
            Activation.Relu => x.Relu(),
            Activation.Tanh => x.Tanh(),
            Activation.Sigmoid => x.Sigmoid(),
            _ => throw Unknown(activation),
        };
    }

    /// <summary>
    /// Applies the activation to a plain number, giving exactly the data <see cref="Apply(Activation, Value)"/> computes
    /// (the same op's forward function), NaN and infinities included.
    /// </summary>
    /// <param name="activation">The nonlinearity.</param>
    /// <param name="x">The weighted sum.</param>
    public static double Apply(this Activation activation, double x) => activation switch
    {
        Activation.Linear => x,
        Activation.Relu => Ops.ReluOp.Instance.Forward(x),
        Activation.Tanh => Ops.TanhOp.Instance.Forward(x),
        Activation.Sigmoid => Ops.SigmoidOp.Instance.Forward(x),
        _ => throw Unknown(activation),
    };

    /// <summary>The lower-case name used in model files and on the command line: linear, relu, tanh or sigmoid.</summary>
    /// <param name="activation">The nonlinearity.</param>
    public static string Name(this Activation activation) => activation switch
    {
        Activation.Linear => "linear",
        Activation.Relu => "relu",
        Activation.Tanh => "tanh",
        Activation.Sigmoid => "sigmoid",
        _ => throw Unknown(activation),
    };

    /// <summary>Reads an activation name (linear, relu, tanh, sigmoid), ignoring case and surrounding spaces.</summary>
    /// <param name="name">The name.</param>
    /// <param name="activation">The activation, when the name is known.</param>
    /// <returns>False for an unknown or null name.</returns>
    public static bool TryParse(string? name, out Activation activation)
    {
        var key = name?.Trim().ToLowerInvariant();
        foreach (var a in All)
        {
            if (a.Name() == key)
            {
                activation = a;
                return true;
            }
        }
        activation = default;
        return false;
    }

    /// <summary>Reads an activation name; see <see cref="TryParse"/>.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="FormatException">The name is not linear, relu, tanh or sigmoid.</exception>
    public static Activation Parse(string name) =>
        TryParse(name, out var a) ? a
        : throw new FormatException($"Unknown activation '{name}': expected {string.Join(", ", All.Select(x => x.Name()))}.");

    private static ArgumentOutOfRangeException Unknown(Activation activation) =>
        new(nameof(activation), activation, "Not a defined activation.");
}
