using Micrograd.Compiled;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Compiled;

/// <summary>Random MLP-like graphs (weights, sums, relu/tanh/sigmoid): compiled replays against eager graphs built afresh.</summary>
public class RandomMlpTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 16)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_replay_equals_a_freshly_built_eager_graph_bit_for_bit(int seed)
    {
        var random = new Random(seed);
        var (parameterCount, inputCount) = MlpGraph.Sizes(seed);
        var first = MlpGraph.Build(seed, MlpGraph.RandomValues(random, parameterCount), MlpGraph.RandomValues(random, inputCount));
        var tape = CompiledGraph.Compile(first.Root, first.Leaves, [first.Score]);

        for (var replay = 0; replay < 30; replay++)
        {
            var parameters = MlpGraph.RandomValues(random, parameterCount, replay % 5 == 4 ? 50 : 1);
            var inputs = MlpGraph.RandomValues(random, inputCount, 3);
            var eager = MlpGraph.Build(seed, parameters, inputs);
            eager.Root.Backward();

            parameters.CopyTo(tape.LeafValues);
            inputs.CopyTo(tape.LeafValues[parameterCount..]);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward();

            Exact.Assert(eager.Root.Data, tape.Value, $"seed {seed}, replay {replay}: loss");
            Exact.Assert(eager.Score.Data, tape.OutputValue(0), $"seed {seed}, replay {replay}: score");
            Exact.Assert(eager.Score.Grad, tape.OutputGradient(0), $"seed {seed}, replay {replay}: d loss/d score");
            var leaves = eager.Leaves;
            for (var i = 0; i < leaves.Length; i++)
                Exact.Assert(leaves[i].Grad, tape.LeafGradients[i], $"seed {seed}, replay {replay}: gradient of {leaves[i].Label}");
            tape.Verify(eager.Root, leaves); // the same structure, so no exception
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Batched_replay_equals_scalar_replay_per_sample_and_in_the_sums(int seed)
    {
        var random = new Random(seed);
        var (parameterCount, inputCount) = MlpGraph.Sizes(seed);
        var parameters = MlpGraph.RandomValues(random, parameterCount);
        var graph = MlpGraph.Build(seed, parameters, new double[inputCount]);
        var tape = CompiledGraph.Compile(graph.Root, graph.Leaves, [graph.Score]);
        var samples = 1 + seed * 7 % 45; // includes counts that are not whole vectors
        var columns = Enumerable.Range(0, inputCount).Select(_ => MlpGraph.RandomValues(random, samples, 2)).ToArray();
        var seeds = MlpGraph.RandomValues(random, samples);

        var batch = tape.Batch(samples);
        for (var j = 0; j < inputCount; j++) batch.SetLeaf(parameterCount + j, columns[j]);
        batch.Forward();
        batch.Backward(seeds);
        var sums = new double[parameterCount];
        batch.AddGradientSums(0, sums);

        var expectedSums = new double[parameterCount];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < inputCount; j++) tape.SetLeaf(parameterCount + j, columns[j][s]);
            tape.Forward();
            tape.ZeroGrad();
            tape.Backward(seeds[s]);
            Exact.Assert(tape.Value, batch.Values[s], $"sample {s}: loss");
            Exact.Assert(tape.OutputValue(0), batch.OutputValues(0)[s], $"sample {s}: score");
            Exact.Assert(tape.OutputGradient(0), batch.OutputGradients(0)[s], $"sample {s}: d loss/d score");
            for (var i = 0; i < tape.LeafCount; i++) Exact.Assert(tape.LeafGradients[i], batch.LeafGradients(i)[s], $"sample {s}: gradient of leaf {i}");
        }
        for (var s = samples - 1; s >= 0; s--)
        {
            for (var i = 0; i < parameterCount; i++) expectedSums[i] += batch.LeafGradients(i)[s];
        }
        for (var i = 0; i < parameterCount; i++) Exact.Assert(expectedSums[i], sums[i], $"summed gradient of parameter {i}");
    }

    /// <summary>
    /// The moons demo's shape of computation: one eager graph holding every sample's loss, their mean and an L2 term, against
    /// a batched per-sample tape plus a small "head" tape for the mean and the L2 term. Gradients agree bit for bit because
    /// <see cref="BatchedGraph.AddGradientSums"/> adds samples in the order Value.Backward meets them.
    /// </summary>
    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 13)]
    [InlineData(8, 40)]
    public void A_full_batch_graph_equals_batched_samples_plus_a_head_tape(int seed, int samples)
    {
        var random = new Random(seed);
        var (parameterCount, inputCount) = MlpGraph.Sizes(seed);
        var parameterValues = MlpGraph.RandomValues(random, parameterCount);
        var data = Enumerable.Range(0, samples).Select(_ => MlpGraph.RandomValues(random, inputCount, 2)).ToArray();

        // Eager: every sample's graph shares the parameter leaves.
        var sample0 = MlpGraph.Build(seed, parameterValues, data[0], l2: false); // each parameter used once per sample
        var parameters = sample0.Parameters;
        var losses = data.Select(x => Rebuild(seed, parameters, x, l2: false)).ToList();
        var total = Value.Sum(losses) * (1.0 / samples) + 1e-4 * Value.Sum(parameters.Select(p => p * p));
        total.Backward();

        // Compiled: a per-sample tape, batched, and a head tape whose leaves are the sample losses and the parameters.
        var perSample = CompiledGraph.Compile(sample0.Root, sample0.Leaves);
        var batch = perSample.Batch(samples);
        for (var j = 0; j < inputCount; j++) batch.SetLeaf(parameterCount + j, data.Select(x => x[j]).ToArray());
        batch.Forward();
        var lossLeaves = Enumerable.Range(0, samples).Select(_ => new Value(0)).ToArray();
        var headParameters = parameterValues.Select(p => new Value(p)).ToArray();
        var head = CompiledGraph.Compile(
            Value.Sum(lossLeaves) * (1.0 / samples) + 1e-4 * Value.Sum(headParameters.Select(p => p * p)),
            [.. lossLeaves, .. headParameters]);
        batch.Values.CopyTo(head.LeafValues);
        head.Forward();
        head.ZeroGrad();
        head.Backward();
        batch.Backward(head.LeafGradients[..samples]);
        var gradients = head.LeafGradients[samples..].ToArray();
        batch.AddGradientSums(0, gradients);

        Exact.Assert(total.Data, head.Value, "total loss");
        for (var i = 0; i < parameterCount; i++) Exact.Assert(parameters[i].Grad, gradients[i], $"gradient of parameter {i}");
    }

    [Fact]
    public void Training_through_ReadLeaves_and_WriteGradients_follows_the_eager_loop_exactly()
    {
        const int seed = 11;
        var random = new Random(seed);
        var (parameterCount, inputCount) = MlpGraph.Sizes(seed);
        var start = MlpGraph.RandomValues(random, parameterCount);
        var input = MlpGraph.RandomValues(random, inputCount);
        var eager = MlpGraph.Build(seed, start, input).Parameters;
        var compiledGraph = MlpGraph.Build(seed, start, input);
        var tape = CompiledGraph.Compile(compiledGraph.Root, compiledGraph.Parameters);

        for (var step = 0; step < 25; step++)
        {
            var lr = 0.5 - 0.01 * step;
            var loss = Rebuild(seed, eager, input);
            eager.ZeroGrad();
            loss.Backward();
            foreach (var p in eager) p.Data -= lr * p.Grad;

            compiledGraph.Parameters.ZeroGrad();
            tape.ReadLeaves();
            tape.Forward();
            tape.Backward();
            tape.WriteGradients();
            foreach (var p in compiledGraph.Parameters) p.Data -= lr * p.Grad;

            Exact.Assert(loss.Data, tape.Value, $"step {step}: loss");
        }
        for (var i = 0; i < parameterCount; i++) Exact.Assert(eager[i].Data, compiledGraph.Parameters[i].Data, $"parameter {i} after training");
    }

    /// <summary>Builds the seed's graph again on existing parameter leaves (fresh input leaves).</summary>
    private static Value Rebuild(int seed, Value[] parameters, double[] inputs, bool l2 = true)
    {
        var graph = MlpGraph.Build(seed, parameters.Select(p => p.Data).ToArray(), inputs, l2);
        // Swap in the shared parameter leaves by rebuilding with a substitution map over the fresh graph's order.
        return Substitute(graph.Root, graph.Parameters, parameters);
    }

    private static Value Substitute(Value root, Value[] from, Value[] to)
    {
        var map = new Dictionary<Value, Value>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < from.Length; i++) map[from[i]] = to[i];
        foreach (var v in root.TopologicalOrder())
        {
            if (map.ContainsKey(v)) continue;
            var c = v.Children.Select(x => map[x]).ToArray();
            map[v] = v.IsLeaf ? v : v.Op switch
            {
                "+" => c[0] + c[1],
                "-" => c[0] - c[1],
                "*" => c[0] * c[1],
                "/" => c[0] / c[1],
                "sum" => Value.Sum(c),
                "relu" => c[0].Relu(),
                "tanh" => c[0].Tanh(),
                "sigmoid" => c[0].Sigmoid(),
                "**2" => c[0].Pow(2),
                var op => throw new InvalidOperationException($"unexpected op {op}"),
            };
        }
        return map[root];
    }
}
