using Micrograd.Compiled;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Differentiation;

/// <summary>A gradient's graph (with its fused <c>fma</c> nodes and sums) compiled and replayed, scalar and batched, equals
/// the same graph built anew, bit for bit: the compiled mode takes gradient graphs as it takes any other.</summary>
public class CompiledGradientGraphTests
{
    /// <summary>Smooth ops only, so that the gradient's graph has the same shape at every point.</summary>
    private static Value F(Value[] v) => (v[0] * v[1]).Tanh() * v[0].Sigmoid() + (v[1] / v[0]).Exp() + v[0].Pow(3) * v[1].Sqrt();

    private static (Value[] Leaves, Value Gradient) GradientGraph(double x, double y)
    {
        Value[] leaves = [new(x, "x"), new(y, "y")];
        return (leaves, Gradients.Of(F(leaves), leaves)[0]);
    }

    private static readonly (double X, double Y)[] Points = [(0.3, 0.8), (-1.2, 2.5), (2.0, 0.1), (0.7, 400), (-0.05, 1e-3), (1.5, 3.5), (-3, 0.2), (0.9, 0.9)];

    [Fact]
    public void The_compiled_tape_of_a_gradient_graph_replays_it_bit_for_bit()
    {
        var (traced, gradient) = GradientGraph(0.5, 1.5);
        Assert.Contains(gradient.TopologicalOrder(), v => v.Op == "fma+1");
        var tape = CompiledGraph.Compile(gradient, traced);

        foreach (var (x, y) in Points)
        {
            var (leaves, fresh) = GradientGraph(x, y);
            fresh.Backward();
            tape.SetLeaf(0, x);
            tape.SetLeaf(1, y);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward();
            Exact.Assert(fresh.Data, tape.Value, $"df/dx at ({x}, {y})");
            for (var i = 0; i < 2; i++) Exact.Assert(leaves[i].Grad, tape.LeafGradients[i], $"d²f/dxd{traced[i].Label} at ({x}, {y})");
        }
    }

    [Fact]
    public void The_batched_tape_of_a_gradient_graph_replays_it_in_every_lane_bit_for_bit()
    {
        var (traced, gradient) = GradientGraph(0.5, 1.5);
        var batch = CompiledGraph.Compile(gradient, traced).Batch(Points.Length);
        batch.SetLeaf(0, Points.Select(p => p.X).ToArray());
        batch.SetLeaf(1, Points.Select(p => p.Y).ToArray());
        batch.Forward();
        batch.Backward();

        for (var s = 0; s < Points.Length; s++)
        {
            var (leaves, fresh) = GradientGraph(Points[s].X, Points[s].Y);
            fresh.Backward();
            Exact.Assert(fresh.Data, batch.Values[s], $"df/dx, sample {s}");
            for (var i = 0; i < 2; i++) Exact.Assert(leaves[i].Grad, batch.LeafGradients(i)[s], $"d²f/dxd{traced[i].Label}, sample {s}");
        }
    }
}
