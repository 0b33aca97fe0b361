using BenchmarkDotNet.Attributes;

namespace Micrograd.Benchmarks.Micro;

/// <summary>Eager cost per node: build a chain of 1,000 nodes of one op, then Backward over it (ns and bytes per node).</summary>
[MemoryDiagnoser]
public class NodeBenchmarks
{
    private const int Nodes = 1000;
    private readonly Value _x = new(1.0000001, "x");

    [Benchmark(OperationsPerInvoke = Nodes)]
    public double Add()
    {
        var v = _x;
        for (var i = 0; i < Nodes; i++) v += _x;
        v.Backward();
        return v.Data;
    }

    [Benchmark(OperationsPerInvoke = Nodes)]
    public double Mul()
    {
        var v = _x;
        for (var i = 0; i < Nodes; i++) v *= _x;
        v.Backward();
        return v.Data;
    }

    [Benchmark(OperationsPerInvoke = Nodes)]
    public double Tanh()
    {
        var v = _x;
        for (var i = 0; i < Nodes; i++) v = v.Tanh();
        v.Backward();
        return v.Data;
    }
}
