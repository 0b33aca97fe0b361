using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>
/// The loss and accuracy of the model being trained on the held-out samples (<c>--validation</c>): the same objective (L2
/// included), measured by an engine of its own on a copy of the model, so that the run's model and gradients are never
/// touched; the copy takes the model's parameters at each <see cref="Measure"/>.
/// </summary>
internal sealed class ValidationScore(Objective objective, Dataset validation, string engine)
{
    private readonly IReadOnlyList<Value> _source = objective.Model.Parameters;
    private readonly Mlp _copy = ModelFile.FromJson(ModelFile.ToJson(objective.Model));
    private ITrainingEngine? _engine;

    /// <summary>The validation loss and accuracy at the model's parameters now.</summary>
    public LossAndAccuracy Measure()
    {
        _engine ??= EngineFactory.Create(new Objective(_copy, objective.Loss, objective.L2), engine);
        var target = _copy.Parameters;
        for (var i = 0; i < target.Count; i++) target[i].Data = _source[i].Data;
        return _engine.ComputeGradients(validation);
    }
}
