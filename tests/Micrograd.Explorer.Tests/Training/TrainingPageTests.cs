using System.Globalization;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The training page of the README's moons demo (100 steps from moons_init.json), used as a person uses it: its numbers at
/// steps 1, 37 and 100 are the log's and the engine's, every digit; a clicked point's graph gives the model's score; and its
/// check of the whole replay passes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingPageTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>
{
    /// <summary>l1.n3.w7, a weight of the second layer, and l0.n5.b, a bias of the first.</summary>
    private static readonly int[] Chosen = [16 * 3 + 3 * 17 + 7, 5 * 3 + 2];

    private static async Task GoToAsync(ExplorerTab tab, int step)
    {
        // As a person would: Home, then ten steps at a time, then one at a time.
        await tab.PressAsync("Home");
        for (var k = 1; k + 10 <= step; k += 10) await tab.PressAsync("PageDown");
        while (await TrainingView.StepAsync(tab) < step) await tab.PressAsync("ArrowRight");
        Assert.Equal(step, await TrainingView.StepAsync(tab));
    }

    [Fact]
    public async Task Steps_1_37_and_100_show_the_logs_loss_and_accuracy_and_the_engines_weights_and_gradients()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        foreach (var k in new[] { 1, 37, 100 })
        {
            await GoToAsync(tab, k);
            var numbers = await TrainingView.NumbersAsync(tab);
            var log = moons.Run.Log[k - 1];
            Assert.Equal(k, log.Step);
            Assert.Equal($"{Shown.Full(log.Loss)} ✓", numbers["loss"]);
            Assert.Equal($"{Shown.Full(log.Accuracy)} ✓", numbers["accuracy"]);
            Assert.Equal(Shown.Full(1.0 - 0.9 * (k - 1) / 100), numbers["rate"]);
            Assert.Equal($"step {k} of 100", await tab.Page.Locator("#progress").TextContentAsync());
            foreach (var j in Chosen)
            {
                var (name, value, grad) = await TrainingView.ParameterAsync(tab, j);
                Assert.Equal(moons.Names[j], name);
                Assert.Equal(Shown.Full(moons.Before[k - 1][j]), value);
                Assert.Equal(Shown.Full(moons.Gradients[k - 1][j]), grad);
            }
        }
        var proof = await TrainingView.ProofAsync(tab);
        Assert.True(proof.Differ == 0, proof.ToString());
        Assert.Equal($"✓ all {proof.Numbers.ToString("N0", CultureInfo.InvariantCulture)} numbers of the run equal the engine's, bit for bit", proof.Text);
        // every step's loss and accuracy, and the parameters at each checkpoint (at least the first and the last)
        Assert.True(proof.Numbers >= 2 * 100 + 2 * 337, $"only {proof.Numbers} numbers checked");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task After_the_last_step_the_page_shows_the_trained_models_loss_on_all_the_data()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await tab.PressAsync("End");
        Assert.Equal(101, await TrainingView.StepAsync(tab));
        Assert.Equal("after step 100 of 100", await tab.Page.Locator("#progress").TextContentAsync());
        var trained = ModelFile.Load(TrainingRun.Fixture("moons_init.json"));
        var objective = new Objective(trained, Loss.Hinge, 1e-4);
        var trainer = new Trainer(new EagerEngine(objective), new Sgd(trained.Parameters, LearningRateSchedule.Linear(1.0, 0.1, 100)), BatchSampler.Full(moons.Data));
        trainer.Run(100);
        var end = objective.Evaluate(moons.Data);
        var numbers = await TrainingView.NumbersAsync(tab);
        Assert.Equal($"{Shown.Full(end.Loss)} ✓", numbers["loss"]);
        Assert.Equal($"{Shown.Full(end.Accuracy)} ✓", numbers["accuracy"]);
        var (_, value, _) = await TrainingView.ParameterAsync(tab, Chosen[0]);
        Assert.Equal(Shown.Full(trained.Parameters[Chosen[0]].Data), value);
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task Clicking_a_point_shows_its_graph_whose_output_is_the_models_score_and_whose_leaves_get_its_share()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        const int K = 37;
        await GoToAsync(tab, K);
        foreach (var sample in new[] { 4, 63 })
        {
            await TrainingView.ClickPointAsync(tab, "train", sample);
            Assert.True(await tab.Page.Locator("#sample-body").IsVisibleAsync(), "no graph shown; " + string.Join("\n", tab.Errors));
            tab.AssertNoErrors();
            Assert.Equal($"Training sample {sample + 1} at step {K}", await tab.Page.Locator("#sample-heading").TextContentAsync());
            var model = moons.ModelAt(K);
            var row = moons.Data.Features[sample].ToArray();
            var score = model.Evaluate(row)[0];
            Assert.Equal(Shown.Full(score), await tab.Page.Locator("#sample-about").GetAttributeAsync("data-scores"));

            // The sample's term of the mean loss, loss × 1/100, built by the engine: its backward pass gives each parameter
            // this sample's share of the step's gradient.
            var inputs = row.Select(x => new Value(x)).ToArray();
            var term = Loss.Hinge.SampleLoss(model.Forward(inputs), moons.Data.Labels![sample]) * (1.0 / 100);
            model.ZeroGrad();
            term.Backward();
            var shares = await tab.Page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#share-rows tr')].map((r) => [...r.children].map((c) => c.textContent))");
            Assert.Equal(337, shares.Length);
            foreach (var cells in shares.Take(20))
            {
                var j = Array.IndexOf(moons.Names, cells[0]);
                Assert.Equal(Shown.Full(model.Parameters[j].Grad), cells[1]);
                Assert.Equal(Shown.Full(moons.Gradients[K - 1][j]), cells[2]);
            }
            // The graph's picture shows the same numbers (4 decimals), and the chain rule of its first backward step.
            Assert.StartsWith("Backward · step 1 of", await tab.Page.Locator("#phase").TextContentAsync());
            Assert.NotEmpty(await tab.Page.Locator("#lines .formula").AllTextContentsAsync());
        }
        await tab.PressAsync("]");
        Assert.StartsWith("Backward · step 2 of", await tab.Page.Locator("#phase").TextContentAsync());
        await tab.PressAsync("Escape");
        Assert.False(await tab.Page.Locator("#sample-body").IsVisibleAsync());
        tab.AssertNoErrors();
    }
}
