using Micrograd.NN;

namespace Micrograd.Explorer;

/// <summary>
/// Records a training run for <see cref="TrainingPage"/>: what the page needs to rebuild any step exactly, and no more. It
/// keeps the run's settings (model, loss, L2, optimizer, learning-rate schedule, data), each step's loss and accuracy as the
/// engine measured them (and the validation loss and accuracy, when there is a validation set), the samples of each random
/// batch, and the parameters with the optimizer's state every few steps (checkpoints). The page replays the steps between
/// checkpoints with the engine's own semantics, and checks its replay against everything recorded here. A diverged run's NaN
/// and infinite losses and parameters are recorded, and replayed, as they are.
/// </summary>
/// <remarks>
/// <para>Make the recorder before the first step, then call <see cref="Record"/> after every step, in order:</para>
/// <code>
/// var recorder = new TrainingRecorder(trainer);
/// for (var k = 0; k &lt; 100; k++) recorder.Record(trainer.Step());
/// TrainingPage.Write(recorder, writer);
/// </code>
/// <para>The recorder never changes the model, the optimizer or the data. It takes the built-in losses, optimizers
/// (<see cref="Sgd"/>, <see cref="Momentum"/>, <see cref="Adam"/>) and schedules, whose twins the page runs.</para>
/// </remarks>
public sealed class TrainingRecorder
{
    /// <summary>At most this many graph nodes are replayed to reach a step from its checkpoint: 7 steps of the moons demo
    /// (2-16-16-1 on 100 samples, about 39,000 nodes a step), some 25 ms in the page.</summary>
    internal const long ReplayBudgetNodes = 300_000;

    private readonly List<double> _losses = [];
    private readonly List<double> _accuracies = [];
    private readonly List<double> _validationLosses = [];
    private readonly List<double> _validationAccuracies = [];
    private readonly List<int> _batches = [];
    private readonly List<double[]> _checkpoints = [];
    private readonly Value[] _parameters;
    private readonly IReadOnlyList<IReadOnlyList<double>> _state;

    /// <summary>Starts recording a run of <paramref name="trainer"/>, before its first step.</summary>
    /// <param name="trainer">The training loop, not yet stepped.</param>
    /// <param name="validation">Samples held out of training, whose loss and accuracy each <see cref="Record"/> is given; null for none.</param>
    /// <exception cref="ArgumentException">The trainer has taken steps, its loss, optimizer or schedule is not one of this library's,
    /// or the validation set does not fit the model.</exception>
    public TrainingRecorder(Trainer trainer, Dataset? validation = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var objective = trainer.Engine.Objective;
        if (trainer.Optimizer.StepCount != 0) throw new ArgumentException("Start recording before the first step: the optimizer has taken steps.", nameof(trainer));
        if (objective.Loss.SampleForm is null || TrainingTwins.Of(objective.Loss) is null)
            throw new ArgumentException($"The page computes this library's losses only, not '{objective.Loss.Name}'.", nameof(trainer));
        OptimizerTwin = TrainingTwins.Of(trainer.Optimizer)
            ?? throw new ArgumentException($"The page computes this library's optimizers only (sgd, momentum, adam), not {trainer.Optimizer.GetType().Name}.", nameof(trainer));
        if (TrainingTwins.Of(trainer.Optimizer.Schedule) is null)
            throw new ArgumentException($"The page computes this library's learning-rate schedules only, not {trainer.Optimizer.Schedule.GetType().Name}.", nameof(trainer));
        if (validation is not null)
        {
            try
            {
                objective.Check(validation);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException("The validation set does not fit: " + e.Message, nameof(validation), e);
            }
        }

        Trainer = trainer;
        Validation = validation;
        _parameters = [.. objective.Model.Parameters];
        _state = trainer.Optimizer.State;
        Start = ModelFile.FromJson(ModelFile.ToJson(objective.Model), "the model at the start");
        Sample = SampleGraph.Build(ModelFile.FromJson(ModelFile.ToJson(objective.Model)), objective.Loss, trainer.Batches.BatchSize);
        // each sample copies the sample graph but its parameters; the L2 term adds two nodes a parameter
        var nodesPerStep = (long)(Sample.Graph.Nodes.Count - _parameters.Length) * trainer.Batches.BatchSize + 3L * _parameters.Length + 8;
        CheckpointInterval = (int)Math.Clamp(ReplayBudgetNodes / nodesPerStep, 1, 1000);
        _checkpoints.Add(Snapshot());
    }

    /// <summary>The run being recorded.</summary>
    public Trainer Trainer { get; }

    /// <summary>The validation set, or null.</summary>
    public Dataset? Validation { get; }

    /// <summary>How many steps have been recorded.</summary>
    public int StepCount => _losses.Count;

    /// <summary>The loss and accuracy of the whole training data after the last step, when given (<see cref="RecordEnd"/>).</summary>
    public LossAndAccuracy? End { get; private set; }

    /// <summary>The validation loss and accuracy after the last step, when given (<see cref="RecordEnd"/>).</summary>
    public LossAndAccuracy? ValidationEnd { get; private set; }

    /// <summary>The model as it was before the first step (a copy).</summary>
    internal Mlp Start { get; }

    /// <summary>One sample's graph (on a copy of the model).</summary>
    internal SampleGraph Sample { get; }

    /// <summary>The optimizer's twin.</summary>
    internal OptimizerTwin OptimizerTwin { get; }

    /// <summary>Steps between checkpoints: a checkpoint holds the parameters and the optimizer's state before steps 1,
    /// 1 + interval, 1 + 2·interval, … (counting from 1).</summary>
    internal int CheckpointInterval { get; }

    /// <summary>Each step's loss on its batch, as the engine measured it (before the step's update), step after step; a
    /// diverged step's NaN or infinity as it is.</summary>
    internal IReadOnlyList<double> Losses => _losses;

    /// <summary>Each step's accuracy on its batch (0 to 1), step after step.</summary>
    internal IReadOnlyList<double> Accuracies => _accuracies;

    /// <summary>Each step's validation loss (before its update), step after step; empty without a validation set. NaN and
    /// infinities as they are.</summary>
    internal IReadOnlyList<double> ValidationLosses => _validationLosses;

    /// <summary>Each step's validation accuracy (0 to 1), step after step; empty without a validation set.</summary>
    internal IReadOnlyList<double> ValidationAccuracies => _validationAccuracies;

    /// <summary>Each random batch's positions in the data, step after step (empty for full batches).</summary>
    internal IReadOnlyList<int> Batches => _batches;

    /// <summary>The checkpoints: each the parameters, then each of the optimizer's state arrays.</summary>
    internal IReadOnlyList<double[]> Checkpoints => _checkpoints;

    /// <summary>Records the step just taken.</summary>
    /// <param name="step">What <see cref="NN.Trainer.Step"/> returned for it.</param>
    /// <param name="validation">The validation loss and accuracy at the parameters the step was measured with (before its
    /// update), such as <see cref="Objective.Evaluate"/> gives; required when there is a validation set, and only then.</param>
    /// <exception cref="ArgumentException">The step is not the next one of this run, or the validation numbers are missing or unexpected.</exception>
    public void Record(TrainingStep step, LossAndAccuracy? validation = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Step != StepCount || Trainer.Optimizer.StepCount != StepCount + 1)
            throw new ArgumentException($"Record each step once, in order: expected step {StepCount} (from 0), got {step.Step}.", nameof(step));
        if ((validation is null) != (Validation is null))
            throw new ArgumentException(Validation is null ? "There is no validation set to measure." : "The validation loss and accuracy are missing.", nameof(validation));
        _losses.Add(step.Loss);
        _accuracies.Add(step.Accuracy);
        if (validation is { } v)
        {
            _validationLosses.Add(v.Loss);
            _validationAccuracies.Add(v.Accuracy);
        }
        if (!Trainer.Batches.IsFullBatch)
        {
            foreach (var i in Trainer.Batches.LastBatchIndices) _batches.Add(i);
        }
        if (StepCount % CheckpointInterval == 0) _checkpoints.Add(Snapshot());
    }

    /// <summary>Records the loss and accuracy of the whole training data (and of the validation set) after the last step, which
    /// the page then checks too (the command line prints them at the end of a run). Optional.</summary>
    /// <param name="end">The loss and accuracy on the training data.</param>
    /// <param name="validation">The same on the validation set; required when there is one, and only then.</param>
    /// <exception cref="ArgumentException">The validation numbers are missing while there is a validation set, or given while there is none.</exception>
    public void RecordEnd(LossAndAccuracy end, LossAndAccuracy? validation = null)
    {
        if ((validation is null) != (Validation is null))
            throw new ArgumentException(Validation is null ? "There is no validation set to measure." : "The validation loss and accuracy are missing.", nameof(validation));
        End = end;
        ValidationEnd = validation;
    }

    /// <summary>The parameters' data, then each of the optimizer's state arrays.</summary>
    private double[] Snapshot()
    {
        var snapshot = new double[_parameters.Length * (1 + _state.Count)];
        for (var i = 0; i < _parameters.Length; i++) snapshot[i] = _parameters[i].Data;
        for (var s = 0; s < _state.Count; s++)
        {
            for (var i = 0; i < _parameters.Length; i++) snapshot[(_parameters.Length * (1 + s)) + i] = _state[s][i];
        }
        return snapshot;
    }
}
