using Micrograd.Ops;

namespace Micrograd.NN;

/// <summary>Plain stochastic gradient descent, as the Python demo: <c>p ← p − lr·∂L/∂p</c>.</summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Gradient descent over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The values to update.</param>
    /// <param name="schedule">The learning rate at each step.</param>
    public Sgd(IEnumerable<Value> parameters, LearningRateSchedule schedule)
        : base(parameters, schedule)
    {
    }

    /// <inheritdoc/>
    /// <summary>SGD's update as a formula (<see cref="IUpdateFormula"/>).</summary>
    public override IUpdateFormula Formula => default(Rule);

    /// <inheritdoc/>
    protected override void Update(ReadOnlySpan<Value> parameters, double learningRate) => Apply(default(Rule), parameters, learningRate);

    private readonly struct Rule : IUpdateFormula
    {
        public int StateCount => 0;

        public int StepNumberCount => 0;

        public void StepNumbers<T>(T stepsTaken, Span<T> numbers) where T : IOpNumber<T>
        {
        }

        public void UpdateState<T>(T gradient, Span<T> state, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T>
        {
        }

        // p − lr·g
        public T UpdateParameter<T>(T parameter, T gradient, ReadOnlySpan<T> state, T learningRate, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T> =>
            parameter - learningRate * gradient;
    }
}
