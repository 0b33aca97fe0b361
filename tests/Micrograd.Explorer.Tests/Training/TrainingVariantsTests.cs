using System.Globalization;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// Every kind of run makes a page that renders and whose replay equals every number the engine recorded: softmax over three
/// classes, a CSV file, each optimizer, random batches, a validation set, each loss and activation. Each page's numbers at a
/// step are also the log's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingVariantsTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string[]> Runs => new()
    {
        { "softmax over 3 classes", ["--data", "blobs", "--classes", "3", "--loss", "softmax", "--steps", "30", "--hidden", "8,8"] },
        { "a CSV file", ["--data", TrainingRun.Fixture("moons.csv"), "--steps", "25", "--hidden", "8"] },
        { "adam", ["--data", "moons", "--optimizer", "adam", "--steps", "30"] },
        { "momentum, bce and tanh", ["--data", "circles", "--optimizer", "momentum", "--loss", "bce", "--activation", "tanh", "--steps", "30", "--hidden", "8,8"] },
        { "mse and sigmoid", ["--data", "moons", "--loss", "mse", "--activation", "sigmoid", "--l2", "0", "--steps", "20", "--hidden", "6"] },
        { "random batches", ["--data", "moons", "--batch", "16", "--steps", "60"] },
        { "a validation set", ["--data", "spirals", "--validation", "0.2", "--steps", "30", "--hidden", "12,12"] },
        { "softmax, batches and validation", ["--data", "spirals", "--classes", "3", "--loss", "softmax", "--batch", "20", "--validation", "0.25", "--optimizer", "adam", "--steps", "40"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task The_page_renders_and_its_replay_equals_every_recorded_number(string name, string[] args)
    {
        var run = TrainingRun.Make(_files, "run", args);
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var proof = await TrainingView.ProofAsync(tab);
        Assert.True(proof.Done && proof.Differ == 0 && proof.Numbers > 2 * run.Log.Count, $"{name}: {proof}");

        var k = run.Log.Count / 2 + 1;
        await tab.Page.Locator("#position").FillAsync(k.ToString(CultureInfo.InvariantCulture));
        var numbers = await TrainingView.NumbersAsync(tab);
        var log = run.Log[k - 1];
        Assert.Equal($"{Shown.Full(log.Loss)} ✓", numbers["loss"]);
        Assert.Equal($"{Shown.Full(log.Accuracy)} ✓", numbers["accuracy"]);
        if (log.ValidationLoss is { } validationLoss)
        {
            Assert.Equal($"{Shown.Full(validationLoss)} ✓", numbers["validation-loss"]);
            Assert.Equal($"{Shown.Full(log.ValidationAccuracy!.Value)} ✓", numbers["validation-accuracy"]);
        }
        else
        {
            Assert.False(numbers.ContainsKey("validation-loss"));
        }

        // A point's graph renders too, and the network and the regions are drawn.
        await TrainingView.ClickPointAsync(tab, "train", 0);
        Assert.True(await tab.Page.Locator("#sample-body").IsVisibleAsync(), name);
        Assert.True(await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#network line').length") > 0);
        tab.AssertNoErrors();
    }
}
