using Micrograd.Compiled;
using Micrograd.Tests.Support;
using static Micrograd.Tests.Functions.UserFunctions;

namespace Micrograd.Tests.Compiled;

/// <summary>
/// User-defined functions (<see cref="DifferentiableFunction"/>) in the compiled mode: the scalar tape and the batched tape
/// (sample by sample through the functions' own delegates) against freshly built eager graphs, bit for bit; the structure
/// check tells two functions of the same name apart.
/// </summary>
public class FunctionReplayTests
{
    private static readonly double[] Specials =
        [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 400.0, -400.0, 1e103, 1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>softsign(x) = x / (1 + |x|), an activation a user might define; d/dx = 1 / (1 + |x|)².</summary>
    private static readonly DifferentiableFunction Softsign = new("softsign", 1,
        forward: x => x[0] / (1 + Math.Abs(x[0])),
        derivatives: (x, y, d) => d[0] = 1 / ((1 + Math.Abs(x[0])) * (1 + Math.Abs(x[0]))));

    private static Value Build(Value w, Value x, Value b) =>
        Cube.Apply(w * x + b).Tanh() + Hyp.Apply(w, Softsign.Apply(x)) * b + Hyp.Apply(x, x);

    private static IEnumerable<double[]> Points()
    {
        yield return [0.5, -1.25, 0.3];
        for (var i = 0; i < 3; i++)
        {
            foreach (var special in Specials)
            {
                double[] point = [0.5, -1.25, 0.3];
                point[i] = special;
                yield return point;
            }
        }
        var random = new Random(11);
        for (var k = 0; k < 40; k++) yield return [.. Enumerable.Range(0, 3).Select(_ => (random.NextDouble() - 0.5) * 6)];
    }

    private static (double Value, double[] Gradients) Eager(double[] point, double seed = 1.0)
    {
        Value[] leaves = [new(point[0], "w"), new(point[1], "x"), new(point[2], "b")];
        var root = Build(leaves[0], leaves[1], leaves[2]);
        root.Backward();
        return (root.Data, [.. leaves.Select(l => l.Grad * seed)]);
    }

    [Fact]
    public void The_scalar_tape_equals_a_freshly_built_graph_bit_for_bit()
    {
        Value[] leaves = [new(0.5, "w"), new(-1.25, "x"), new(0.3, "b")];
        var tape = CompiledGraph.Compile(Build(leaves[0], leaves[1], leaves[2]), leaves);
        foreach (var point in Points())
        {
            for (var i = 0; i < 3; i++) tape.SetLeaf(i, point[i]);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward();
            var (value, gradients) = Eager(point);
            var where = string.Join(", ", point.Select(Value.Format));
            Exact.Assert(value, tape.Value, $"value at ({where})");
            for (var i = 0; i < 3; i++) Exact.Assert(gradients[i], tape.LeafGradients[i], $"gradient {i} at ({where})");
        }
    }

    [Fact]
    public void Batched_lanes_equal_eager_graphs_sample_by_sample_bit_for_bit()
    {
        Value[] leaves = [new(0.5, "w"), new(-1.25, "x"), new(0.3, "b")];
        var tape = CompiledGraph.Compile(Build(leaves[0], leaves[1], leaves[2]), leaves);
        var points = Points().ToList();
        var batch = tape.Batch(points.Count);
        for (var i = 0; i < 3; i++) batch.SetLeaf(i, points.Select(p => p[i]).ToArray());
        var seeds = points.Select((_, s) => s % 3 == 0 ? 1.0 : 0.25 * s - 1).ToArray();
        batch.Forward();
        batch.Backward(seeds);
        for (var s = 0; s < points.Count; s++)
        {
            Value[] eager = [new(points[s][0]), new(points[s][1]), new(points[s][2])];
            var root = Build(eager[0], eager[1], eager[2]);
            root.Backward();
            Exact.Assert(root.Data, batch.Values[s], $"sample {s}: value");
            // Backward with seed 1 then scaled would round differently: replay the tape with the sample's seed instead.
            for (var i = 0; i < 3; i++) tape.SetLeaf(i, points[s][i]);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward(seeds[s]);
            for (var i = 0; i < 3; i++) Exact.Assert(tape.LeafGradients[i], batch.LeafGradients(i)[s], $"sample {s}: gradient {i}");
            if (seeds[s] == 1.0)
            {
                for (var i = 0; i < 3; i++) Exact.Assert(eager[i].Grad, batch.LeafGradients(i)[s], $"sample {s}: eager gradient {i}");
            }
        }
    }

    [Fact]
    public void A_function_as_the_activation_of_dense_layers_with_shared_parameters_replays_bit_for_bit()
    {
        const int inputs = 3, hidden = 4;
        var random = new Random(5);
        var parameters = Enumerable.Range(0, hidden * (inputs + 1) + hidden + 1).Select(i => new Value(random.NextDouble() - 0.5, $"p{i}")).ToArray();
        Value Network(IReadOnlyList<Value> p, IReadOnlyList<Value> x)
        {
            var next = 0;
            var h = new Value[hidden];
            for (var j = 0; j < hidden; j++)
            {
                var bias = p[next++];
                h[j] = Softsign.Apply(Value.Sum([bias, .. x.Take(inputs).Select(xi => p[next++] * xi)])); // as NN.Neuron builds a neuron
            }
            var outputBias = p[next++];
            var score = Value.Sum([outputBias, .. h.Select(hj => p[next++] * hj)]);
            return Hyp.Apply(score - x[inputs], 1.0);
        }

        var sample = Enumerable.Range(0, inputs + 1).Select(i => new Value(0.1 * i, $"x{i}")).ToArray();
        var loss = Network(parameters, sample);
        var tape = CompiledGraph.Compile(loss, [.. parameters, .. sample], [loss]);
        var plan = tape.Plan(parameters.Length);
        Assert.NotEmpty(plan.Layers); // the layers run as blocked kernels, the function sample by sample

        const int samples = 13;
        var data = Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, inputs + 1).Select(_ => random.NextDouble() * 4 - 2).ToArray()).ToArray();
        var batch = tape.Batch(samples, plan);
        for (var i = 0; i <= inputs; i++) batch.SetLeaf(parameters.Length + i, data.Select(row => row[i]).ToArray());
        batch.Forward();
        var sums = new double[parameters.Length];
        batch.BackwardFromOutputs([.. Enumerable.Repeat(1.0, samples)], samples, sums); // the shared leaves' sums over the samples

        var expected = new double[parameters.Length];
        var eagerParameters = parameters.Select(p => new Value(p.Data)).ToArray();
        for (var s = samples - 1; s >= 0; s--) // the sums add the last sample first
        {
            var root = Network(eagerParameters, [.. data[s].Select(v => new Value(v))]);
            root.Backward();
            Exact.Assert(root.Data, batch.Values[s], $"sample {s}: value");
        }
        for (var i = 0; i < parameters.Length; i++) expected[i] = eagerParameters[i].Grad;
        for (var i = 0; i < parameters.Length; i++) Exact.Assert(expected[i], sums[i], $"summed gradient of p{i}");
    }

    [Fact]
    public void A_gradients_graph_through_a_function_compiles_and_replays_its_numbers()
    {
        var x = new Value(0.8, "x");
        var y = new Value(-0.4, "y");
        var dx = Gradients.Of(Hyp.Apply(Cube.Apply(x), y), [x])[0];
        var tape = CompiledGraph.Compile(dx, [x, y]);
        foreach (var (p, q) in new[] { (0.8, -0.4), (1.5, 2.0), (-0.3, 0.0) })
        {
            tape.SetLeaf(0, p);
            tape.SetLeaf(1, q);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward();
            Value xe = new(p), ye = new(q);
            var de = Gradients.Of(Hyp.Apply(Cube.Apply(xe), ye), [xe])[0];
            de.Backward();
            Exact.Assert(de.Data, tape.Value, $"d/dx at ({p}, {q})");
            Exact.Assert(xe.Grad, tape.LeafGradients[0], $"d²/dx² at ({p}, {q})");
            Exact.Assert(ye.Grad, tape.LeafGradients[1], $"d²/dxdy at ({p}, {q})");
        }
    }

    [Fact]
    public void The_structure_check_tells_two_functions_of_the_same_name_apart()
    {
        var x = new Value(2.0, "x");
        var tape = CompiledGraph.Compile(Cube.Apply(x), [x]);
        tape.Verify(Cube.Apply(x));
        var e = Assert.Throws<GraphStructureException>(() => tape.Verify(CubeFirstOrder.Apply(x)));
        Assert.Contains("cube", e.Message);
    }

    [Fact]
    public void A_gradient_through_a_first_order_function_replays_without_allocating()
    {
        // the gradient's graph holds the function's derivative as a node of numbers (CubeFirstOrder has no valueDerivatives)
        var x = new Value(0.75, "x");
        var gradient = Gradients.Of(CubeFirstOrder.Apply(x * x).Tanh(), [x])[0];
        var tape = CompiledGraph.Compile(gradient, [x]);
        void Replay(int i)
        {
            tape.SetLeaf(0, 0.5 + i * 0.001);
            tape.Forward();
        }
        for (var i = 0; i < 3; i++) Replay(i);
        Allocations.AssertNone(() =>
        {
            for (var i = 0; i < 100; i++) Replay(i);
        }, "100 replays of the gradient's graph");

        // and it computes the first derivative: 6x⁵ · (1 − tanh²(x⁶)) at x = 0.5 + 99·0.001
        var at = 0.5 + 99 * 0.001;
        var fresh = new Value(at, "x");
        Exact.Assert(Gradients.Of(CubeFirstOrder.Apply(fresh * fresh).Tanh(), [fresh])[0].Data, tape.Value, "the replayed gradient");
    }
}
