using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Xunit.Abstractions;

namespace Micrograd.Explorer.Tests;

/// <summary>
/// How long a step takes in the browser, at about 300 and 2,000 values drawn, and how fast Play goes at 60 steps a second.
/// The figures are printed, never asserted (a shared machine's timings are not a test); what is asserted is that the steps
/// were taken and ended with the engine's numbers. To see them:
/// <c>dotnet test tests/Micrograd.Explorer.Tests --filter StepSpeed --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StepSpeedTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, int[]> Graphs => new()
    {
        { "mlp 3-8-8-1", [8, 8, 1] },
        { "mlp 3-16-16-16-4-1", [16, 16, 16, 4, 1] },
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public async Task StepSpeed_is_measured_and_printed(string name, int[] widths)
    {
        var root = TestGraphs.Mlp(widths);
        var trace = EngineTrace.Of(root);
        await using var tab = await browser.OpenAsync(PageFile.Write(_files, "speed", root, new ExplorerOptions { MaxDrawnNodes = 5000 }), 1600, 900);
        var state = await tab.ReadAsync();
        Assert.Equal(trace.Count, state.Records.Count);

        // Each step as a key press does it, then the style and layout it leaves for the next frame, forced here so that
        // they are counted: the forward pass, then the backward pass from its start.
        const string Measure = """
            ([from, count]) => {
              const svg = document.querySelector('#graph svg');
              const pos = document.getElementById('position');
              pos.value = String(from);
              pos.dispatchEvent(new Event('input'));
              svg.getBoundingClientRect();
              const times = [];
              for (let i = 0; i < count; i++) {
                const t0 = performance.now();
                document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
                svg.getBoundingClientRect();
                times.push(performance.now() - t0);
              }
              return times;
            }
            """;
        var count = Math.Min(300, trace.Count - 1);
        var forward = await tab.Page.EvaluateAsync<double[]>(Measure, new[] { 0, count });
        var backward = await tab.Page.EvaluateAsync<double[]>(Measure, new[] { trace.ForwardSteps, count });
        Assert.Equal(trace.ForwardSteps + count, (await tab.ReadAsync()).Step);

        // Play at the fastest speed: the steps it reaches per second, from half a second in to two and a half.
        await tab.Page.Locator("#position").FillAsync("0");
        await tab.Page.Locator("#speed").FillAsync("6");
        await tab.ClickAsync("play");
        const string Sample = "() => [window.explorer.step, performance.now()]";
        await tab.Page.WaitForTimeoutAsync(500);
        var first = await tab.Page.EvaluateAsync<double[]>(Sample);
        await tab.Page.WaitForTimeoutAsync(2000);
        var last = await tab.Page.EvaluateAsync<double[]>(Sample);
        await tab.ClickAsync("play");
        var rate = (last[0] - first[0]) / ((last[1] - first[1]) / 1000);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {trace.Count} values drawn; ms per step (script, style and layout), forward {Describe(forward)}, backward {Describe(backward)}; Play at 60 steps/s reached {rate:F1} steps/s"));
        Assert.True(last[0] > first[0], "Play took no step");
        await tab.PressAsync("End");
        Expect.StateAt(trace, trace.Steps, await tab.ReadAsync(), name);
        tab.AssertNoErrors();
    }

    private static string Describe(double[] times)
    {
        var sorted = times.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"mean {times.Average():F2}, median {sorted[sorted.Length / 2]:F2}, 95th percentile {sorted[(int)(sorted.Length * 0.95)]:F2}, max {sorted[^1]:F1} over {times.Length} steps");
    }
}
