namespace Micrograd.NN;

/// <summary>A constant learning rate.</summary>
internal sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>A constant learning rate.</summary>
    /// <param name="rate">Finite and positive.</param>
    public ConstantSchedule(double rate) => Rate = CheckRate(rate, nameof(rate));

    /// <summary>The rate used at every step.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double At(int stepIndex)
    {
        CheckStep(stepIndex);
        return Rate;
    }


    /// <inheritdoc/>

    /// <summary>For example <c>constant 0.1</c>.</summary>
    public override string ToString() => $"constant {Value.Format(Rate)}";
}
