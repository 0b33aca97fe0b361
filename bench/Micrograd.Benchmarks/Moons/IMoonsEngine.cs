namespace Micrograd.Benchmarks.Moons;

/// <summary>One way of running the moons demo: each <see cref="Step"/> is one full-batch SGD step.</summary>
public interface IMoonsEngine
{
    /// <summary>Computes the loss and accuracy at the current weights, then updates the weights with rate <paramref name="lr"/>.</summary>
    (double Loss, double Accuracy) Step(double lr);

    /// <summary>The current weights, in <see cref="LocalMlp.Parameters"/> order.</summary>
    double[] Weights();
}

/// <summary>The engines by name, for the command line.</summary>
public static class MoonsEngines
{
    public static readonly string[] Names = ["eager", "compiled", "batched"];

    public static IMoonsEngine Create(string name, MoonsData data) => name switch
    {
        "eager" => new EagerMoons(data),
        "compiled" => new CompiledMoons(data),
        "batched" => new BatchedMoons(data),
        _ => throw new ArgumentException($"unknown engine '{name}': use {string.Join(", ", Names)}"),
    };

    /// <summary>The demo's total loss over a batch of sample losses, built as eager code would build it.</summary>
    public static Value TotalLoss(IEnumerable<Value> sampleLosses, int samples, IEnumerable<Value> parameters) =>
        Value.Sum(sampleLosses) * (1.0 / samples) + MoonsData.Alpha * Value.Sum(parameters.Select(p => p * p));

    /// <summary>The demo's hinge loss for one sample: max(0, 1 − y·score), with −y given.</summary>
    public static Value Hinge(Value negativeLabel, Value score) => (1 + negativeLabel * score).Relu();

    public static double Accuracy(ReadOnlySpan<double> scores, double[] y)
    {
        var correct = 0;
        for (var i = 0; i < y.Length; i++) if (y[i] > 0 == scores[i] > 0) correct++;
        return (double)correct / y.Length;
    }
}
