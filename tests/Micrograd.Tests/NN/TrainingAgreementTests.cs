using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

/// <summary>
/// Training agrees, step by step, with an independent implementation (hand-written backpropagation over arrays,
/// <see cref="ManualNetwork"/>) on other data, sizes, activations, losses, rates, optimizers and step counts.
/// </summary>
public class TrainingAgreementTests
{
    public static TheoryData<string, int[], string, string, string, double, double, int, double, string> Cases() => new()
    {
        // data, hidden sizes, hidden activation, output activation, loss, lr, lr end, steps, l2, optimizer
        { "moons", [16, 16], "relu", "linear", "hinge", 1.0, 0.1, 40, 1e-4, "sgd" },
        { "circles", [8], "tanh", "linear", "hinge", 0.5, 0.05, 30, 1e-3, "sgd" },
        { "blobs", [4, 4, 4], "sigmoid", "linear", "bce", 1.0, 1.0, 25, 0.0, "sgd" },
        { "spirals", [10, 6], "relu", "linear", "mse", 0.1, 0.01, 35, 0.0, "sgd" },
        { "moons", [5], "tanh", "tanh", "mse", 0.2, 0.2, 20, 1e-2, "sgd" },
        { "three", [7, 3], "sigmoid", "linear", "bce", 2.0, 0.5, 15, 1e-4, "sgd" },
        { "circles", [12], "relu", "linear", "bce", 0.05, 0.05, 30, 1e-4, "adam" },
        // Adam divides by the gradient's own size, so a gradient that cancels to rounding noise (hinge on balanced
        // classes makes the output bias's gradient exactly 0 in exact arithmetic) becomes a full step in the noise's
        // direction: its rows use losses whose gradients do not cancel.
        { "moons", [6, 6], "tanh", "linear", "mse", 0.01, 0.001, 25, 0.0, "adam" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_step_matches_hand_written_backpropagation(
        string dataName, int[] hidden, string hiddenActivation, string outputActivation, string lossName,
        double lr, double lrEnd, int steps, double l2, string optimizerName)
    {
        var random = new Random(dataName.Length * 1000 + hidden.Sum() + steps);
        var data = dataName == "three" ? ThreeFeatures(60, random) : DataGenerators.Generate(dataName, 50, null, random);
        var model = new Mlp(data.FeatureCount, [.. hidden, 1], random, Activations.Parse(hiddenActivation), Activations.Parse(outputActivation));
        var manual = new ManualNetwork(
            model.Layers.Select(l => l.Neurons.Select(n => n.Weights.Select(w => w.Data).ToArray()).ToArray()).ToArray(),
            model.Layers.Select(l => l.Neurons.Select(n => n.Bias.Data).ToArray()).ToArray(),
            model.Layers.Select(l => Enum.Parse<ManualNetwork.Act>(l.Activation.ToString())).ToArray());

        var schedule = LearningRateSchedule.Linear(lr, lrEnd, steps);
        Optimizer optimizer = optimizerName == "adam" ? new Adam(model.Parameters, schedule) : new Sgd(model.Parameters, schedule);
        var trainer = new Trainer(new EagerEngine(new Objective(model, Loss.Parse(lossName), l2)), optimizer, BatchSampler.Full(data));
        var kind = lossName switch { "hinge" => ManualNetwork.LossKind.Hinge, "mse" => ManualNetwork.LossKind.Mse, _ => ManualNetwork.LossKind.Bce };
        var x = data.Features.Select(r => r.ToArray()).ToArray();
        var y = data.Labels!.ToArray();

        for (var k = 0; k < steps; k++)
        {
            var expected = manual.Step(x, y, kind, l2, lr - (lr - lrEnd) * k / steps, optimizerName == "adam");
            var actual = trainer.Step();
            Close.Assert(expected.Loss, actual.Loss, $"loss at step {k}");
            Assert.Equal(expected.Accuracy, actual.Accuracy);
        }
        for (var l = 0; l < model.Layers.Count; l++)
        {
            for (var j = 0; j < model.Layers[l].OutputCount; j++)
            {
                var neuron = model.Layers[l].Neurons[j];
                for (var i = 0; i < neuron.InputCount; i++) Close.Assert(manual.Weights[l][j][i], neuron.Weights[i].Data, $"weight {l}.{j}.{i}");
                Close.Assert(manual.Biases[l][j], neuron.Bias.Data, $"bias {l}.{j}");
            }
        }
    }

    /// <summary>Three features, labelled by the sign of x1·x2 + x3.</summary>
    private static Dataset ThreeFeatures(int count, Random random)
    {
        var rows = Enumerable.Range(0, count).Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() - 0.5 }).ToArray();
        return new Dataset(rows, rows.Select(r => r[0] * r[1] + r[2] > 0 ? 1.0 : -1.0), "three");
    }
}
