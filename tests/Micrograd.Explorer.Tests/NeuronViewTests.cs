using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Micrograd.Graphs;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The neuron-level picture (issue #20, item 2): a network's graph drawn with each neuron as one box,
/// <c>Σ w·x + b → tanh</c>, that steps with the engine's numbers (a value inside a neuron lights its box), and opens into
/// the full picture around a neuron (E, or a double click); N switches between the two, and the #hash keeps it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NeuronViewTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static Value Network() => TestGraphs.Mlp(16, 16, 1);

    private static Task<int> CountAsync(ExplorerTab tab, string selector) =>
        tab.Page.EvaluateAsync<int>($"() => document.querySelectorAll('{selector}').length");

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_networks_33_neurons_become_33_boxes_that_step_with_the_engines_numbers()
    {
        var root = Network();
        var trace = EngineTrace.Of(root);
        var groups = NeuronGroups.Find(trace.Graph);
        var boxOf = new Dictionary<int, int>();
        foreach (var g in groups)
        {
            boxOf[g.Output] = g.Output;
            foreach (var m in g.Members) boxOf[m] = g.Output;
        }
        int Shown(int id) => boxOf.TryGetValue(id, out var box) ? box : id;

        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", root));
        Assert.True(await tab.Page.Locator("#dir-n").IsVisibleAsync(), "a network's page has no neurons button");
        var full = await CountAsync(tab, "#graph g.node[id^=n]:not([id*=_])");
        await tab.PressAsync("n");
        Assert.Equal("N", await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));
        Assert.Equal("true", await tab.Page.Locator("#dir-n").GetAttributeAsync("aria-pressed"));
        Assert.Equal(33, await CountAsync(tab, "#graph g.node.neuron"));
        var records = await CountAsync(tab, "#graph g.node[id^=n]:not([id*=_])");
        Assert.Equal(33 + 3, records); // the boxes and the 3 inputs
        Assert.True(full > 10 * records, $"the full picture draws {full} records, the neuron-level one {records}");
        var texts = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#graph g.node.neuron')].map((g) => [...g.querySelectorAll('text')].map((t) => t.textContent).find((t) => t.startsWith('Σ')))");
        Assert.Equal(16, texts.Count(t => t == "Σ3 w·x + b → tanh"));
        Assert.Equal(17, texts.Count(t => t == "Σ16 w·x + b → tanh"));

        // Steps forward into a neuron, across layers, through the backward pass: every record shows the engine's numbers,
        // and the box of the step's value is the current one, the boxes of its operands (outside it) the operands.
        var steps = new[] { 1, 4, 5, 40, 200, trace.ForwardSteps, trace.ForwardSteps + 1, trace.ForwardSteps + 2, trace.ForwardSteps + 30, trace.Steps - 2, trace.Steps };
        foreach (var s in steps)
        {
            await GoToAsync(tab, s);
            var state = await tab.ReadAsync();
            Assert.Equal(36, state.Records.Count);
            var gradients = trace.GradientsAfter(s);
            var current = trace.NodeAt(s);
            var box = Shown(current);
            var operands = trace.Graph.EdgesInto(current).ToArray().Select(e => Shown(e.From)).Where(id => id != box).ToHashSet();
            foreach (var record in state.Records)
            {
                var id = record.Id;
                Assert.Equal("data " + (trace.Known(id, s) ? Support.Shown.Record(trace.Data[id]) : "?"), record.Data);
                Assert.Equal("grad " + (gradients is { } g ? Support.Shown.Record(g.Grad[id]) : "?"), record.Grad);
                Assert.True(record.Current == (id == box), $"step {s}: record n{id} current {record.Current}, the step's value n{current} is in n{box}");
                Assert.True(record.Operand == operands.Contains(id), $"step {s}: record n{id} operand {record.Operand}");
            }
            // The table still lists every value, with every digit.
            Assert.Equal(trace.Count, state.Rows.Count);
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task E_or_a_double_click_opens_the_full_picture_around_a_neuron_and_N_goes_back()
    {
        var root = Network();
        var trace = EngineTrace.Of(root);
        var groups = NeuronGroups.Find(trace.Graph);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", root));
        var fullDirection = await tab.Page.EvaluateAsync<string>("() => window.explorer.direction");
        await tab.ClickAsync("dir-n");
        Assert.Equal("N", await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));

        // A click selects a box's value; E expands it.
        var neuron = groups[20];
        await tab.Page.Locator($"#row-{neuron.Output} td.name .label").ClickAsync();
        Assert.Equal(neuron.Output, await tab.Page.EvaluateAsync<int>("() => window.explorer.selected"));
        await tab.Page.Locator("#graph").FocusAsync();
        await tab.PressAsync("e");
        Assert.Equal(fullDirection, await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));
        Assert.Equal(neuron.Output, await tab.Page.EvaluateAsync<int>("() => window.explorer.selected"));
        Assert.True(await OnScreenAsync(tab, neuron.Output), "the expanded neuron's output is off screen");
        var sum = neuron.Members.Max();
        Assert.True(await OnScreenAsync(tab, sum) || !await tab.Page.EvaluateAsync<bool>($"() => document.getElementById('n{sum}') !== null"), "the expanded neuron's sum is off screen");

        // N goes back; a double click on another box expands it.
        await tab.PressAsync("n");
        Assert.Equal("N", await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));
        var other = groups[3];
        await tab.Page.EvaluateAsync($"() => document.getElementById('n{other.Output}').dispatchEvent(new MouseEvent('dblclick', {{ bubbles: true }}))");
        Assert.Equal(fullDirection, await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));
        Assert.Equal(other.Output, await tab.Page.EvaluateAsync<int>("() => window.explorer.selected"));
        Assert.True(await OnScreenAsync(tab, other.Output), "the double-clicked neuron's output is off screen");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_hash_keeps_the_neuron_level_picture_and_a_graph_without_neurons_has_no_button()
    {
        var file = PageFile.Write(_files, "mlp", Network());
        await using (var tab = await browser.OpenAsync(file))
        {
            await tab.PressAsync("n");
            await GoToAsync(tab, 12);
            var hash = await tab.SettledHashAsync();
            Assert.Contains("dir=N", hash, StringComparison.Ordinal);
            await using var again = await browser.OpenAsync(file, hash: hash);
            Assert.Equal("N", await again.Page.EvaluateAsync<string>("() => window.explorer.direction"));
            Assert.Equal(12, (await again.ReadAsync()).Step);
            again.AssertNoErrors();
        }
        await using var plain = await browser.OpenAsync(PageFile.Write(_files, "plain", TestGraphs.Expression("x * x * y + exp(-x) / y", "x=0.7", "y=-2.5").Root));
        Assert.False(await plain.Page.Locator("#dir-n").IsVisibleAsync(), "a graph without neurons offers the neuron-level picture");
        await plain.PressAsync("n");
        Assert.NotEqual("N", await plain.Page.EvaluateAsync<string>("() => window.explorer.direction"));
        plain.AssertNoErrors();
    }

    [Fact]
    public async Task A_graph_typed_in_the_page_is_laid_out_in_the_page_without_a_neuron_level_picture()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", Network()));
        await tab.PressAsync("n");
        const string text = "tanh(w0*x0 + w1*x1 + b) * tanh(w2*x0 + w3*x1 + c)";
        await tab.Page.FillAsync("#expression", text);
        await tab.Page.PressAsync("#expression", "Enter");
        await tab.Page.WaitForFunctionAsync($"() => window.explorer && window.explorer.expression === {System.Text.Json.JsonSerializer.Serialize(text)}");
        Assert.False(await tab.Page.Locator("#dir-n").IsVisibleAsync(), "a typed graph offers a neuron-level picture it has no layout for");
        await tab.Page.Locator("#graph").FocusAsync();
        foreach (var key in new[] { "n", "e", "N", "E" }) await tab.PressAsync(key);
        Assert.NotEqual("N", await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_neuron_level_picture_reads_on_a_phone()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", Network()), 400, 800);
        await tab.PressAsync("n");
        Assert.Equal("N", await tab.Page.EvaluateAsync<string>("() => window.explorer.direction"));
        Assert.True(await tab.Page.EvaluateAsync<double>("() => window.explorer.textPixels") >= 10.5, "the neuron-level picture opened unreadably small");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Screenshot_of_the_neuron_level_picture()
    {
        var root = Network();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "mlp", root), 1600, 900);
        await tab.PressAsync("n");
        await GoToAsync(tab, trace.ForwardSteps + 30);
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "explorer-neurons.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await tab.Page.Mouse.MoveAsync(1595, 5);
        await tab.Page.EvaluateAsync<bool>("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))");
        await tab.Page.ScreenshotAsync(new() { Path = path });
        Assert.Equal((1600, 900), Png.Size(path));
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_readme_shows_the_neuron_level_picture_and_the_command_that_takes_it()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        Assert.Contains("dotnet test tests/Micrograd.Explorer.Tests --filter NeuronView", readme, StringComparison.Ordinal);
        Assert.Contains("](docs/images/explorer-neurons.png)", readme, StringComparison.Ordinal);
        Assert.Equal((1600, 900), Png.Size(Repository.File("docs/images/explorer-neurons.png")));
    }

    private static Task<bool> OnScreenAsync(ExplorerTab tab, int id) => tab.Page.EvaluateAsync<bool>($$"""
        () => {
          const g = document.getElementById('n{{id}}');
          if (!g) return false;
          const r = g.querySelector('polygon').getBoundingClientRect();
          const area = document.getElementById('graph').getBoundingClientRect();
          return r.left >= area.left - 0.5 && r.right <= area.right + 0.5 && r.top >= area.top - 0.5 && r.bottom <= area.bottom + 0.5;
        }
        """);
}
