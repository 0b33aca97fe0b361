using System.Diagnostics;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Support;

/// <summary>How busy a page's main thread is, from Chromium's own task timings (the DevTools Performance domain).</summary>
public static class MainThread
{
    /// <summary>
    /// The share of wall time the page's main thread spent running tasks (script, style, layout, paint) over
    /// <paramref name="milliseconds"/>: Performance.getMetrics' TaskDuration before and after, over the time between.
    /// </summary>
    public static async Task<double> BusyShareAsync(IPage page, int milliseconds = 2000)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var before = await TaskSecondsAsync(cdp);
        var clock = Stopwatch.StartNew();
        await Task.Delay(milliseconds);
        var after = await TaskSecondsAsync(cdp);
        var elapsed = clock.Elapsed.TotalSeconds;
        await cdp.SendAsync("Performance.disable");
        await cdp.DetachAsync();
        return (after - before) / elapsed;
    }

    private static async Task<double> TaskSecondsAsync(ICDPSession cdp)
    {
        var result = await cdp.SendAsync("Performance.getMetrics") ?? throw new InvalidOperationException("no metrics");
        foreach (var metric in result.GetProperty("metrics").EnumerateArray())
        {
            if (metric.GetProperty("name").GetString() == "TaskDuration") return metric.GetProperty("value").GetDouble();
        }
        throw new InvalidOperationException("Chromium reported no TaskDuration: " + result.GetRawText());
    }

    /// <summary>The page's animations that are running now (CSS animations and transitions included).</summary>
    public static Task<int> RunningAnimationsAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.getAnimations().filter((a) => a.playState === 'running').length");
}
