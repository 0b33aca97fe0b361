using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>
/// Where <c>train</c> chooses how a step's loss, accuracy and gradients are computed (<see cref="ITrainingEngine"/>):
/// <c>--engine compiled</c> (the default) records the step's graph once and replays it (<see cref="CompiledEngine"/>, which
/// takes every network and built-in loss, so every run of train); <c>--engine eager</c> builds the Value graph
/// every step (<see cref="EagerEngine"/>).
/// </summary>
internal static class EngineFactory
{
    public static ITrainingEngine Create(Objective objective, string engine) => engine switch
    {
        "eager" => new EagerEngine(objective),
        _ => new CompiledEngine(objective),
    };

    /// <summary>For the run's first line: <c>compiled engine</c> or <c>eager engine</c>.</summary>
    public static string Describe(ITrainingEngine engine) => engine is CompiledEngine ? "compiled engine" : "eager engine";
}
