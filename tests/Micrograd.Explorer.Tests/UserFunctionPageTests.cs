using System.Globalization;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// A graph with functions a user defined in C# (<see cref="DifferentiableFunction"/>), which have no JavaScript twin: the
/// page steps through the engine's numbers for them, bit for bit, says that it cannot recompute them, refuses changes to
/// the leaves they depend on, and still recomputes the rest exactly when another leaf changes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserFunctionPageTests(BrowserFixture browser) : IDisposable
{
    private static readonly DifferentiableFunction Cube = new("cube", 1,
        x => x[0] * x[0] * x[0], (x, y, d) => d[0] = 3 * (x[0] * x[0]));

    private static readonly DifferentiableFunction Hyp = new("hyp", 2,
        x => Math.Sqrt(x[0] * x[0] + x[1] * x[1]),
        (x, y, d) => (d[0], d[1]) = (x[0] / y, x[1] / y));

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>tanh(cube(x)·w + hyp(b, 2)): x and b feed the functions; w does not.</summary>
    private static Value Graph(double x, double w, double b) =>
        (Cube.Apply(new Value(x, "x")) * new Value(w, "w") + Hyp.Apply(new Value(b, "b"), 2.0)).Tanh();

    [Fact]
    public async Task Every_step_shows_the_engines_numbers_and_the_page_says_what_it_cannot_recompute()
    {
        var root = Graph(0.7, -1.2, 0.4);
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "functions", root));
        var state = await tab.ReadAsync();
        Assert.Equal("agree", state.CheckClass); // the stored numbers are the engine's, bit for bit
        Assert.Equal(
            "cube, hyp are functions defined in C# without a JavaScript twin: the page shows the engine's numbers for them and cannot recompute them, so x, b cannot be changed here",
            await tab.Page.Locator("#stored").TextContentAsync());
        Assert.True(await tab.Page.Locator("#stored").IsVisibleAsync());
        Assert.Null(await tab.Page.EvaluateAsync<object?>("() => window.explorer.ops.cube.forward"));

        for (var s = 0; s <= trace.Steps; s++)
        {
            Expect.StateAt(trace, s, await tab.ReadAsync(), "functions");
            await tab.PressAsync("ArrowRight");
        }

        // The function's own steps: its forward formula with the engine's number, its local derivatives as the engine's.
        var cube = state.Rows.Single(r => r.Op == "cube").Id;
        await tab.Page.Locator("#position").FillAsync((cube + 1).ToString(CultureInfo.InvariantCulture));
        var forward = await tab.ReadAsync();
        Assert.Equal("(cube(x)).data = cube(x.data) = cube(0.7) = 0.343", forward.Lines.Single());
        Assert.Contains(forward.Notes, n => n.Contains("cube is defined in C# without a JavaScript twin", StringComparison.Ordinal));
        var hyp = state.Rows.Single(r => r.Op == "hyp").Id;
        await tab.Page.Locator("#position").FillAsync((2 * trace.ForwardSteps - hyp).ToString(CultureInfo.InvariantCulture));
        var backward = await tab.ReadAsync();
        Assert.StartsWith("b.grad += ∂₁hyp(b.data, 2) × (hyp(b, 2)).grad", backward.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("(2).grad += ∂₂hyp(b.data, 2) × (hyp(b, 2)).grad", backward.Lines[1], StringComparison.Ordinal);
        Assert.Contains(backward.Notes, n => n == "the local derivative is the engine's: hyp has no JavaScript twin");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_leaf_a_function_depends_on_cannot_be_changed_and_another_leaf_is_recomputed_exactly()
    {
        var root = Graph(0.7, -1.2, 0.4);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "functions", root));
        var state = await tab.ReadAsync();
        int Row(string name) => state.Rows.Single(r => r.Name == name).Id;

        foreach (var name in new[] { "x", "b" })
        {
            Assert.Equal(0, await tab.Page.Locator($"#row-{Row(name)} input").CountAsync());
            await tab.SelectAsync(Row(name));
            Assert.True(await tab.Page.Locator("#leaf-panel").IsHiddenAsync());
            var hint = await tab.Page.Locator("#leaf-hint").TextContentAsync();
            Assert.Equal($"{name} feeds {(name == "x" ? "cube" : "hyp")}, which the page cannot recompute (defined in C# without a JavaScript twin): {name} cannot be changed here.", hint);
        }
        Assert.Equal(1, await tab.Page.Locator("#rows input.learn").CountAsync()); // only w takes a learning step

        await tab.EditLeafAsync(Row("w"), "2.5");
        var trace = EngineTrace.Of(Graph(0.7, 2.5, 0.4));
        var after = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, after, "functions at w=2.5");
        Assert.Equal("edited", after.CheckClass);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_link_that_changes_such_a_leaf_is_ignored()
    {
        var root = Graph(0.7, -1.2, 0.4);
        var file = PageFile.Write(_files, "functions", root);
        var trace = EngineTrace.Of(root);
        var x = trace.Graph.Nodes.Select((v, id) => (v, id)).Single(p => p.v.Label == "x").id;
        await using var tab = await browser.OpenAsync(file, hash: $"#step={trace.Steps}&n{x}=5");
        var state = await tab.ReadAsync();
        Expect.StateAt(trace, trace.Steps, state, "functions with x=5 in the link");
        Assert.Equal("agree", state.CheckClass);
        tab.AssertNoErrors();
    }
}
