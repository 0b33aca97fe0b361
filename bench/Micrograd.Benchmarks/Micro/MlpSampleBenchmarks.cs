using BenchmarkDotNet.Attributes;
using Micrograd.Benchmarks.Moons;
using Micrograd.Compiled;
using Micrograd.NN;

namespace Micrograd.Benchmarks.Micro;

/// <summary>
/// Forward plus backward of one moons sample through the demo's 2-16-16-1 relu <see cref="Mlp"/> and its hinge loss (about
/// 370 nodes): eager (build the sample's graph with <see cref="Mlp.Forward(IReadOnlyList{double})"/> and
/// <see cref="Loss.SampleLoss"/>, Backward), compiled (replay the traced sample graph), and batched (replay it over the
/// 100 samples at once; time per sample).
/// </summary>
[MemoryDiagnoser]
public class MlpSampleBenchmarks
{
    private Mlp _model = null!;
    private double[] _x = null!;
    private double _y;
    private CompiledGraph _tape = null!;
    private BatchedGraph _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var moons = MoonsData.Load(MoonsData.DefaultDirectory());
        var data = moons.Data;
        _model = moons.NewModel();
        _x = [.. data.Features[0]];
        _y = data.Labels![0];
        // the sample's graph with its inputs and −y as leaves: the hinge loss (1 + (−y)·score).Relu(), as Loss.Hinge builds it
        Value x1 = new(_x[0]), x2 = new(_x[1]), negativeY = new(-_y);
        var loss = (1.0 + negativeY * _model.Forward([x1, x2])[0]).Relu();
        var parameters = _model.Parameters;
        _tape = CompiledGraph.Compile(loss, [.. parameters, x1, x2, negativeY]);
        _batch = _tape.Batch(data.Count);
        _batch.SetLeaf(parameters.Count, data.Features.Select(x => x[0]).ToArray());
        _batch.SetLeaf(parameters.Count + 1, data.Features.Select(x => x[1]).ToArray());
        _batch.SetLeaf(parameters.Count + 2, data.Labels.Select(v => -v).ToArray());
    }

    [Benchmark(Baseline = true)]
    public double Eager()
    {
        var loss = Loss.Hinge.SampleLoss(_model.Forward(_x), _y);
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
