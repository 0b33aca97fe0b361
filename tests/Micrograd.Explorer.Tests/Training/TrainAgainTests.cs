using System.Globalization;
using Micrograd.Cli;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// Train again (issue #20 item 3): the page makes a new data set, holds out its validation samples and initialises the
/// network from a seed as <c>micrograd train</c> does, trains from step 1, and shows the command line that computes the
/// same numbers; that command's log has the page's losses, bit for bit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainAgainTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string Bits(double x) => BitConverter.DoubleToInt64Bits(x).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>
    /// The browser's cosines, sines and logarithms against .NET's (the C library's) on the arguments the generators use (Box–Muller's
    /// 2πu and 1 − u): the page generates data with them, so they must be .NET's, bit for bit.
    /// </summary>
    [Fact]
    public async Task The_browsers_cos_sin_and_log_equal_dotnets_on_the_generators_arguments()
    {
        var run = TrainingRun.Make(_files, "maths", "--data", "moons", "--steps", "2", "--hidden", "2");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var random = new Random(5);
        const int n = 20000;
        var angles = Enumerable.Range(0, n).Select(_ => 2.0 * Math.PI * random.NextDouble()).Concat(Enumerable.Range(1, 999).Select(i => Math.PI * i / 999)).ToArray();
        // (0 is left out: it reaches the page as -0.)
        var uniforms = Enumerable.Range(0, n).Select(_ => 1.0 - random.NextDouble()).ToArray();
        var page = await tab.Page.EvaluateAsync<double[][]>("([a, u]) => [a.map((x) => Math.cos(x)), a.map((x) => Math.sin(x)), u.map((x) => Math.log(x))]", new object[] { angles, uniforms });
        for (var i = 0; i < angles.Length; i++)
        {
            Assert.True(Bits(page[0][i]) == Bits(Math.Cos(angles[i])), $"cos({angles[i]:R}): page {page[0][i]:R}, .NET {Math.Cos(angles[i]):R}");
            Assert.True(Bits(page[1][i]) == Bits(Math.Sin(angles[i])), $"sin({angles[i]:R}): page {page[1][i]:R}, .NET {Math.Sin(angles[i]):R}");
        }
        for (var i = 0; i < n; i++) Assert.True(Bits(page[2][i]) == Bits(Math.Log(uniforms[i])), $"log({uniforms[i]:R}): page {page[2][i]:R}, .NET {Math.Log(uniforms[i]):R}");
        tab.AssertNoErrors();
    }

    public static TheoryData<string, int, double, int, int> DataSets => new()
    {
        { "moons", 100, 0.1, 1337, 2 },
        { "circles", 60, 0.05, 11, 2 },
        { "blobs", 90, 0.6, 2, 3 },
        { "spirals", 80, 0.05, 3, 4 },
    };

    /// <summary>The page's generated data against DataGenerators', bit for bit, and how many numbers differ.</summary>
    [Theory]
    [MemberData(nameof(DataSets))]
    public async Task The_page_generates_the_data_DataGenerators_generates(string name, int count, double noise, int seed, int classes)
    {
        var run = TrainingRun.Make(_files, "data", "--data", "moons", "--steps", "2", "--hidden", "2");
        await using var tab = await browser.OpenTrainingAsync(run.Page);
        var page = await tab.Page.EvaluateAsync<double[][]>(
            "([name, count, noise, seed, classes]) => { const d = TrainingData.generate(name, count, noise, seed, classes); return [Array.from(d.features), Array.from(d.labels)]; }",
            new object[] { name, count, noise, seed, classes });
        var data = DataGenerators.Generate(name, count, noise, new Random(seed), classes);
        var features = data.Features.SelectMany(row => row).ToArray();
        Assert.Equal(features.Length, page[0].Length);
        var differ = Enumerable.Range(0, features.Length).Where(i => Bits(features[i]) != Bits(page[0][i])).ToList();
        Assert.True(differ.Count == 0, $"{differ.Count} of {features.Length} features differ, the first {(differ.Count > 0 ? $"{differ[0]}: .NET {features[differ[0]]:R}, page {page[0][differ[0]]:R}" : "")}");
        Assert.Equal(data.Labels!.ToArray(), page[1]);
        tab.AssertNoErrors();
    }

    public static TheoryData<string, string[], string[]> Runs => new()
    {
        // Full-batch SGD, hinge: circles, with a validation share.
        { "sgd", ["--data", "moons", "--steps", "10", "--hidden", "4"], ["circles", "60", "0.05", "0.25", "11", "15"] },
        // Adam in random batches of 16, tanh, blobs.
        { "adam", ["--data", "moons", "--steps", "10", "--hidden", "5", "--activation", "tanh", "--optimizer", "adam", "--batch", "16", "--seed", "4"], ["blobs", "70", "0.6", "0", "2", "12"] },
        // Softmax over 3 classes: spirals.
        { "softmax", ["--data", "spirals", "--classes", "3", "--loss", "softmax", "--steps", "10", "--hidden", "6", "--optimizer", "momentum"], ["spirals", "90", "0.05", "0.2", "3", "10"] },
        // Another optimizer and learning rates: a run of SGD trained again with Adam, and one of Adam in batches with momentum.
        { "to-adam", ["--data", "moons", "--steps", "10", "--hidden", "4", "--l2", "0.001"], ["moons", "80", "0.15", "0.2", "9", "14", "adam", "0.05", "0.005"] },
        { "to-momentum", ["--data", "moons", "--steps", "10", "--hidden", "3,3", "--optimizer", "adam", "--batch", "8", "--validation", "0.1"], ["circles", "50", "0.1", "0.1", "21", "12", "momentum", "0.2", "0.2"] },
    };

    /// <summary>
    /// Train again in the page (at 400×800, from the keyboard: Enter in a field), then the command line it shows: the same data
    /// (bit for bit) and the same losses; with another optimizer and learning rates too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Training_again_in_the_page_gives_the_losses_of_the_command_line_it_shows(string name, string[] args, string[] fields)
    {
        var run = TrainingRun.Make(_files, name, args);
        await using var tab = await browser.OpenTrainingAsync(run.Page, 400, 800);
        await tab.Page.Locator("#again-data").SelectOptionAsync(fields[0]);
        string[] ids = ["again-samples", "again-noise", "again-validation", "again-seed", "again-steps"];
        for (var i = 0; i < ids.Length; i++) await tab.Page.Locator("#" + ids[i]).FillAsync(fields[i + 1]);
        if (fields.Length > 6)
        {
            await tab.Page.Locator("#again-optimizer").SelectOptionAsync(fields[6]);
            await tab.Page.Locator("#again-lr").FillAsync(fields[7]);
            await tab.Page.Locator("#again-lr-end").FillAsync(fields[8]);
        }
        // Enter in a field trains again, as the button does.
        await tab.Page.Locator("#again-steps").PressAsync("Enter");
        var steps = int.Parse(fields[5], CultureInfo.InvariantCulture);
        try
        {
            await tab.Page.WaitForFunctionAsync($"() => !window.training.trainingOn && window.training.branchLosses.length === {steps}");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"training again did not finish: {await tab.Page.Locator("#again-result").TextContentAsync()}\n{string.Join("\n", tab.Errors)}");
        }
        Assert.StartsWith($"trained {steps} steps in the page on {fields[0]}", await tab.Page.Locator("#again-result").TextContentAsync());
        Assert.Equal(steps + 1, await TrainingView.StepAsync(tab));
        var losses = await tab.Page.EvaluateAsync<double[]>("() => window.training.branchLosses");
        var command = await tab.Page.Locator("#again-command").TextContentAsync() ?? "";
        Assert.True(await tab.Page.Locator("#again-command").IsVisibleAsync());
        if (fields.Length > 6)
        {
            Assert.Contains($"--optimizer {fields[6]} --lr {fields[7]} --lr-end {fields[8]} ", command, StringComparison.Ordinal);
            // The update table and the detail of a weight show the new optimizer's state.
            string[] expected = fields[6] == "adam" ? ["parameter", "value", "grad", "m", "√v", "−m/√v"] : ["parameter", "value", "grad", "velocity", "−velocity"];
            await tab.Page.Locator("#updates summary").ClickAsync();
            // (the table is filled on the details' toggle event, which follows the click)
            await tab.Page.WaitForFunctionAsync("(last) => { const th = document.querySelectorAll('#updates-head th'); return th.length > 0 && th[th.length - 1].textContent === last; }", expected[^1]);
            Assert.Equal(expected, await tab.Page.Locator("#updates-head th").AllTextContentsAsync());
            await tab.Page.Locator("#network #p0").DispatchEventAsync("pointerover");
            Assert.Contains(fields[6] == "adam" ? " · m " : " · velocity ", await tab.Page.Locator("#detail").TextContentAsync(), StringComparison.Ordinal);
        }

        // The command line, run as a person would run it (with a log).
        var words = command.Split(' ');
        Assert.Equal(["micrograd", "train"], words.Take(2));
        var log = _files.File(name + "-again.jsonl");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run([.. words.Skip(1), "--log", log], stdout, stderr);
        Assert.True(code == 0, $"{command}\n{stdout}\n{stderr}");
        var logged = TrainingRun.ReadLog(log);
        Assert.Equal(steps, logged.Count);
        for (var k = 0; k < steps; k++)
            Assert.True(Bits(losses[k]) == Bits(logged[k].Loss), $"step {k + 1}: page {losses[k]:R}, command line {logged[k].Loss:R}\n{command}");

        // The page's data are the command line's: DataGenerators' data, split as --validation splits it.
        var classes = args.Contains("softmax") ? 3 : 2;
        var all = DataGenerators.Generate(fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture),
            new Random(int.Parse(fields[4], CultureInfo.InvariantCulture)), classes);
        var train = await tab.Page.EvaluateAsync<double[]>("() => window.training.train.features");
        var validation = await tab.Page.EvaluateAsync<double[]?>("() => window.training.validation && window.training.validation.features");
        var shown = (train.Length / 2) + (validation?.Length / 2 ?? 0);
        Assert.Equal(all.Count, shown);
        var features = all.Features.SelectMany(row => row).Select(Bits).Order().ToArray();
        Assert.Equal(features, train.Concat(validation ?? []).Select(Bits).Order().ToArray());
        tab.AssertNoErrors();
    }
}
