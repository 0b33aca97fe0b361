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

    /// <summary>The twin of <see cref="Update"/> (see <see cref="OptimizerScript"/>): the same line, over arrays.</summary>
    internal override OptimizerScript Script => new("sgd", """
        () => (p, g, state, lr) => {
          for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
        }
        """, []);
}
