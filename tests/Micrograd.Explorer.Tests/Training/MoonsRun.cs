using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The README's moons demo, made once for a class of tests: its training page (<c>micrograd train … --html</c>), its log, and
/// the run replayed by the engine in C#, step by step: the parameters each step is measured with, and its gradients.
/// </summary>
public sealed class MoonsRun : IDisposable
{
    private readonly TempDirectory _folder = new();

    public MoonsRun()
    {
        Run = TrainingRun.Make(_folder, "moons", TrainingRun.Moons());
        var model = ModelFile.Load(TrainingRun.Fixture("moons_init.json"));
        Data = DatasetCsv.Load(TrainingRun.Fixture("moons.csv"));
        var objective = new Objective(model, Loss.Hinge, 1e-4);
        var trainer = new Trainer(new EagerEngine(objective), new Sgd(model.Parameters, LearningRateSchedule.Linear(1.0, 0.1, 100)), BatchSampler.Full(Data));
        for (var k = 1; k <= 100; k++)
        {
            Before.Add(model.Parameters.Select(p => p.Data).ToArray());
            trainer.Step();
            Gradients.Add(model.Parameters.Select(p => p.Grad).ToArray());
        }
        Names = model.Parameters.Select(p => p.Label).ToArray();
    }

    public TrainingRun Run { get; }

    public Dataset Data { get; }

    /// <summary>Before[k - 1]: the parameters step k is measured with.</summary>
    public List<double[]> Before { get; } = [];

    /// <summary>Gradients[k - 1]: step k's gradients.</summary>
    public List<double[]> Gradients { get; } = [];

    public string[] Names { get; }

    /// <summary>The model as it is at step k (the parameters that step is measured with).</summary>
    public Mlp ModelAt(int k)
    {
        var model = ModelFile.Load(TrainingRun.Fixture("moons_init.json"));
        for (var j = 0; j < model.Parameters.Count; j++) model.Parameters[j].Data = Before[k - 1][j];
        return model;
    }

    public void Dispose() => _folder.Dispose();
}
