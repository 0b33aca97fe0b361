using Micrograd.Cli.Tests.Support;
using Micrograd.NN;
using Micrograd.Onnx.Tests.Support;
using Micrograd.Tests.Support;

namespace Micrograd.Onnx.Tests;

/// <summary>
/// Exported networks, run in ONNX Runtime, give the scores <c>micrograd predict</c> prints for the same model and data:
/// to a relative 1e-12 in float64, and in float32 to a relative 1e-5 or an absolute 1e-5 (float32's tolerance in PyTorch's
/// <c>torch.testing.assert_close</c>), since a score near 0 is a difference of larger terms, each rounded to a float:
/// spirals sample 174 of the tanh model scores -1.31344e-4, and -1.31381e-4 in float32.
/// </summary>
public class ModelExportTests
{
    public static TheoryData<OnnxPrecision> Precisions => [OnnxPrecision.Float64, OnnxPrecision.Float32];

    public static TheoryData<Activation, OnnxPrecision> ActivationsAndPrecisions()
    {
        var data = new TheoryData<Activation, OnnxPrecision>();
        foreach (var a in Activations.All)
        {
            data.Add(a, OnnxPrecision.Float64);
            data.Add(a, OnnxPrecision.Float32);
        }
        return data;
    }

    private static double Relative(OnnxPrecision precision) => precision == OnnxPrecision.Float64 ? 1e-12 : 1e-5;

    private static double Absolute(OnnxPrecision precision) => precision == OnnxPrecision.Float64 ? 0 : 1e-5;

    [Theory]
    [MemberData(nameof(Precisions))]
    public void The_demos_initial_model_on_the_moons_csv(OnnxPrecision precision) =>
        AssertScoresMatchPredict(Fixtures.PathOf("moons_init.json"), Fixtures.PathOf("moons.csv"), precision);

    [Theory]
    [MemberData(nameof(Precisions))]
    public void The_demos_trained_model_on_the_moons_csv(OnnxPrecision precision)
    {
        using var temp = new TempDirectory();
        var trained = temp.File("moons_final.json");
        var r = Tool.Run("train", "--data", Fixtures.PathOf("moons.csv"), "--init", Fixtures.PathOf("moons_init.json"), "--steps", "100",
            "--lr", "1.0", "--lr-end", "0.1", "--l2", "1e-4", "--loss", "hinge", "--save", trained);
        Assert.True(r.ExitCode == 0, r.ToString());
        AssertScoresMatchPredict(trained, Fixtures.PathOf("moons.csv"), precision);
    }

    [Theory]
    [MemberData(nameof(ActivationsAndPrecisions))]
    public void Every_activation_in_hidden_and_output_layers_on_generated_data(Activation activation, OnnxPrecision precision)
    {
        using var temp = new TempDirectory();
        var model = temp.File("model.json");
        ModelFile.Save(new Mlp(2, [8, 6, 1], new Random(11), hidden: activation, output: activation), model);
        AssertScoresMatchPredict(model, SpiralsCsv(temp, classes: 2), precision);
        AssertScoresMatchPredict(model, WideCsv(temp), precision);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void A_three_class_softmax_model_gives_its_logits_as_predict_prints_them(OnnxPrecision precision)
    {
        using var temp = new TempDirectory();
        var model = temp.File("softmax.json");
        var r = Tool.Run("train", "--data", "blobs", "--classes", "3", "--samples", "150", "--loss", "softmax", "--hidden", "8",
            "--activation", "tanh", "--steps", "30", "--seed", "5", "--save", model);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(3, ModelFile.Load(model).OutputCount);
        var data = temp.File("blobs.csv");
        DatasetCsv.Save(DataGenerators.Blobs(150, DataGenerators.DefaultNoise("blobs"), new Random(6), classes: 3), data);
        AssertScoresMatchPredict(model, data, precision);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void A_sigmoid_far_below_zero_keeps_its_relative_precision(OnnxPrecision precision)
    {
        // ONNX Runtime's own float64 Sigmoid gives 0 below about -37 (and 4e-8 relative error at -20); the export's
        // 1 / (1 + exp(-x)) gives the engine's 8.5e-17 at -37 and 1.9e-22 at -50
        using var temp = new TempDirectory();
        var model = temp.Write("sigmoid.json", """{"inputs": 1, "layers": [{"weights": [[1]], "biases": [0], "activation": "sigmoid"}]}""");
        var data = temp.Write("far.csv", "x\n-700\n-100\n-50\n-37\n-20\n-10\n-1\n0\n1\n20\n40\n800\n");
        AssertScoresMatchPredict(model, data, precision);
    }

    /// <summary>Exports with <c>micrograd export</c>, runs the file on every sample of <paramref name="csv"/> at once, and
    /// compares with <c>micrograd predict</c>'s scores.</summary>
    internal static void AssertScoresMatchPredict(string modelJson, string csv, OnnxPrecision precision)
    {
        using var temp = new TempDirectory();
        var onnx = temp.File("model.onnx");
        var r = Tool.Run(precision == OnnxPrecision.Float64 ? ["export", "--model", modelJson, "--onnx", onnx] : ["export", "--model", modelJson, "--onnx", onnx, "--float32"]);
        Assert.True(r.ExitCode == 0, r.ToString());

        var model = ModelFile.Load(modelJson);
        var data = DatasetCsv.Load(csv, model.InputCount);
        var expected = Predict.Scores(modelJson, csv);
        Assert.Equal(data.Count, expected.Length);
        var features = data.Features.SelectMany(f => f).ToArray();
        var shape = new long[] { data.Count, model.InputCount };

        using var session = Ort.Load(onnx);
        var (scores, scoreShape) = precision == OnnxPrecision.Float64
            ? session.Run("score", new OrtInput<double>("x", features, shape))
            : Widen(session.Run("score", new OrtInput<float>("x", features.Select(v => (float)v).ToArray(), shape)));
        Assert.Equal([data.Count, model.OutputCount], scoreShape);
        for (var i = 0; i < data.Count; i++)
        {
            Assert.Equal(model.OutputCount, expected[i].Length);
            for (var k = 0; k < model.OutputCount; k++)
            {
                Agree.Assert(expected[i][k], scores[i * model.OutputCount + k], Relative(precision),
                    $"{Path.GetFileName(csv)} sample {i + 1} score {k} ({precision})", Absolute(precision));
            }
        }
    }

    private static (double[], long[]) Widen((float[] Data, long[] Shape) r) => (r.Data.Select(v => (double)v).ToArray(), r.Shape);

    private static string SpiralsCsv(TempDirectory temp, int classes)
    {
        var path = temp.File("spirals.csv");
        DatasetCsv.Save(DataGenerators.Spirals(200, DataGenerators.DefaultNoise("spirals"), new Random(7), classes), path);
        return path;
    }

    /// <summary>Points far outside the training data (|x| up to 50), where tanh and sigmoid saturate and relu's cut matters.</summary>
    private static string WideCsv(TempDirectory temp)
    {
        var random = new Random(8);
        var features = Enumerable.Range(0, 200).Select(_ => (IReadOnlyList<double>)[random.NextDouble() * 100 - 50, random.NextDouble() * 100 - 50]).ToList();
        var path = temp.File("wide.csv");
        DatasetCsv.Save(new Dataset(features, null, "wide"), path);
        return path;
    }
}
