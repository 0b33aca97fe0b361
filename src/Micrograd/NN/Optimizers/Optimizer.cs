namespace Micrograd.NN;

/// <summary>
/// Updates parameters from their gradients, one <see cref="Step"/> at a time. It reads each parameter's
/// <see cref="Value.Grad"/> and changes its <see cref="Value.Data"/>; it never builds a graph. NaN and infinite
/// gradients propagate into the parameters by IEEE rules.
/// </summary>
public abstract class Optimizer
{
    private readonly Value[] _parameters;

    /// <summary>An optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The values to update, typically <see cref="Module.Parameters"/>; each at most once.</param>
    /// <param name="schedule">The learning rate at each step.</param>
    protected Optimizer(IEnumerable<Value> parameters, LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(schedule);
        _parameters = parameters.ToArray();
        if (_parameters.Any(p => p is null)) throw new ArgumentException("Parameters must not be null.", nameof(parameters));
        if (_parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != _parameters.Length)
            throw new ArgumentException("A parameter appears twice; each must be updated once per step.", nameof(parameters));
        Schedule = schedule;
    }

    /// <summary>The values this optimizer updates.</summary>
    public IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>The learning rate at each step.</summary>
    public LearningRateSchedule Schedule { get; }

    /// <summary>How many steps have been taken; the next <see cref="Step"/> uses step number <see cref="StepCount"/>.</summary>
    public int StepCount { get; private set; }

    /// <summary>The learning rate the next <see cref="Step"/> will use.</summary>
    public double LearningRate => Schedule.At(StepCount);

    /// <summary>Updates every parameter from its current gradient with this step's learning rate, then advances the step count.</summary>
    /// <returns>The learning rate used.</returns>
    public double Step()
    {
        var rate = Schedule.At(StepCount);
        Update(_parameters, rate);
        StepCount++;
        return rate;
    }


    /// <summary>What each parameter carries from step to step (momentum's velocity; Adam's m and v), one array per kind, each
    /// in parameter order: the arrays themselves, which <see cref="Step"/> updates. Empty for plain SGD.</summary>
    internal virtual IReadOnlyList<double[]> State => [];

    /// <summary>Applies one update.</summary>
    /// <param name="parameters">The parameters, in the order given to the constructor.</param>
    /// <param name="learningRate">This step's learning rate.</param>
    protected abstract void Update(ReadOnlySpan<Value> parameters, double learningRate);
}
