using Micrograd.NN.Gpt;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>A name through the library's model: each position's next-token probabilities, each layer's heads' attention
/// weights, the residual stream's RMS at each stage (after the embeddings' rmsnorm, then after each layer's attention and
/// MLP blocks), and the document's loss.</summary>
public sealed record GptThrough(double[][] Probabilities, double[][][][] Attention, double[][] Stream, double Loss);

/// <summary>
/// The numbers the page should show, computed with the library: a <see cref="Micrograd.NN.Gpt.Gpt"/> of
/// <see cref="Value"/>s holding the given weights; its <see cref="Micrograd.NN.Gpt.Gpt.Forward"/> and
/// <see cref="GptFunctions.Softmax"/> give the probabilities, <see cref="Micrograd.NN.Gpt.Gpt.Loss"/> the loss. The attention
/// weights are inside Forward, so they come from the same forward pass written again here with the library's
/// <see cref="GptFunctions"/>, checked to give Forward's logits bit for bit; so do the residual stream's sizes.
/// </summary>
public static class GptReference
{
    /// <summary>The RMS of a residual vector as the page computes it: Math.Sqrt((0 + x0·x0 + x1·x1 + …) / width).</summary>
    public static double Rms(Value[] x)
    {
        var sum = 0.0;
        foreach (var v in x) sum += v.Data * v.Data;
        return Math.Sqrt(sum / x.Length);
    }

    public static GptThrough Of(GptConfig config, int vocabulary, double[] weights, int[] tokens)
    {
        var next = 0;
        var model = new Micrograd.NN.Gpt.Gpt(config, vocabulary, (_, _, _) => weights[next++]);
        var n = Math.Min(config.ContextLength, tokens.Length - 1);
        var cache = new GptKeyValueCache(config.Layers);
        var keys = Enumerable.Range(0, config.Layers).Select(_ => new List<Value[]>()).ToArray();
        var values = Enumerable.Range(0, config.Layers).Select(_ => new List<Value[]>()).ToArray();
        var scale = Math.Pow(Math.Pow(config.HeadWidth, 0.5), -1);
        var probabilities = new double[n][];
        var attention = new double[n][][][];
        var stream = new double[n][];
        for (var p = 0; p < n; p++)
        {
            var logits = model.Forward(tokens[p], p, cache);
            probabilities[p] = [.. GptFunctions.Softmax(logits).Select(v => v.Data)];

            // the same position again, keeping each head's weights
            var x = GptFunctions.RmsNorm([.. model.TokenEmbedding.Row(tokens[p]).Zip(model.PositionEmbedding.Row(p), (a, b) => a + b)]);
            attention[p] = new double[config.Layers][][];
            var sizes = new List<double> { Rms(x) };
            for (var l = 0; l < config.Layers; l++)
            {
                var layer = model.Layers[l];
                var residual = x;
                var xa = GptFunctions.RmsNorm(x);
                var q = GptFunctions.Linear(xa, layer.Wq);
                keys[l].Add(GptFunctions.Linear(xa, layer.Wk));
                values[l].Add(GptFunctions.Linear(xa, layer.Wv));
                var attended = new Value[config.EmbeddingWidth];
                attention[p][l] = new double[config.Heads][];
                for (var h = 0; h < config.Heads; h++)
                {
                    var hs = h * config.HeadWidth;
                    var scores = keys[l].Select(k => Value.Sum(Enumerable.Range(hs, config.HeadWidth).Select(j => q[j] * k[j])) * new Value(scale)).ToArray();
                    var w = GptFunctions.Softmax(scores);
                    attention[p][l][h] = [.. w.Select(v => v.Data)];
                    for (var j = hs; j < hs + config.HeadWidth; j++) attended[j] = Value.Sum(w.Select((wt, t) => wt * values[l][t][j]));
                }
                x = GptFunctions.Linear(attended, layer.Wo);
                for (var i = 0; i < x.Length; i++) x[i] = x[i] + residual[i];
                sizes.Add(Rms(x));
                residual = x;
                var f = GptFunctions.Linear(GptFunctions.RmsNorm(x), layer.Fc1).Select(v => v.Relu()).ToArray();
                x = GptFunctions.Linear(f, layer.Fc2);
                for (var i = 0; i < x.Length; i++) x[i] = x[i] + residual[i];
                sizes.Add(Rms(x));
            }
            stream[p] = [.. sizes];
            var again = GptFunctions.Linear(x, model.Head);
            Assert.Equal(logits.Select(v => BitConverter.DoubleToInt64Bits(v.Data)), again.Select(v => BitConverter.DoubleToInt64Bits(v.Data)));
        }
        return new GptThrough(probabilities, attention, stream, model.Loss(tokens).Data);
    }
}
