using System.Text.Json;
using Micrograd.NN;

namespace Micrograd.Benchmarks.Moons;

/// <summary>
/// The moons demo's inputs, as in tests/Micrograd.Tests/Fixtures: the data (moons.csv), the initial model
/// (moons_init.json) and the reference trajectory (moons_trajectory.json: each step's loss and accuracy before that step's
/// update).
/// </summary>
public sealed class MoonsData
{
    private readonly string _initPath;

    private MoonsData(Dataset data, string initPath, (double Loss, double Accuracy)[] trajectory)
    {
        Data = data;
        _initPath = initPath;
        Trajectory = trajectory;
    }

    /// <summary>The 100 samples, labels -1 and 1.</summary>
    public Dataset Data { get; }

    public (double Loss, double Accuracy)[] Trajectory { get; }

    /// <summary>The demo's L2 strength.</summary>
    public const double Alpha = 1e-4;

    /// <summary>A fresh copy of the demo's initial 2-16-16-1 relu network.</summary>
    public Mlp NewModel() => ModelFile.Load(_initPath);

    /// <summary>The demo's objective for a model: mean hinge loss plus 1e-4 · Σ p².</summary>
    public static Objective Objective(Mlp model) => new(model, Loss.Hinge, Alpha);

    /// <summary>The demo's optimizer: SGD with the learning rate 1.0 − 0.9·k/100.</summary>
    public static Optimizer Optimizer(Mlp model) => new Sgd(model.Parameters, LearningRateSchedule.Linear(1.0, 0.1, 100));

    public static MoonsData Load(string directory)
    {
        var data = DatasetCsv.Load(Path.Combine(directory, "moons.csv"));
        using var trajectory = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "moons_trajectory.json")));
        var steps = trajectory.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("loss").GetDouble(), s.GetProperty("accuracy").GetDouble())).ToArray();
        return new MoonsData(data, Path.Combine(directory, "moons_init.json"), steps);
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
