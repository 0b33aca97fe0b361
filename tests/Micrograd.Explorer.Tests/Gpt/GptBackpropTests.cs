using Micrograd.Explorer.Tests.Support;
using Micrograd.NN.Gpt;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The GPT page's backpropagation of one position (issue #19, item 4), as a learner uses it, on a run of 2 layers whose
/// weights are stored every 5 steps (so that step 37 is rebuilt in the page): every value's data and gradient equal the
/// engine's, bit for bit (the same position's loss built with the eager <see cref="Micrograd.NN.Gpt.Gpt"/> at that step's
/// weights, then <see cref="Value.Backward"/>); the picture has one box per dot product, and E or a double click lays one
/// out; a parameter's gradient is listed as the sum of its contributions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptBackpropTests(BrowserFixture browser, GptThinnedRun run) : IClassFixture<GptThinnedRun>
{
    private Task<ExplorerTab> OpenAsync(int width = 1600, int height = 900) =>
        ExplorerTab.OpenAsync(browser.Browser, run.Page, width, height, "", "() => window.gpt !== undefined && window.gpt.backprop !== undefined");

    /// <summary>Opens the panel (its toggle event, which draws it, comes a task later: waits for the numbers).</summary>
    internal static async Task OpenPanelAsync(ExplorerTab tab)
    {
        await tab.Page.Locator("#backprop > summary").ClickAsync();
        await tab.Page.EvaluateAsync("() => document.getElementById('backprop').scrollIntoView({ block: 'start' })");
        await tab.Page.WaitForFunctionAsync("() => window.gpt.backprop.result !== null && window.gpt.backprop.step === window.gpt.shown && window.gpt.shown === window.gpt.position");
    }

    /// <summary>The engine's graph of the page's position at the weights <paramref name="weights"/>, after Backward.</summary>
    internal static GptPositionGraph Engine(GptConfig config, CharTokenizer tokenizer, double[] weights, string document, int position)
    {
        var model = new Micrograd.NN.Gpt.Gpt(config, tokenizer.VocabularySize, (_, _, _) => 0.0);
        for (var j = 0; j < weights.Length; j++) model.Parameters[j].Data = weights[j];
        var graph = GptPositionGraph.Build(model, tokenizer.EncodeDocument(document), position);
        graph.Graph.Root.Backward();
        return graph;
    }

    /// <summary>Every value's data and gradient as the page computed them, every digit, by id.</summary>
    internal static Task<string[][]> PageNumbersAsync(ExplorerTab tab) => tab.Page.EvaluateAsync<string[][]>(
        "() => [window.gpt.backprop.result.data.map(Numbers.full), window.gpt.backprop.result.grad.map(Numbers.full)]");

    internal static void AssertSame(GptPositionGraph engine, string[][] shown)
    {
        var nodes = engine.Graph.Nodes;
        Assert.Equal(nodes.Count, shown[0].Length);
        Assert.Equal(nodes.Select(n => Shown.Full(n.Data)), shown[0]);
        Assert.Equal(nodes.Select(n => Shown.Full(n.Grad)), shown[1]);
    }

    [Fact]
    public async Task Every_values_data_and_gradient_equal_the_engines_at_step_0_between_checkpoints_and_at_the_last_step()
    {
        await using var tab = await OpenAsync();
        var document = await tab.Page.EvaluateAsync<string>("() => window.gpt.backprop.position.data.document");
        var position = await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.position.data.position");
        Assert.Equal(Math.Min(3, document.Length), position);
        await OpenPanelAsync(tab);
        foreach (var step in new[] { 0, 37, GptThinnedRun.Steps })
        {
            await tab.Page.EvaluateAsync($"() => window.gpt.goTo({step})");
            await tab.Page.WaitForFunctionAsync($"() => window.gpt.backprop.step === {step}", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            var engine = Engine(GptThinnedRun.Config, run.Tokenizer, run.Weights[step], document, position);
            AssertSame(engine, await PageNumbersAsync(tab));
            var about = await tab.Page.Locator("#backprop-about").TextContentAsync();
            Assert.Contains($"−log p = {Shown.Short(engine.Graph.Root.Data)}", about, StringComparison.Ordinal);
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Each_dot_product_is_one_box_that_E_and_a_double_click_expand()
    {
        await using var tab = await OpenAsync();
        await OpenPanelAsync(tab);
        var document = await tab.Page.EvaluateAsync<string>("() => window.gpt.backprop.position.data.document");
        var position = await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.position.data.position");
        var engine = Engine(GptThinnedRun.Config, run.Tokenizer, run.Weights[0], document, position);
        var layout = new Micrograd.NN.Gpt.Gpt(GptThinnedRun.Config, run.Tokenizer.VocabularySize, (_, _, _) => 0.0);
        var (groups, names) = GptDotNames.Of(engine, layout, GptPositionGraph.DotProducts(engine.Graph));
        // Each box says what it computes, and its output has the transformer's name (GptDotNames).
        var boxes = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#graph template[data-direction=N]')].flatMap((t) => [...t.content.querySelectorAll('g.node.neuron')].map((g) => g.id + ' ' + g.textContent))");
        Assert.Equal(groups.Count, boxes.Length);
        foreach (var group in groups)
            Assert.Contains(group.Text, boxes.Single(b => b.StartsWith($"n{group.Output} ", StringComparison.Ordinal)), StringComparison.Ordinal);
        var labels = await tab.Page.EvaluateAsync<string[]>("() => window.gpt.backprop.position.nodes.map((node) => node.label)");
        foreach (var (id, name) in names) Assert.Equal(name, labels[id]);
        Assert.Contains(groups, g => g.Text.EndsWith(" q·k", StringComparison.Ordinal));
        Assert.True(groups.Count > NeuronGroups.Find(engine.Graph).Count, groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(groups.Count, await tab.Page.Locator("#graph g.node.neuron").CountAsync());
        Assert.Equal(groups.Count, await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.position.graph.groups.length"));

        // The deepest dot product (the first in the graph, in layer 0): chosen with a click, expanded with E.
        var first = groups[0];
        await tab.Page.EvaluateAsync($"() => {{ window.gpt.backprop.select({first.Output}); window.gpt.backprop.view.focus({first.Output}); }}");
        Assert.Equal($"n{first.Output}", await tab.Page.EvaluateAsync<string>("() => document.activeElement.id"));
        await tab.PressAsync("e");
        await tab.Page.WaitForFunctionAsync($"() => window.gpt.backprop.expanded && window.gpt.backprop.expanded.output === {first.Output}");
        Assert.False(await tab.Page.Locator("#bp-dot").IsHiddenAsync());
        var ids = await tab.Page.EvaluateAsync<int[]>("() => window.gpt.backprop.dotIds");
        Assert.Subset(ids.ToHashSet(), first.Members.Append(first.Output).ToHashSet());
        // its records show the engine's numbers
        var texts = await tab.Page.Locator("#dot-graph g.node:not([id$='_op']) text.data").AllTextContentsAsync();
        Assert.Equal(ids.Length, texts.Count);

        // an attention score q·k (no side a leaf), expanded with the button
        var score = groups.First(g => g.Members.All(m => engine.Graph.EdgesInto(m).ToArray().All(e => !engine.Graph.Nodes[e.From].IsLeaf)));
        await tab.Page.EvaluateAsync($"() => window.gpt.backprop.select({score.Output})");
        await tab.Page.Locator("#bp-expand").ClickAsync();
        await tab.Page.WaitForFunctionAsync($"() => window.gpt.backprop.expanded.output === {score.Output}");
        Assert.Equal(score.Members.Length + 1 + score.Inputs.Length, (await tab.Page.EvaluateAsync<int[]>("() => window.gpt.backprop.dotIds")).Length);

        // a double click on another box
        var last = groups[^1];
        await tab.Page.Locator("#zoom-fit").ClickAsync();
        await tab.Page.Locator($"#graph g.node.neuron#n{last.Output}").DispatchEventAsync("dblclick");
        await tab.Page.WaitForFunctionAsync($"() => window.gpt.backprop.expanded.output === {last.Output}");
        Assert.Contains(last.Text, await tab.Page.Locator("#bp-dot-heading").TextContentAsync(), StringComparison.Ordinal);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_parameters_gradient_is_the_sum_of_its_contributions()
    {
        await using var tab = await OpenAsync();
        await tab.Page.EvaluateAsync("() => window.gpt.goTo(37)");
        await OpenPanelAsync(tab);
        var document = await tab.Page.EvaluateAsync<string>("() => window.gpt.backprop.position.data.document");
        var position = await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.position.data.position");
        var engine = Engine(GptThinnedRun.Config, run.Tokenizer, run.Weights[37], document, position);
        // a parameter used more than once: a key weight, used at every position
        var leaf = Enumerable.Range(0, engine.Graph.Nodes.Count).First(id =>
            engine.Roles[id] == GptPositionGraph.Role.Parameter && engine.Graph.Edges.Count(e => e.From == id) > 1);
        await tab.Page.EvaluateAsync($"() => window.gpt.backprop.select({leaf})");
        var rows = await tab.Page.Locator("#use-rows tr").CountAsync();
        Assert.Equal(engine.Graph.Edges.Count(e => e.From == leaf), rows);
        var sums = await tab.Page.Locator("#use-rows tr td:last-child").AllTextContentsAsync();
        Assert.Equal(Shown.Full(engine.Graph.Nodes[leaf].Grad), sums[^1]);
        Assert.Contains($".grad = {Shown.Full(engine.Graph.Nodes[leaf].Grad)}: the sum of its {rows} contributions", await tab.Page.Locator("#uses-heading").TextContentAsync(), StringComparison.Ordinal);
        // the chosen leaf's step is the one that completes its gradient; each use's button goes to the step that passes it
        Assert.Contains($"{rows} of {rows} contributions received: final", await tab.Page.Locator("#lines").TextContentAsync(), StringComparison.Ordinal);
        var user = int.Parse((await tab.Page.Locator("#use-rows tr").First.GetAttributeAsync("data-user"))!, System.Globalization.CultureInfo.InvariantCulture);
        await tab.Page.Locator("#use-rows tr button").First.ClickAsync();
        Assert.Equal(await tab.Page.EvaluateAsync<int>($"() => window.gpt.backprop.engine.stepOf.backward[{user}]"), await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.engine.position"));
        Assert.Contains($"1 of {rows} contributions received", await tab.Page.Locator("#lines").TextContentAsync(), StringComparison.Ordinal);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_panel_is_reached_with_Tab_and_steps_with_its_keys()
    {
        await using var tab = await OpenAsync();
        // Tab reaches the panel's heading; Enter opens it; Tab reaches each of its buttons, each labelled.
        var reached = false;
        for (var k = 0; k < 60 && !reached; k++)
        {
            await tab.PressAsync("Tab");
            reached = await tab.Page.EvaluateAsync<bool>("() => document.activeElement === document.querySelector('#backprop > summary')");
        }
        Assert.True(reached);
        await tab.PressAsync("Enter");
        await tab.Page.WaitForFunctionAsync("() => window.gpt.backprop.result !== null");
        var labels = new List<string>();
        for (var k = 0; k < 8; k++)
        {
            await tab.PressAsync("Tab");
            labels.Add(await tab.Page.EvaluateAsync<string>("() => document.activeElement.id + ':' + (document.activeElement.title || document.activeElement.getAttribute('aria-label') || '')"));
        }
        foreach (var id in new[] { "bp-step", "bp-neurons", "bp-expand", "zoom-in", "zoom-out", "zoom-fit" })
            Assert.Contains(labels, l => l.StartsWith(id + ":", StringComparison.Ordinal) && l.Length > id.Length + 5);

        // ] and [ step the backward pass while the focus is in the panel; the name's position stays
        var chosen = await tab.Page.EvaluateAsync<int>("() => window.gpt.chosen");
        await tab.Page.Locator("#bp-neurons").FocusAsync();
        var before = await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.engine.position");
        await tab.PressAsync("]");
        await tab.PressAsync("]");
        await tab.PressAsync("[");
        Assert.Equal(before + 1, await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.engine.position"));
        Assert.Equal(chosen, await tab.Page.EvaluateAsync<int>("() => window.gpt.chosen"));
        Assert.Equal($"backward 2 of", (await tab.Page.Locator("#bp-progress").TextContentAsync())![..13]);

        // D: the full picture of the values nearest the loss, laid out in the page, and how many it leaves out
        await tab.PressAsync("d");
        Assert.Equal("TB", await tab.Page.EvaluateAsync<string>("() => window.gpt.backprop.view.direction"));
        Assert.Equal("false", await tab.Page.Locator("#bp-neurons").GetAttributeAsync("aria-pressed"));
        Assert.Contains("values are not drawn: the picture shows the 1,000 nearest the loss", await tab.Page.Locator("#backprop-cut").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1000, await tab.Page.Locator("#graph g.node:not([id$='_op'])").CountAsync());
        await tab.PressAsync("D");
        Assert.Equal("N", await tab.Page.EvaluateAsync<string>("() => window.gpt.backprop.view.direction"));
        Assert.True(await tab.Page.Locator("#backprop-cut").IsHiddenAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_open_panel_computes_only_in_view_and_catches_up_when_it_comes_back()
    {
        await using var tab = await OpenAsync();
        await OpenPanelAsync(tab);
        await tab.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await tab.Page.WaitForFunctionAsync("() => !window.gpt.backprop.visible");
        await tab.PressAsync("ArrowRight");
        await tab.Page.WaitForFunctionAsync("() => window.gpt.shown === 1");
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.step"));
        await tab.Page.EvaluateAsync("() => document.getElementById('backprop').scrollIntoView({ block: 'start' })");
        await tab.Page.WaitForFunctionAsync("() => window.gpt.backprop.step === 1");
        var document = await tab.Page.EvaluateAsync<string>("() => window.gpt.backprop.position.data.document");
        var position = await tab.Page.EvaluateAsync<int>("() => window.gpt.backprop.position.data.position");
        AssertSame(Engine(GptThinnedRun.Config, run.Tokenizer, run.Weights[1], document, position), await PageNumbersAsync(tab));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Without_Graphviz_the_page_is_made_without_the_graph_and_says_why()
    {
        var random = new Micrograd.NN.PythonRandom(5);
        string[] names = ["emma", "olivia", "ava", "mia"];
        var tokenizer = CharTokenizer.FromDocuments(names);
        var model = Micrograd.NN.Gpt.Gpt.Create(new GptConfig(layers: 1, embeddingWidth: 8, heads: 2, contextLength: 8), tokenizer.VocabularySize, random);
        var trainer = new GptTrainer(model, [.. names.Select(tokenizer.EncodeDocument)], new GptAdam(model.Parameters.Count, 0.01, 2));
        var recorder = new GptRunRecorder(trainer, tokenizer, 5);
        for (var k = 0; k < 2; k++) recorder.Record(trainer.Step());
        using var folder = new TempDirectory();
        var page = folder.File("run.html");
        using (var writer = new StreamWriter(page))
            GptPage.Write(recorder, writer, null, new Micrograd.Graphs.GraphvizOptions { DotPath = folder.File("no-dot") });

        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, page, 1600, 900, "", "() => window.gpt !== undefined");
        await tab.Page.Locator("#backprop > summary").ClickAsync();
        Assert.StartsWith("Graphviz's dot, which lays out the graph of one position's loss, was not found", await tab.Page.Locator("#backprop-about").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await tab.Page.Locator("#backprop-body").IsHiddenAsync());
        await tab.PressAsync("ArrowRight");
        await tab.Page.WaitForFunctionAsync("() => window.gpt.shown === 1");
        tab.AssertNoErrors();
    }
}
