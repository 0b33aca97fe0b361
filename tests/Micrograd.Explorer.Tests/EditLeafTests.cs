using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// Editing a leaf in the page: the page recomputes both passes, and every number it shows equals the engine's at the new
/// point (the engine's graph is built again at that point here), edge cases included.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EditLeafTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_tests_neuron_at_a_point_is_the_commands_neuron()
    {
        var command = EngineTrace.Of(TestGraphs.Neuron());
        var rebuilt = EngineTrace.Of(TestGraphs.NeuronAt(TestGraphs.NeuronPoint));
        Assert.Equal(command.Count, rebuilt.Count);
        for (var id = 0; id < command.Count; id++)
        {
            Assert.Equal(command.Name(id), rebuilt.Name(id));
            Assert.Equal(command.Graph.Nodes[id].Op, rebuilt.Graph.Nodes[id].Op);
            Assert.Equal(command.Graph.EdgesInto(id).ToArray(), rebuilt.Graph.EdgesInto(id).ToArray());
            Assert.True(EngineTrace.Same(command.Data[id], rebuilt.Data[id]));
            Assert.True(EngineTrace.Same(command.FinalGrad[id], rebuilt.FinalGrad[id]));
        }
    }

    [Fact]
    public async Task Editing_a_neuron_input_recomputes_both_passes_as_the_engine_at_the_new_point()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()));
        var before = await tab.ReadAsync();
        Assert.Equal("agree", before.CheckClass);

        var point = new Dictionary<string, double>(TestGraphs.NeuronPoint) { ["x0"] = -2, ["w2"] = 0.37 };
        await tab.EditLeafAsync(Row(before, "x0"), "-2");
        await tab.EditLeafAsync(Row(before, "w2"), " 3.7e-1 ");
        var trace = EngineTrace.Of(TestGraphs.NeuronAt(point));
        var after = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, after, "neuron at x0=-2, w2=0.37");
        Assert.Equal("edited", after.CheckClass);
        Assert.NotEqual(before.Rows.Single(r => r.Name == "x0").Grad, after.Rows.Single(r => r.Name == "x0").Grad);

        // Stepping again goes through the new point's passes.
        await tab.ClickAsync("reset");
        Expect.StateAt(trace, 0, await tab.ReadAsync(), "neuron after the edit");
        for (var s = 1; s <= trace.Steps; s++)
        {
            await tab.PressAsync("ArrowRight");
            Expect.StateAt(trace, s, await tab.ReadAsync(), "neuron after the edit");
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_constant_is_shown_as_its_number_and_cannot_be_edited()
    {
        var graph = TestGraphs.Expression("2 * x + x ** 2", "x=3");
        var trace = EngineTrace.Of(graph.Root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "constant", graph.Root));
        var state = await tab.ReadAsync();
        var constant = state.Rows.Single(r => r.Name == "2");
        Assert.Equal("2", constant.Data);
        Assert.Equal(0, await tab.Page.Locator($"#row-{constant.Id} input").CountAsync());
        Assert.Equal(["x", "2*x", "x**2", "2*x + x**2"], state.Rows.Where(r => r.Id != constant.Id).Select(r => r.Name));

        // Its forward step says what it is; the product's step writes it as its number.
        await tab.Page.Locator("#position").FillAsync((constant.Id + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["2 (a constant)"], (await tab.ReadAsync()).Lines);
        var product = state.Rows.Single(r => r.Name == "2*x").Id;
        await tab.Page.Locator("#position").FillAsync((product + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Expect.StateAt(trace, product + 1, await tab.ReadAsync(), "2 * x");
        Assert.StartsWith("(2*x).data = 2 × x.data = 2 × 3 = 6", (await tab.ReadAsync()).Lines.Single(), StringComparison.Ordinal);
        tab.AssertNoErrors();
    }

    public static TheoryData<string, string, string, string, string, string> EdgeCases => new()
    {
        // expression, first point, leaf, text typed, then (as the engine documents) the root's data and the leaf's gradient
        { "tanh(x)", "x=0.5", "x", "400", "1", "0" },
        { "tanh(x)", "x=0.5", "x", "-400", "-1", "0" },
        { "sigmoid(x)", "x=0.5", "x", "800", "1", "0" },
        { "sigmoid(x)", "x=0.5", "x", "-800", "0", "0" },
        { "relu(x)", "x=1", "x", "0", "0", "0" },
        { "abs(x)", "x=1", "x", "0", "0", "0" },
        { "log(x)", "x=1", "x", "0", "-Infinity", "Infinity" },
        { "log(x)", "x=1", "x", "-1", "NaN", "-1" },
        { "x ** y", "x=1.5,y=3", "x", "-2", "-8", "12" },
        { "x ** 0", "x=5", "x", "0", "1", "0" },
        { "x ** 0", "x=5", "x", "NaN", "1", "0" },
        { "x ** 0.5", "x=4", "x", "0", "0", "Infinity" },
        { "x ** -1", "x=2", "x", "0", "Infinity", "-Infinity" },
        { "x ** 2", "x=1", "x", "-inf", "Infinity", "-Infinity" },
        { "1 / x", "x=2", "x", "0", "Infinity", "-Infinity" },
        { "x * y", "x=1,y=0", "x", "Infinity", "NaN", "0" },
        { "tanh(x) + x", "x=1", "x", "nan", "NaN", "NaN" },
        { "sqrt(x)", "x=1", "x", "-1", "NaN", "NaN" },
        { "exp(x)", "x=1", "x", "1e3", "Infinity", "Infinity" },
        { "sin(x) * cos(x)", "x=1", "x", "Infinity", "NaN", "NaN" },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public async Task An_edge_case_point_typed_into_a_leaf_gives_the_engines_numbers(string text, string first, string leaf, string typed, string rootData, string leafGrad)
    {
        var firstPoint = first.Split(',');
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "edge", TestGraphs.Expression(text, firstPoint).Root));
        var state = await tab.ReadAsync();
        Assert.Equal("agree", state.CheckClass);

        await tab.EditLeafAsync(Row(state, leaf), typed);
        var point = TestGraphs.Point(firstPoint);
        point[leaf] = Numbers(typed);
        var graph = Micrograd.Expressions.Expression.Parse(text).Build(point);
        var trace = EngineTrace.Of(graph.Root);
        var after = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, after, $"{text} at {leaf}={typed}");

        // And what the engine documents for these points, written out.
        Assert.Equal(rootData, after.Rows[^1].Data);
        Assert.Equal(leafGrad, after.Rows.Single(r => r.Name == leaf).Grad);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_exponents_gradient_is_NaN_for_a_negative_base()
    {
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "pow", TestGraphs.Expression("x ** y", "x=1.5", "y=3").Root));
        var state = await tab.ReadAsync();
        await tab.EditLeafAsync(Row(state, "x"), "-2");
        var after = await tab.ReadAsync();
        Assert.Equal("NaN", after.Rows.Single(r => r.Name == "y").Grad);
        Assert.Equal("grad NaN", after.Records.Single(r => r.Id == Row(state, "y")).Grad);
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData("two", "“two” is not a number: x keeps 2.")]
    [InlineData("1e999", "“1e999” is too large for a double (at most about 1.8e308; write Infinity for an infinity): x keeps 2.")]
    [InlineData("-1e400", "“-1e400” is too large for a double (at most about 1.8e308; write Infinity for an infinity): x keeps 2.")]
    public async Task A_refused_entry_says_why_puts_the_value_back_and_hands_the_keys_back(string typed, string message)
    {
        var root = TestGraphs.Expression("x * y", "x=2", "y=3").Root;
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "refuse", root));
        await tab.PressAsync("End");
        var state = await tab.ReadAsync();
        var x = Row(state, "x");

        await tab.EditLeafAsync(x, typed);
        var after = await tab.ReadAsync();
        Assert.Equal(message, await tab.Page.Locator("#message").TextContentAsync());
        Assert.True(await tab.Page.Locator("#message").IsVisibleAsync());
        Assert.Equal("2", after.Rows.Single(r => r.Id == x).Data); // no red text left in the field while 2 is used
        Assert.Null(await tab.Page.Locator($"#row-{x} td.data input").GetAttributeAsync("aria-invalid"));
        Expect.StateAt(trace, trace.Steps, after, "after a refused entry");
        Assert.Equal("agree", after.CheckClass);
        Assert.False(await tab.Page.EvaluateAsync<bool>("() => document.activeElement instanceof HTMLInputElement"));

        // The keys are the page's again.
        await tab.PressAsync("ArrowLeft");
        Expect.StateAt(trace, trace.Steps - 1, await tab.ReadAsync(), "after a refused entry");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Leaving_a_field_with_Tab_applies_a_number_and_puts_the_value_back_after_a_refusal()
    {
        var root = TestGraphs.Expression("x * y", "x=2", "y=3").Root;
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "blur", root));
        var x = Row(await tab.ReadAsync(), "x");
        var input = tab.Page.Locator($"#row-{x} td.data input");

        await input.FillAsync("1e999");
        await input.PressAsync("Tab");
        Assert.Equal("2", await input.InputValueAsync());
        Assert.StartsWith("“1e999” is too large for a double", await tab.Page.Locator("#message").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("agree", (await tab.ReadAsync()).CheckClass);

        await input.FillAsync("4");
        await input.PressAsync("Tab");
        var trace = EngineTrace.Of(TestGraphs.Expression("x * y", "x=4", "y=3").Root);
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), "x set to 4 by leaving the field");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Escape_puts_the_value_back_and_hands_the_keys_back()
    {
        var root = TestGraphs.Expression("x * y", "x=2", "y=3").Root;
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "escape", root));
        var x = Row(await tab.ReadAsync(), "x");
        var input = tab.Page.Locator($"#row-{x} td.data input");
        await input.FillAsync("5");
        await input.PressAsync("Escape");
        var state = await tab.ReadAsync();
        Assert.Equal("2", state.Rows.Single(r => r.Id == x).Data);
        Assert.Equal("agree", state.CheckClass);
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), "after Escape");
        tab.AssertNoErrors();
    }

    private static int Row(PageState state, string name) => state.Rows.Single(r => r.Name == name).Id;

    private static double Numbers(string text) => text.Trim().ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        var t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture),
    };
}
