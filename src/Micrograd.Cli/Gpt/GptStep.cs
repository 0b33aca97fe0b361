using System.Globalization;
using Micrograd.Cli.Train;

namespace Micrograd.Cli.Gpt;

/// <summary>One training step of <c>gpt</c>: what its <c>--log</c> line and its progress show.</summary>
/// <param name="Step">The step, from 0.</param>
/// <param name="Loss">The document's loss before the step's update (microgpt's printed loss).</param>
/// <param name="LearningRate">The learning rate of the step's update.</param>
internal sealed record GptStep(int Step, double Loss, double LearningRate)
{
    /// <summary>A plain progress line, such as <c>step 101/1000  loss 2.84113  lr 0.009</c>.</summary>
    public string Line(int steps) => string.Create(CultureInfo.InvariantCulture,
        $"step {Step + 1}/{steps}  loss {TrainingProgress.Short(Loss)}  lr {TrainingProgress.Short(LearningRate)}");

    /// <summary>The live bar's description, such as <c>step 101/1000  loss 2.84113</c>.</summary>
    public string Describe(int steps) => string.Create(CultureInfo.InvariantCulture, $"step {Step + 1}/{steps}  loss {TrainingProgress.Short(Loss)}");
}
