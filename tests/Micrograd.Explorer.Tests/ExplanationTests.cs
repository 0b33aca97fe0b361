using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// What the explanation teaches beyond the numbers: each contribution as local derivative × upstream gradient, the gradient
/// flowing back along the edges, how many contributions a value has received, fewer steps without leaves, and why a NaN,
/// an infinity or a vanishing gradient appears.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplanationTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<(ExplorerTab Tab, EngineTrace Trace)> OpenAsync(string expression, params string[] point)
    {
        var root = TestGraphs.Expression(expression, point).Root;
        return (await browser.OpenAsync(PageFile.Write(_files, "page", root, new ExplorerOptions { Title = expression })), EngineTrace.Of(root));
    }

    private static async Task GoAsync(ExplorerTab tab, int step) =>
        await tab.Page.Locator("#position").FillAsync(step.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Each_contribution_is_split_into_local_derivative_and_upstream_gradient_with_how_the_local_one_was_evaluated()
    {
        var (tab, trace) = await OpenAsync("tanh(w*x + b)", "w=0.8", "x=1.5", "b=-0.3");
        await using var _ = tab;
        await GoAsync(tab, trace.Count + 1); // the root's backward step: tanh passes back to w*x + b
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Count + 1, state, "tanh");
        Assert.Equal(
        [
            "local ∂(tanh(w*x + b))/∂(w*x + b) = (1 − (tanh(w*x + b)).data²) = (1 − 0.7163²) = 0.4869",
            "upstream (tanh(w*x + b)).grad = 1",
        ], state.Factors);

        // In the chain-rule line, the local factor and the upstream factor are marked as in their own lines.
        var marked = await tab.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#lines .formula .local, #lines .formula .upstream')].map((e) => e.className + ':' + e.textContent)");
        Assert.Equal(["local:(1 − (tanh(w*x + b)).data²)", "upstream:(tanh(w*x + b)).grad", "local:0.4869", "upstream:1"], marked);

        // The next step, w*x + b, passes its gradient to both operands: 1 × upstream each.
        await tab.PressAsync("ArrowRight");
        state = await tab.ReadAsync();
        Assert.Equal(["local ∂(w*x + b)/∂(w*x) = 1", "upstream (w*x + b).grad = 0.4869", "local ∂(w*x + b)/∂b = 1", "upstream (w*x + b).grad = 0.4869"], state.Factors);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Going_backward_the_gradient_flows_along_the_edges_into_the_current_node_and_forward_it_does_not()
    {
        var (tab, trace) = await OpenAsync("x*y + y", "x=2", "y=3");
        await using var _ = tab;
        const string Read = "() => [...document.querySelectorAll('#graph g.edge.flow')].map((e) => /^e\\d+$/.test(e.id) ? e.id : e.querySelector('title').textContent)";
        await GoAsync(tab, 3); // forward: x*y
        Assert.Empty(await tab.Page.EvaluateAsync<string[]>(Read));
        Assert.Equal(2, await tab.Page.Locator("#graph g.edge.active").CountAsync() - 1); // its two operand edges and op → value
        await GoAsync(tab, trace.Count + 2); // backward: x*y passes back to x and y
        var flowing = await tab.Page.EvaluateAsync<string[]>(Read);
        Assert.Equal(["e0", "e1", "n2_op->n2"], flowing.Order());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_value_used_several_times_says_how_many_contributions_it_has_received_and_when_its_gradient_is_final()
    {
        var (tab, trace) = await OpenAsync("x*y + x*x + x", "x=2", "y=3");
        await using var _ = tab;
        var x = 0;
        Assert.Equal(4, trace.Uses[x]);
        var received = new List<string>();
        for (var s = trace.Count + 1; s <= trace.Steps; s++)
        {
            await GoAsync(tab, s);
            var state = await tab.ReadAsync();
            Expect.StateAt(trace, s, state, "x used four times");
            received.Add(state.Rows[x].Received);
            foreach (var note in state.Notes.Where(n => n.StartsWith("x.grad:", StringComparison.Ordinal)))
            {
                Assert.Matches(@" · [1-4] of 4 contributions received(: final)?$", note);
            }
        }
        Assert.Equal("4/4", received[^1]);
        Assert.Contains("1/4", received);
        Assert.Contains("3/4", received);
        Assert.Equal("final", await tab.Page.Locator("#row-0 td.count .v > span").GetAttributeAsync("class"));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Skipping_leaves_leaves_only_the_steps_that_compute_or_pass_back_and_the_same_numbers()
    {
        var root = TestGraphs.Neuron();
        var trace = EngineTrace.Of(root).SkippingLeaves();
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root));
        await GoAsync(tab, 5); // forward: w0, x0, w1, x1, w1*x1 ... then the box is ticked: the same node, w1*x1 is kept
        await tab.Page.Locator("#skip-leaves").CheckAsync();
        var state = await tab.ReadAsync();
        Assert.Equal(14, state.Steps); // 7 values that are not leaves, each forward and backward
        Assert.Equal(trace.Steps, state.Steps);
        Assert.Equal(1, state.Step); // w0*x0's forward step, the last step at or before where the page was
        await tab.PressAsync("Home");
        for (var s = 0; s <= trace.Steps; s++)
        {
            Expect.StateAt(trace, s, await tab.ReadAsync(), "skipping leaves");
            await tab.PressAsync("ArrowRight");
        }
        Assert.Equal("Backward · step 7 of 7 · w0*x0", (await tab.ReadAsync()).Phase);

        // Unticked, every step is back, and the page is where it was.
        await tab.Page.Locator("#skip-leaves").UncheckAsync();
        Assert.Equal(EngineTrace.Of(root).Steps, (await tab.ReadAsync()).Steps);
        Assert.Equal(EngineTrace.Of(root).Steps, (await tab.ReadAsync()).Step);
        tab.AssertNoErrors();
    }

    public static TheoryData<string, string[], string, string> Anomalies => new()
    {
        // expression, point, the value where it first appears, what the explanation says there
        { "log(x) * 2", ["x=0"], "log(x)", "log(0) = −∞: the logarithm of 0 is −∞. An infinity first appears here and spreads to every value that uses this one." },
        { "log(x) + 1", ["x=-2"], "log(x)", "log(-2) = NaN: the logarithm of a negative number is not a real number. A NaN first appears here and spreads to every value that uses this one." },
        { "(x - y) * 2", ["x=Infinity", "y=Infinity"], "x - y", "∞ − ∞ = NaN: an infinity cancelled by another (∞ − ∞) or multiplied by 0 has no value. A NaN first appears here and spreads to every value that uses this one." },
        { "1 / x + x", ["x=0"], "1/x", "1 / 0 = ∞: division by zero. An infinity first appears here and spreads to every value that uses this one." },
        { "exp(x) * 0.5", ["x=800"], "exp(x)", "exp(800) = ∞: overflow: the result is beyond the largest double, about 1.8e308. An infinity first appears here and spreads to every value that uses this one." },
    };

    [Theory]
    [MemberData(nameof(Anomalies))]
    public async Task Where_a_NaN_or_an_infinity_first_appears_the_explanation_says_why_and_they_are_red(string expression, string[] point, string where, string why)
    {
        var (tab, trace) = await OpenAsync(expression, point);
        await using var _ = tab;
        var id = Enumerable.Range(0, trace.Count).Single(i => trace.Name(i) == where);
        await GoAsync(tab, id + 1);
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, id + 1, state, expression);
        var errors = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#lines .note.error')].map((e) => e.textContent)");
        Assert.Equal([why], errors);

        // Shown in red: the value's data in the table and in the picture.
        Assert.Contains("bad", await tab.Page.Locator($"#row-{id} td.data .v > span").GetAttributeAsync("class") ?? "");
        Assert.Contains("bad", await tab.Page.Locator($"#n{id} text.data").GetAttributeAsync("class") ?? "");

        // A value that only receives it says where it comes from, without an error.
        await GoAsync(tab, trace.Count);
        Assert.Empty(await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#lines .note.error')].map((e) => e.textContent)"));
        Assert.Contains((await tab.ReadAsync()).Notes, n => n.Contains("NaN in, NaN out", StringComparison.Ordinal) || n.Contains("comes from", StringComparison.Ordinal));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_zero_upstream_gradient_times_an_infinite_local_derivative_is_explained()
    {
        var (tab, trace) = await OpenAsync("0 * log(x)", "x=0");
        await using var _ = tab;
        var log = Enumerable.Range(0, trace.Count).Single(i => trace.Name(i) == "log(x)");
        await GoAsync(tab, trace.Steps - log);
        Expect.StateAt(trace, trace.Steps - log, await tab.ReadAsync(), "0 * log(0)");
        var errors = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#lines .note.error')].map((e) => e.textContent)");
        Assert.Equal(["0 × ∞ = NaN: a zero upstream gradient times an infinite local derivative has no value"], errors);
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData("tanh(x)", "x=5", "tanh is saturated: 1 − y² = 0.0001816 ≈ 0, the gradient vanishes")]
    [InlineData("sigmoid(x)", "x=-9", "sigmoid is saturated: (1 − y) × y = 0.0001234 ≈ 0, the gradient vanishes")]
    [InlineData("relu(x)", "x=-2", "relu is off (its input -2 is not above 0): it passes no gradient back")]
    public async Task A_saturated_function_is_flagged_where_its_gradient_vanishes(string expression, string point, string warning)
    {
        var (tab, trace) = await OpenAsync(expression, point);
        await using var _ = tab;
        await GoAsync(tab, trace.Count + 1);
        Expect.StateAt(trace, trace.Count + 1, await tab.ReadAsync(), expression);
        var warnings = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#lines .note.warn')].map((e) => e.textContent)");
        Assert.Equal([warning], warnings);

        // Not where the function is far from flat.
        await tab.EditLeafAsync(0, "0.5");
        await GoAsync(tab, trace.Count + 1);
        Assert.Empty(await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#lines .note.warn')].map((e) => e.textContent)"));
        tab.AssertNoErrors();
    }
}
