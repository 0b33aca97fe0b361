using Micrograd.Ops;

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


    /// <summary>What each parameter carries from step to step (momentum's velocity; Adam's m and v), one list per kind, each
    /// in parameter order, as <see cref="Step"/> leaves it. Empty for plain SGD and for an optimizer that keeps its own.</summary>
    public IReadOnlyList<IReadOnlyList<double>> State => StateArrays;

    /// <summary>The arrays of <see cref="State"/> themselves, which <see cref="Step"/> updates.</summary>
    internal virtual IReadOnlyList<double[]> StateArrays => [];

    /// <summary>The optimizer's update written as a formula over any number type, from which other packages write its twins
    /// (the training page's update); null for an optimizer that computes its update only in <see cref="Update"/>.</summary>
    public virtual IUpdateFormula? Formula => null;

    /// <summary>Applies one update. By default, <see cref="Formula"/> on doubles, parameter by parameter.</summary>
    /// <param name="parameters">The parameters, in the order given to the constructor.</param>
    /// <param name="learningRate">This step's learning rate.</param>
    /// <exception cref="NotSupportedException">The optimizer has no <see cref="Formula"/> and does not override this.</exception>
    protected virtual void Update(ReadOnlySpan<Value> parameters, double learningRate) =>
        Apply(Formula ?? throw new NotSupportedException($"{GetType().Name} must have a {nameof(Formula)} or override {nameof(Update)}."), parameters, learningRate);

    /// <summary>One update by <paramref name="formula"/> on doubles: the step's numbers, then each parameter's state and
    /// value. Generic over the formula's type, so that a struct's formula compiles to plain double arithmetic.</summary>
    private protected void Apply<TFormula>(TFormula formula, ReadOnlySpan<Value> parameters, double learningRate)
        where TFormula : IUpdateFormula
    {
        Span<Scalar> numbers = stackalloc Scalar[formula.StepNumberCount];
        formula.StepNumbers(new Scalar(StepCount), numbers);
        var arrays = StateArrays;
        if (arrays.Count != formula.StateCount) throw new InvalidOperationException($"{GetType().Name} keeps {arrays.Count} state arrays; its formula needs {formula.StateCount}.");
        Span<Scalar> state = stackalloc Scalar[arrays.Count];
        var rate = new Scalar(learningRate);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            for (var k = 0; k < state.Length; k++) state[k] = new Scalar(arrays[k][i]);
            var gradient = new Scalar(p.Grad);
            formula.UpdateState(gradient, state, numbers);
            for (var k = 0; k < state.Length; k++) arrays[k][i] = state[k].Number;
            p.Data = formula.UpdateParameter(new Scalar(p.Data), gradient, state, rate, numbers).Number;
        }
    }
}
