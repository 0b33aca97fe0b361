namespace Micrograd.NN;

/// <summary>Something with trainable parameters: a <see cref="Neuron"/>, a <see cref="Layer"/> or an <see cref="Mlp"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Named as PyTorch's nn.Module, which is what learners know; Module is a keyword only in Visual Basic")]
public abstract class Module
{
    /// <summary>
    /// Every trainable value, in a fixed order: layer by layer, neuron by neuron, each neuron's weights then its bias
    /// (the order of the Python original). The same list, and the same <see cref="Value"/> objects, on every call.
    /// </summary>
    public abstract IReadOnlyList<Value> Parameters { get; }

    /// <summary>Sets every parameter's gradient to 0, before the next <see cref="Value.Backward"/>.</summary>
    public void ZeroGrad() => Parameters.ZeroGrad();
}
