using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// Big graphs you can find your way in (issue #20, item 2): a picture too big to read whole opens zoomed in with an
/// overview (a minimap) in its corner, whose box is the part on screen; a click, a drag or the arrow keys on the overview
/// move the view; the overview hides while the whole picture is on screen; and stepping keeps the current value and its
/// operands framed together.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MinimapTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>What the test reads of the picture and its overview, in picture units and CSS pixels.</summary>
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private sealed record Overview(bool Hidden, double Width, double Height, double[] Whole, double[] Visible, double Left, double Top);

    private static async Task<Overview> ReadAsync(ExplorerTab tab)
    {
        var json = await tab.Page.EvaluateAsync<string>("""
            () => {
              const map = document.querySelector('#graph canvas.minimap');
              const box = document.querySelector('#graph svg').viewBox.baseVal;
              const r = map.getBoundingClientRect();
              return JSON.stringify({ hidden: map.hidden, width: r.width, height: r.height, whole: [box.x, box.y, box.width, box.height],
                visible: window.explorer.view, left: r.left, top: r.top });
            }
            """);
        return JsonSerializer.Deserialize<Overview>(json, Json)!;
    }

    /// <summary>Waits for the overview's next frame (it draws at most once a frame).</summary>
    private static Task<bool> FrameAsync(ExplorerTab tab) =>
        tab.Page.EvaluateAsync<bool>("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))");

    /// <summary>The colour of one CSS pixel of the overview, as "r,g,b,a".</summary>
    private static Task<string> PixelAsync(ExplorerTab tab, double x, double y) => tab.Page.EvaluateAsync<string>(
        $"() => {{ const c = document.querySelector('#graph canvas.minimap'); const k = c.width / c.getBoundingClientRect().width; " +
        $"return [...c.getContext('2d').getImageData(Math.round({x.ToString(CultureInfo.InvariantCulture)} * k), Math.round({y.ToString(CultureInfo.InvariantCulture)} * k), 1, 1).data].join(','); }}");

    private string BigGraph() => PageFile.Write(_files, "big", TestGraphs.Mlp(16, 16, 1));

    [Fact]
    public async Task A_big_graph_opens_with_an_overview_whose_box_is_the_part_on_screen()
    {
        await using var tab = await browser.OpenAsync(BigGraph());
        await FrameAsync(tab);
        var o = await ReadAsync(tab);
        Assert.False(o.Hidden, "a picture bigger than its area opened with no overview");
        Assert.True(o.Visible[2] < o.Whole[2] || o.Visible[3] < o.Whole[3], "the big graph opened whole");
        Assert.InRange(o.Width, 24, 181);
        Assert.InRange(o.Height, 16, 121);
        // The overview has the picture's shape.
        Assert.Equal(o.Whole[2] / o.Whole[3], o.Width / o.Height, 0.1 * o.Whole[2] / o.Whole[3] + 0.05);

        // The box is drawn where the visible part lies: its left edge in the box's colour, the middle of the box not.
        var s = o.Width / o.Whole[2];
        var left = Math.Max((o.Visible[0] - o.Whole[0]) * s, 1);
        var top = Math.Max((o.Visible[1] - o.Whole[1]) * s, 1);
        var bottom = Math.Min((o.Visible[1] + o.Visible[3] - o.Whole[1]) * s, o.Height - 1);
        var boxColour = await PixelAsync(tab, left, (top + bottom) / 2);
        var selected = await tab.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).getPropertyValue('--selected').trim()");
        // Within the rounding of the stroke's antialiased edge.
        var expected = Rgb(selected);
        var drawn = boxColour.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(expected.Zip(drawn).All(p => Math.Abs(p.First - p.Second) <= 4) && drawn[3] > 100,
            $"the overview's box is not drawn at the visible part's left edge: {boxColour}, expected {string.Join(",", expected)}");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_click_or_a_drag_on_the_overview_moves_the_view_there()
    {
        await using var tab = await browser.OpenAsync(BigGraph());
        await FrameAsync(tab);
        var o = await ReadAsync(tab);
        foreach (var (fx, fy) in new[] { (0.5, 0.5), (0.9, 0.2), (0.1, 0.8) })
        {
            await tab.Page.Mouse.ClickAsync((float)(o.Left + fx * o.Width), (float)(o.Top + fy * o.Height));
            var v = (await ReadAsync(tab)).Visible;
            Assert.Equal(o.Whole[0] + fx * o.Whole[2], v[0] + v[2] / 2, o.Whole[2] / o.Width * 1.5);
            Assert.Equal(o.Whole[1] + fy * o.Whole[3], v[1] + v[3] / 2, o.Whole[3] / o.Height * 1.5);
        }

        // A drag follows the pointer.
        await tab.Page.Mouse.MoveAsync((float)(o.Left + 0.2 * o.Width), (float)(o.Top + 0.5 * o.Height));
        await tab.Page.Mouse.DownAsync();
        await tab.Page.Mouse.MoveAsync((float)(o.Left + 0.7 * o.Width), (float)(o.Top + 0.4 * o.Height), new() { Steps = 5 });
        var during = (await ReadAsync(tab)).Visible;
        await tab.Page.Mouse.UpAsync();
        Assert.Equal(o.Whole[0] + 0.7 * o.Whole[2], during[0] + during[2] / 2, o.Whole[2] / o.Width * 1.5);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_overview_is_driven_by_keys_and_hides_while_the_whole_picture_is_on_screen()
    {
        await using var tab = await browser.OpenAsync(BigGraph());
        await FrameAsync(tab);
        var label = await tab.Page.Locator("#graph canvas.minimap").GetAttributeAsync("aria-label");
        Assert.Contains("Overview", label, StringComparison.Ordinal);
        await tab.Page.Locator("#graph canvas.minimap").FocusAsync();
        var before = (await ReadAsync(tab)).Visible;
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("ArrowDown");
        var after = (await ReadAsync(tab)).Visible;
        // A quarter of the visible part each way.
        Assert.Equal(before[0] + before[2] / 4, after[0], 1e-6);
        Assert.Equal(before[1] + before[3] / 4, after[1], 1e-6);

        await tab.PressAsync("0");
        await FrameAsync(tab);
        var whole = await ReadAsync(tab);
        Assert.True(whole.Hidden, "the overview stayed with the whole picture on screen");
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => document.activeElement.closest('g.node') !== null"), "the keyboard did not go back to the picture");

        await tab.PressAsync("+");
        await tab.PressAsync("+");
        await FrameAsync(tab);
        Assert.False((await ReadAsync(tab)).Hidden, "zoomed in, the overview did not come back");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_graph_that_fits_has_no_overview_and_a_phone_has_a_small_one()
    {
        await using (var small = await browser.OpenAsync(PageFile.Write(_files, "small", TestGraphs.Expression("tanh(a * b + c)", "a=1", "b=2", "c=-0.5").Root)))
        {
            await FrameAsync(small);
            var n = await ReadAsync(small);
            Assert.True(n.Hidden, $"a small graph, whole on screen, showed an overview: whole {string.Join(" ", n.Whole)}, visible {string.Join(" ", n.Visible)}");
        }
        await using var phone = await browser.OpenAsync(BigGraph(), 400, 800);
        await FrameAsync(phone);
        var o = await ReadAsync(phone);
        Assert.False(o.Hidden);
        Assert.InRange(o.Width, 24, 121);
        Assert.InRange(o.Height, 16, 81);
        phone.AssertNoErrors();
    }

    [Fact]
    public async Task Stepping_zoomed_in_keeps_the_current_value_and_its_operands_framed()
    {
        var root = TestGraphs.Mlp(16, 16, 1);
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "big", root));
        for (var i = 0; i < 2; i++) await tab.PressAsync("+");
        var framed = 0;
        var drawnSteps = 0;
        foreach (var target in new[] { 5, trace.Count / 3, trace.Count, trace.Count + 1, trace.Count + 2, trace.Count + 40, trace.Steps - 5, trace.Steps - 1 })
        {
            await tab.Page.Locator("#position").FillAsync(target.ToString(CultureInfo.InvariantCulture));
            var current = trace.NodeAt(target);
            var ids = new[] { current }.Concat(trace.Graph.EdgesInto(current).ToArray().Select(e => e.From)).Distinct().ToArray();
            var inside = await tab.Page.EvaluateAsync<bool[]>($$"""
                () => {
                  const area = document.getElementById('graph').getBoundingClientRect();
                  const v = window.explorer.view;
                  return [{{string.Join(",", ids)}}].filter((id) => document.getElementById('n' + id)).map((id) => {
                    const r = document.getElementById('n' + id).querySelector('polygon').getBoundingClientRect();
                    return r.left >= area.left - 0.5 && r.right <= area.right + 0.5 && r.top >= area.top - 0.5 && r.bottom <= area.bottom + 0.5;
                  });
                }
                """);
            // A value the picture leaves out (it draws the values nearest the output of a graph this big) is not framed.
            if (!await tab.Page.EvaluateAsync<bool>($"() => document.getElementById('n{current}') !== null")) continue;
            drawnSteps++;
            Assert.True(inside[0], $"step {target}: the current value n{current} is off screen");
            // The operands are framed with it wherever they fit at this zoom (a neuron's sum can have operands far apart).
            if (inside.All(x => x)) framed++;
        }
        Assert.True(drawnSteps >= 6, $"only {drawnSteps} of the 8 steps' values are drawn");
        Assert.True(framed >= drawnSteps - 1, $"only {framed} of {drawnSteps} steps framed the value with its operands");
        tab.AssertNoErrors();
    }

    /// <summary>A CSS colour (#rrggbb) as its red, green and blue.</summary>
    private static int[] Rgb(string hex) =>
        [.. Enumerable.Range(0, 3).Select(i => int.Parse(hex.AsSpan(1 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
}
