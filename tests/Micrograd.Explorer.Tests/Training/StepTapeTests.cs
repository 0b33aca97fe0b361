using Micrograd.Explorer.Tests.Support;
using Micrograd.Graphs;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The page assembles a step's graph from one sample's graph; that graph must be the engine's, node for node in the order
/// Value.Backward visits it (so that every gradient is added in the same order). For each loss, with and without L2, for
/// batches of one and several samples: the page's assembled graph equals ComputationGraph.Trace of Objective.Build's graph.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StepTapeTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string[]> Runs => new()
    {
        { "hinge with L2", ["--data", "moons", "--hidden", "3,2", "--steps", "2"] },
        { "bce without L2, tanh", ["--data", "moons", "--loss", "bce", "--l2", "0", "--activation", "tanh", "--hidden", "3", "--steps", "2"] },
        { "mse, sigmoid", ["--data", "moons", "--loss", "mse", "--activation", "sigmoid", "--hidden", "2,2", "--steps", "2"] },
        { "softmax over 3 classes", ["--data", "blobs", "--classes", "3", "--loss", "softmax", "--hidden", "3", "--steps", "2"] },
        { "a linear model", ["--data", "moons", "--hidden", "none", "--steps", "2"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task The_assembled_step_graph_is_the_engines_node_for_node_in_backward_order(string name, string[] args)
    {
        var run = TrainingRun.Make(_files, "tape", [.. args, "--save", _files.File("model.json")]);
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        foreach (var size in new[] { 1, 3 })
        {
            var model = ModelFile.Load(_files.File("model.json"));
            var loss = Loss.Parse(args.Contains("softmax") ? "softmax" : args.Contains("bce") ? "bce" : args.Contains("mse") ? "mse" : "hinge");
            var l2 = args.Contains("--l2") ? 0 : 1e-4;
            var classes = loss == Loss.SoftmaxCrossEntropy ? 3 : 2;
            var batch = new Dataset(Enumerable.Range(0, size).Select(i => (IReadOnlyList<double>)[0.3 * i - 0.2, 0.5 - 0.1 * i]),
                Enumerable.Range(0, size).Select(i => loss == Loss.SoftmaxCrossEntropy ? (double)(i % classes) : i % 2 == 0 ? 1.0 : -1.0));
            var graph = ComputationGraph.Trace(new Objective(model, loss, l2).Build(batch).Loss);
            var expected = graph.Nodes.Select((node, id) => (node.IsLeaf ? "" : node.Op) + ":" + string.Join(",", graph.EdgesInto(id).ToArray().Select(e => e.From))).ToArray();

            var actual = await tab.Page.EvaluateAsync<string[]>($$"""
                () => {
                  const run = JSON.parse(document.getElementById('run-data').textContent);
                  const trainer = new TrainingEngine.Trainer(run, microgradOps(Numbers.fma, Numbers.pow), microgradTraining(Numbers.fma, Numbers.pow));
                  return trainer.tape({{size}}).describe().map((n) => n.op + ':' + n.operands.join(','));
                }
                """);
            Assert.True(expected.SequenceEqual(actual), $"{name}, batch of {size}: {expected.Length} nodes in the engine, {actual.Length} in the page; first difference at " +
                Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1));
        }
        tab.AssertNoErrors();
    }
}
