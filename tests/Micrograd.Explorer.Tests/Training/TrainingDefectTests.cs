using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The training page's defects a learner and a front-end engineer found (issue #20), each checked as they met it: a tap on a
/// phone that opened a panel far below, an idle sample that kept the CPU busy, the chart's cut label and its legend over the
/// curves, the header that grew a line, and a sample of zero loss whose all-zero backward pass said nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingDefectTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>, IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task On_a_phone_tapping_a_point_brings_its_graph_into_view()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, 400, 800);
        await TrainingView.ClickPointAsync(tab, "train", 4);
        Assert.Equal("Training sample 5 at step 1", await tab.Page.Locator("#sample-heading").TextContentAsync());
        var heading = (await tab.Page.Locator("#sample-heading").BoundingBoxAsync())!;
        Assert.True(heading.Y >= 0 && heading.Y + heading.Height <= 800, $"the sample's heading is at y = {heading.Y}, off the 800 px screen");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task With_a_sample_open_the_idle_page_costs_under_5_percent_of_a_core()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await TrainingView.ProofAsync(tab); // the page's own check runs in the background at first
        await TrainingView.ClickPointAsync(tab, "train", 4);
        Assert.True(await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#graph g.edge.flow').length") > 0, "the gradient is drawn flowing");
        await tab.Page.WaitForTimeoutAsync(3000);
        Assert.Equal(0, await MainThread.RunningAnimationsAsync(tab.Page));
        var busy = await MainThread.BusyShareAsync(tab.Page);
        Assert.True(busy < 0.05, $"the idle page kept the main thread {busy:P1} busy");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task No_record_of_the_samples_graph_is_under_the_zoom_buttons()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await TrainingView.ClickPointAsync(tab, "train", 4);
        await ExplorerDefectTests.DragARecordToAsync(tab, bottom: false);
        var covered = await tab.Page.EvaluateAsync<string[]>(ExplorerDefectTests.CoveredRecords);
        Assert.True(covered.Length == 0, "records under the zoom buttons: " + string.Join(", ", covered));
        tab.AssertNoErrors();
    }

    private sealed record Box(double Left, double Right, double Top, double Bottom, string? Text = null);

    private sealed record ChartDrawn(Box Frame, List<Box> Ticks, List<Box> Legend);

    [Theory]
    [InlineData(1600, 900)]
    [InlineData(1100, 800)]
    [InlineData(400, 800)]
    public async Task The_charts_loss_labels_are_whole_and_its_legend_is_off_the_curves(int width, int height)
    {
        // Adam with a small L2 brings the loss to about 0.0013: long labels on a log scale.
        var run = TrainingRun.Make(_files, "adam", "--data", "moons", "--steps", "100", "--l2", "1e-5", "--optimizer", "adam", "--lr", "0.05");
        var lowest = run.Log.Min(line => line.Loss);
        await using var tab = await browser.OpenTrainingAsync(run.Page, width, height);
        var json = await tab.Page.EvaluateAsync<string>("() => JSON.stringify(window.training.chartDrawn)");
        var drawn = JsonSerializer.Deserialize<ChartDrawn>(json, Json)!;
        Assert.Contains(drawn.Ticks, tick => tick.Text == Shown.Short(lowest));
        Assert.All(drawn.Ticks, tick => Assert.True(tick.Left >= 0, $"the label {tick.Text} starts at x = {tick.Left}, cut by the canvas's edge"));
        Assert.NotEmpty(drawn.Legend);
        Assert.All(drawn.Legend, key => Assert.True(key.Bottom <= drawn.Frame.Top && key.Top >= 0, $"the legend's '{key.Text}' is over the plot ({key.Top}–{key.Bottom}, plot from {drawn.Frame.Top})"));
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData(1600, 900)]
    [InlineData(1440, 900)]
    [InlineData(1366, 768)]
    [InlineData(1280, 800)]
    [InlineData(1024, 768)]
    [InlineData(400, 800)]
    public async Task The_header_keeps_its_height_through_the_check_and_a_train_on(int width, int height)
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, width, height);
        var header = tab.Page.Locator("header");
        var start = (await header.BoundingBoxAsync())!.Height;
        await TrainingView.ProofAsync(tab);
        Assert.Equal(start, (await header.BoundingBoxAsync())!.Height);
        await GoToAsync(tab, 37);
        await tab.Page.Locator("#train-steps").FillAsync("5");
        await tab.ClickAsync("train-on");
        await tab.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 5");
        Assert.StartsWith("what if:", await tab.Page.Locator("#progress").TextContentAsync());
        Assert.EndsWith("what if: trained in the page", await tab.Page.Locator("#check").TextContentAsync());
        Assert.Equal(start, (await header.BoundingBoxAsync())!.Height);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_sample_of_zero_loss_says_why_its_backward_pass_is_all_zeros()
    {
        const int K = 37;
        var model = moons.ModelAt(K);
        double LossOf(int i) => Loss.Hinge.SampleLoss(model.Forward(moons.Data.Features[i].Select(x => new Value(x)).ToArray()), moons.Data.Labels![i]).Data;
        var losses = Enumerable.Range(0, moons.Data.Count).Select(LossOf).ToArray();
        var quiet = Array.FindIndex(losses, l => l == 0);
        var loud = Array.FindIndex(losses, l => l > 0);
        Assert.True(quiet >= 0 && loud >= 0, "the run has samples of zero and of positive loss at step 37");

        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await GoToAsync(tab, K);
        await TrainingView.ClickPointAsync(tab, "train", quiet);
        Assert.True(await tab.Page.Locator("#sample-quiet").IsVisibleAsync(), "no word on the sample of zero loss");
        Assert.StartsWith("This sample's loss is 0", await tab.Page.Locator("#sample-quiet").TextContentAsync());
        var shares = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#share-rows tr')].map((r) => r.children[1].textContent)");
        Assert.All(shares, share => Assert.True(double.Parse(share, CultureInfo.InvariantCulture) == 0, $"a share of {share}"));

        await TrainingView.ClickPointAsync(tab, "train", loud);
        Assert.False(await tab.Page.Locator("#sample-quiet").IsVisibleAsync());
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_samples_graph_too_big_to_draw_says_how_many_values_are_not_drawn()
    {
        var run = TrainingRun.Make(_files, "wide", "--data", "moons", "--steps", "2", "--hidden", "32,32");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        await TrainingView.ClickPointAsync(tab, "train", 0);

        // The engine's graph of one sample's term of the mean loss, for a network of the same shape.
        var model = new Mlp(2, [32, 32, 1], new Random(1));
        var term = Loss.Hinge.SampleLoss(model.Forward([new Value(0.5), new Value(-0.5)]), 1) * (1.0 / 100);
        var total = Micrograd.Graphs.ComputationGraph.Trace(term).Nodes.Count;
        var drawn = await tab.Page.EvaluateAsync<int>("() => [...document.querySelectorAll('#graph g.node')].filter((g) => /^n\\d+$/.test(g.id)).length");
        Assert.True(drawn < total, $"{drawn} of {total} values drawn");
        Assert.StartsWith($"{total - drawn:N0} of {total:N0} values are not drawn: the picture shows the {drawn:N0} nearest the loss",
            await tab.Page.Locator("#sample-cut").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await tab.Page.Locator("#sample-cut").IsVisibleAsync());
        tab.AssertNoErrors();
    }
}
