using System.Diagnostics;
using Micrograd.Explorer.Tests.Support;
using Micrograd.NN;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The README's picture of the training page: the page that the README's command writes for the moons demo (run as a user
/// runs it, from a folder holding the fixtures where the repository does), at step 37, with the sample of the largest loss
/// clicked (its graph at its first backward step), in a 1600×900 window. The test writes it to <c>screenshots/training-moons.png</c> in
/// its output folder; docs/images/training-moons.png is a copy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingScreenshotTests(BrowserFixture browser) : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs the README's command with the tool (<c>dotnet Micrograd.Cli.dll</c>) in a folder laid out as the repository is.</summary>
    private string MakePage()
    {
        var fixtures = Path.Combine(_folder.Path, "tests", "Micrograd.Tests", "Fixtures");
        Directory.CreateDirectory(fixtures);
        foreach (var name in new[] { "moons.csv", "moons_init.json" }) File.Copy(TrainingRun.Fixture(name), Path.Combine(fixtures, name));
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Micrograd.Cli.dll"));
        foreach (var arg in Command.Split(' ').Skip(1)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the command did not finish");
        Assert.True(process.ExitCode == 0, output + error.Result);
        return Path.Combine(_folder.Path, "moons.html");
    }

    /// <summary>The command the README names (with the fixtures' paths from the repository's root).</summary>
    public const string Command =
        "micrograd train --data tests/Micrograd.Tests/Fixtures/moons.csv --init tests/Micrograd.Tests/Fixtures/moons_init.json " +
        "--steps 100 --lr 1.0 --lr-end 0.1 --l2 1e-4 --loss hinge --html moons.html";

    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "screenshots", "training-moons.png");

    [Fact]
    public async Task Screenshot_of_the_moons_demo_at_step_37_with_a_sample_clicked()
    {
        await using var tab = await browser.OpenTrainingAsync(MakePage(), 1600, 900);
        Assert.Equal(Command, await tab.Page.Locator("#command").TextContentAsync());
        await tab.Page.Locator("#position").FillAsync("37");
        var sample = LargestLossAt(37);
        await TrainingView.ClickPointAsync(tab, "train", sample);
        Assert.Equal($"Training sample {sample + 1} at step 37", await tab.Page.Locator("#sample-heading").TextContentAsync());
        var proof = await TrainingView.ProofAsync(tab);
        Assert.Equal(0, proof.Differ);
        await tab.Page.Locator("#network #p106").DispatchEventAsync("pointerover");
        await tab.Page.Mouse.MoveAsync(1590, 890);

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        File.Delete(ScreenshotPath);
        await tab.Page.ScreenshotAsync(new() { Path = ScreenshotPath });
        var png = await File.ReadAllBytesAsync(ScreenshotPath);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Equal(1600, Png.Width(png));
        Assert.Equal(900, Png.Height(png));
        tab.AssertNoErrors();
    }

    /// <summary>The sample whose hinge loss is the largest at step k of the demo (a misclassified one, with gradients to show).</summary>
    private static int LargestLossAt(int k)
    {
        var model = ModelFile.Load(TrainingRun.Fixture("moons_init.json"));
        var data = DatasetCsv.Load(TrainingRun.Fixture("moons.csv"));
        var trainer = new Trainer(new CompiledEngine(new Objective(model, Loss.Hinge, 1e-4)), new Sgd(model.Parameters, LearningRateSchedule.Linear(1.0, 0.1, 100)), BatchSampler.Full(data));
        trainer.Run(k - 1);
        return Enumerable.Range(0, data.Count).MaxBy(i => Math.Max(0, 1 - data.Labels![i] * model.Evaluate(data.Features[i].ToArray())[0]));
    }

    [Fact]
    public void The_readme_shows_the_committed_screenshot_next_to_the_command_that_made_the_page()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        var picture = readme.IndexOf("](docs/images/training-moons.png)", StringComparison.Ordinal);
        Assert.True(picture >= 0, "the README does not show docs/images/training-moons.png");
        var command = readme.IndexOf(Command, StringComparison.Ordinal);
        Assert.True(command >= 0, "the README does not name the command that made the page");
        Assert.True(Math.Abs(picture - command) < 1500, "the command is not next to the picture");
        Assert.Contains("dotnet test tests/Micrograd.Explorer.Tests --filter TrainingScreenshot", readme, StringComparison.Ordinal);

        var png = File.ReadAllBytes(Repository.File("docs/images/training-moons.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Equal(1600, Png.Width(png));
        Assert.Equal(900, Png.Height(png));
    }
}

/// <summary>A PNG's size, from its header.</summary>
public static class Png
{
    public static int Width(byte[] png) => BigEndian(png, 16);

    public static int Height(byte[] png) => BigEndian(png, 20);

    private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
