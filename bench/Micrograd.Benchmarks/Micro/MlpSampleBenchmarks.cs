using BenchmarkDotNet.Attributes;
using Micrograd.Benchmarks.Moons;
using Micrograd.Compiled;

namespace Micrograd.Benchmarks.Micro;

/// <summary>
/// Forward plus backward of one moons sample through the 2-16-16-1 relu MLP (about 640 nodes): eager (build the graph,
/// Backward), compiled (replay the traced sample graph), and batched (replay it over the 100 samples at once; time per sample).
/// </summary>
[MemoryDiagnoser]
public class MlpSampleBenchmarks
{
    private LocalMlp _model = null!;
    private double[] _x = null!;
    private double _negativeLabel;
    private CompiledGraph _tape = null!;
    private BatchedGraph _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = MoonsData.Load(MoonsData.DefaultDirectory());
        _model = new LocalMlp(data.Layers);
        _x = data.X[0];
        _negativeLabel = -data.Y[0];
        Value x1 = new(_x[0]), x2 = new(_x[1]), y = new(_negativeLabel);
        _tape = CompiledGraph.Compile(MoonsEngines.Hinge(y, _model.Forward([x1, x2])), [.. _model.Parameters, x1, x2, y]);
        _batch = _tape.Batch(data.X.Length);
        _batch.SetLeaf(_model.Parameters.Count, data.X.Select(x => x[0]).ToArray());
        _batch.SetLeaf(_model.Parameters.Count + 1, data.X.Select(x => x[1]).ToArray());
        _batch.SetLeaf(_model.Parameters.Count + 2, data.Y.Select(v => -v).ToArray());
    }

    [Benchmark(Baseline = true)]
    public double Eager()
    {
        var loss = MoonsEngines.Hinge(_negativeLabel, _model.Forward([new Value(_x[0]), new Value(_x[1])]));
        loss.Backward();
        return loss.Data;
    }

    [Benchmark]
    public double Compiled()
    {
        _tape.Forward();
        _tape.Backward();
        return _tape.Value;
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public double BatchedPerSample()
    {
        _batch.Forward();
        _batch.Backward();
        return _batch.Values[0];
    }
}
