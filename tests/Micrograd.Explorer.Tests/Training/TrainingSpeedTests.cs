using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Xunit.Abstractions;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The training page's size and speed, printed and never asserted (a shared machine's timings are not a test; what is
/// asserted is that the work was done): the page of the 100-step moons demo and of 10,000-step runs; in headless Chromium,
/// jumping to any step (rebuilding it from its checkpoint and drawing it), redrawing the decision regions over 100×100 cells,
/// training on in the page (drawing included), and the page's check of a whole 10,000-step run. To see them:
/// <c>dotnet test tests/Micrograd.Explorer.Tests --filter TrainingSpeed --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingSpeedTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string Describe(double[] times)
    {
        var sorted = times.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"median {sorted[sorted.Length / 2]:F1}, 95th percentile {sorted[(int)(sorted.Length * 0.95)]:F1}, max {sorted[^1]:F1} ms over {times.Length}");
    }

    private static string Size(string path) => string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(path).Length / 1e6:F2} MB");

    /// <summary>Jumps to random steps as the slider does, timing each: rebuilding the step, and drawing it (style and layout forced).</summary>
    private static async Task<(double[] Rebuild, double[] Whole)> JumpsAsync(ExplorerTab tab, int steps, int count)
    {
        var times = await tab.Page.EvaluateAsync<double[][]>($$"""
            () => {
              let seed = 7;
              const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
              const rebuild = [];
              const whole = [];
              for (let i = 0; i < {{count}}; i++) {
                const p = 1 + Math.floor(random() * {{steps}});
                const t0 = performance.now();
                rebuild.push(window.training.goTo(p));
                document.body.getBoundingClientRect();
                whole.push(performance.now() - t0);
              }
              return [rebuild, whole];
            }
            """);
        return (times[0], times[1]);
    }

    [Fact]
    public async Task TrainingSpeed_of_the_moons_page_is_measured_and_printed()
    {
        var run = TrainingRun.Make(_files, "moons", TrainingRun.Moons());
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var (rebuild, whole) = await JumpsAsync(tab, 100, 60);

        var regions = await tab.Page.EvaluateAsync<double[]>("""
            () => {
              const times = [];
              for (let i = 0; i < 40; i++) {
                const t0 = performance.now();
                window.training.drawRegions();
                document.body.getBoundingClientRect();
                times.push(performance.now() - t0);
              }
              return times;
            }
            """);
        var regionsMedian = regions.Order().ElementAt(regions.Length / 2);

        await tab.Page.Locator("#position").FillAsync("50");
        await tab.Page.Locator("#train-steps").FillAsync("200");
        await tab.ClickAsync("train-on");
        await tab.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 200", null, new() { Timeout = 120_000 });
        var trainOn = await tab.Page.EvaluateAsync<double>("() => window.training.trainOnRate");
        var proof = await TrainingView.ProofAsync(tab);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"moons demo, 100 steps, 2-16-16-1 on 100 samples: page {Size(run.Page)}; jump to a random step: rebuilding it {Describe(rebuild)}, " +
            $"rebuilding and drawing it {Describe(whole)}; decision regions 100×100: {Describe(regions)} ({1000 / regionsMedian:F0} frames a second at the median); " +
            $"training on in the page: {trainOn:F0} steps a second over 200 steps, drawing each frame"));
        Assert.True(proof.Differ == 0 && whole.Length == 60 && regions.Length == 40 && trainOn > 0, proof.ToString());
        tab.AssertNoErrors();
    }

    public static TheoryData<string, string[]> LongRuns => new()
    {
        { "moons demo, 10,000 full-batch SGD steps", [.. TrainingRun.Moons(10_000)] },
        { "moons, 10,000 steps of Adam in batches of 32, 20% validation", ["--data", "moons", "--steps", "10000", "--optimizer", "adam", "--batch", "32", "--validation", "0.2"] },
    };

    [Theory]
    [MemberData(nameof(LongRuns))]
    public async Task TrainingSpeed_of_10000_steps_is_measured_and_printed(string name, string[] args)
    {
        var run = TrainingRun.Make(_files, "long", args);
        Assert.Equal(10_000, run.Log.Count);
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var opened = await tab.Page.EvaluateAsync<double>("() => performance.now()");
        var (rebuild, whole) = await JumpsAsync(tab, 10_000, 40);
        var proof = await TrainingView.ProofAsync(tab);
        var checkedAt = await tab.Page.EvaluateAsync<double>("() => performance.now()");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: page {Size(run.Page)}; jump to a random step: rebuilding it {Describe(rebuild)}, rebuilding and drawing it {Describe(whole)}; " +
            $"the page's check of all {proof.Numbers:N0} numbers ended {(checkedAt - opened) / 1000:F1} s after the page opened (while the jumps ran)"));
        Assert.True(proof.Differ == 0, proof.ToString());
        tab.AssertNoErrors();
    }
}
