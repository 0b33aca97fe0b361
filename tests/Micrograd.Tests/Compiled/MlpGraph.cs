namespace Micrograd.Tests.Compiled;

/// <summary>
/// An MLP-like graph built directly from <see cref="Value"/>s: per layer, each neuron is <c>Value.Sum(w·x) + b</c> or a chain
/// of binary adds, followed by relu, tanh or sigmoid (or nothing on the last layer), then a loss with a square, a division
/// and a constant, plus (when <c>l2</c>) a term that uses three parameters a second time. The structure comes from a seed; the data from the arrays given, so the same structure can be built again
/// at other values.
/// </summary>
internal sealed class MlpGraph
{
    private MlpGraph(Value root, Value[] parameters, Value[] inputs, Value score)
    {
        Root = root;
        Parameters = parameters;
        Inputs = inputs;
        Score = score;
    }

    public Value Root { get; }
    public Value[] Parameters { get; }
    public Value[] Inputs { get; }
    public Value Score { get; }

    /// <summary>Declared leaves: parameters, then inputs.</summary>
    public Value[] Leaves => [.. Parameters, .. Inputs];

    public static (int Parameters, int Inputs) Sizes(int seed)
    {
        var shape = Shape(seed);
        var parameters = 0;
        for (var l = 1; l < shape.Sizes.Length; l++) parameters += shape.Sizes[l] * (shape.Sizes[l - 1] + 1);
        return (parameters, shape.Sizes[0] + 1); // the last input is the label
    }

    public static MlpGraph Build(int seed, double[] parameterValues, double[] inputValues, bool l2 = true)
    {
        var shape = Shape(seed);
        var parameters = parameterValues.Select((p, i) => new Value(p, $"p{i}")).ToArray();
        var inputs = inputValues.Select((x, i) => new Value(x, $"x{i}")).ToArray();
        var next = 0;
        var layer = inputs[..^1];
        for (var l = 1; l < shape.Sizes.Length; l++)
        {
            var outputs = new Value[shape.Sizes[l]];
            for (var n = 0; n < outputs.Length; n++)
            {
                var terms = layer.Select(x => parameters[next++] * x).ToList();
                var bias = parameters[next++];
                var act = shape.UseSum[l] ? Value.Sum(terms) + bias : terms.Aggregate(bias, (acc, t) => acc + t);
                outputs[n] = l == shape.Sizes.Length - 1 ? act : shape.Activations[l] switch
                {
                    0 => act.Relu(),
                    1 => act.Tanh(),
                    _ => act.Sigmoid(),
                };
            }
            layer = outputs;
        }
        var score = layer[0];
        var label = inputs[^1];
        var loss = (1 - label * score).Relu() + (score - label).Pow(2) / 4;
        if (l2) loss += Value.Sum(parameters.Take(3).Select(p => p * p)) * 1e-4;
        return new MlpGraph(loss, parameters, inputs, score);
    }

    private static (int[] Sizes, bool[] UseSum, int[] Activations) Shape(int seed)
    {
        var random = new Random(seed);
        var depth = random.Next(2, 5);
        var sizes = new int[depth];
        sizes[0] = random.Next(1, 4);
        for (var l = 1; l < depth - 1; l++) sizes[l] = random.Next(2, 9);
        sizes[depth - 1] = 1;
        var useSum = Enumerable.Range(0, depth).Select(_ => random.Next(2) == 0).ToArray();
        var activations = Enumerable.Range(0, depth).Select(_ => random.Next(3)).ToArray();
        return (sizes, useSum, activations);
    }

    public static double[] RandomValues(Random random, int count, double scale = 1.0) =>
        Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
}
