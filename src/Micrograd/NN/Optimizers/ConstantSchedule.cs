namespace Micrograd.NN;

/// <summary>
/// A constant learning rate, as <see cref="LearningRateSchedule.Constant"/> makes it (the one way to make one): a schedule
/// that an optimizer holds (<see cref="Optimizer.Schedule"/>) can be told apart by its type and read, as the training page
/// reads it to replay a run.
/// </summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>A constant learning rate.</summary>
    /// <param name="rate">Finite and positive.</param>
    internal ConstantSchedule(double rate) => Rate = CheckRate(rate, nameof(rate));

    /// <summary>The rate used at every step: finite and positive.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double At(int stepIndex)
    {
        CheckStep(stepIndex);
        return Rate;
    }

    /// <summary>For example <c>constant 0.1</c>.</summary>
    public override string ToString() => $"constant {Value.Format(Rate)}";
}
