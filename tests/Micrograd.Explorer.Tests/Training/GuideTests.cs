using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The training page's guides to the informative samples (issue #20, item 5): each point ringed by its loss at the step, the
/// engine's; "worst sample first", which opens the engine's sample of the largest loss and then the next; and the three views
/// linked: a backward step that reaches a weight lights it in the network, and picking a weight in the network goes to its node.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GuideTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>
{
    private const int K = 37;

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    /// <summary>Each training sample's loss at step k, as the engine computes it (Loss.SampleLoss on the model's outputs).</summary>
    private double[] EngineLosses(int k)
    {
        var model = moons.ModelAt(k);
        return Enumerable.Range(0, moons.Data.Count)
            .Select(i => Loss.Hinge.SampleLoss(model.Forward(moons.Data.Features[i].Select(x => new Value(x)).ToArray()), moons.Data.Labels![i]).Data)
            .ToArray();
    }

    /// <summary>The training samples by the engine's loss, largest first (equal losses in the data's order).</summary>
    private static int[] WorstFirst(double[] losses) =>
        Enumerable.Range(0, losses.Length).OrderByDescending(i => losses[i]).ThenBy(i => i).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(K)]
    public async Task Each_points_ring_follows_the_engines_loss_of_that_sample(int step)
    {
        var engine = EngineLosses(step);
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await GoToAsync(tab, step);
        Assert.Equal(step, await TrainingView.StepAsync(tab));
        var losses = await tab.Page.EvaluateAsync<double[]>("() => window.training.pointLosses.train");
        Assert.Equal(engine.Length, losses.Length);
        for (var i = 0; i < engine.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(engine[i]) == BitConverter.DoubleToInt64Bits(losses[i]), $"sample {i + 1}: the page's loss {losses[i]:R}, the engine's {engine[i]:R}");

        var rings = await tab.Page.EvaluateAsync<double[]>("() => window.training.rings.train");
        Assert.Equal(engine.Length, rings.Length);
        var order = Enumerable.Range(0, engine.Length).OrderBy(i => engine[i]).ToArray();
        for (var r = 0; r < order.Length; r++)
        {
            var i = order[r];
            Assert.True(engine[i] == 0 ? rings[i] == 0 : rings[i] > 0, $"sample {i + 1} of loss {engine[i]:R} has a ring of {rings[i]} px");
            if (r == 0) continue;
            var j = order[r - 1];
            if (engine[j] == engine[i]) Assert.Equal(rings[j], rings[i]);
            else Assert.True(rings[j] < rings[i], $"sample {j + 1} (loss {engine[j]:R}) has a ring of {rings[j]} px, not less than sample {i + 1}'s (loss {engine[i]:R}): {rings[i]} px");
        }
        if (step == K) Assert.True(engine.Any(l => l == 0) && engine.Count(l => l > 0) > 1, "the step has samples of zero loss and several of positive loss");
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData(1600, 900)]
    [InlineData(400, 800)]
    public async Task Worst_first_opens_the_engines_largest_loss_then_the_next(int width, int height)
    {
        var engine = EngineLosses(K);
        var worst = WorstFirst(engine);
        Assert.True(engine[worst[0]] > engine[worst[1]] && engine[worst[1]] > engine[worst[2]], "the three worst losses are distinct");
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, width, height);
        await GoToAsync(tab, K);
        await tab.Page.Locator("#worst").ClickAsync();
        Assert.Equal($"Training sample {worst[0] + 1} at step {K}", await tab.Page.Locator("#sample-heading").TextContentAsync());
        Assert.StartsWith($"at step {K}, training sample {worst[0] + 1}: the largest loss", await tab.Page.Locator("#worst-said").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains($"loss {engine[worst[0]].ToString("R", CultureInfo.InvariantCulture)}", await tab.Page.Locator("#worst-said").GetAttributeAsync("title"), StringComparison.Ordinal);
        await tab.Page.Locator("#worst").ClickAsync();
        Assert.Equal($"Training sample {worst[1] + 1} at step {K}", await tab.Page.Locator("#sample-heading").TextContentAsync());
        // W from the keyboard, with the focus off the button: the next worst again.
        await tab.Page.Locator("#plane").FocusAsync();
        await tab.PressAsync("w");
        Assert.Equal($"Training sample {worst[2] + 1} at step {K}", await tab.Page.Locator("#sample-heading").TextContentAsync());
        Assert.StartsWith($"at step {K}, training sample {worst[2] + 1}: loss number 3 of {engine.Length}", await tab.Page.Locator("#worst-said").TextContentAsync(), StringComparison.Ordinal);

        // Readable and whole on the screen: the button is in the page's width and its label at least 11 px.
        var box = (await tab.Page.Locator("#worst").BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the button spans {box.X} … {box.X + box.Width} of {width} px");
        var size = await tab.Page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.getElementById('worst')).fontSize)");
        Assert.True(size >= 11, $"the button's text is {size} px");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_backward_step_that_reaches_a_weight_lights_it_and_picking_a_weight_goes_to_its_node()
    {
        var engine = EngineLosses(K);
        var worst = WorstFirst(engine)[0];
        // The engine's graph of one sample's term, as the page draws it (the same trace, so the same ids).
        var graph = SampleGraph.Build(moons.ModelAt(K), Loss.Hinge, moons.Data.Count);
        var nodes = graph.Graph.Nodes;
        int LeafOf(int j) => Enumerable.Range(0, nodes.Count).Single(id => graph.Roles[id] == SampleGraph.Role.Parameter && graph.Indices[id] == j);
        int[] ParametersUsedBy(int id) => nodes[id].Children.Where(c => graph.Graph.TryGetId(c, out var k) && graph.Roles[k] == SampleGraph.Role.Parameter)
            .Select(c => graph.Indices[graph.Graph.IdOf(c)]).Distinct().Order().ToArray();

        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await GoToAsync(tab, K);
        await TrainingView.ClickPointAsync(tab, "train", worst);
        Task<int[]> LinkedAsync() => tab.Page.EvaluateAsync<int[]>("() => window.training.linked");
        Task<int> CurrentAsync() => tab.Page.EvaluateAsync<int>("() => { const g = document.querySelector('#graph g.node.current[data-id]'); return g ? Number(g.dataset.id) : -1; }");
        Task<int[]> LitInNetworkAsync() => tab.Page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('#network .linked')].map((e) => Number(e.dataset.parameter)).sort((a, b) => a - b)");

        // Step the sample's backward pass: at every step, the network lights exactly the parameters the step's node uses.
        var lit = 0;
        for (var s = 0; s < 40; s++)
        {
            var current = await CurrentAsync();
            Assert.True(current >= 0, "the sample's step is drawn");
            var expected = ParametersUsedBy(current);
            Assert.Equal(expected, await LinkedAsync());
            Assert.Equal(expected, await LitInNetworkAsync());
            if (expected.Length > 0)
            {
                lit++;
                Assert.Contains($"Lit: {string.Join(", ", expected.Select(j => moons.Names[j]))}", await tab.Page.Locator("#network-linked").TextContentAsync(), StringComparison.Ordinal);
            }
            await tab.PressAsync("]");
        }
        Assert.True(lit >= 3, $"only {lit} of the first 40 backward steps reached a parameter");

        // The other way: a weight of the first layer reached with ↓ on the network and Enter, then a bias clicked.
        async Task ExpectAtParameterAsync(int j)
        {
            var current = await CurrentAsync();
            var leaf = LeafOf(j);
            Assert.Contains(nodes[leaf], nodes[current].Children);
            Assert.Contains(j, await LinkedAsync());
            Assert.Contains(j, await LitInNetworkAsync());
            Assert.True(await tab.Page.EvaluateAsync<bool>($"() => document.querySelector('#graph #n{leaf}').classList.contains('operand')"), $"the leaf of {moons.Names[j]} is not marked");
        }
        await tab.Page.Locator("#network").FocusAsync();
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("ArrowDown"); // parameter 1: the first neuron's second weight
        await tab.PressAsync("Enter");
        await ExpectAtParameterAsync(1);
        var bias = await tab.Page.EvaluateAsync<int>("() => Number(document.querySelector('#network circle.neuron:not(.input)').dataset.parameter)");
        await tab.Page.Locator($"#network #p{bias}").ClickAsync();
        await ExpectAtParameterAsync(bias);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task After_worst_first_and_a_picked_weight_the_idle_page_costs_under_5_percent_of_a_core()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, 400, 800);
        await TrainingView.ProofAsync(tab); // the page's own check runs in the background at first
        await GoToAsync(tab, K);
        await tab.Page.Locator("#worst").FocusAsync();
        await tab.PressAsync("w");
        await tab.Page.Locator("#network").FocusAsync();
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("Enter");
        var linked = await tab.Page.EvaluateAsync<int[]>("() => window.training.linked");
        Assert.Equal(0, Assert.Single(linked)); // the first weight: the one ↓ reached
        await tab.Page.WaitForTimeoutAsync(3000);
        Assert.Equal(0, await MainThread.RunningAnimationsAsync(tab.Page));
        var busy = await MainThread.BusyShareAsync(tab.Page);
        Assert.True(busy < 0.05, $"the idle page kept the main thread {busy:P1} busy");
        tab.AssertNoErrors();
    }
}
