using System.Globalization;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// What if: a person adds a point, trains on in the page, exports the data and the model the training started from, and runs
/// the command the page shows: the command line's losses are the page's, bit for bit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WhatIfTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<string> SaveDownloadAsync(ExplorerTab tab, string button)
    {
        var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.ClickAsync(button));
        var path = _files.File(download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }

    /// <summary>Runs the page's command with the exported files, and returns its log's losses.</summary>
    private IReadOnlyList<LogLine> RunCommand(string command, string data, string start)
    {
        var args = command.Split(' ').ToList();
        Assert.Equal(["micrograd", "train"], args.Take(2));
        args = args.Skip(1).Select(a => a == "whatif-data.csv" ? data : a == "whatif-start.json" ? start : a).ToList();
        var log = _files.File("whatif.jsonl");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run([.. args, "--log", log], stdout, stderr);
        Assert.True(code == 0, $"{command}\n{stdout}\n{stderr}");
        return TrainingRun.ReadLog(log);
    }

    [Fact]
    public async Task A_dragged_point_moves_where_it_is_dropped_and_is_exported_there()
    {
        var run = TrainingRun.Make(_files, "drag", "--data", "moons", "--steps", "10", "--hidden", "4");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var from = await tab.Page.EvaluateAsync<double[]>("() => window.training.pointOnPlane('train', 0)");
        var box = (await tab.Page.Locator("#plane").BoundingBoxAsync())!;
        await tab.Page.Mouse.MoveAsync(box.X + (float)from[0], box.Y + (float)from[1]);
        await tab.Page.Mouse.DownAsync();
        await tab.Page.Mouse.MoveAsync(box.X + (float)from[0] + 20, box.Y + (float)from[1] + 10, new MouseMoveOptions { Steps = 5 });
        await tab.Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 4, new MouseMoveOptions { Steps = 5 });
        await tab.Page.Mouse.UpAsync();
        Assert.Equal("1 moved: train on to see the model learn them", await tab.Page.Locator("#edits").TextContentAsync());
        var to = await tab.Page.EvaluateAsync<double[]>("() => window.training.pointOnPlane('train', 0)");
        Assert.Equal(box.Width / 2, to[0], 1.0);
        Assert.Equal(box.Height / 4, to[1], 1.0);
        Assert.False(await tab.Page.Locator("#sample-body").IsVisibleAsync()); // a drag is not a click

        // The export has every training point where it is now: the first moved, the others where the run had them.
        var csv = File.ReadAllLines(await SaveDownloadAsync(tab, "export-data"));
        var data = Micrograd.NN.DataGenerators.Moons(100, 0.1, new Random(1337));
        Assert.Equal(101, csv.Length);
        Assert.NotEqual($"{Shown.Full(data.Features[0][0])},{Shown.Full(data.Features[0][1])},{Shown.Full(data.Labels![0])}", csv[1]);
        Assert.EndsWith($",{Shown.Full(data.Labels![0])}", csv[1], StringComparison.Ordinal);
        for (var i = 1; i < 100; i++) Assert.Equal($"{Shown.Full(data.Features[i][0])},{Shown.Full(data.Features[i][1])},{Shown.Full(data.Labels![i])}", csv[i + 1]);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_steps_learning_rate_reads_for_people_and_trains_on_with_every_digit()
    {
        var run = TrainingRun.Make(_files, "moons", TrainingRun.Moons());
        var rate = Micrograd.NN.LearningRateSchedule.Linear(1.0, 0.1, 100).At(36);
        Assert.Equal("0.6759999999999999", Shown.Full(rate));
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        await tab.Page.Locator("#position").FillAsync("37");
        foreach (var id in new[] { "#train-lr", "#train-lr-end" })
        {
            Assert.Equal("0.676", await tab.Page.Locator(id).InputValueAsync());
            Assert.Contains("0.6759999999999999", await tab.Page.Locator(id).GetAttributeAsync("title"), StringComparison.Ordinal);
        }
        await tab.Page.Locator("#train-steps").FillAsync("2");
        await tab.ClickAsync("train-on");
        await tab.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 2");
        var command = await tab.Page.Locator("#reproduce-command").TextContentAsync() ?? "";
        Assert.Contains("--lr 0.6759999999999999 --lr-end 0.6759999999999999", command, StringComparison.Ordinal);

        // A rate typed by the learner is the rate used.
        await tab.ClickAsync("to-run");
        await tab.Page.Locator("#train-lr").FillAsync("0.5");
        await tab.ClickAsync("train-on");
        await tab.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 2");
        Assert.Contains("--lr 0.5 --lr-end ", await tab.Page.Locator("#reproduce-command").TextContentAsync() ?? "", StringComparison.Ordinal);
        tab.AssertNoErrors();
    }

    public static TheoryData<string, string[], int> Runs => new()
    {
        // The README's moons demo (full batch, SGD): from step 37, a point of class 1 added.
        { "moons", TrainingRun.Moons(), 37 },
        // Random batches and Adam, with a validation set: the page draws its batches as the command line does.
        { "batches", ["--data", "moons", "--steps", "30", "--batch", "16", "--optimizer", "adam", "--validation", "0.2", "--seed", "7"], 12 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_point_added_and_20_steps_in_the_page_give_the_losses_the_command_line_gives(string name, string[] args, int from)
    {
        var run = TrainingRun.Make(_files, name, args);
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        await tab.Page.Locator("#position").FillAsync(from.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(from, await TrainingView.StepAsync(tab));

        // Add a point of class 1 near the plane's top left corner, where no point is.
        await tab.Page.Locator("#add-class").SelectOptionAsync("1");
        await tab.Page.Locator("#plane").ClickAsync(new LocatorClickOptions { Position = new Position { X = 12, Y = 12 } });
        Assert.StartsWith("1 point added", await tab.Page.Locator("#edits").TextContentAsync());
        Assert.Equal("20", await tab.Page.Locator("#train-steps").InputValueAsync());
        await tab.ClickAsync("train-on");
        try
        {
            await tab.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 20");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"training on did not finish: {await tab.Page.Locator("#train-result").TextContentAsync()}\n{string.Join("\n", tab.Errors)}");
        }
        var result = await tab.Page.Locator("#train-result").TextContentAsync() ?? "";
        Assert.StartsWith("trained 20 steps in the page from step", result);
        var losses = await tab.Page.EvaluateAsync<double[]>("() => window.training.branchLosses");

        var data = await SaveDownloadAsync(tab, "export-data");
        var start = await SaveDownloadAsync(tab, "export-start");
        Assert.Equal("whatif-data.csv", Path.GetFileName(data));
        var lines = File.ReadAllLines(data);
        Assert.Equal("x1,x2,label", lines[0]);
        Assert.Equal(1 + (name == "moons" ? 100 : 80) + 1, lines.Length); // the header, the training samples, the point added
        Assert.EndsWith(",1", lines[^1], StringComparison.Ordinal);
        var command = await tab.Page.Locator("#reproduce-command").TextContentAsync() ?? "";
        var log = RunCommand(command, data, start);

        Assert.Equal(20, log.Count);
        for (var k = 0; k < 20; k++) Assert.True(Shown.Full(losses[k]) == Shown.Full(log[k].Loss), $"step {k + 1}: page {Shown.Full(losses[k])}, command line {Shown.Full(log[k].Loss)}\n{command}");
        // It says what the loss fell from on the data it trained on (the points added included), as the command line logs
        // it at its first step; with random batches that is one batch's, so the full-batch run checks it.
        if (!args.Contains("--batch")) Assert.Contains($"loss {Shown.Short(log[0].Loss)} → ", result, StringComparison.Ordinal);
        // The page shows the first of them at the step it trained on from.
        await tab.Page.Locator("#position").FillAsync(from.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Shown.Full(log[0].Loss), (await TrainingView.NumbersAsync(tab))["loss"]);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Adding_and_moving_points_recomputes_no_region_and_marks_the_points_a_fresh_drawing_marks()
    {
        var run = TrainingRun.Make(_files, "add", "--data", "moons", "--steps", "10", "--hidden", "4");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        await tab.PressAsync("End");
        await tab.Page.EvaluateAsync("""
            () => {
              window.regionRuns = 0;
              const compute = TrainingPlane.prototype.computeRegions;
              TrainingPlane.prototype.computeRegions = function (...args) { window.regionRuns++; return compute.apply(this, args); };
              const setPoints = TrainingPlane.prototype.setPoints;
              TrainingPlane.prototype.setPoints = function (...args) { window.plane = this; return setPoints.apply(this, args); };
            }
            """);
        var box = (await tab.Page.Locator("#plane").BoundingBoxAsync())!;
        var corners = new[] { (8f, 8f), (box.Width - 8, 8f), (8f, box.Height - 8), (box.Width - 8, box.Height - 8) };
        var classes = await tab.Page.Locator("#add-class option").EvaluateAllAsync<string[]>("(options) => options.map((o) => o.value)");
        for (var k = 0; k < corners.Length; k++)
        {
            await tab.Page.Locator("#add-class").SelectOptionAsync(classes[k % classes.Length]);
            await tab.Page.Mouse.ClickAsync(box.X + corners[k].Item1, box.Y + corners[k].Item2);
        }
        var from = await tab.Page.EvaluateAsync<double[]>("() => window.training.pointOnPlane('train', 0)");
        await tab.Page.Mouse.MoveAsync(box.X + (float)from[0], box.Y + (float)from[1]);
        await tab.Page.Mouse.DownAsync();
        await tab.Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 3, new MouseMoveOptions { Steps = 5 });
        await tab.Page.Mouse.UpAsync();
        Assert.Equal("4 points added, 1 moved: train on to see the model learn them", await tab.Page.Locator("#edits").TextContentAsync());
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => window.regionRuns"));
        const string Wrong = "() => [...window.plane.wrong].sort().join(' ')";
        var marked = await tab.Page.EvaluateAsync<string>(Wrong);

        // Drawn afresh at the same step (a step back and forth): the same points are marked wrong.
        await tab.PressAsync("ArrowLeft");
        await tab.PressAsync("ArrowRight");
        Assert.Equal(2, await tab.Page.EvaluateAsync<int>("() => window.regionRuns"));
        Assert.Equal(await tab.Page.EvaluateAsync<string>(Wrong), marked);
        Assert.Contains("train:", marked, StringComparison.Ordinal); // some point is wrong: the comparison is not of two empty sets
        tab.AssertNoErrors();
    }
}
