using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Micrograd.Benchmarks.Moons;
using Micrograd.NN;

namespace Micrograd.Benchmarks.Scale;

/// <summary>
/// <c>scale [--nodes N]</c> (default 10,000,000): builds an eager graph of at least N nodes the way a user would (the moons
/// demo's <see cref="Mlp"/> applied to random samples, their hinge losses (<see cref="Loss.Hinge"/>) summed into one root),
/// runs Backward, then drops it and collects.
/// Prints the time and the memory per node: bytes allocated while building, live heap held by the graph, bytes allocated by
/// Backward, the peak working set, and the heap after release.
/// </summary>
public static class ScaleCommand
{
    public static int Run(Options options)
    {
        var target = options.GetLong("--nodes", 10_000_000);
        var data = MoonsData.Load(options.Get("--data") ?? MoonsData.DefaultDirectory());
        var model = data.NewModel();
        var perSample = SampleNodes(model);
        var samples = (int)Math.Ceiling((double)target / perSample);

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var (result, alive) = BuildAndRun(model, samples);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        result["heap_mb_after_release"] = Math.Round((heapAfter - heapBefore) / 1e6, 1);
        result["graph_collected"] = !alive.IsAlive;
        result["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, 1);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return alive.IsAlive ? 1 : 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Dictionary<string, object> Result, WeakReference Alive) BuildAndRun(Mlp model, int samples)
    {
        var random = new Random(1);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var losses = new List<Value>(samples);
        for (var s = 0; s < samples; s++)
        {
            var outputs = model.Forward([random.NextDouble() * 3 - 1, random.NextDouble() * 2 - 0.5]);
            losses.Add(Loss.Hinge.SampleLoss(outputs, random.Next(2) * 2 - 1));
        }
        var root = Value.Sum(losses);
        var buildMs = clock.Elapsed.TotalMilliseconds;
        var buildAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        losses = null;
        var heldBytes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        root.Backward();
        var backwardMs = clock.Elapsed.TotalMilliseconds;
        var backwardAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        long nodes = root.TopologicalOrder().Count - model.Parameters.Count; // nodes built for this graph (parameters existed before)
        var result = new Dictionary<string, object>
        {
            ["nodes"] = nodes,
            ["build_ms"] = Math.Round(buildMs, 1),
            ["build_ns_per_node"] = Math.Round(buildMs * 1e6 / nodes, 1),
            ["build_allocated_bytes_per_node"] = Math.Round((double)buildAllocated / nodes, 1),
            ["graph_heap_bytes_per_node"] = Math.Round((double)heldBytes / nodes, 1),
            ["backward_ms"] = Math.Round(backwardMs, 1),
            ["backward_ns_per_node"] = Math.Round(backwardMs * 1e6 / nodes, 1),
            ["backward_allocated_bytes_per_node"] = Math.Round((double)backwardAllocated / nodes, 1),
            ["root"] = root.Data,
            ["first_weight_grad"] = model.Parameters[0].Grad,
        };
        return (result, new WeakReference(root));
    }

    private static int SampleNodes(Mlp model)
    {
        var loss = Loss.Hinge.SampleLoss(model.Forward([0.1, 0.2]), -1);
        return loss.TopologicalOrder().Count - model.Parameters.Count;
    }
}
