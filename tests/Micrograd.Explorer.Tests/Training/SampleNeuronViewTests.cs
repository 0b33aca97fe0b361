using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The sample's graph at neuron level on the training page (issue #20, item 2): the moons network's sample of 700-odd values
/// drawn as its 33 neurons (one box each, <c>Σ w·x + b → activation</c>) and the loss's few values; each box shows its
/// neuron's output as the full picture does; a backward step lights the box that holds its value; a double click on a box
/// opens the full picture around that neuron; N switches back and forth.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SampleNeuronViewTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>
{
    private const int K = 37;

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    private static Task<string> DirectionAsync(ExplorerTab tab) => tab.Page.EvaluateAsync<string>("() => document.querySelector('#graph svg').getAttribute('aria-label')");

    /// <summary>Each drawn record's id and its data and grad texts.</summary>
    private static async Task<Dictionary<int, string>> TextsAsync(ExplorerTab tab) =>
        (await tab.Page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#graph g.node[id^=n]')].filter((g) => /^n\\d+$/.test(g.id)).map((g) => [g.id.slice(1), g.querySelector('text.data').textContent + ' ' + g.querySelector('text.grad').textContent])"))
        .ToDictionary(r => int.Parse(r[0], CultureInfo.InvariantCulture), r => r[1]);

    [Fact]
    public async Task The_samples_graph_collapses_to_its_neurons_which_show_the_full_pictures_numbers_and_light_with_the_steps()
    {
        var graph = SampleGraph.Build(moons.ModelAt(K), Loss.Hinge, moons.Data.Count);
        var groups = NeuronGroups.Find(graph.Graph);
        var hidden = moons.ModelAt(K).Layers.Sum(layer => layer.Neurons.Count);
        Assert.Equal(hidden, groups.Count);
        // The page steps the sample's graph with leaves skipped, backward from the root through the values made by ops, in
        // reverse topological order (the ids descending).
        var backward = Enumerable.Range(0, graph.Graph.Nodes.Count).Where(id => !graph.Graph.Nodes[id].IsLeaf).Reverse().ToArray();
        var boxOf = groups.SelectMany(g => g.Members.Append(g.Output).Select(id => (id, g.Output))).ToDictionary(p => p.id, p => p.Output);

        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await GoToAsync(tab, K);
        await TrainingView.ClickPointAsync(tab, "train", 4);
        Assert.True(await tab.Page.Locator("#sample-neurons").IsVisibleAsync(), "the sample's view offers no neuron-level picture");
        var full = await TextsAsync(tab);
        await tab.Page.Locator("#sample-neurons").ClickAsync();
        Assert.Equal("true", await tab.Page.Locator("#sample-neurons").GetAttributeAsync("aria-pressed"));
        Assert.Contains("neurons drawn as one box", await DirectionAsync(tab), StringComparison.Ordinal);
        var boxes = await TextsAsync(tab);
        Assert.Equal(hidden, await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#graph g.node.neuron').length"));
        Assert.True(boxes.Count < full.Count / 5, $"the neuron-level picture draws {boxes.Count} records, the full one {full.Count}");
        // Every record shows what the full picture shows for the same value (which the other tests check against the engine).
        foreach (var (id, text) in boxes) Assert.Equal(full[id], text);

        // Backward steps: the box holding the step's value is the current one.
        for (var s = 0; s < 25; s++)
        {
            var current = backward[s];
            var lit = await tab.Page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('#graph g.node.current')].filter((g) => /^n\\d+$/.test(g.id)).map((g) => Number(g.dataset.id))");
            var expected = boxOf.TryGetValue(current, out var box) ? box : current;
            Assert.Equal([expected], lit);
            await tab.PressAsync("]");
        }

        // A double click on a neuron opens the full picture around it; N comes back.
        var neuron = groups[^2];
        await tab.Page.EvaluateAsync($"() => document.getElementById('n{neuron.Output}').dispatchEvent(new MouseEvent('dblclick', {{ bubbles: true }}))");
        Assert.Equal("false", await tab.Page.Locator("#sample-neurons").GetAttributeAsync("aria-pressed"));
        Assert.Contains("laid out top to bottom", await DirectionAsync(tab), StringComparison.Ordinal);
        Assert.True(await tab.Page.EvaluateAsync<bool>($$"""
            () => {
              const r = document.getElementById('n{{neuron.Output}}').querySelector('polygon').getBoundingClientRect();
              const area = document.getElementById('graph').getBoundingClientRect();
              return r.left >= area.left - 0.5 && r.right <= area.right + 0.5 && r.top >= area.top - 0.5 && r.bottom <= area.bottom + 0.5;
            }
            """), "the expanded neuron is off screen");
        await tab.Page.Locator("#plane").FocusAsync();
        await tab.PressAsync("n");
        Assert.Equal("true", await tab.Page.Locator("#sample-neurons").GetAttributeAsync("aria-pressed"));
        tab.AssertNoErrors();
    }
}
