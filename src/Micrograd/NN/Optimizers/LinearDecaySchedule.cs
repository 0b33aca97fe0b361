namespace Micrograd.NN;

/// <summary>
/// Linear decay: <c>lr_k = start − (start − end)·k/steps</c>, holding at <see cref="End"/> from step <see cref="Steps"/> on,
/// as <see cref="LearningRateSchedule.Linear"/> makes it (the one way to make one; its documentation says how each rate is
/// computed): a schedule that an optimizer holds (<see cref="Optimizer.Schedule"/>) can be told apart by its type and read,
/// as the training page reads it to replay a run.
/// </summary>
public sealed class LinearDecaySchedule : LearningRateSchedule
{
    /// <summary>Linear decay from <paramref name="start"/> to <paramref name="end"/> over <paramref name="steps"/> steps.</summary>
    /// <param name="start">Finite and positive.</param>
    /// <param name="end">Finite and at least 0.</param>
    /// <param name="steps">At least 1.</param>
    internal LinearDecaySchedule(double start, double end, int steps)
    {
        Start = CheckRate(start, nameof(start));
        End = CheckRate(end, nameof(end), allowZero: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
    }

    /// <summary>The rate at step 0: finite and positive.</summary>
    public double Start { get; }

    /// <summary>The rate reached at step <see cref="Steps"/> and held from then on: finite and at least 0.</summary>
    public double End { get; }

    /// <summary>The length of the decay, in steps: at least 1.</summary>
    public int Steps { get; }

    /// <inheritdoc/>
    public override double At(int stepIndex)
    {
        CheckStep(stepIndex);
        if (stepIndex >= Steps) return End;
        // (start − end)·k can overflow for rates near double.MaxValue; (start − end)·(k/steps) cannot, and is used only then,
        // so that ordinary rates keep the demo's rounding (1.0 − 0.9·k/100)
        var decrement = (Start - End) * stepIndex;
        return Start - (double.IsFinite(decrement) ? decrement / Steps : (Start - End) * ((double)stepIndex / Steps));
    }

    /// <summary>For example <c>linear 1 → 0.1 over 100 steps</c>.</summary>
    public override string ToString() => $"linear {Value.Format(Start)} → {Value.Format(End)} over {Steps} steps";
}
