using Micrograd.Cli;
using Micrograd.Expressions;

namespace Micrograd.Explorer.Tests.Support;

/// <summary>The graphs the tests explore.</summary>
public static class TestGraphs
{
    /// <summary>The seed's neuron, as <c>micrograd neuron</c> builds it (labelled).</summary>
    public static Value Neuron() => SeedNeuron.Build().Output;

    /// <summary>The seed's neuron, labelled as <c>micrograd neuron</c> labels it, at any point (its inputs by label).</summary>
    public static Value NeuronAt(IReadOnlyDictionary<string, double> point)
    {
        Value Leaf(string name) => new(point[name], name);
        Value Named(Value v, string label)
        {
            v.Label = label;
            return v;
        }
        var (w0, x0, w1, x1, w2, x2, b) = (Leaf("w0"), Leaf("x0"), Leaf("w1"), Leaf("x1"), Leaf("w2"), Leaf("x2"), Leaf("b"));
        var w0x0 = Named(w0 * x0, "w0*x0");
        var w1x1 = Named(w1 * x1, "w1*x1");
        var w2x2 = Named(w2 * x2, "w2*x2");
        var sum01 = Named(w0x0 + w1x1, "w0*x0 + w1*x1");
        var sum012 = Named(sum01 + w2x2, "w0*x0 + w1*x1 + w2*x2");
        var z = Named(sum012 + b, "z");
        return Named(z.Tanh(), "y");
    }

    public static readonly IReadOnlyDictionary<string, double> NeuronPoint = new Dictionary<string, double>
    {
        ["w0"] = 1.3,
        ["x0"] = 1.6,
        ["w1"] = 1.2,
        ["x1"] = 0.8,
        ["w2"] = 1.1,
        ["x2"] = 0.5,
        ["b"] = 0.2,
    };

    /// <summary>An expression's graph at a point given as "x=1.5" items.</summary>
    public static ExpressionGraph Expression(string text, params string[] point) =>
        Micrograd.Expressions.Expression.Parse(text).Build(Point(point));

    public static Dictionary<string, double> Point(IEnumerable<string> items) =>
        items.Select(i => i.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A sum node (n-ary) that uses one value three times, and a product of two of its operands.</summary>
    public static Value SumWithRepeats()
    {
        var a = new Value(0.5, "a");
        var b = new Value(-1.25, "b");
        var ab = a * b;
        ab.Label = "ab";
        var s = Value.Sum([a, b, a, ab, a]);
        s.Label = "s";
        return (s * s).Tanh();
    }

    /// <summary>A small multilayer perceptron, 3 inputs → 8 → 8 → 1 with tanh, as values: 325 nodes.</summary>
    public static Value Mlp() => Mlp(8, 8, 1);

    /// <summary>A multilayer perceptron with tanh, 3 inputs → the given widths, as values (a neuron of k inputs is 3k + 2 nodes).</summary>
    public static Value Mlp(params int[] widths)
    {
        var k = 0;
        double Next() => Math.Sin(++k * 12.9898) * 0.8;
        Value[] inputs = [new Value(0.5, "in0"), new Value(-1.5, "in1"), new Value(2.0, "in2")];
        Value[] layer = inputs;
        foreach (var width in widths)
        {
            var next = new Value[width];
            for (var j = 0; j < width; j++)
            {
                Value sum = new Value(Next(), "b");
                foreach (var x in layer) sum = sum + new Value(Next(), "w") * x;
                next[j] = sum.Tanh();
            }
            layer = next;
        }
        layer[0].Label = "out";
        return layer[0];
    }
}
