namespace Micrograd.Tests.Graphs;

/// <summary>Graphs used by the graph-picture tests.</summary>
internal static class SeedGraphs
{
    /// <summary>The seed's neuron (<see cref="SeedNeuron"/>), its output.</summary>
    public static Value Neuron() => SeedNeuron.Build().Output;

    /// <summary>A chain x → tanh → tanh → … of <paramref name="length"/> values; the leaf is labelled x.</summary>
    public static Value Chain(int length)
    {
        var v = new Value(0.5, "x");
        for (var i = 1; i < length; i++) v = v.Tanh();
        return v;
    }
}
