using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The loss chart draws its ground (frame, ticks, curves) once and, at each step, only the marker and the legend over it: a
/// step does not draw the curves again, and what it shows is what a chart drawn afresh at that step shows, pixel for pixel.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingChartTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>
{
    /// <summary>A checksum (FNV-1a) of the chart canvas's pixels, with its size.</summary>
    private const string Pixels = """
        () => {
          const c = document.getElementById('chart');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let h = 2166136261;
          for (let i = 0; i < d.length; i++) { h ^= d[i]; h = Math.imul(h, 16777619) >>> 0; }
          return `${c.width}x${c.height} ${h}`;
        }
        """;

    [Fact]
    public async Task Stepping_draws_only_the_marker_over_the_ground_and_shows_what_a_fresh_chart_shows()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        // From step 2 on: the page's panels have their height of the middle steps (the first and the last steps' texts differ).
        await tab.PressAsync("ArrowRight");
        await tab.Page.EvaluateAsync("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await tab.Page.EvaluateAsync("""
            () => {
              window.grounds = 0;
              const original = TrainingChart.prototype.drawGround;
              TrainingChart.prototype.drawGround = function () { window.grounds++; return original.call(this); };
            }
            """);
        var first = await tab.Page.EvaluateAsync<string>(Pixels);
        foreach (var key in new[] { "ArrowRight", "PageDown", "ArrowLeft" }) await tab.PressAsync(key);
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => window.grounds"));
        var stepped = await tab.Page.EvaluateAsync<string>(Pixels);
        Assert.NotEqual(first, stepped); // the marker moved

        // A resize draws the chart afresh, ground and all: the same pixels.
        var size = tab.Page.ViewportSize!;
        await tab.Page.SetViewportSizeAsync(size.Width - 40, size.Height);
        await tab.Page.WaitForFunctionAsync("() => window.grounds >= 1");
        await tab.Page.SetViewportSizeAsync(size.Width, size.Height);
        await tab.Page.WaitForFunctionAsync("() => window.grounds >= 2");
        Assert.Equal(stepped, await tab.Page.EvaluateAsync<string>(Pixels));

        // And back at step 2: the marker's old place is clean again.
        await tab.PressAsync("PageUp");
        Assert.Equal(2, await tab.Page.EvaluateAsync<int>("() => window.training.step"));
        Assert.Equal(first, await tab.Page.EvaluateAsync<string>(Pixels));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_plane_and_the_chart_read_their_place_once_per_gesture_not_at_each_pointer_move()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await tab.Page.EvaluateAsync(LayoutReads.Install);
        var plane = (await tab.Page.Locator("#plane").BoundingBoxAsync())!;
        await tab.Page.Mouse.MoveAsync(plane.X + 5, plane.Y + 5);
        await tab.Page.Mouse.MoveAsync(plane.X + plane.Width - 5, plane.Y + plane.Height - 5, new() { Steps = 20 }); // hovering
        var hover = await tab.Page.EvaluateAsync<int>(LayoutReads.Count);
        Assert.True(hover <= 1, $"hovering over the plane read layout {hover} times");

        // From step 2 (the first step's panels are of another height: the chart would be resized, and read again, once).
        await tab.PressAsync("ArrowRight");
        await tab.Page.EvaluateAsync("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await tab.Page.EvaluateAsync(LayoutReads.Reset);
        var chart = (await tab.Page.Locator("#chart").BoundingBoxAsync())!;
        await tab.Page.Mouse.MoveAsync(chart.X + chart.Width * 0.3f, chart.Y + chart.Height / 2);
        await tab.Page.Mouse.DownAsync();
        await tab.Page.Mouse.MoveAsync(chart.X + chart.Width * 0.6f, chart.Y + chart.Height / 2, new() { Steps = 20 });
        await tab.Page.Mouse.UpAsync();
        Assert.True(await tab.Page.EvaluateAsync<int>("() => window.training.step") > 40); // the drag moved through the steps
        var drag = await tab.Page.EvaluateAsync<int>(LayoutReads.Count);
        Assert.True(drag <= 1, $"dragging on the chart read layout {drag} times");
        tab.AssertNoErrors();
    }
}
