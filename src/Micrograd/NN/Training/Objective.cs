namespace Micrograd.NN;

/// <summary>
/// What training minimizes: a model's mean <see cref="NN.Loss"/> over a batch, plus <see cref="L2"/> regularization
/// of all its parameters (left out when 0). <see cref="Build"/> makes the graph of one step; an
/// <see cref="ITrainingEngine"/> turns it into a loss, an accuracy and gradients.
/// </summary>
public sealed class Objective
{
    /// <summary>The objective <c>loss(model, batch) + l2·Σ p²</c>.</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="loss">The data loss.</param>
    /// <param name="l2">The L2 strength; finite and at least 0 (0 adds no term).</param>
    public Objective(Mlp model, Loss loss, double l2 = 0.0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        if (!(l2 >= 0) || !double.IsFinite(l2)) throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 strength must be a finite number of at least 0.");
        Model = model;
        Loss = loss;
        L2 = l2;
    }

    /// <summary>The model being trained.</summary>
    public Mlp Model { get; }

    /// <summary>The data loss.</summary>
    public Loss Loss { get; }

    /// <summary>The L2 strength.</summary>
    public double L2 { get; }

    /// <summary>
    /// Builds the graph of the objective on a batch for the model's current parameters, as the Python demo does: each
    /// sample's features become new leaves, the model's outputs are built per sample, then the mean loss and, when
    /// <see cref="L2"/> is above 0, <c>L2 · Σ p·p</c> is added.
    /// </summary>
    /// <param name="batch">Labelled samples with as many features as the model has inputs.</param>
    /// <exception cref="ArgumentException">The batch does not fit the model or the loss (see <see cref="Check"/>).</exception>
    public ObjectiveGraph Build(Dataset batch)
    {
        Check(batch);
        var outputs = new Value[batch.Count][];
        for (var i = 0; i < outputs.Length; i++) outputs[i] = Model.Forward(batch.Row(i));
        var dataLoss = Loss.Compute(outputs, batch.Labels!);
        var total = Total(dataLoss, Model.Parameters, L2);
        return new ObjectiveGraph(total, outputs, Accuracy(outputs, batch.Labels!));
    }

    /// <summary>The fraction of samples the loss counts as correct (<see cref="Loss.Accuracy"/>), from the outputs' data.</summary>
    private double Accuracy(Value[][] outputs, IReadOnlyList<double> targets)
    {
        var width = Model.OutputCount;
        var numbers = new double[outputs.Length * width];
        for (var i = 0; i < outputs.Length; i++)
        {
            for (var k = 0; k < width; k++) numbers[i * width + k] = outputs[i][k].Data;
        }
        return (double)Loss.CountCorrect(numbers, targets, new double[width]) / outputs.Length;
    }

    /// <summary>The objective from the data loss, as <see cref="Build"/> makes it: <c>dataLoss + l2 · Σ p·p</c>, or the data loss alone when l2 is 0.</summary>
    internal static Value Total(Value dataLoss, IReadOnlyList<Value> parameters, double l2) =>
        l2 > 0 ? dataLoss + Regularization.L2(parameters, l2) : dataLoss;

    /// <summary>
    /// Checks that <paramref name="data"/> fits: labelled, as many features as the model's inputs, and every label valid
    /// for the loss and the model's outputs.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <exception cref="ArgumentException">Why it does not fit, naming the first bad sample (counting from 1).</exception>
    public void Check(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var name = data.Name.Length > 0 ? data.Name : "the data";
        if (data.Labels is not { } labels) throw new ArgumentException($"Training needs labels, but {name} has none.", nameof(data));
        if (data.FeatureCount != Model.InputCount)
            throw new ArgumentException($"The model takes {Model.InputCount} inputs but {name} has {data.FeatureCount} features.", nameof(data));
        // a model the loss cannot take is the model's fault, not the first sample's
        if (Loss.OutputCountError(Model.OutputCount) is { } wrong)
            throw new ArgumentException(char.ToUpperInvariant(wrong[0]) + wrong[1..], nameof(data));
        for (var i = 0; i < labels.Count; i++)
        {
            if (Loss.TargetError(labels[i], Model.OutputCount) is { } error)
                throw new ArgumentException($"Sample {i + 1} of {name}: {error}", nameof(data));
        }
    }

    /// <summary>The loss and accuracy of the model's current parameters on <paramref name="data"/>, without changing any gradient.</summary>
    /// <param name="data">Labelled samples.</param>
    public LossAndAccuracy Evaluate(Dataset data)
    {
        var graph = Build(data);
        return new LossAndAccuracy(graph.Loss.Data, graph.Accuracy);
    }
}

/// <summary>The graph of an <see cref="Objective"/> on one batch.</summary>
public sealed class ObjectiveGraph
{
    internal ObjectiveGraph(Value loss, IReadOnlyList<Value[]> outputs, double accuracy)
    {
        Loss = loss;
        Outputs = outputs;
        Accuracy = accuracy;
    }

    /// <summary>The root: the total loss. Call <see cref="Value.Backward"/> on it for the parameters' gradients.</summary>
    public Value Loss { get; }

    /// <summary>The model's outputs for each sample of the batch.</summary>
    public IReadOnlyList<Value[]> Outputs { get; }

    /// <summary>The fraction of the batch predicted correctly, from 0 to 1 (see <see cref="NN.Loss.IsCorrect"/>).</summary>
    public double Accuracy { get; }
}

/// <summary>A loss and an accuracy (a fraction from 0 to 1), measured together.</summary>
/// <param name="Loss">The total loss.</param>
/// <param name="Accuracy">The fraction predicted correctly.</param>
public readonly record struct LossAndAccuracy(double Loss, double Accuracy);
