using Micrograd.NN;

namespace Micrograd.Benchmarks.Moons;

/// <summary>One way of running the moons demo: each <see cref="TrainStep"/> is one full-batch SGD step.</summary>
public interface IMoonsEngine
{
    /// <summary>Computes the loss and accuracy at the current weights, then updates the weights (the step's learning rate is 1.0 − 0.9·k/100).</summary>
    (double Loss, double Accuracy) TrainStep();

    /// <summary>The current weights, in <see cref="Module.Parameters"/> order.</summary>
    double[] Weights();
}

/// <summary>
/// The demo as a user of Micrograd.NN runs it, and as <c>micrograd train</c> does: the demo's <see cref="Mlp"/>, its
/// <see cref="Objective"/>, an engine, <see cref="Sgd"/>, and a <see cref="Trainer"/> over the full batch.
/// </summary>
public sealed class TrainerMoons : IMoonsEngine
{
    private readonly Mlp _model;
    private readonly Trainer _trainer;

    public TrainerMoons(MoonsData data, Func<Objective, ITrainingEngine> engine)
    {
        _model = data.NewModel();
        _trainer = new Trainer(engine(MoonsData.Objective(_model)), MoonsData.Optimizer(_model), BatchSampler.Full(data.Data));
    }

    public (double Loss, double Accuracy) TrainStep()
    {
        var step = _trainer.Step();
        return (step.Loss, step.Accuracy);
    }

    public double[] Weights() => _model.Parameters.Select(p => p.Data).ToArray();
}

/// <summary>The engines by name, for the command line.</summary>
public static class MoonsEngines
{
    public static readonly string[] Names = ["eager", "compiled"];

    /// <summary>The row name of each engine in the table.</summary>
    public static string RunName(string name) => name switch
    {
        "eager" => "C# eager (EagerEngine)",
        "compiled" => "C# compiled (CompiledEngine)",
        _ => "C# " + name,
    };

    /// <summary>
    /// eager: <see cref="EagerEngine"/>, the Value API the plain way (build the step's graph, Backward, update);
    /// compiled: <see cref="CompiledEngine"/> (one sample's tape replayed over the 100 samples at once).
    /// </summary>
    public static IMoonsEngine Create(string name, MoonsData data) => name switch
    {
        "eager" => new TrainerMoons(data, o => new EagerEngine(o)),
        "compiled" => new TrainerMoons(data, o => new CompiledEngine(o)),
        _ => throw new ArgumentException($"unknown engine '{name}': use {string.Join(", ", Names)}"),
    };
}
