using System.Globalization;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// How fast the GPT page moves over its steps, measured and printed, never asserted (a shared machine's clock is no
/// test): the time one step on takes to redraw everything (the model rebuilt by one replayed step), typing a name a
/// character at a time, a step back (from the marks the replay keeps on the way), and the worst seek (a step just before a checkpoint, reached from far: the checkpoint before it
/// restored and interval − 1 steps replayed), with its longest task (a task of over 50 ms, as the browser counts them: the
/// page answers in between). The default run always; the 10,000-step run at width 32 when MICROGRAD_GPT_BENCH=1:
/// <c>MICROGRAD_GPT_BENCH=1 dotnet test tests/Micrograd.Explorer.Tests -c Release --filter GptStepSpeed --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GptStepSpeedTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Measure = """
        async () => {
          const gpt = window.gpt;
          const run = gpt.run;
          const wait = () => new Promise((resolve) => { const check = () => (gpt.shown === gpt.position ? resolve() : setTimeout(check, 0)); check(); });
          const later = () => new Promise((resolve) => setTimeout(resolve, 0)); // each move in a task of its own, as a key press is
          const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
          gpt.goTo(Math.round(run.steps * 0.437));
          await wait();
          const steps = [];
          for (let k = 0; k < 30; k++) {
            await later();
            const t = performance.now();
            gpt.goTo(gpt.position + 1);
            await wait();
            steps.push(performance.now() - t);
          }
          const typing = [];
          for (const name of ["k", "ka", "kar", "karp", "karpa", "karpat", "karpath", "karpathy"]) {
            await later();
            const t = performance.now();
            gpt.setName(name);
            typing.push(performance.now() - t);
          }
          gpt.goTo(0);
          await wait();
          await new Promise((resolve) => setTimeout(resolve, 100));
          let longest = 0;
          const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
          observer.observe({ type: "longtask" });
          await later();
          const target = run.checkpointSteps[1] + run.interval - 1;
          const t = performance.now();
          gpt.goTo(target);
          const first = performance.now() - t;
          await wait();
          const seek = performance.now() - t;
          await new Promise((resolve) => setTimeout(resolve, 200));
          observer.disconnect();
          const back = [];
          for (let k = 0; k < 20; k++) {
            await later();
            const b = performance.now();
            gpt.goTo(gpt.position - 1);
            await wait();
            back.push(performance.now() - b);
          }
          return [median(steps), Math.max(...steps), median(typing), Math.max(...typing), target, first, seek, longest, run.interval, run.steps, median(back), Math.max(...back)];
        }
        """;

    private async Task MeasureAsync(string what, string[] arguments)
    {
        using var folder = new TempDirectory();
        var page = folder.File("run.html");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(CliApp.Run(["gpt", "--samples", "1", .. arguments, "--html", page], stdout, stderr) == 0, stderr.ToString());
        var size = new FileInfo(page).Length;
        await using var tab = await ExplorerTab.OpenAsync(browser.Browser, page, 1600, 900, "", "() => window.gpt !== undefined");
        var started = DateTime.UtcNow;
        await tab.Page.WaitForFunctionAsync("() => window.gpt.proof && window.gpt.proof.done", null, new PageWaitForFunctionOptions { Timeout = 600_000, PollingInterval = 200 });
        var proofSeconds = (DateTime.UtcNow - started).TotalSeconds;
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => window.gpt.proof.differ"));
        var m = await tab.Page.EvaluateAsync<double[]>(Measure);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: page {size:N0} bytes, weights stored every {m[8]:N0} of {m[9]:N0} steps; the proof ended {proofSeconds:0.#} s after the page was ready; " +
            $"one step on: median {m[0]:0.#} ms, worst {m[1]:0.#} ms (of 30); one step back (20 from there): median {m[10]:0.#} ms, worst {m[11]:0.#} ms; typing a character: median {m[2]:0.#} ms, worst {m[3]:0.#} ms; " +
            $"the worst seek (to step {m[4]:N0}, {m[8] - 1:N0} steps replayed): {m[6]:0.#} ms in all, {m[5]:0.#} ms before the page answers again, {(m[7] == 0 ? "no task over 50 ms" : $"longest task {m[7]:0.#} ms")}"));
        tab.AssertNoErrors();
    }

    [Fact]
    public Task The_default_runs_step_moves_are_measured() => MeasureAsync("default run", []);

    [Fact]
    public async Task A_10000_step_run_at_width_32_is_measured_when_asked()
    {
        if (Environment.GetEnvironmentVariable("MICROGRAD_GPT_BENCH") != "1")
        {
            output.WriteLine("set MICROGRAD_GPT_BENCH=1 to measure the 10,000-step run at width 32");
            return;
        }
        await MeasureAsync("10,000 steps at width 32", ["--steps", "10000", "--embd", "32"]);
    }
}
