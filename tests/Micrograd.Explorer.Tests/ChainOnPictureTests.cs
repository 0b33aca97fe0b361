using System.Globalization;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// The chain rule on the picture (issue #20): at each backward step every edge the gradient flows along is labelled with its
/// local derivative and the product it passes back, checked against the engine's; the operands' new gradients are marked;
/// one sentence under the picture says the step, with aliases for long unlabelled values; on a phone a compact step bar and
/// the sentence stay in view. The tests take the screenshots at 1600×900 and 400×800 (copies in docs/images).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChainOnPictureTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>An edge's label as the engine's numbers say it must read: "×local → +product".</summary>
    private static string Label(Contribution e) => $"×{Shown.Short(e.Local)} → {(e.Value > 0 || e.Value == 0 ? "+" : "")}{Shown.Short(e.Value)}";

    /// <summary>Every digit, as the label's tooltip says it: local × upstream = what the operand receives.</summary>
    private static string Tooltip(Contribution e) => $"{Shown.Full(e.Local)} × {Shown.Full(e.G)} = {Shown.Full(e.Value)}";

    private sealed record EdgeLabel(int To, int K, string Text, string Tooltip);

    private static async Task<List<EdgeLabel>> LabelsAsync(ExplorerTab tab) =>
        (await tab.Page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('#graph text.flow-label')].map((t) => [t.dataset.to, t.dataset.k, t.firstChild.textContent, t.querySelector('title').textContent])"))
        .Select(l => new EdgeLabel(int.Parse(l[0], CultureInfo.InvariantCulture), int.Parse(l[1], CultureInfo.InvariantCulture), l[2], l[3])).ToList();

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    public static TheoryData<string, string[]> Graphs => new()
    {
        { "tanh(w0*x0 + w1*x1 + b)", ["w0=-3", "x0=2", "w1=0.8", "x1=-1.5", "b=6.8813735870195432"] },
        { "x * x * y + exp(-x) / y", ["x=0.7", "y=-2.5"] },
        { "relu(a - b) * sigmoid(a * b)", ["a=-0.5", "b=1.25"] },
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public async Task Each_backward_step_labels_its_edges_with_the_engines_local_derivative_and_product(string text, string[] point)
    {
        var graph = TestGraphs.Expression(text, point);
        var trace = EngineTrace.Of(graph.Root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "chain", graph.Root));
        var checkedEdges = 0;
        for (var s = 1; s <= trace.Steps; s++)
        {
            await GoToAsync(tab, s);
            var labels = await LabelsAsync(tab);
            var sentence = await tab.Page.Locator("#sentence").TextContentAsync() ?? "";
            if (trace.IsForward(s))
            {
                Assert.Empty(labels);
                var id = trace.NodeAt(s);
                Assert.Contains($"= {Shown.Short(trace.Data[id])}", sentence.Replace(" is given: ", " = ", StringComparison.Ordinal), StringComparison.Ordinal);
                continue;
            }
            var events = trace.EventsOf(trace.NodeAt(s));
            Assert.Equal(events.Select(e => new EdgeLabel(e.To, e.Operand, Label(e), Tooltip(e))), labels);
            checkedEdges += labels.Count;
            // Each operand that received a gradient is marked, and the sentence says the first product in words.
            var marked = await tab.Page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('#graph text.grad.flow-target')].map((t) => Number(t.closest('g.node').dataset.id))");
            Assert.Equal(events.Select(e => e.To).Distinct().Order(), marked.Order());
            if (events.Count > 0)
            {
                var e = events[0];
                Assert.Contains($"{Shown.Short(e.Local)} × {Shown.Short(e.G)} = {Shown.Short(e.Value)}", sentence, StringComparison.Ordinal);
            }
            Expect.StateAt(trace, s, await tab.ReadAsync(), text);
        }
        Assert.True(checkedEdges >= 4, $"only {checkedEdges} edges were checked");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Long_unlabelled_values_go_by_an_alias_with_their_sub_expression_on_hover()
    {
        var graph = TestGraphs.Expression("tanh(weight_a*input_a + weight_b*input_b)", "weight_a=0.5", "input_a=-1", "weight_b=2", "input_b=0.25");
        var trace = EngineTrace.Of(graph.Root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "aliases", graph.Root));
        var tags = await tab.Page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#graph text.tag')].map((t) => [t.closest('g.node').dataset.id, t.textContent, t.querySelector('title')?.textContent ?? t.textContent])");
        var sum = trace.Graph.Nodes.Select((n, id) => (n, id)).Single(p => trace.Name(p.id).StartsWith("weight_a*input_a + ", StringComparison.Ordinal)).id;
        var tag = tags.Single(t => t[0] == sum.ToString(CultureInfo.InvariantCulture));
        var alias = tag[1][..tag[1].IndexOf(" = ", StringComparison.Ordinal)];
        Assert.Matches("^v[0-9]+$", alias);
        Assert.Equal($"{alias} = weight_a*input_a + weight_b*input_b", tag[2]);

        // At the sum's backward step, the sentence names it by its alias, and its tooltip says what the alias stands for.
        await GoToAsync(tab, Enumerable.Range(1, trace.Steps).Single(s => !trace.IsForward(s) && trace.NodeAt(s) == sum));
        var sentence = await tab.Page.Locator("#sentence").TextContentAsync() ?? "";
        Assert.Contains($"local derivative of {alias} × {alias}'s gradient", sentence, StringComparison.Ordinal);
        Assert.Contains($"{alias} = weight_a*input_a + weight_b*input_b", await tab.Page.Locator("#sentence").GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task On_a_phone_the_step_bar_and_the_sentence_stay_in_view_wherever_the_page_is_scrolled()
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()), 400, 800);
        var target = trace.Steps - 2; // w0*x0 passes its gradient to w0 and x0
        await GoToAsync(tab, target - 1);
        await tab.Page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        Assert.True(await tab.Page.EvaluateAsync<double>("() => window.scrollY") > 800, "the page is long enough to scroll far");
        await tab.ClickAsync("mini-step");
        Assert.Equal(target, (await tab.ReadAsync()).Step);
        foreach (var id in new[] { "mini-steps", "sentence" })
        {
            var box = (await tab.Page.Locator("#" + id).BoundingBoxAsync())!;
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 800 && box.X >= 0 && box.X + box.Width <= 400, $"#{id} is at ({box.X}, {box.Y}) {box.Width}×{box.Height}, off the 400×800 screen");
        }
        var e = trace.EventsOf(trace.NodeAt(target))[0];
        Assert.Contains($"{Shown.Short(e.Local)} × {Shown.Short(e.G)} = {Shown.Short(e.Value)}", await tab.Page.Locator("#sentence").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"{target} / {trace.Steps}", await tab.Page.Locator("#mini-progress").TextContentAsync());
        await tab.ClickAsync("mini-back");
        Assert.Equal(target - 1, (await tab.ReadAsync()).Step);
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData(1600, 900, "explorer-chain-rule.png")]
    [InlineData(400, 800, "explorer-chain-rule-phone.png")]
    public async Task Screenshot_of_the_chain_rule_on_the_picture(int width, int height, string name)
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()), width, height);
        var target = trace.Steps - 2;
        await GoToAsync(tab, target);
        Assert.Equal(trace.EventsOf(trace.NodeAt(target)).Select(Label), (await LabelsAsync(tab)).Select(l => l.Text));
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await tab.Page.Mouse.MoveAsync(width - 5, 5);
        await tab.Page.ScreenshotAsync(new() { Path = path });
        Assert.Equal((width, height), Png.Size(path));
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_readme_shows_both_committed_screenshots_and_the_command_that_takes_them()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        Assert.Contains("dotnet test tests/Micrograd.Explorer.Tests --filter ChainOnPicture", readme, StringComparison.Ordinal);
        foreach (var (name, size) in new[] { ("explorer-chain-rule.png", (1600, 900)), ("explorer-chain-rule-phone.png", (400, 800)) })
        {
            Assert.Contains($"](docs/images/{name})", readme, StringComparison.Ordinal);
            Assert.Equal(size, Png.Size(Repository.File("docs/images/" + name)));
        }
    }
}
