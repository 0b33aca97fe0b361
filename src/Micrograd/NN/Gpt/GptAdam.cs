namespace Micrograd.NN.Gpt;

/// <summary>
/// Adam as microgpt writes it: β₁ = 0.85, β₂ = 0.99, ε = 1e-8 by default, bias-corrected moments, and a learning rate that
/// falls linearly to 0 over the run, <c>lr · (1 − step / steps)</c>. At step t = 0, 1, …, for each parameter p with
/// gradient g:
/// <code>
/// m ← β₁·m + (1 − β₁)·g                 v ← β₂·v + (1 − β₂)·g ** 2
/// m̂ = m / (1 − β₁ ** (t + 1))           v̂ = v / (1 − β₂ ** (t + 1))
/// p ← p − lr_t · m̂ / (v̂ ** 0.5 + ε)
/// </code>
/// </summary>
/// <remarks>Every <c>**</c> gives <see cref="Math.Pow"/>'s number, as Python's is C's <c>pow</c>: <c>g ** 2</c> and
/// <c>v̂ ** 0.5</c> are not <c>g · g</c> and <see cref="Math.Sqrt"/>, which differ from <c>pow</c> in the last bit about once
/// in a thousand (<see cref="Adam"/> is PyTorch's form, with those two). Where they provably equal <c>pow</c>'s result,
/// they are used, being faster (see the internal <c>AdamRule</c>).
/// (<see cref="Adam"/> is PyTorch's form, with <c>g · g</c> and a square root.) NaN and infinite gradients propagate into
/// the moments and the parameters by IEEE rules.</remarks>
public sealed class GptAdam
{
    private readonly double[] _m;
    private readonly double[] _v;
    private readonly double[] _scratch;
    private readonly IReadOnlyList<double> _firstMoments;
    private readonly IReadOnlyList<double> _secondMoments;

    /// <summary>Adam for <paramref name="parameterCount"/> parameters over a run of <paramref name="steps"/> steps.</summary>
    /// <param name="parameterCount">How many parameters; at least 1.</param>
    /// <param name="learningRate">The learning rate at step 0; finite and above 0; microgpt's is 0.01.</param>
    /// <param name="steps">The length of the run, over which the learning rate falls to 0; at least 1.</param>
    /// <param name="beta1">β₁, in [0, 1).</param>
    /// <param name="beta2">β₂, in [0, 1).</param>
    /// <param name="epsilon">ε, finite and above 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of its range.</exception>
    public GptAdam(int parameterCount, double learningRate = 0.01, int steps = 1000, double beta1 = 0.85, double beta2 = 0.99, double epsilon = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a finite number above 0.");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β₁ must be at least 0 and below 1.");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β₂ must be at least 0 and below 1.");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a finite number above 0.");
        _m = new double[parameterCount];
        _v = new double[parameterCount];
        _scratch = new double[parameterCount];
        _firstMoments = Array.AsReadOnly(_m);
        _secondMoments = Array.AsReadOnly(_v);
        LearningRate = learningRate;
        Steps = steps;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>How many parameters the optimizer updates.</summary>
    public int ParameterCount => _m.Length;

    /// <summary>The first moments m, one per parameter in the parameters' order, as the last update left them (all 0 before
    /// the first): a read-only view that follows the updates.</summary>
    public IReadOnlyList<double> FirstMoments => _firstMoments;

    /// <summary>The second moments v, one per parameter in the parameters' order, as the last update left them (all 0 before
    /// the first): a read-only view that follows the updates. The last update's v̂ is <c>v / (1 − β₂ ** (t + 1))</c>.</summary>
    public IReadOnlyList<double> SecondMoments => _secondMoments;

    /// <summary>The learning rate at step 0.</summary>
    public double LearningRate { get; }

    /// <summary>The length of the run.</summary>
    public int Steps { get; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>The learning rate at <paramref name="step"/> (from 0): <c>lr · (1 − step / steps)</c>.</summary>
    /// <param name="step">The step; past the run's end the rate is negative, as microgpt's formula gives.</param>
    public double LearningRateAt(int step) => LearningRate * (1 - (double)step / Steps);

    /// <summary>One update of <paramref name="parameters"/> from their gradients, which are then set to 0 (as microgpt's
    /// <c>p.grad = 0</c>).</summary>
    /// <param name="parameters">The parameters, in the same order at every step; as many as the optimizer was made for.</param>
    /// <param name="step">The step, from 0.</param>
    /// <exception cref="ArgumentException">The count differs from the optimizer's.</exception>
    public void Update(IReadOnlyList<Value> parameters, int step)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckCount(parameters.Count, nameof(parameters));
        var data = new double[parameters.Count];
        var gradients = new double[parameters.Count];
        for (var i = 0; i < data.Length; i++) (data[i], gradients[i]) = (parameters[i].Data, parameters[i].Grad);
        Update(data, gradients, step);
        for (var i = 0; i < data.Length; i++)
        {
            parameters[i].Data = data[i];
            parameters[i].Grad = 0;
        }
    }

    /// <summary>One update of <paramref name="data"/> from <paramref name="gradients"/> (which are left as they are).</summary>
    /// <param name="data">The parameters' values, updated in place.</param>
    /// <param name="gradients">Their gradients, in the same order.</param>
    /// <param name="step">The step, from 0.</param>
    /// <exception cref="ArgumentException">A length differs from the optimizer's count.</exception>
    public void Update(Span<double> data, ReadOnlySpan<double> gradients, int step)
    {
        CheckCount(data.Length, nameof(data));
        CheckCount(gradients.Length, nameof(gradients));
        var rule = new AdamRule(Beta1, Beta2, Epsilon, LearningRateAt(step), 1 - Math.Pow(Beta1, step + 1), 1 - Math.Pow(Beta2, step + 1));
        rule.Apply(data, gradients, _m, _v, _scratch);
    }

    private void CheckCount(int count, string name)
    {
        if (count != _m.Length) throw new ArgumentException($"The optimizer was made for {_m.Length} parameters, not {count}.", name);
    }
}
