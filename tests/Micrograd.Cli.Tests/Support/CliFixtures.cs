using System.Text.Json;

namespace Micrograd.Cli.Tests.Support;

/// <summary>The moons fixtures (copied from Micrograd.Tests/Fixtures) and readers for what the tool writes.</summary>
public static class CliFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string MoonsCsv => PathOf("moons.csv");

    public static string MoonsInit => PathOf("moons_init.json");

    /// <summary>moons_trajectory.json's steps as (loss, accuracy), and its final_layers as JSON text.</summary>
    public static (IReadOnlyList<(double Loss, double Accuracy)> Steps, JsonElement FinalLayers) Trajectory()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf("moons_trajectory.json")));
        var steps = doc.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("loss").GetDouble(), s.GetProperty("accuracy").GetDouble())).ToList();
        return (steps, doc.RootElement.GetProperty("final_layers").Clone());
    }

    /// <summary>Reads a --log file: each line's step, loss and accuracy, checking that each line has exactly those keys.</summary>
    public static IReadOnlyList<(int Step, double Loss, double Accuracy)> ReadLog(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Assert.Equal(["step", "loss", "accuracy"], root.EnumerateObject().Select(p => p.Name));
            return (root.GetProperty("step").GetInt32(), root.GetProperty("loss").GetDouble(), root.GetProperty("accuracy").GetDouble());
        }).ToList();

    /// <summary>Relative 1e-9, or absolute 1e-12 near zero.</summary>
    public static void Close(double expected, double actual, string what)
    {
        var error = Math.Abs(expected - actual);
        if (!(error <= 1e-12 || error <= 1e-9 * Math.Abs(expected)))
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R}");
    }
}
