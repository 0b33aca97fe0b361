using System.Globalization;
using System.Text.Json;
using Micrograd.Cli;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Support;

/// <summary>One line of a <c>--log</c> file.</summary>
public sealed record LogLine(int Step, double Loss, double Accuracy, double? ValidationLoss, double? ValidationAccuracy);

/// <summary>A training page made as a user makes it, <c>micrograd train … --html FILE --log FILE</c>, and what the run logged.</summary>
public sealed class TrainingRun
{
    private TrainingRun(string page, IReadOnlyList<LogLine> log, string output)
    {
        Page = page;
        Log = log;
        Output = output;
    }

    public string Page { get; }

    public IReadOnlyList<LogLine> Log { get; }

    /// <summary>What the command printed.</summary>
    public string Output { get; }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The README's moons demo: moons.csv from moons_init.json, hinge + L2 1e-4, SGD 1.0 → 0.1.</summary>
    public static string[] Moons(int steps = 100) =>
    [
        "--data", Fixture("moons.csv"), "--init", Fixture("moons_init.json"), "--steps", steps.ToString(CultureInfo.InvariantCulture),
        "--lr", "1.0", "--lr-end", "0.1", "--l2", "1e-4", "--loss", "hinge",
    ];

    /// <summary>Runs <c>micrograd train ARGS --html NAME.html --log NAME.jsonl</c> in <paramref name="folder"/>.</summary>
    public static TrainingRun Make(TempDirectory folder, string name, params string[] args)
    {
        var page = folder.File(name + ".html");
        var log = folder.File(name + ".jsonl");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["train", .. args, "--html", page, "--log", log], stdout, stderr);
        Assert.True(code == 0, $"train exited {code}:\n{stdout}\n{stderr}");
        Assert.Equal("", stderr.ToString());
        return new TrainingRun(page, ReadLog(log), stdout.ToString());
    }

    /// <summary>A --log file, line by line.</summary>
    public static IReadOnlyList<LogLine> ReadLog(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            double? Optional(string key) => root.TryGetProperty(key, out var value) ? value.GetDouble() : null;
            return new LogLine(root.GetProperty("step").GetInt32(), root.GetProperty("loss").GetDouble(), root.GetProperty("accuracy").GetDouble(),
                Optional("val_loss"), Optional("val_accuracy"));
        }).ToList();
}

/// <summary>What the training page shows, read from the page.</summary>
public static class TrainingView
{
    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Waits for the page's check of its replay against the engine, and returns it.</summary>
    public static async Task<Proof> ProofAsync(ExplorerTab tab)
    {
        await tab.Page.WaitForFunctionAsync("() => window.training.proof && window.training.proof.done", null, new PageWaitForFunctionOptions { Timeout = 300_000 });
        var json = await tab.Page.EvaluateAsync<string>("() => JSON.stringify(window.training.proof)");
        var proof = JsonSerializer.Deserialize<Proof>(json, CaseInsensitive)!;
        var text = await tab.Page.Locator("#check").TextContentAsync();
        return proof with { Text = text ?? "" };
    }

    /// <summary>The numbers panel: each shown text by its key (loss, accuracy, validation-loss, validation-accuracy, rate).</summary>
    public static async Task<Dictionary<string, string>> NumbersAsync(ExplorerTab tab) =>
        await tab.Page.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries([...document.querySelectorAll('#numbers > div')].map((d) => [d.dataset.key, d.querySelector('dd').textContent]))");

    /// <summary>The step the page shows.</summary>
    public static Task<int> StepAsync(ExplorerTab tab) => tab.Page.EvaluateAsync<int>("() => window.training.step");

    /// <summary>Points at a parameter in the network (an edge, or a neuron for a bias) and reads the detail line:
    /// "name (weight) = w · grad g · after the update …".</summary>
    public static async Task<(string Name, string Value, string Grad)> ParameterAsync(ExplorerTab tab, int parameter)
    {
        // Edges cross, so the pointer is put on this one exactly (a person would move along it until it is highlighted).
        await tab.Page.Locator($"#network #p{parameter}").DispatchEventAsync("pointerover");
        var text = await tab.Page.Locator("#detail").TextContentAsync() ?? "";
        var parts = text.Split(" · ");
        var head = parts[0].Split(" = ");
        var name = head[0][..head[0].IndexOf(' ', StringComparison.Ordinal)];
        Assert.StartsWith("grad ", parts[1], StringComparison.Ordinal);
        return (name, head[1], parts[1]["grad ".Length..]);
    }

    /// <summary>Clicks a data point on the plane, as a person does.</summary>
    public static async Task ClickPointAsync(ExplorerTab tab, string set, int index)
    {
        var at = await tab.Page.EvaluateAsync<double[]>($"() => window.training.pointOnPlane('{set}', {index})");
        await tab.Page.Locator("#plane").ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)at[0], Y = (float)at[1] } });
    }
}

/// <summary>The page's check of its replay: how many numbers it compared and how many differ.</summary>
public sealed record Proof(bool Done, int Numbers, int Differ, string? First, string Text = "");
