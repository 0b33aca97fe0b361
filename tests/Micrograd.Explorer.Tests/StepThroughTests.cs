using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// Every forward and backward step of the neuron and of several expressions, in the browser: at each step the page shows the
/// engine's data and gradients (every digit in the table, 4 decimals in the picture), the chain-rule lines, and the highlight.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StepThroughTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Neuron_clicked_through_every_step_shows_the_engines_numbers_and_chain_rule()
    {
        var root = TestGraphs.Neuron();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root));

        Expect.StateAt(trace, 0, await tab.ReadAsync(), "neuron");
        for (var s = 1; s <= trace.Steps; s++)
        {
            await tab.ClickAsync("step");
            Expect.StateAt(trace, s, await tab.ReadAsync(), "neuron");
        }

        // At the end, Step is disabled; Back walks the same states in reverse.
        Assert.True(await tab.Page.Locator("#step").IsDisabledAsync());
        for (var s = trace.Steps - 1; s >= trace.Steps - 4; s--)
        {
            await tab.ClickAsync("back");
            Expect.StateAt(trace, s, await tab.ReadAsync(), "neuron, going back");
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Neuron_shows_the_seeds_chain_rule_for_x0_as_a_person_writes_it()
    {
        var root = TestGraphs.Neuron();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", root));

        // w0*x0 is node 2; its backward step is the third from the end.
        await tab.PressAsync("End");
        await tab.PressAsync("ArrowLeft");
        await tab.PressAsync("ArrowLeft");
        var state = await tab.ReadAsync();
        Assert.Equal("Backward · step 12 of 14 · w0*x0", state.Phase);
        Assert.Equal(
        [
            "w0.grad += x0.data × (w0*x0).grad = 1.6 × 0.00204 = 0.003264",
            "x0.grad += w0.data × (w0*x0).grad = 1.3 × 0.00204 = 0.002652",
        ], state.Lines);
        Assert.Equal(["w0.grad: 0 → 0.003264", "x0.grad: 0 → 0.002652"], state.Notes);

        // The forward step of the same node, and the root's first backward step.
        await tab.PressAsync("Home");
        for (var i = 0; i < 3; i++) await tab.PressAsync("ArrowRight");
        Assert.Equal(["(w0*x0).data = w0.data × x0.data = 1.3 × 1.6 = 2.08"], (await tab.ReadAsync()).Lines);
        for (var i = 3; i <= trace.Count; i++) await tab.PressAsync("ArrowRight");
        Assert.Equal(["y.grad = 1", "z.grad += (1 − y.data²) × y.grad = 0.00204 × 1 = 0.00204"], (await tab.ReadAsync()).Lines);
        tab.AssertNoErrors();
    }

    public static TheoryData<string, string[]> Expressions => new()
    {
        // x is used twice by one op and once more by another: three contributions.
        { "x*x + x", ["x=3"] },
        // A variable exponent: both operands of ** get gradients, the exponent's through log.
        { "x ** y + y ** 2", ["x=1.5", "y=-0.5"] },
        // Constants (unlabelled leaves), constant powers including ** 0, division, unary minus.
        { "2 * x ** 3 - 1 / x + 0.5 * x ** 0 - -x", ["x=0.7"] },
        // A lone leaf: the root is a leaf, and the op table is empty.
        { "x", ["x=2"] },
        // Every function of the expression language.
        { "tanh(x) * sigmoid(y) + log(abs(x)) - sqrt(relu(y) + 1) + exp(-x) * cos(y) / sin(x)", ["x=-0.8", "y=1.3"] },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task Expression_stepped_with_the_keyboard_shows_the_engines_numbers_at_every_step(string text, string[] point)
    {
        var root = TestGraphs.Expression(text, point).Root;
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "expression", root, new ExplorerOptions { Title = text }));

        Expect.StateAt(trace, 0, await tab.ReadAsync(), text);
        for (var s = 1; s <= trace.Steps; s++)
        {
            await tab.PressAsync("ArrowRight");
            Expect.StateAt(trace, s, await tab.ReadAsync(), text);
        }
        var end = await tab.ReadAsync();
        Assert.Equal("agree", end.CheckClass);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_value_used_twice_by_one_op_visibly_receives_two_contributions()
    {
        var graph = TestGraphs.Expression("x*x", "x=3");
        var trace = EngineTrace.Of(graph.Root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "square", graph.Root));

        // Nodes: x (0), x*x (1). The first backward step is x*x's: two lines, both into x, and x's count is 2.
        for (var s = 0; s < trace.Count + 1; s++) await tab.PressAsync("ArrowRight");
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Count + 1, state, "x*x");
        Assert.Equal(["(x*x).grad = 1", "x.grad += x.data × (x*x).grad = 3 × 1 = 3", "x.grad += x.data × (x*x).grad = 3 × 1 = 3"], state.Lines);
        Assert.Equal(["x.grad: 0 → 3 · 1 of 2 contributions received", "x.grad: 3 → 6 · 2 of 2 contributions received: final"], state.Notes.Skip(1));
        Assert.Equal("2/2", state.Rows[0].Received);
        Assert.Equal("6", state.Rows[0].Grad);
        Assert.True(state.Rows[0].GradChanged);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task An_nary_sum_that_repeats_an_operand_gives_one_contribution_per_use()
    {
        var root = TestGraphs.SumWithRepeats();
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "sum", root));

        for (var s = 1; s <= trace.Steps; s++)
        {
            await tab.PressAsync("ArrowRight");
            Expect.StateAt(trace, s, await tab.ReadAsync(), "sum");
        }
        var a = (await tab.ReadAsync()).Rows.Single(r => r.Name == "a");
        Assert.Equal("4/4", a.Received); // three uses in the sum, one in a*b
        tab.AssertNoErrors();
    }
}
