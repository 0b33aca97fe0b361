namespace Micrograd.Tests.Graphs;

/// <summary>Graphs used by the graph-picture tests.</summary>
internal static class SeedGraphs
{
    /// <summary>The seed's neuron, labelled as the tool labels it: 14 values (7 leaves), 7 ops, 13 operand edges.</summary>
    public static Value Neuron()
    {
        var w0 = new Value(1.3, "w0");
        var x0 = new Value(1.6, "x0");
        var w1 = new Value(1.2, "w1");
        var x1 = new Value(0.8, "x1");
        var w2 = new Value(1.1, "w2");
        var x2 = new Value(0.5, "x2");
        var b = new Value(0.2, "b");
        var w0x0 = w0 * x0;
        w0x0.Label = "w0*x0";
        var w1x1 = w1 * x1;
        w1x1.Label = "w1*x1";
        var w2x2 = w2 * x2;
        w2x2.Label = "w2*x2";
        var z = w0x0 + w1x1 + w2x2 + b;
        z.Label = "z";
        var y = z.Tanh();
        y.Label = "y";
        return y;
    }

    /// <summary>A chain x → tanh → tanh → … of <paramref name="length"/> values; the leaf is labelled x.</summary>
    public static Value Chain(int length)
    {
        var v = new Value(0.5, "x");
        for (var i = 1; i < length; i++) v = v.Tanh();
        return v;
    }
}
