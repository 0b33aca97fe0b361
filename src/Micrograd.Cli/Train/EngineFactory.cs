using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>
/// Where <c>train</c> chooses how a step's loss, accuracy and gradients are computed (<see cref="ITrainingEngine"/>).
/// Today the only engine is <see cref="EagerEngine"/>, which rebuilds the Value graph each step; another engine plugs in here.
/// </summary>
internal static class EngineFactory
{
    public static ITrainingEngine Create(Objective objective) => new EagerEngine(objective);
}
