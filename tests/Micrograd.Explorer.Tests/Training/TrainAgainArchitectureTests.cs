using System.Globalization;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// Train again with another network (issue #20 item 3): other hidden sizes, activation and loss. The page rebuilds itself for
/// the new network (the settings in its #hash), trains it from step 1, and shows the command line that computes the same
/// numbers: that command's log has the page's losses, bit for bit; its saved model gives the numbers of a sample's graph;
/// the network, the neuron maps and the sample graph are the new network's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainAgainArchitectureTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string Bits(double x) => BitConverter.DoubleToInt64Bits(x).ToString("X16", CultureInfo.InvariantCulture);

    public static TheoryData<string, string[], string[]> Runs => new()
    {
        // hinge, relu, one hidden layer → two tanh layers and bce, on moons.
        { "bce-tanh", ["--data", "moons", "--steps", "5", "--hidden", "4"], ["moons", "60", "0.1", "0", "5", "8", "8,8", "tanh", "bce"] },
        // random batches → three sigmoid layers and mse, on circles with a validation share, with adam.
        { "mse-sigmoid", ["--data", "moons", "--steps", "5", "--hidden", "4", "--batch", "16"], ["circles", "50", "0.05", "0.2", "7", "6", "3,5,2", "sigmoid", "mse", "adam", "0.02", "0.002"] },
        // softmax over 3 classes → other sizes and a linear activation (softmax is the only loss of 3 classes).
        { "softmax-3", ["--data", "spirals", "--classes", "3", "--loss", "softmax", "--steps", "5", "--hidden", "6"], ["spirals", "90", "0.05", "0.2", "3", "6", "5,4", "linear", "softmax"] },
        // hinge of two classes → softmax over two outputs, no hidden layer... and one of 16,16 relu.
        { "softmax-2", ["--data", "moons", "--steps", "5", "--hidden", "4"], ["moons", "40", "0.1", "0", "2", "5", "16,16", "relu", "softmax"] },
        { "no-hidden", ["--data", "moons", "--steps", "5", "--hidden", "4"], ["blobs", "40", "0.6", "0", "4", "5", "none", "relu", "hinge"] },
    };

    private static async Task FillAsync(ExplorerTab tab, string[] fields)
    {
        var page = tab.Page;
        await page.Locator("#again-data").SelectOptionAsync(fields[0]);
        string[] ids = ["again-samples", "again-noise", "again-validation", "again-seed", "again-steps", "again-hidden"];
        for (var i = 0; i < ids.Length; i++) await page.Locator("#" + ids[i]).FillAsync(fields[i + 1]);
        await page.Locator("#again-activation").SelectOptionAsync(fields[7]);
        await page.Locator("#again-loss").SelectOptionAsync(fields[8]);
        if (fields.Length > 9)
        {
            await page.Locator("#again-optimizer").SelectOptionAsync(fields[9]);
            await page.Locator("#again-lr").FillAsync(fields[10]);
            await page.Locator("#again-lr-end").FillAsync(fields[11]);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Training_another_network_in_the_page_gives_the_numbers_of_the_command_line_it_shows(string name, string[] args, string[] fields)
    {
        var run = TrainingRun.Make(_files, name, args);
        await using var tab = await browser.OpenTrainingAsync(run.Page, 1600, 900);
        await FillAsync(tab, fields);
        // The page reloads, rebuilt for the new network, and trains it.
        await tab.Page.RunAndWaitForRequestAsync(() => tab.Page.Locator("#again-hidden").PressAsync("Enter"), tab.Url);
        await tab.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        var steps = int.Parse(fields[5], CultureInfo.InvariantCulture);
        try
        {
            await tab.Page.WaitForFunctionAsync($"() => window.training && !window.training.trainingOn && window.training.branchLosses.length === {steps}");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"training again did not finish: {await tab.Page.Locator("#again-result").TextContentAsync()}\n{string.Join("\n", tab.Errors)}");
        }
        Assert.StartsWith($"trained {steps} steps in the page on {fields[0]}", await tab.Page.Locator("#again-result").TextContentAsync());
        Assert.Contains("the engine recorded no run of it", await tab.Page.Locator("#check").TextContentAsync(), StringComparison.Ordinal);
        var losses = await tab.Page.EvaluateAsync<double[]>("() => window.training.branchLosses");
        var command = await tab.Page.Locator("#again-command").TextContentAsync() ?? "";
        var hidden = fields[6];
        Assert.Contains($" --hidden {hidden} ", command, StringComparison.Ordinal);
        Assert.Contains($" --loss {fields[8]} ", command, StringComparison.Ordinal);
        if (hidden != "none") Assert.Contains($" --activation {fields[7]} ", command, StringComparison.Ordinal);

        // The command line, run as a person would run it (with a log, and the trained model saved).
        var words = command.Split(' ');
        Assert.Equal(["micrograd", "train"], words.Take(2));
        var log = _files.File(name + "-again.jsonl");
        var saved = _files.File(name + "-again.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run([.. words.Skip(1), "--log", log, "--save", saved], stdout, stderr);
        Assert.True(code == 0, $"{command}\n{stdout}\n{stderr}");
        var logged = TrainingRun.ReadLog(log);
        Assert.Equal(steps, logged.Count);
        for (var k = 0; k < steps; k++)
            Assert.True(Bits(losses[k]) == Bits(logged[k].Loss), $"step {k + 1}: page {losses[k]:R}, command line {logged[k].Loss:R}\n{command}");

        // The panels are the new network's: every parameter in the network view, every hidden neuron's map.
        var model = ModelFile.Load(saved);
        Assert.Equal(model.Parameters.Count, await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#network [data-parameter]').length"));
        var hiddenCount = model.Layers.Take(model.Layers.Count - 1).Sum(l => l.OutputCount);
        Assert.Equal(hiddenCount, (await tab.Page.EvaluateAsync<string[]>("() => window.training.neuronMaps.names")).Length);
        Assert.Equal(hiddenCount, await tab.Page.Locator("#neuron-maps canvas").CountAsync());

        // A point's graph, after the last step: the saved model's scores, and its shares of the gradient the engine's.
        Assert.Equal(steps + 1, await TrainingView.StepAsync(tab));
        const int sample = 3;
        await TrainingView.ClickPointAsync(tab, "train", sample);
        Assert.True(await tab.Page.Locator("#sample-body").IsVisibleAsync(), "no graph shown; " + string.Join("\n", tab.Errors));
        var train = await tab.Page.EvaluateAsync<double[]>("() => window.training.train.features");
        var labels = await tab.Page.EvaluateAsync<double[]>("() => window.training.train.labels");
        double[] row = [train[2 * sample], train[2 * sample + 1]];
        Assert.Equal(string.Join(",", model.Evaluate(row).Select(Shown.Full)), await tab.Page.Locator("#sample-about").GetAttributeAsync("data-scores"));
        var term = Loss.Parse(fields[8]).SampleLoss(model.Forward(row.Select(x => new Value(x)).ToArray()), labels[sample]) * (1.0 / labels.Length);
        model.ZeroGrad();
        term.Backward();
        var names = model.Parameters.Select(p => p.Label).ToArray();
        var shares = await tab.Page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#share-rows tr')].map((r) => [...r.children].map((c) => c.textContent))");
        Assert.Equal(model.Parameters.Count, shares.Length);
        foreach (var cells in shares) Assert.Equal(Shown.Full(model.Parameters[Array.IndexOf(names, cells[0])].Grad), cells[1]);
        // Its picture is laid out in the page: one record a value drawn.
        var nodes = await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#graph svg g.node:not([id$=\"_op\"])').length");
        Assert.True(nodes > 0, "no sample picture");
        Assert.Contains("laid out in the page", await tab.Page.Locator("#sample-cut").TextContentAsync(), StringComparison.Ordinal);
        tab.AssertNoErrors();
    }
}
