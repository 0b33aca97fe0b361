using System.Globalization;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;
using Xunit.Abstractions;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// Train again with another network (issue #20 item 3): other hidden sizes, activation and loss. The page rebuilds itself for
/// the new network (the settings in its #hash), trains it from step 1, and shows the command line that computes the same
/// numbers: that command's log has the page's losses, bit for bit; its saved model gives the numbers of a sample's graph;
/// the network, the neuron maps and the sample graph are the new network's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainAgainArchitectureTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
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
        Assert.Equal("", await tab.Page.Locator("#train-result").TextContentAsync()); // no progress line left behind
        var losses = await tab.Page.EvaluateAsync<double[]>("() => window.training.branchLosses");
        var command = await tab.Page.Locator("#again-command").TextContentAsync() ?? "";
        Assert.Equal(command, await tab.Page.Locator("#command").TextContentAsync()); // the header names the page's network
        Assert.StartsWith($"{fields[0]}: MLP 2-", await tab.Page.Locator("#title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains($" loss, trained in the page", await tab.Page.Locator("#title").TextContentAsync(), StringComparison.Ordinal);
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

    /// <summary>
    /// Hidden sizes the page refuses (bounded: at most 4 layers of 1 to 64 neurons): a clear message, the field marked, and no
    /// training (the page is not rebuilt). A link whose #hash holds such settings shows the recorded run with the message.
    /// </summary>
    [Fact]
    public async Task Bad_hidden_sizes_give_a_message_and_do_not_train()
    {
        var run = TrainingRun.Make(_files, "bad", "--data", "moons", "--steps", "3", "--hidden", "4");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var page = tab.Page;
        foreach (var bad in new[] { "", "0", "-3", "65", "99999999999", "1e3", "1,,2", "abc", "8,", "1,2,3,4,5", "2.5", "16;16" })
        {
            await page.Locator("#again-hidden").FillAsync(bad);
            await page.Locator("#train-again").ClickAsync();
            Assert.Equal("bad", await page.Locator("#again-result").GetAttributeAsync("class"));
            Assert.Contains("hidden sizes must be whole numbers from 1 to 64 separated by commas", await page.Locator("#again-result").TextContentAsync(), StringComparison.Ordinal);
            Assert.Contains("bad", await page.Locator("#again-hidden").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.False(await page.EvaluateAsync<bool>("() => window.training.trainingOn"));
            Assert.Empty(await page.EvaluateAsync<double[]>("() => window.training.branchLosses"));
            Assert.DoesNotContain("hidden=", await page.EvaluateAsync<string>("() => location.hash"), StringComparison.Ordinal);
        }
        // Sizes within bounds, but too large a step graph for the samples: refused too, with the reason.
        await page.Locator("#again-hidden").FillAsync("64,64,64,64");
        await page.Locator("#again-samples").FillAsync("10000");
        await page.Locator("#train-again").ClickAsync();
        Assert.Equal("bad", await page.Locator("#again-result").GetAttributeAsync("class"));
        Assert.Contains("more than the page's 5,000,000: choose fewer samples or a smaller network", await page.Locator("#again-result").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await page.EvaluateAsync<double[]>("() => window.training.branchLosses"));
        await page.Locator("#again-samples").FillAsync("100");

        // A good size clears the mark and trains (the run's own network: no rebuild).
        await page.Locator("#again-hidden").FillAsync("4");
        await page.Locator("#again-steps").FillAsync("2");
        await page.Locator("#train-again").ClickAsync();
        await page.WaitForFunctionAsync("() => window.training.branchLosses.length === 2 && !window.training.trainingOn");
        Assert.DoesNotContain("bad", await page.Locator("#again-hidden").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        tab.AssertNoErrors();

        // A link with bad settings: the recorded run, its proof, and the message.
        await using var linked = await browser.OpenTrainingAsync(run.Page, hash: "#data=moons&samples=100&noise=0.1&validation=0&seed=1&steps=3&optimizer=sgd&lr=1&lr-end=0.1&hidden=1%2C%2C2&activation=tanh&loss=nope");
        var proof = await TrainingView.ProofAsync(linked);
        Assert.True(proof.Done && proof.Differ == 0, proof.ToString());
        var message = await linked.Page.Locator("#again-result").TextContentAsync() ?? "";
        Assert.StartsWith("the link's train-again settings: ", message, StringComparison.Ordinal);
        Assert.Contains("hidden sizes must be", message, StringComparison.Ordinal);
        Assert.Contains("the loss must be one of hinge, bce, mse, softmax", message, StringComparison.Ordinal);
        Assert.Empty(await linked.Page.EvaluateAsync<double[]>("() => window.training.branchLosses"));
        linked.AssertNoErrors();
    }

    /// <summary>The new fields are labelled and reached by Tab after the steps, before the optimizer.</summary>
    [Fact]
    public async Task The_new_fields_are_labelled_and_reached_by_tab()
    {
        var run = TrainingRun.Make(_files, "keys", "--data", "spirals", "--classes", "3", "--loss", "softmax", "--steps", "2", "--hidden", "4");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var page = tab.Page;
        await page.Locator("#again-steps").FocusAsync();
        foreach (var (id, label) in new[] { ("again-hidden", "hidden"), ("again-activation", "activation"), ("again-loss", "loss"), ("again-optimizer", "optimizer") })
        {
            await tab.PressAsync("Tab");
            Assert.Equal(id, await page.EvaluateAsync<string>("() => document.activeElement.id"));
            Assert.Equal(label, await page.EvaluateAsync<string>("(id) => document.getElementById(id).labels[0].firstChild.textContent.trim()", id));
        }
        // The fields start as the run was made; softmax is the only loss of three classes.
        Assert.Equal("4", await page.Locator("#again-hidden").InputValueAsync());
        Assert.Equal("relu", await page.Locator("#again-activation").InputValueAsync());
        Assert.Equal(["softmax"], await page.Locator("#again-loss option").AllTextContentsAsync());
        Assert.NotNull(await page.Locator("#again-hidden").GetAttributeAsync("aria-describedby"));
        tab.AssertNoErrors();
    }

    /// <summary>
    /// On a rebuilt page: a train-again of the same network (another seed) trains without a rebuild and keeps its settings in
    /// the #hash, so that opening that link trains it again, to the same losses; "back to the run" opens the recorded run,
    /// whose proof holds. A 2-32-32-2 softmax network (a sample graph of more than 1,000 values, drawn cut) too.
    /// </summary>
    [Fact]
    public async Task A_rebuilt_page_trains_again_keeps_its_link_and_goes_back_to_the_run()
    {
        var run = TrainingRun.Make(_files, "link", "--data", "moons", "--steps", "3", "--hidden", "4");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var page = tab.Page;
        await FillAsync(tab, ["moons", "100", "0.1", "0", "1", "100", "32,32", "relu", "softmax"]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.RunAndWaitForRequestAsync(() => page.Locator("#train-again").ClickAsync(), tab.Url);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        await page.WaitForFunctionAsync("() => window.training && !window.training.trainingOn && window.training.branchLosses.length === 100", null, new() { Timeout = 120_000 });
        output.WriteLine($"2-32-32-2 softmax, moons 100 samples, 100 steps: rebuilt and trained in {clock.ElapsedMilliseconds} ms ({await page.EvaluateAsync<double>("() => window.training.trainOnRate"):F0} steps/s)");
        await TrainingView.ClickPointAsync(tab, "train", 0);
        Assert.Contains("values are not drawn", await page.Locator("#sample-cut").TextContentAsync(), StringComparison.Ordinal);

        // The same network, another seed: no rebuild; the link keeps the settings.
        await page.Locator("#again-seed").FillAsync("2");
        await page.Locator("#again-steps").FillAsync("4");
        await page.Locator("#train-again").ClickAsync();
        await page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 4");
        var losses = await page.EvaluateAsync<double[]>("() => window.training.branchLosses");
        var hash = await page.EvaluateAsync<string>("() => location.hash");
        Assert.Contains("seed=2&steps=4", hash, StringComparison.Ordinal);
        Assert.Contains("hidden=32%2C32", hash, StringComparison.Ordinal);
        await using (var linked = await browser.OpenTrainingAsync(run.Page, hash: hash))
        {
            await linked.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 4");
            Assert.Equal(losses.Select(Bits), (await linked.Page.EvaluateAsync<double[]>("() => window.training.branchLosses")).Select(Bits));
            linked.AssertNoErrors();
        }

        // Train on from step 3 (what if): the new network and its loss.
        await page.Locator("#position").FillAsync("3");
        await page.Locator("#train-steps").FillAsync("2");
        await tab.ClickAsync("train-on");
        await page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 4 && window.training.steps === 5");
        Assert.Contains("--loss softmax", await page.Locator("#reproduce-command").TextContentAsync() ?? "", StringComparison.Ordinal);

        // Back to the run: the recorded run of 2-4-1 (17 parameters), checked against the engine.
        await page.RunAndWaitForRequestAsync(() => page.Locator("#to-run").ClickAsync(), tab.Url);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        await page.WaitForFunctionAsync("() => window.training !== undefined");
        var proof = await TrainingView.ProofAsync(tab);
        Assert.True(proof.Done && proof.Differ == 0, proof.ToString());
        Assert.Equal(17, await page.EvaluateAsync<int>("() => document.querySelectorAll('#network [data-parameter]').length"));
        Assert.DoesNotContain("hidden=", await page.EvaluateAsync<string>("() => location.hash"), StringComparison.Ordinal);
        tab.AssertNoErrors();
    }
}
