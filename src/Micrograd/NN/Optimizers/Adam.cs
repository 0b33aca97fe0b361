using Micrograd.Ops;

namespace Micrograd.NN;

/// <summary>
/// Adam (Kingma and Ba), in PyTorch's form (<c>torch.optim.Adam</c>, no weight decay, not AMSGrad). At step t = 1, 2, …:
/// <code>
/// m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²
/// m̂ = m / (1 − β₁ᵗ)            v̂ = v / (1 − β₂ᵗ)
/// p ← p − lr·m̂ / (√v̂ + ε)
/// </code>
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly double[] _m;
    private readonly double[] _v;

    /// <summary>Adam over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The values to update.</param>
    /// <param name="schedule">The learning rate at each step.</param>
    /// <param name="beta1">β₁, the decay of the mean of gradients, in [0, 1); 0.9 by default.</param>
    /// <param name="beta2">β₂, the decay of the mean of squared gradients, in [0, 1); 0.999 by default.</param>
    /// <param name="epsilon">ε, added to the denominator; finite and positive; 1e-8 by default.</param>
    public Adam(IEnumerable<Value> parameters, LearningRateSchedule schedule, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, schedule)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β₁ must be at least 0 and below 1.");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β₂ must be at least 0 and below 1.");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a finite number above 0.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new double[Parameters.Count];
        _v = new double[Parameters.Count];
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    /// <summary>Adam's update as a formula (<see cref="IUpdateFormula"/>).</summary>
    public override IUpdateFormula Formula => new Rule(Beta1, Beta2, Epsilon);

    /// <inheritdoc/>
    protected override void Update(ReadOnlySpan<Value> parameters, double learningRate) =>
        Apply(new Rule(Beta1, Beta2, Epsilon), parameters, learningRate);

    private readonly struct Rule(double beta1, double beta2, double epsilon) : IUpdateFormula
    {
        public int StateCount => 2;

        public int StepNumberCount => 2;

        // the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ, t being the step's number from 1
        public void StepNumbers<T>(T stepsTaken, Span<T> numbers) where T : IOpNumber<T>
        {
            var t = stepsTaken + T.Constant(1);
            numbers[0] = T.Constant(1) - T.Pow(T.Constant(beta1), t);
            numbers[1] = T.Constant(1) - T.Pow(T.Constant(beta2), t);
        }

        // m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g·g
        public void UpdateState<T>(T gradient, Span<T> state, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T>
        {
            state[0] = T.Constant(beta1) * state[0] + T.Constant(1.0 - beta1) * gradient;
            state[1] = T.Constant(beta2) * state[1] + T.Constant(1.0 - beta2) * gradient * gradient;
        }

        // p − lr·m̂ / (√v̂ + ε), with m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ)
        public T UpdateParameter<T>(T parameter, T gradient, ReadOnlySpan<T> state, T learningRate, ReadOnlySpan<T> stepNumbers) where T : IOpNumber<T>
        {
            var mHat = state[0] / stepNumbers[0];
            var vHat = state[1] / stepNumbers[1];
            return parameter - learningRate * mHat / (T.Sqrt(vHat) + T.Constant(epsilon));
        }
    }

    internal override IReadOnlyList<double[]> StateArrays => _stateArrays ??= [_m, _v];

    private double[][]? _stateArrays;
}
