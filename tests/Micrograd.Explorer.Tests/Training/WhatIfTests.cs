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
        Assert.StartsWith("trained 20 steps in the page from step", await tab.Page.Locator("#train-result").TextContentAsync());
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
        // The page shows the first of them at the step it trained on from.
        await tab.Page.Locator("#position").FillAsync(from.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Shown.Full(log[0].Loss), (await TrainingView.NumbersAsync(tab))["loss"]);
        tab.AssertNoErrors();
    }
}
