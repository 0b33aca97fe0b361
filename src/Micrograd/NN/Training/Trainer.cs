namespace Micrograd.NN;

/// <summary>
/// The training loop. Each <see cref="Step"/> takes the next batch, lets the engine compute the loss, accuracy and
/// gradients for the current parameters, then lets the optimizer update them: loss and accuracy are therefore measured
/// before that step's update, as in the Python demo.
/// </summary>
public sealed class Trainer
{
    private readonly List<TrainingStep> _history = [];

    /// <summary>A training loop.</summary>
    /// <param name="engine">Computes loss, accuracy and gradients.</param>
    /// <param name="optimizer">Updates the parameters; it must update exactly the model's parameters.</param>
    /// <param name="batches">Chooses each step's samples; checked against the objective once, here.</param>
    /// <exception cref="ArgumentException">The optimizer's parameters are not the model's, or the data does not fit.</exception>
    public Trainer(ITrainingEngine engine, Optimizer optimizer, BatchSampler batches)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(batches);
        var model = engine.Objective.Model.Parameters;
        if (optimizer.Parameters.Count != model.Count || optimizer.Parameters.Where((p, i) => !ReferenceEquals(p, model[i])).Any())
            throw new ArgumentException("The optimizer must update the model's parameters, in order.", nameof(optimizer));
        engine.Objective.Check(batches.Data);
        Engine = engine;
        Optimizer = optimizer;
        Batches = batches;
    }

    /// <summary>Computes loss, accuracy and gradients.</summary>
    public ITrainingEngine Engine { get; }

    /// <summary>Updates the parameters.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Chooses each step's samples.</summary>
    public BatchSampler Batches { get; }

    /// <summary>Every step taken so far.</summary>
    public IReadOnlyList<TrainingStep> History => _history;

    /// <summary>One step: batch, loss and gradients, update.</summary>
    /// <returns>The step's number, its loss and accuracy (before the update), and the learning rate it used.</returns>
    public TrainingStep Step()
    {
        var number = Optimizer.StepCount;
        var measured = Engine.ComputeGradients(Batches.Next());
        var rate = Optimizer.Step();
        var step = new TrainingStep(number, measured.Loss, measured.Accuracy, rate);
        _history.Add(step);
        return step;
    }

    /// <summary>Runs <paramref name="steps"/> steps.</summary>
    /// <param name="steps">How many; at least 0.</param>
    /// <param name="onStep">Called after each step (for progress and logs); may be null.</param>
    /// <returns>The steps of this run.</returns>
    public IReadOnlyList<TrainingStep> Run(int steps, Action<TrainingStep>? onStep = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        // grown as steps are taken, never reserved for all of them: a long run stopped early costs only what it did
        var run = new List<TrainingStep>();
        for (var i = 0; i < steps; i++)
        {
            var step = Step();
            run.Add(step);
            onStep?.Invoke(step);
        }
        return run;
    }
}

/// <summary>What one training step measured.</summary>
/// <param name="Step">The step number, from 0.</param>
/// <param name="Loss">The total loss on the step's batch, before the update.</param>
/// <param name="Accuracy">The fraction of the batch predicted correctly, before the update, from 0 to 1.</param>
/// <param name="LearningRate">The learning rate of the update.</param>
public sealed record TrainingStep(int Step, double Loss, double Accuracy, double LearningRate);
