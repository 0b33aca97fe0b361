namespace Micrograd.NN;

/// <summary>The learning rate at each step of a run, counting from step 0.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for step <paramref name="step"/> (0-based).</summary>
    /// <param name="step">The step; at least 0.</param>
    public abstract double At(int step);

    /// <summary>The same rate at every step.</summary>
    /// <param name="rate">The learning rate; finite and positive.</param>
    public static LearningRateSchedule Constant(double rate) => new ConstantSchedule(rate);

    /// <summary>
    /// Linear decay from <paramref name="start"/> to <paramref name="end"/> over <paramref name="steps"/> steps:
    /// <c>lr_k = start − (start − end)·k/steps</c>, so step 0 uses <paramref name="start"/> and the last step of the run
    /// (k = steps − 1) is one decrement short of <paramref name="end"/>, as in the Python demo's <c>1.0 − 0.9·k/100</c>.
    /// Steps past the run hold at <paramref name="end"/>. Every rate is finite and between the two ends, even for rates
    /// near <see cref="double.MaxValue"/>.
    /// </summary>
    /// <param name="start">The rate at step 0; finite and positive.</param>
    /// <param name="end">The rate the decay reaches at step <paramref name="steps"/>; finite and at least 0.</param>
    /// <param name="steps">The length of the run; at least 1.</param>
    public static LearningRateSchedule Linear(double start, double end, int steps) => new LinearDecaySchedule(start, end, steps);

    /// <summary>
    /// This schedule's JavaScript twin, for pages that train in a browser: the source of a function of
    /// <see cref="ScriptSettings"/> that returns <c>(step) => rate</c>, computing exactly what <see cref="At"/> computes;
    /// null for a schedule defined outside this library.
    /// </summary>
    internal virtual string? Script => null;

    /// <summary>The settings <see cref="Script"/>'s function receives, by name.</summary>
    internal virtual IReadOnlyList<KeyValuePair<string, double>> ScriptSettings => [];

    /// <summary>Throws unless <paramref name="step"/> is at least 0.</summary>
    protected static void CheckStep(int step) => ArgumentOutOfRangeException.ThrowIfNegative(step);

    internal static double CheckRate(double rate, string name, bool allowZero = false) =>
        double.IsFinite(rate) && (rate > 0 || (allowZero && rate == 0))
            ? rate
            : throw new ArgumentOutOfRangeException(name, rate, $"A learning rate must be a finite number {(allowZero ? "of at least 0" : "above 0")}.");
}

/// <summary>A constant learning rate.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>A constant learning rate.</summary>
    /// <param name="rate">Finite and positive.</param>
    public ConstantSchedule(double rate) => Rate = CheckRate(rate, nameof(rate));

    /// <summary>The rate used at every step.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double At(int step)
    {
        CheckStep(step);
        return Rate;
    }

    /// <summary>The twin of <see cref="At"/> (see <see cref="LearningRateSchedule.Script"/>).</summary>
    internal override string Script => "({ rate }) => () => rate";

    /// <inheritdoc/>
    internal override IReadOnlyList<KeyValuePair<string, double>> ScriptSettings => [new("rate", Rate)];

    /// <summary>For example <c>constant 0.1</c>.</summary>
    public override string ToString() => $"constant {Value.Format(Rate)}";
}

/// <summary>Linear decay: <c>lr_k = start − (start − end)·k/steps</c>, holding at <see cref="End"/> from step <see cref="Steps"/> on.</summary>
public sealed class LinearDecaySchedule : LearningRateSchedule
{
    /// <summary>Linear decay from <paramref name="start"/> to <paramref name="end"/> over <paramref name="steps"/> steps.</summary>
    /// <param name="start">Finite and positive.</param>
    /// <param name="end">Finite and at least 0.</param>
    /// <param name="steps">At least 1.</param>
    public LinearDecaySchedule(double start, double end, int steps)
    {
        Start = CheckRate(start, nameof(start));
        End = CheckRate(end, nameof(end), allowZero: true);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
    }

    /// <summary>The rate at step 0.</summary>
    public double Start { get; }

    /// <summary>The rate reached at step <see cref="Steps"/>.</summary>
    public double End { get; }

    /// <summary>The length of the decay.</summary>
    public int Steps { get; }

    /// <inheritdoc/>
    public override double At(int step)
    {
        CheckStep(step);
        if (step >= Steps) return End;
        // (start − end)·k can overflow for rates near double.MaxValue; (start − end)·(k/steps) cannot, and is used only then,
        // so that ordinary rates keep the demo's rounding (1.0 − 0.9·k/100)
        var decrement = (Start - End) * step;
        return Start - (double.IsFinite(decrement) ? decrement / Steps : (Start - End) * ((double)step / Steps));
    }

    /// <summary>The twin of <see cref="At"/> (see <see cref="LearningRateSchedule.Script"/>): the same lines.</summary>
    internal override string Script => LinearScript;

    /// <summary><see cref="Script"/>, which pages also use to make a linear schedule of their own.</summary>
    internal const string LinearScript = """
        ({ start, end, steps }) => (step) => {
          if (step >= steps) return end;
          const decrement = (start - end) * step;
          return start - (Number.isFinite(decrement) ? decrement / steps : (start - end) * (step / steps));
        }
        """;

    /// <inheritdoc/>
    internal override IReadOnlyList<KeyValuePair<string, double>> ScriptSettings => [new("start", Start), new("end", End), new("steps", Steps)];

    /// <summary>For example <c>linear 1 → 0.1 over 100 steps</c>.</summary>
    public override string ToString() => $"linear {Value.Format(Start)} → {Value.Format(End)} over {Steps} steps";
}
