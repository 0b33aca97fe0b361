using Micrograd.Ops;

namespace Micrograd.NN;

/// <summary>
/// Gradient descent with momentum, in PyTorch's form (<c>torch.optim.SGD(momentum=μ)</c>, no dampening, not Nesterov):
/// <c>v ← μ·v + g; p ← p − lr·v</c>, with v starting at 0 (so the first step is plain SGD).
/// </summary>
public sealed class Momentum : Optimizer
{
    private readonly double[] _velocity;

    /// <summary>Momentum descent over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The values to update.</param>
    /// <param name="schedule">The learning rate at each step.</param>
    /// <param name="momentum">μ, in [0, 1); 0.9 by default.</param>
    public Momentum(IEnumerable<Value> parameters, LearningRateSchedule schedule, double momentum = 0.9)
        : base(parameters, schedule)
    {
        if (!(momentum >= 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be at least 0 and below 1.");
        Coefficient = momentum;
        _velocity = new double[Parameters.Count];
    }

    /// <summary>μ, the fraction of the previous velocity kept at each step.</summary>
    public double Coefficient { get; }

    /// <summary>The current velocity of each parameter, in parameter order.</summary>
    public IReadOnlyList<double> Velocity => _velocity;

    /// <inheritdoc/>
    /// <summary>Momentum's update as a formula (<see cref="IUpdateFormula"/>).</summary>
    public override IUpdateFormula Formula => new Rule(Coefficient);

    /// <inheritdoc/>
    protected override void Update(ReadOnlySpan<Value> parameters, double learningRate) =>
        Apply(new Rule(Coefficient), parameters, learningRate);

    private readonly struct Rule(double momentum) : IUpdateFormula
    {
        public int StateCount => 1;

        public int StepNumberCount => 0;

        public void StepNumbers<T>(T stepsTaken, Span<T> numbers) where T : IOpNumber<T>
        {
        }

        // velocity ← momentum·velocity + g
        public void UpdateState<T>(T gradient, Span<T> state, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T> =>
            state[0] = T.Constant(momentum) * state[0] + gradient;

        // p − lr·velocity
        public T UpdateParameter<T>(T parameter, T gradient, ReadOnlySpan<T> state, T learningRate, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T> =>
            parameter - learningRate * state[0];
    }

    internal override IReadOnlyList<double[]> StateArrays => _stateArrays ??= [_velocity];

    private double[][]? _stateArrays;
}
