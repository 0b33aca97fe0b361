using System.Text.Json;

namespace Micrograd.Tests.Support;

/// <summary>moons_trajectory.json: the demo's loss and accuracy at each step, and the final weights (PyTorch, float64).</summary>
public sealed record Trajectory(IReadOnlyList<(int Step, double Loss, double Accuracy)> Steps, IReadOnlyList<(double[][] Weights, double[] Biases)> FinalLayers)
{
    public static Trajectory Load(string name = "moons_trajectory.json")
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf(name)));
        var root = doc.RootElement;
        var steps = root.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("step").GetInt32(), s.GetProperty("loss").GetDouble(), s.GetProperty("accuracy").GetDouble()))
            .ToList();
        var layers = root.GetProperty("final_layers").EnumerateArray()
            .Select(l => (
                l.GetProperty("weights").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray(),
                l.GetProperty("biases").EnumerateArray().Select(x => x.GetDouble()).ToArray()))
            .ToList();
        return new Trajectory(steps, layers);
    }

    /// <summary>Asserts that the model's parameters equal final_layers to a relative 1e-9.</summary>
    public void AssertFinal(Micrograd.NN.Mlp model)
    {
        Assert.Equal(FinalLayers.Count, model.Layers.Count);
        for (var l = 0; l < FinalLayers.Count; l++)
        {
            var (weights, biases) = FinalLayers[l];
            var layer = model.Layers[l];
            Assert.Equal(weights.Length, layer.OutputCount);
            for (var n = 0; n < weights.Length; n++)
            {
                Assert.Equal(weights[n].Length, layer.Neurons[n].Weights.Count);
                for (var w = 0; w < weights[n].Length; w++)
                    Close.Assert(weights[n][w], layer.Neurons[n].Weights[w].Data, $"layer {l} neuron {n} weight {w}");
                Close.Assert(biases[n], layer.Neurons[n].Bias.Data, $"layer {l} neuron {n} bias");
            }
        }
    }
}
