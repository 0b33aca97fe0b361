using System.Globalization;
using System.Text.Json;
using Micrograd.Explorer.Tests.Support;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// Deleting points and undoing (issue #20): a training point is deleted with a click and Delete, or reached with ↑ ↓ on the
/// plane and Delete; Undo (the button, or Ctrl+Z) takes back the last point added or deleted; after the undos the training
/// data is the run's again, number for number, and so are its points' losses and the losses of a train-on from it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeleteUndoTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>
{
    private const int K = 37;

    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    public sealed record TrainData(int Count, double[] Features, double[] Labels);

    private static Task GoToAsync(ExplorerTab tab, int step) => tab.Page.Locator("#position").FillAsync(step.ToString(CultureInfo.InvariantCulture));

    private static async Task<TrainData> DataAsync(ExplorerTab tab) =>
        JsonSerializer.Deserialize<TrainData>(await tab.Page.EvaluateAsync<string>("() => JSON.stringify(window.training.train)"), CaseInsensitive)!;

    private static async Task<double[]> TrainOnAsync(ExplorerTab tab)
    {
        await GoToAsync(tab, K);
        await tab.Page.Locator("#train-steps").FillAsync("5");
        await tab.ClickAsync("train-on");
        await tab.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 5");
        var losses = await tab.Page.EvaluateAsync<double[]>("() => window.training.branchLosses");
        await GoToAsync(tab, K); // the train-on's first step: the run's parameters at step K
        Assert.Equal(K, await TrainingView.StepAsync(tab));
        return losses;
    }

    private static async Task<double[]> PointLossesAsync(ExplorerTab tab) => await tab.Page.EvaluateAsync<double[]>("() => window.training.pointLosses.train");

    private static void AssertSame(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"{what} {i}: {expected[i]:R} then {actual[i]:R}");
    }

    /// <summary>The run's data without the points at <paramref name="deleted"/> (indices into the run's data).</summary>
    private TrainData Without(params int[] deleted)
    {
        var kept = Enumerable.Range(0, moons.Data.Count).Where(i => !deleted.Contains(i)).ToArray();
        return new TrainData(kept.Length, [.. kept.SelectMany(i => moons.Data.Features[i])], [.. kept.Select(i => moons.Data.Labels![i])]);
    }

    private static void AssertData(TrainData expected, TrainData actual, string when)
    {
        Assert.True(expected.Count == actual.Count, $"{when}: {actual.Count} points, not {expected.Count}");
        AssertSame(expected.Features, actual.Features, $"{when}, feature");
        AssertSame(expected.Labels, actual.Labels, $"{when}, label");
    }

    [Fact]
    public async Task Points_deleted_and_added_then_undone_give_back_the_data_its_losses_and_a_train_ons_losses_bit_for_bit()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, 400, 800);
        await GoToAsync(tab, K);
        AssertData(Without(), await DataAsync(tab), "at first");
        Assert.True(await tab.Page.Locator("#undo").IsDisabledAsync());
        var reference = await TrainOnAsync(tab);
        var losses = await PointLossesAsync(tab);

        // Training point 4 clicked, then Delete: it is gone, and nothing else.
        await TrainingView.ClickPointAsync(tab, "train", 3);
        Assert.True(await tab.Page.Locator("#sample-body").IsVisibleAsync());
        await tab.PressAsync("Delete");
        AssertData(Without(3), await DataAsync(tab), "point 4 deleted");
        Assert.False(await tab.Page.Locator("#sample-body").IsVisibleAsync()); // its graph is closed: the sample is gone
        Assert.StartsWith("1 deleted", await tab.Page.Locator("#edits").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(99, (await PointLossesAsync(tab)).Length);

        // On the plane, ↓ ↓ reaches the second point; Delete deletes it.
        await tab.Page.Locator("#plane").FocusAsync();
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("Delete");
        AssertData(Without(1, 3), await DataAsync(tab), "points 2 and 4 deleted");
        Assert.Equal(K, await TrainingView.StepAsync(tab));

        // A point added with a click on the plane; training on sees the edited data.
        await tab.Page.Locator("#plane").ClickAsync(new Microsoft.Playwright.LocatorClickOptions { Position = new Microsoft.Playwright.Position { X = 12, Y = 12 } });
        Assert.Equal(99, (await DataAsync(tab)).Count);
        Assert.StartsWith("1 point added, 2 deleted", await tab.Page.Locator("#edits").TextContentAsync(), StringComparison.Ordinal);
        var edited = await TrainOnAsync(tab);
        Assert.NotEqual(reference[0], edited[0]);

        // Undo (the button) takes the point added back; Ctrl+Z, twice, the deleted ones, in their places.
        await tab.ClickAsync("undo");
        AssertData(Without(1, 3), await DataAsync(tab), "the add undone");
        await tab.Page.Locator("#plane").FocusAsync();
        await tab.PressAsync("Control+z");
        AssertData(Without(3), await DataAsync(tab), "the second delete undone");
        await tab.PressAsync("Control+z");
        AssertData(Without(), await DataAsync(tab), "every edit undone");
        Assert.True(await tab.Page.Locator("#undo").IsDisabledAsync());
        Assert.Equal("", await tab.Page.Locator("#edits").TextContentAsync());
        await tab.PressAsync("Control+z"); // nothing left to undo: nothing happens
        AssertData(Without(), await DataAsync(tab), "an undo too many");

        // The points' losses at step K, and a train-on's, are the ones before the edits, bit for bit.
        AssertSame(losses, await PointLossesAsync(tab), "the loss of point");
        AssertSame(reference, await TrainOnAsync(tab), "the train-on's loss at step");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_moved_point_stays_moved_through_a_delete_and_its_undo()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        var from = await tab.Page.EvaluateAsync<double[]>("() => window.training.pointOnPlane('train', 5)");
        var box = (await tab.Page.Locator("#plane").BoundingBoxAsync())!;
        await tab.Page.Mouse.MoveAsync(box.X + (float)from[0], box.Y + (float)from[1]);
        await tab.Page.Mouse.DownAsync();
        await tab.Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + 10, new Microsoft.Playwright.MouseMoveOptions { Steps = 5 });
        await tab.Page.Mouse.UpAsync();
        var moved = await DataAsync(tab);
        Assert.Equal("1 moved: train on to see the model learn them", await tab.Page.Locator("#edits").TextContentAsync());

        // Point 3 deleted with the button (the point moved is now the fifth), then undone: the point moved is where it was dropped.
        await TrainingView.ClickPointAsync(tab, "train", 2);
        await tab.ClickAsync("delete-point");
        Assert.Equal("1 deleted, 1 moved: train on to see the model learn them", await tab.Page.Locator("#edits").TextContentAsync());
        await tab.ClickAsync("undo");
        AssertData(moved, await DataAsync(tab), "the delete undone");
        Assert.Equal("1 moved: train on to see the model learn them", await tab.Page.Locator("#edits").TextContentAsync());

        // With nothing selected, Delete says what to do and deletes nothing.
        await tab.Page.Locator("#plane").FocusAsync();
        await tab.PressAsync("Delete");
        Assert.Equal("click a training point first, then Delete", await tab.Page.Locator("#edits").TextContentAsync());
        AssertData(moved, await DataAsync(tab), "Delete with nothing selected");
        tab.AssertNoErrors();
    }
}
