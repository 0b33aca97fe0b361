using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

/// <summary>The exact check: the Python demo's 100 full-batch SGD steps on moons, against PyTorch's trajectory.</summary>
public class MoonsDemoTests
{
    [Fact]
    public void Every_step_and_the_final_weights_match_the_reference()
    {
        var reference = Trajectory.Load();
        var model = ModelFile.Load(Fixtures.PathOf("moons_init.json"));
        var data = DatasetCsv.Load(Fixtures.PathOf("moons.csv"));
        Assert.Equal("MLP 2-16-16-1 (relu, relu, linear)", model.ToString());
        Assert.Equal(100, data.Count);

        var objective = new Objective(model, Loss.Hinge, l2: 1e-4);
        var optimizer = new Sgd(model.Parameters, LearningRateSchedule.Linear(1.0, 0.1, 100));
        var trainer = new Trainer(new EagerEngine(objective), optimizer, BatchSampler.Full(data));
        var steps = trainer.Run(100);

        Assert.Equal(reference.Steps.Count, steps.Count);
        for (var k = 0; k < steps.Count; k++)
        {
            Assert.Equal(reference.Steps[k].Step, steps[k].Step);
            Close.Assert(reference.Steps[k].Loss, steps[k].Loss, $"loss at step {k}");
            Close.Assert(reference.Steps[k].Accuracy, steps[k].Accuracy, $"accuracy at step {k}");
            Close.Assert(1.0 - 0.9 * k / 100, steps[k].LearningRate, $"learning rate at step {k}");
        }
        reference.AssertFinal(model);
    }

    [Fact]
    public void The_demos_initial_weights_are_pythons_random_seeded_1337()
    {
        // micrograd's demo: random.seed(1337), then each neuron's weights Value(random.uniform(-1, 1)), layer by layer, and biases 0
        var random = new PythonRandom(1337);
        var model = new Mlp(2, [.. ModelFile.Load(Fixtures.PathOf("moons_init.json")).Layers.Select(l => new Layer(
            l.Neurons.Select(n => new Neuron(n.Weights.Select(_ => random.Uniform(-1, 1)).ToArray(), 0.0, l.Activation))))]);
        var reference = ModelFile.Load(Fixtures.PathOf("moons_init.json"));
        Assert.Equal(reference.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)), model.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)));
    }
}
