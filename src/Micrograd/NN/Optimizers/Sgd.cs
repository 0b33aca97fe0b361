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
    protected override void Update(ReadOnlySpan<Value> parameters, double learningRate)
    {
        foreach (var p in parameters) p.Data -= learningRate * p.Grad;
    }

}
