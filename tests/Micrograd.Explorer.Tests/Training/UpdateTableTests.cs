using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The table of every parameter's update at a step (issue #20): name, value, gradient, the optimizer's state after the step
/// and the direction of the update (Adam: m, √v and −m/√v; plain SGD: −grad), every digit, each equal to the engine's own
/// replay of the run (its Trainer and optimizer, step by step). It is closed at first and opens from the keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UpdateTableTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>, IDisposable
{
    private const int K = 7;

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    /// <summary>Opens the table with the keyboard (its summary focused, Enter) and reads its head and rows.</summary>
    private static async Task<(string[] Head, string[][] Rows)> OpenTableAsync(ExplorerTab tab, int step)
    {
        Assert.False(await tab.Page.Locator("#updates-table").IsVisibleAsync()); // closed: it does not crowd the page
        await tab.Page.Locator("#updates summary").FocusAsync();
        await tab.PressAsync("Enter");
        Assert.True(await tab.Page.Locator("#updates-table").IsVisibleAsync());
        return await ReadTableAsync(tab, step);
    }

    /// <summary>The table once it shows step <paramref name="step"/>: a details element's toggle event, which fills it, comes a
    /// task after the click that opens it.</summary>
    private static async Task<(string[] Head, string[][] Rows)> ReadTableAsync(ExplorerTab tab, int step)
    {
        await tab.Page.WaitForFunctionAsync($"() => document.getElementById('updates-about').textContent.startsWith('At step {step}:')");
        var head = await tab.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#updates-head th')].map((th) => th.textContent)");
        var rows = await tab.Page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#update-rows tr')].map((tr) => [...tr.children].map((c) => c.textContent))");
        return (head, rows);
    }

    [Fact]
    public async Task With_plain_SGD_each_row_is_the_engines_value_gradient_and_minus_gradient()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, 400, 800);
        await GoToAsync(tab, 37);
        var (head, rows) = await OpenTableAsync(tab, 37);
        Assert.Equal(["parameter", "value", "grad", "−grad"], head);
        Assert.Contains("Plain SGD", await tab.Page.Locator("#updates-about").TextContentAsync(), StringComparison.Ordinal);
        AssertRows(rows, 37, moons.Names, moons.Before, moons.Gradients, (g, j) => [-g[j]]);

        // → steps the page (the focus is on the summary), and the table follows.
        await tab.PressAsync("ArrowRight");
        Assert.Equal(38, await TrainingView.StepAsync(tab));
        AssertRows((await ReadTableAsync(tab, 38)).Rows, 38, moons.Names, moons.Before, moons.Gradients, (g, j) => [-g[j]]);
        var box = (await tab.Page.Locator("#updates-box").BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 400.5, $"the table's box is at {box.X} + {box.Width}");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task With_Adam_each_row_is_the_engines_m_root_v_and_their_ratio_after_the_step()
    {
        string[] args =
        [
            "--data", TrainingRun.Fixture("moons.csv"), "--init", TrainingRun.Fixture("moons_init.json"), "--steps", "12",
            "--lr", "0.05", "--lr-end", "0.005", "--l2", "1e-4", "--loss", "hinge", "--optimizer", "adam",
        ];
        var run = TrainingRun.Make(_files, "adam", args);

        // The engine's replay: the values each step is measured with, its gradients, and Adam's m and v after it.
        var model = ModelFile.Load(TrainingRun.Fixture("moons_init.json"));
        var data = DatasetCsv.Load(TrainingRun.Fixture("moons.csv"));
        var adam = new Adam(model.Parameters, LearningRateSchedule.Linear(0.05, 0.005, 12));
        var trainer = new Trainer(new EagerEngine(new Objective(model, Loss.Hinge, 1e-4)), adam, BatchSampler.Full(data));
        var before = new List<double[]>();
        var gradients = new List<double[]>();
        var states = new List<(double[] M, double[] V)>();
        for (var k = 1; k <= 12; k++)
        {
            before.Add(model.Parameters.Select(p => p.Data).ToArray());
            var step = trainer.Step();
            Assert.Equal(run.Log[k - 1].Loss, step.Loss);
            gradients.Add(model.Parameters.Select(p => p.Grad).ToArray());
            states.Add((adam.StateArrays[0].ToArray(), adam.StateArrays[1].ToArray()));
        }
        var names = model.Parameters.Select(p => p.Label).ToArray();

        await using var tab = await browser.OpenTrainingAsync(run.Page, 400, 800);
        await GoToAsync(tab, K);
        var (head, rows) = await OpenTableAsync(tab, K);
        Assert.Equal(["parameter", "value", "grad", "m", "√v", "−m/√v"], head);
        Assert.Contains("Adam", await tab.Page.Locator("#updates-about").TextContentAsync(), StringComparison.Ordinal);
        double[] Adam(int k, int j)
        {
            var (m, v) = states[k - 1];
            return [m[j], Math.Sqrt(v[j]), -m[j] / Math.Sqrt(v[j])];
        }
        AssertRows(rows, K, names, before, gradients, (_, j) => Adam(K, j));
        Assert.Contains(rows, row => row[3] != "0" && row[5] != row[3]); // the numbers are not all zero or all alike

        // Clicked closed and open again at another step: the rows follow.
        await tab.Page.Locator("#updates summary").ClickAsync();
        Assert.False(await tab.Page.Locator("#updates-table").IsVisibleAsync());
        await GoToAsync(tab, 12);
        await tab.Page.Locator("#updates summary").ClickAsync();
        AssertRows((await ReadTableAsync(tab, 12)).Rows, 12, names, before, gradients, (_, j) => Adam(12, j));
        tab.AssertNoErrors();
    }

    /// <summary>Each row: the parameter's name, the value step k is measured with, its gradient, then the optimizer's columns, every digit.</summary>
    private static void AssertRows(string[][] rows, int k, string[] names, List<double[]> before, List<double[]> gradients, Func<double[], int, double[]> more)
    {
        Assert.Equal(names.Length, rows.Length);
        for (var j = 0; j < names.Length; j++)
        {
            string[] expected = [names[j], Shown.Full(before[k - 1][j]), Shown.Full(gradients[k - 1][j]), .. more(gradients[k - 1], j).Select(Shown.Full)];
            Assert.True(expected.SequenceEqual(rows[j]), $"step {k}, parameter {j}: the page [{string.Join(", ", rows[j])}], the engine [{string.Join(", ", expected)}]");
        }
    }
}
