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
    protected override void Update(ReadOnlySpan<Value> parameters, double learningRate)
    {
        var t = StepCount + 1;
        var correction1 = 1.0 - Math.Pow(Beta1, t);
        var correction2 = 1.0 - Math.Pow(Beta2, t);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var g = p.Grad;
            _m[i] = Beta1 * _m[i] + (1.0 - Beta1) * g;
            _v[i] = Beta2 * _v[i] + (1.0 - Beta2) * g * g;
            var mHat = _m[i] / correction1;
            var vHat = _v[i] / correction2;
            p.Data -= learningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
        }
    }


    /// <inheritdoc/>
    internal override IReadOnlyList<double[]> State => [_m, _v];
}
