using Micrograd.Compiled;

namespace Micrograd.NN;

/// <summary>
/// The recorded end of a step's graph for batches of one size: the mean of the samples' losses plus the L2 term, built as
/// <see cref="Objective.Build"/> builds it, with the sample losses (leaves 0 to n − 1) and copies of the parameters
/// (leaves n to n + P − 1) as inputs. Its backward gives each sample's seed (d total / d sample loss) and each parameter's
/// L2 gradient.
/// </summary>
internal sealed class ObjectiveHead
{
    public ObjectiveHead(Objective objective, int samples)
    {
        var losses = new Value[samples];
        for (var i = 0; i < samples; i++) losses[i] = new Value(0.0);
        var model = objective.Model.Parameters;
        var parameters = new Value[model.Count];
        for (var j = 0; j < parameters.Length; j++) parameters[j] = new Value(model[j].Data);
        var total = Objective.Total(Loss.Mean(losses), parameters, objective.L2);
        Tape = CompiledGraph.Compile(total, [.. losses, .. parameters]);
        Samples = samples;
    }

    /// <summary>The record: leaves are the sample losses, then the parameters.</summary>
    public CompiledGraph Tape { get; }

    /// <summary>The batch size it was recorded for.</summary>
    public int Samples { get; }

    /// <summary>The total loss and its gradients, for the given sample losses and parameters: afterwards <see cref="SampleSeeds"/>
    /// and <see cref="ParameterGradients"/> hold the gradients. Allocates nothing.</summary>
    public double Run(ReadOnlySpan<double> losses, IReadOnlyList<Value> parameters)
    {
        var leaves = Tape.LeafValues;
        losses.CopyTo(leaves);
        for (var j = 0; j < parameters.Count; j++) leaves[Samples + j] = parameters[j].Data;
        Tape.Forward();
        Tape.ZeroGrad();
        Tape.Backward();
        return Tape.Value;
    }

    /// <summary>d total / d sample loss, per sample, after <see cref="Run"/>.</summary>
    public ReadOnlySpan<double> SampleSeeds => Tape.LeafGradients[..Samples];

    /// <summary>Writes the L2 term's gradient per parameter into <paramref name="totals"/>, after <see cref="Run"/>: the start of
    /// each parameter's sum, as <see cref="Value.Backward"/> meets the L2 term before the samples; −0 (the sum's empty start)
    /// for a parameter the term does not reach (no L2).</summary>
    public void ParameterGradients(Span<double> totals)
    {
        var gradients = Tape.LeafGradients[Samples..];
        for (var j = 0; j < totals.Length; j++) totals[j] = Tape.Reaches(Samples + j) ? gradients[j] : -0.0;
    }
}
