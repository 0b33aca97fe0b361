namespace Micrograd.NN;

/// <summary>The learning rate at each step of a run, counting from step 0.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for step <paramref name="stepIndex"/>, counting from 0.</summary>
    /// <param name="stepIndex">The step's index; at least 0.</param>
    public abstract double At(int stepIndex);

    /// <summary>The same rate at every step.</summary>
    /// <param name="rate">The learning rate; finite and positive.</param>
    public static LearningRateSchedule Constant(double rate) => new ConstantSchedule(rate);

    /// <summary>
    /// Linear decay from <paramref name="start"/> to <paramref name="end"/> over <paramref name="steps"/> steps:
    /// <c>lr_k = start − (start − end)·k/steps</c>, so step 0 uses <paramref name="start"/> and the last step of the run
    /// (k = steps − 1) is one decrement short of <paramref name="end"/>, as in the Python demo's <c>1.0 − 0.9·k/100</c>.
    /// Steps past the run hold at <paramref name="end"/>. Every rate is finite and between the two ends, even for rates
    /// near <see cref="double.MaxValue"/>.
    /// </summary>
    /// <param name="start">The rate at step 0; finite and positive.</param>
    /// <param name="end">The rate the decay reaches at step <paramref name="steps"/>; finite and at least 0.</param>
    /// <param name="steps">The length of the run; at least 1.</param>
    public static LearningRateSchedule Linear(double start, double end, int steps) => new LinearDecaySchedule(start, end, steps);


    /// <summary>Throws unless <paramref name="stepIndex"/> is at least 0.</summary>
    /// <param name="stepIndex">The step's index.</param>
    protected static void CheckStep(int stepIndex) => ArgumentOutOfRangeException.ThrowIfNegative(stepIndex);

    internal static double CheckRate(double rate, string name, bool allowZero = false) =>
        double.IsFinite(rate) && (rate > 0 || (allowZero && rate == 0))
            ? rate
            : throw new ArgumentOutOfRangeException(name, rate, $"A learning rate must be a finite number {(allowZero ? "of at least 0" : "above 0")}.");
}
