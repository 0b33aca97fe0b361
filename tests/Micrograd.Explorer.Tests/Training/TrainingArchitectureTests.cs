using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// Issue #20 item 3, other architectures: the page's builder of one sample's graph (training-architecture.js) gives, for any
/// network <c>micrograd train --hidden --activation --loss</c> makes, the graph <see cref="SampleGraph.Build"/> traces: the
/// same nodes with the same ids, ops, operands, labels, names, constants and drawn flags, and the same roles, indices,
/// outputs, loss and number count.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingArchitectureTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_pages_sample_graph_equals_SampleGraph_Build_for_every_architecture_activation_and_loss()
    {
        var run = TrainingRun.Make(_files, "builder", "--data", "moons", "--steps", "2", "--hidden", "2");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        int[][] architectures = [[], [4], [8, 8], [16, 16], [3, 5, 2], [40, 40]];
        var compared = 0;
        foreach (var sizes in architectures)
        {
            foreach (var activation in Activations.All)
            {
                foreach (var (loss, classes) in new[] { (Loss.Hinge, 2), (Loss.BinaryCrossEntropy, 2), (Loss.MeanSquaredError, 2), (Loss.SoftmaxCrossEntropy, 2), (Loss.SoftmaxCrossEntropy, 3) })
                {
                    var outputs = loss.OutputCountFor(classes);
                    var batch = 7 + sizes.Length;
                    var model = new Mlp(2, [.. sizes, outputs], new Random(1), activation);
                    var expected = SampleGraph.Build(model, loss, batch);
                    var json = await tab.Page.EvaluateAsync<JsonElement>(
                        "([sizes, activation, outputs, loss, batch]) => JSON.parse(JSON.stringify(TrainingArchitecture.sampleGraph(TrainingArchitecture.model(2, sizes, activation, outputs), loss, batch)))",
                        new object[] { sizes, activation.Name(), outputs, loss.Name, batch });
                    var what = $"hidden {string.Join(',', sizes)}, {activation.Name()}, {loss.Name}, {outputs} outputs";
                    AssertSame(expected, json, what);
                    compared++;
                }
            }
        }
        Assert.Equal(architectures.Length * 4 * 5, compared);
        tab.AssertNoErrors();
    }

    private static void AssertSame(SampleGraph expected, JsonElement page, string what)
    {
        var graph = expected.Graph;
        var names = NodeNames.Of(graph);
        var drawn = graph.NearestToRoot(TrainingPage.MaxDrawnNodes).ToHashSet();
        var nodes = page.GetProperty("graph").GetProperty("nodes");
        Assert.True(graph.Nodes.Count == nodes.GetArrayLength(), $"{what}: {graph.Nodes.Count} nodes, the page {nodes.GetArrayLength()}");
        Assert.Equal(graph.Nodes.Count - 1, page.GetProperty("graph").GetProperty("root").GetInt32());
        for (var id = 0; id < graph.Nodes.Count; id++)
        {
            var node = graph.Nodes[id];
            var shown = nodes[id];
            var at = $"{what}: node {id} ({names[id]})";
            Assert.True(id == shown.GetProperty("id").GetInt32(), at);
            Assert.True(names[id] == shown.GetProperty("name").GetString(), $"{at}: name, the page's {shown.GetProperty("name").GetString()}");
            Assert.True(node.Label == shown.GetProperty("label").GetString(), $"{at}: label");
            Assert.True(node.Op == shown.GetProperty("op").GetString(), $"{at}: op {node.Op}, the page's {shown.GetProperty("op").GetString()}");
            Assert.Equal(graph.EdgesInto(id).ToArray().Select(e => e.From), shown.GetProperty("operands").EnumerateArray().Select(e => e.GetInt32()));
            Assert.True(NodeNames.IsConstant(node) == shown.GetProperty("constant").GetBoolean(), $"{at}: constant");
            Assert.True(drawn.Contains(id) == shown.GetProperty("drawn").GetBoolean(), $"{at}: drawn");
            Assert.True(node.Op.StartsWith("**", StringComparison.Ordinal) == shown.TryGetProperty("exponent", out _), $"{at}: exponent");
            Assert.True((int)expected.Roles[id] == page.GetProperty("roles")[id].GetInt32(), $"{at}: role");
            Assert.True(expected.Indices[id] == page.GetProperty("indices")[id].GetInt32(), $"{at}: index");
            // A leaf's number the tape reads (a constant's, the mean's 1/B) is the engine's, bit for bit.
            if (expected.Roles[id] is SampleGraph.Role.Constant or SampleGraph.Role.Scale)
                Assert.True(BitConverter.DoubleToInt64Bits(node.Data) == BitConverter.DoubleToInt64Bits(shown.GetProperty("data").GetDouble()),
                    $"{at}: data {node.Data.ToString("R", CultureInfo.InvariantCulture)}");
        }
        Assert.Equal(expected.Outputs, page.GetProperty("outputs").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(expected.Loss, page.GetProperty("loss").GetInt32());
        Assert.Equal(expected.NumberNames.Count, page.GetProperty("numbers").GetInt32());
    }
}
