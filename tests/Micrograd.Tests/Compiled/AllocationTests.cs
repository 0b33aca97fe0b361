using Micrograd.Compiled;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Compiled;

/// <summary>Replays allocate nothing after warm-up (GC.GetAllocatedBytesForCurrentThread, no timing).</summary>
public class AllocationTests
{
    private const int Replays = 200;

    /// <summary>A graph with every kind of instruction: binary, unary with and without vector kernels, n-ary, constant powers.</summary>
    private static (Value Root, Value[] Leaves) Graph()
    {
        var random = new Random(7);
        var (parameterCount, inputCount) = MlpGraph.Sizes(3);
        var mlp = MlpGraph.Build(3, MlpGraph.RandomValues(random, parameterCount), MlpGraph.RandomValues(random, inputCount));
        var x = mlp.Inputs[0].Abs() + 1;
        var extra = x.Sin() * x.Pow(1.5) + (x.Pow(mlp.Parameters[0]) / 3).Exp();
        return (mlp.Root + extra, mlp.Leaves);
    }

    [Fact]
    public void Scalar_replay_allocates_nothing()
    {
        var (root, leaves) = Graph();
        var tape = CompiledGraph.Compile(root, leaves, [root]);
        void Step(int i)
        {
            tape.ReadLeaves();
            tape.SetLeaf(0, i * 0.001);
            tape.LeafValues[1] = -i * 0.002;
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward();
            tape.Backward(0.5);
            tape.WriteGradients();
            _ = tape.Value + tape.OutputValue(0) + tape.OutputGradient(0) + tape.LeafGradients[0];
        }
        for (var i = 0; i < 3; i++) Step(i);

        Allocations.AssertNone(() =>
        {
            for (var i = 0; i < Replays; i++) Step(i);
        }, $"{Replays} replays");
        Assert.True(double.IsFinite(tape.Value)); // the replays did run
    }

    [Fact]
    public void Batched_replay_allocates_nothing()
    {
        var (root, leaves) = Graph();
        var tape = CompiledGraph.Compile(root, leaves, [root]);
        var batch = tape.Batch(37);
        var column = Enumerable.Range(0, 37).Select(i => i * 0.01).ToArray();
        var seeds = Enumerable.Range(0, 37).Select(i => 1.0 / (i + 1)).ToArray();
        var sums = new double[leaves.Length];
        void Step(int i)
        {
            batch.SetLeaf(0, i * 0.001);
            batch.SetLeaf(leaves.Length - 1, column);
            batch.LeafValues(1)[3] = i;
            batch.Forward();
            batch.Backward(seeds);
            batch.Backward();
            batch.AddGradientSums(0, sums);
            _ = batch.Values[0] + batch.OutputValues(0)[1] + batch.OutputGradients(0)[2] + batch.LeafGradients(0)[3];
        }
        for (var i = 0; i < 3; i++) Step(i);

        Allocations.AssertNone(() =>
        {
            for (var i = 0; i < Replays; i++) Step(i);
        }, $"{Replays} replays");
        Assert.NotEqual(0.0, sums[0]); // the replays did run
    }
}
