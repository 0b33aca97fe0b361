using System.Globalization;
using System.Text.Json;

namespace Micrograd.Benchmarks.Moons;

/// <summary>One layer of a model file: weights (one row per output neuron), biases and an activation (relu or linear).</summary>
public sealed record LayerSpec(double[][] Weights, double[] Biases, string Activation);

/// <summary>
/// The moons demo's inputs: the data (moons.csv), the initial model (moons_init.json) and the reference trajectory
/// (moons_trajectory.json: each step's loss and accuracy before that step's update), as in tests/Micrograd.Tests/Fixtures.
/// </summary>
public sealed class MoonsData
{
    private MoonsData(double[][] x, double[] y, LayerSpec[] layers, (double Loss, double Accuracy)[] trajectory)
    {
        X = x;
        Y = y;
        Layers = layers;
        Trajectory = trajectory;
    }

    public double[][] X { get; }
    public double[] Y { get; }
    public LayerSpec[] Layers { get; }
    public (double Loss, double Accuracy)[] Trajectory { get; }

    public const double Alpha = 1e-4;

    /// <summary>The demo's learning rate at step k of 100: 1.0 − 0.9·k/100.</summary>
    public static double LearningRate(int step) => 1.0 - 0.9 * step / 100;

    public static MoonsData Load(string directory)
    {
        var rows = File.ReadAllLines(Path.Combine(directory, "moons.csv")).Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        using var init = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "moons_init.json")));
        var layers = init.RootElement.GetProperty("layers").EnumerateArray().Select(l => new LayerSpec(
            l.GetProperty("weights").EnumerateArray().Select(r => r.EnumerateArray().Select(w => w.GetDouble()).ToArray()).ToArray(),
            l.GetProperty("biases").EnumerateArray().Select(b => b.GetDouble()).ToArray(),
            l.GetProperty("activation").GetString()!)).ToArray();
        using var trajectory = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "moons_trajectory.json")));
        var steps = trajectory.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("loss").GetDouble(), s.GetProperty("accuracy").GetDouble())).ToArray();
        return new MoonsData(rows.Select(r => r[..2]).ToArray(), rows.Select(r => r[2]).ToArray(), layers, steps);
    }

    /// <summary>Finds the fixtures folder from the current directory or the executable's, walking up to the repository root.</summary>
    public static string DefaultDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Micrograd.Tests", "Fixtures");
                if (File.Exists(Path.Combine(candidate, "moons.csv"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/Micrograd.Tests/Fixtures not found above the current directory; pass --data DIR.");
    }
}
