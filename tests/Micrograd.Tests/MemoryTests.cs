using System.Runtime.CompilerServices;
using Micrograd.Tests.Support;

namespace Micrograd.Tests;

/// <summary>Memory of eager graphs, measured with allocation counters (no timing).</summary>
public class MemoryTests
{
    private const int Nodes = 1_000_000; // the issue measures a graph of a million nodes

    [Fact]
    public void Building_a_graph_allocates_at_most_100_bytes_per_node()
    {
        var leaves = Enumerable.Range(0, 4).Select(i => new Value(0.1 * (i + 1))).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var v = leaves[0];
        for (var i = 0; i < Nodes / 3; i++) v = (v * leaves[1 + i % 3] + leaves[i % 4]).Tanh();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var nodes = v.TopologicalOrder().Count - leaves.Length;
        Assert.Equal(Nodes / 3 * 3, nodes);
        Assert.InRange((double)allocated / nodes, 1, 100);
    }

    [Fact]
    public void Repeated_Backward_on_the_same_graph_allocates_nothing_after_the_first()
    {
        var leaves = Enumerable.Range(0, 4).Select(i => new Value(0.1 * (i + 1))).ToArray();
        var v = leaves[0];
        for (var i = 0; i < 30_000; i++) v = (v * leaves[1 + i % 3] + leaves[i % 4]).Tanh();
        v.Backward();
        var once = leaves[1].Grad;

        var calls = 1;
        Allocations.AssertNone(() =>
        {
            for (var i = 0; i < 10; i++) v.Backward();
            calls += 10;
        }, "10 calls of Backward");
        Assert.Equal(calls * once, leaves[1].Grad, 1e-9 * Math.Abs(calls * once));
    }

    [Fact]
    public void A_graph_is_collectable_after_Backward_and_TopologicalOrder()
    {
        var leaf = new Value(0.5);
        var alive = BuildRunAndForget(leaf);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(alive.IsAlive);
        Assert.NotEqual(0.0, leaf.Grad);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference BuildRunAndForget(Value leaf)
    {
        var v = leaf;
        for (var i = 0; i < 1000; i++) v = (v * leaf).Tanh();
        v.Backward();
        _ = v.TopologicalOrder();
        return new WeakReference(v);
    }
}
