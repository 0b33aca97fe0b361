// Compiled into the core (for its tests and the explorer's) and linked, as Shared/SeedNeuron.cs, into the tool, whose
// `micrograd neuron` prints it; the tool's copy is in Micrograd.Shared, as AtomicFile.cs explains.
#if MICROGRAD_SHARED_COPY
namespace Micrograd.Shared;
#else
namespace Micrograd;
#endif

/// <summary>The seed notebook's neuron, labelled as the notebook labels it: the one copy, used by <c>micrograd neuron</c> and
/// by the tests (14 values, 7 of them leaves; 7 ops; 13 operand edges).</summary>
internal sealed record SeedNeuron(Value Output, IReadOnlyList<Value> Inputs)
{
    /// <summary>The neuron's formula, as a title for its pictures and pages.</summary>
    public const string Title = "The seed's neuron: y = tanh(w0*x0 + w1*x1 + w2*x2 + b)";

    public static SeedNeuron Build()
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
        var sum01 = w0x0 + w1x1;
        sum01.Label = "w0*x0 + w1*x1";
        var sum012 = sum01 + w2x2;
        sum012.Label = "w0*x0 + w1*x1 + w2*x2";
        var z = sum012 + b;
        z.Label = "z";
        var y = z.Tanh();
        y.Label = "y";
        return new SeedNeuron(y, [w0, x0, w1, x1, w2, x2, b]);
    }
}
