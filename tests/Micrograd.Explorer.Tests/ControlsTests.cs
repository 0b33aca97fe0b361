using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>The page's controls: keys, buttons, play and pause with a speed, pan and zoom, and clicking a node.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ControlsTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private Task<ExplorerTab> OpenNeuronAsync() => browser.OpenAsync(PageFile.Write(_files, "neuron", TestGraphs.Neuron()));

    [Fact]
    public async Task Arrow_keys_step_Home_resets_End_finishes()
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await OpenNeuronAsync();

        for (var i = 0; i < 5; i++) await tab.PressAsync("ArrowRight");
        Expect.StateAt(trace, 5, await tab.ReadAsync());
        await tab.PressAsync("ArrowLeft");
        Expect.StateAt(trace, 4, await tab.ReadAsync());
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync());
        await tab.PressAsync("ArrowRight"); // nothing after the end
        Assert.Equal(trace.Steps, (await tab.ReadAsync()).Step);
        await tab.PressAsync("Home");
        Expect.StateAt(trace, 0, await tab.ReadAsync());
        await tab.PressAsync("ArrowLeft"); // nothing before the start
        Assert.Equal(0, (await tab.ReadAsync()).Step);
        Assert.True(await tab.Page.Locator("#back").IsDisabledAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_position_slider_goes_to_any_step()
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await OpenNeuronAsync();
        Assert.Equal(trace.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), await tab.Page.Locator("#position").GetAttributeAsync("max"));
        foreach (var s in new[] { 20, 3, trace.Steps, 0, trace.Count + 1 })
        {
            await tab.Page.Locator("#position").FillAsync(s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Expect.StateAt(trace, s, await tab.ReadAsync());
        }
        await tab.PressAsync("ArrowRight");
        Assert.Equal(trace.Count + 2, (await tab.ReadAsync()).Step);
        Assert.Equal((trace.Count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), await tab.Page.Locator("#position").InputValueAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_buttons_step_back_reset_and_end()
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await OpenNeuronAsync();

        await tab.ClickAsync("end");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync());
        await tab.ClickAsync("back");
        await tab.ClickAsync("back");
        Expect.StateAt(trace, trace.Steps - 2, await tab.ReadAsync());
        await tab.ClickAsync("reset");
        Expect.StateAt(trace, 0, await tab.ReadAsync());
        await tab.ClickAsync("step");
        Expect.StateAt(trace, 1, await tab.ReadAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Space_plays_and_pauses_and_play_runs_to_the_end_at_the_chosen_speed()
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await OpenNeuronAsync();

        // Slowest speed: Space starts playing, Space pauses.
        await tab.Page.Locator("#speed").FillAsync("0");
        Assert.Equal("0.5 steps/s", await tab.Page.Locator("#speed-value").TextContentAsync());
        await tab.PressAsync(" ");
        Assert.True((await tab.ReadAsync()).Playing);
        Assert.Equal("true", await tab.Page.Locator("#play").GetAttributeAsync("aria-pressed"));
        await tab.PressAsync(" ");
        var paused = await tab.ReadAsync();
        Assert.False(paused.Playing);
        Assert.Equal("false", await tab.Page.Locator("#play").GetAttributeAsync("aria-pressed"));

        // Fastest speed: play runs every step and stops by itself at the end, showing the engine's final numbers.
        await tab.Page.Locator("#speed").FillAsync("6");
        Assert.Equal("60 steps/s", await tab.Page.Locator("#speed-value").TextContentAsync());
        await tab.ClickAsync("play");
        await tab.Page.WaitForFunctionAsync("() => window.explorer.step === window.explorer.steps && !window.explorer.playing");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync());
        Assert.Equal("▶ Play", await tab.Page.Locator("#play").TextContentAsync());

        // Playing from the end starts again from the beginning; stepping by hand pauses.
        await tab.ClickAsync("play");
        await tab.Page.WaitForFunctionAsync("() => window.explorer.step > 0 && window.explorer.step < window.explorer.steps");
        await tab.PressAsync("ArrowRight");
        Assert.False((await tab.ReadAsync()).Playing);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_wheel_zooms_about_the_pointer_and_dragging_pans()
    {
        await using var tab = await OpenNeuronAsync();
        await tab.PressAsync("0");
        var whole = await tab.ViewBoxAsync();
        var box = (await tab.Page.Locator("#graph svg").BoundingBoxAsync())!;
        var (cx, cy) = (box.X + box.Width / 2, box.Y + box.Height / 2);

        await tab.Page.Mouse.MoveAsync(cx, cy);
        await tab.Page.Mouse.WheelAsync(0, -400);
        await tab.Page.WaitForFunctionAsync($"() => window.explorer.view[2] < {whole[2].ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var zoomed = await tab.ViewBoxAsync();
        Assert.True(zoomed[2] < whole[2] * 0.8, $"zooming in should narrow the view: {whole[2]} → {zoomed[2]}");
        Assert.Equal(zoomed[2] / zoomed[3], whole[2] / whole[3], 6);

        // Dragging right by 120 pixels moves the view left by 120 pixels' worth of picture.
        var unit = await tab.Page.EvaluateAsync<double>("() => 1 / window.explorer.scale");
        await tab.Page.Mouse.MoveAsync(cx, cy);
        await tab.Page.Mouse.DownAsync();
        await tab.Page.Mouse.MoveAsync(cx + 60, cy + 20, new() { Steps = 3 });
        await tab.Page.Mouse.MoveAsync(cx + 120, cy + 40, new() { Steps = 3 });
        await tab.Page.Mouse.UpAsync();
        var panned = await tab.ViewBoxAsync();
        Assert.Equal(zoomed[0] - 120 * unit, panned[0], 3);
        Assert.Equal(zoomed[1] - 40 * unit, panned[1], 3);
        Assert.Equal(zoomed[2], panned[2], 6);

        // The buttons and keys zoom too; fit shows the whole picture again.
        await tab.ClickAsync("zoom-out");
        Assert.Equal(panned[2] * 1.25, (await tab.ViewBoxAsync())[2], 3);
        await tab.ClickAsync("zoom-in");
        await tab.ClickAsync("zoom-in");
        Assert.Equal(panned[2] / 1.25, (await tab.ViewBoxAsync())[2], 3);
        await tab.PressAsync("-");
        Assert.Equal(panned[2], (await tab.ViewBoxAsync())[2], 3);
        await tab.PressAsync("0");
        Assert.Equal(whole, await tab.ViewBoxAsync());
        await tab.PressAsync("+");
        Assert.Equal(whole[2] / 1.25, (await tab.ViewBoxAsync())[2], 3);
        await tab.ClickAsync("zoom-fit");
        Assert.Equal(whole, await tab.ViewBoxAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_fitted_picture_stays_put_while_stepping_through_both_passes()
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await OpenNeuronAsync();
        await tab.PressAsync("0");
        var whole = await tab.ViewBoxAsync();
        for (var s = 1; s <= trace.Steps; s++)
        {
            await tab.PressAsync("ArrowRight");
            Assert.Equal(whole, await tab.ViewBoxAsync());
        }
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Clicking_a_leaf_in_the_picture_selects_it_and_leaves_the_keys_to_the_page()
    {
        var trace = EngineTrace.Of(TestGraphs.Neuron());
        await using var tab = await OpenNeuronAsync();
        await tab.PressAsync("0");
        var state = await tab.ReadAsync();
        var x1 = state.Rows.Single(r => r.Name == "x1").Id;

        await tab.Page.Locator($"#n{x1}").ClickAsync();
        Assert.Contains("selected", await tab.Page.Locator($"#row-{x1}").GetAttributeAsync("class") ?? "");
        Assert.Contains("selected", await tab.Page.Locator($"#n{x1}").GetAttributeAsync("class") ?? "");
        Assert.Equal(x1, await tab.Page.EvaluateAsync<int>("() => window.explorer.selected"));
        Assert.False(await tab.Page.EvaluateAsync<bool>("() => document.activeElement instanceof HTMLInputElement"));
        Assert.Equal("x1", await tab.Page.Locator("#leaf-name").TextContentAsync());

        // The keys still step the page: → ← Home End.
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("ArrowRight");
        Expect.StateAt(trace, 2, await tab.ReadAsync(), "after a click");
        await tab.PressAsync("ArrowLeft");
        Expect.StateAt(trace, 1, await tab.ReadAsync(), "after a click");
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), "after a click");
        await tab.PressAsync("Home");
        Expect.StateAt(trace, 0, await tab.ReadAsync(), "after a click");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Selecting_a_value_touches_only_its_row_and_the_row_selected_before()
    {
        await using var tab = await OpenNeuronAsync();
        var rows = (await tab.ReadAsync()).Rows;
        var (a, b) = (rows.Single(r => r.Name == "x1").Id, rows.Single(r => r.Name == "w2").Id);
        // Every change to a row's classes (add, remove, toggle, even one that changes nothing), by row id, from here on.
        await tab.Page.EvaluateAsync("""
            () => {
              const rowOf = new WeakMap([...document.querySelectorAll('#rows tr')].map((r) => [r.classList, Number(r.dataset.id)]));
              window.touched = [];
              for (const name of ['add', 'remove', 'toggle', 'replace']) {
                const original = DOMTokenList.prototype[name];
                DOMTokenList.prototype[name] = function (...args) {
                  if (rowOf.has(this) && args[0] === 'selected') window.touched.push(rowOf.get(this));
                  return original.apply(this, args);
                };
              }
            }
            """);
        // "touched rows; selected rows", ids in order.
        async Task<string> AfterAsync(Func<Task> action)
        {
            await tab.Page.EvaluateAsync("() => { window.touched = []; }");
            await action();
            return await tab.Page.EvaluateAsync<string>(
                "() => [...new Set(window.touched)].sort((x, y) => x - y).join(',') + '; ' + " +
                "[...document.querySelectorAll('#rows tr.selected')].map((r) => r.dataset.id).join(',')");
        }

        Assert.Equal($"{a}; {a}", await AfterAsync(() => tab.SelectAsync(a)));
        Assert.Equal($"{Math.Min(a, b)},{Math.Max(a, b)}; {b}", await AfterAsync(() => tab.SelectAsync(b)));
        Assert.Equal($"; {b}", await AfterAsync(() => tab.SelectAsync(b)));
        Assert.Equal($"{b}; ", await AfterAsync(() => tab.PressAsync("Escape")));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Wheel_and_drag_read_the_pictures_place_once_per_gesture_not_at_each_event()
    {
        await using var tab = await OpenNeuronAsync();
        await tab.Page.EvaluateAsync(Support.LayoutReads.Install);
        var box = (await tab.Page.Locator("#graph").BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await tab.Page.Mouse.MoveAsync(x, y);
        var before = await tab.ViewBoxAsync();
        for (var i = 0; i < 10; i++) await tab.Page.Mouse.WheelAsync(0, -40);
        await tab.Page.Mouse.DownAsync();
        await tab.Page.Mouse.MoveAsync(x - 60, y - 30, new() { Steps = 12 });
        await tab.Page.Mouse.UpAsync();
        Assert.NotEqual(before, await tab.ViewBoxAsync()); // the wheel zoomed and the drag panned
        Assert.True(await tab.Page.EvaluateAsync<int>(Support.LayoutReads.Count) <= 2, "layout reads: " + await tab.Page.EvaluateAsync<int>(Support.LayoutReads.Count));
        tab.AssertNoErrors();
    }
}
