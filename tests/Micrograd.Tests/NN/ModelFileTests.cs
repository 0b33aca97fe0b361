using Micrograd.NN;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.NN;

public class ModelFileTests
{
    private static ModelFormatException Refused(string json) => Assert.Throws<ModelFormatException>(() => ModelFile.FromJson(json, "m.json"));

    private static long[] Bits(Mlp model) => model.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)).ToArray();

    [Fact]
    public void The_demo_initial_model_loads()
    {
        var model = ModelFile.Load(Fixtures.PathOf("moons_init.json"));
        Assert.Equal("MLP 2-16-16-1 (relu, relu, linear)", model.ToString());
        Assert.Equal(0.23550571390294128, model.Layers[0].Neurons[0].Weights[0].Data);
        Assert.Equal(0.06653114721000164, model.Layers[0].Neurons[0].Weights[1].Data);
        Assert.Equal(-0.26830328150124894, model.Layers[0].Neurons[1].Weights[0].Data);
    }

    [Fact]
    public void Saving_and_loading_round_trips_every_double_exactly()
    {
        var random = new Random(11);
        var model = new Mlp(3, [5, 4, 2], random, Activation.Tanh, Activation.Sigmoid);
        double[] awkward = [0.1, 1.0 / 3, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-310, 2.2250738585072014E-308, Math.PI, -1e22, 123456789012345680];
        for (var i = 0; i < model.Parameters.Count; i++)
        {
            model.Parameters[i].Data = i < awkward.Length ? awkward[i] : BitConverter.Int64BitsToDouble((long)(random.NextDouble() * long.MaxValue)) * (i % 2 == 0 ? 1 : -1);
        }
        model.Parameters.Where(p => !double.IsFinite(p.Data)).ToList().ForEach(p => p.Data = 0.5);

        var path = Path.Combine(Path.GetTempPath(), $"micrograd-model-{Guid.NewGuid():N}.json");
        try
        {
            ModelFile.Save(model, path);
            var back = ModelFile.Load(path);
            Assert.Equal(model.ToString(), back.ToString());
            Assert.Equal(Bits(model), Bits(back));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Non_finite_parameters_are_written_as_strings_and_read_back()
    {
        var model = new Mlp(1, [3], new Random(1));
        model.Parameters[0].Data = double.NaN;
        model.Parameters[1].Data = double.PositiveInfinity;
        model.Parameters[2].Data = double.NegativeInfinity;
        var json = ModelFile.ToJson(model);
        Assert.Contains("\"NaN\"", json);
        Assert.Contains("\"-Infinity\"", json);
        var back = ModelFile.FromJson(json);
        Assert.Equal(Bits(model), Bits(back));
    }

    [Fact]
    public void The_written_format_is_the_reference_format()
    {
        var model = new Mlp(2, [new Layer([new Neuron([0.5, -1.25], 0.125, Activation.Tanh)]), new Layer([new Neuron([2.0], -3.0, Activation.Linear)])]);
        var json = ModelFile.ToJson(model);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("inputs").GetInt32());
        var layer0 = root.GetProperty("layers")[0];
        Assert.Equal([0.5, -1.25], layer0.GetProperty("weights")[0].EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal(0.125, layer0.GetProperty("biases")[0].GetDouble());
        Assert.Equal("tanh", layer0.GetProperty("activation").GetString());
        Assert.Equal("linear", root.GetProperty("layers")[1].GetProperty("activation").GetString());
    }

    [Fact]
    public void A_missing_activation_defaults_to_relu_then_linear()
    {
        var model = ModelFile.FromJson("""{"inputs": 1, "layers": [{"weights": [[1], [2]], "biases": [0, 0]}, {"weights": [[1, 1]], "biases": [0]}]}""");
        Assert.Equal("MLP 1-2-1 (relu, linear)", model.ToString());
    }

    [Theory]
    [InlineData("{\"inputs\": 2,", "not valid JSON")]
    [InlineData("[1, 2]", "the top level must be an object, not an array")]
    [InlineData("""{"layers": []}""", "the top level has no 'inputs'")]
    [InlineData("""{"inputs": 0, "layers": []}""", "'inputs' must be a whole number of at least 1, not 0")]
    [InlineData("""{"inputs": "2", "layers": []}""", "'inputs' must be a whole number of at least 1, not the string \"2\"")]
    [InlineData("""{"inputs": 2.5, "layers": []}""", "'inputs' must be a whole number of at least 1, not 2.5")]
    [InlineData("""{"inputs": 2}""", "the top level has no 'layers'")]
    [InlineData("""{"inputs": 2, "layers": {}}""", "'layers' must be an array, not an object")]
    [InlineData("""{"inputs": 2, "layers": []}""", "'layers' is empty")]
    [InlineData("""{"inputs": 2, "layers": [{"weights": [[1, 2, 3]], "biases": [0]}]}""", "layers[0].weights[0] has 3 weights but the layer receives 2 inputs ('inputs')")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [[1], [2]], "biases": [0, 0]}, {"weights": [[1]], "biases": [0]}]}""", "layers[1].weights[0] has 1 weights but the layer receives 2 inputs (layers[0] has 2 neurons)")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [[1], [2]], "biases": [0]}]}""", "layers[0] has 2 rows of weights but 1 biases")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [], "biases": []}]}""", "layers[0].weights is empty")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [1], "biases": [0]}]}""", "layers[0].weights[0] must be an array of numbers, not 1")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [["x"]], "biases": [0]}]}""", "layers[0].weights[0][0] must be a number, not the string \"x\"")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [[1e400]], "biases": [0]}]}""", "layers[0].weights[0][0], 1e400, is out of the range of a double")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [[1]], "biases": [null]}]}""", "layers[0].biases[0] must be a number, not null")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [[1]], "biases": [0], "activation": "elu"}]}""", "layers[0].activation must be one of linear, relu, tanh, sigmoid, not the string \"elu\"")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [[1]], "biases": [0], "activaton": "relu"}]}""", "layers[0] has an unknown property 'activaton'")]
    [InlineData("""{"inputs": 1, "inputs": 2, "layers": []}""", "the top level has 'inputs' twice")]
    [InlineData("""{"inputs": 1, "layers": [{"weights": [[1]]}]}""", "layers[0] has no 'biases'")]
    [InlineData("""{"inputs": 1, "layers": [7]}""", "layers[0] must be an object, not 7")]
    public void A_malformed_model_is_refused_with_a_clear_message(string json, string reason)
    {
        var e = Refused(json);
        Assert.StartsWith("m.json: ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void The_trajectory_fixtures_final_layers_have_the_demo_shape()
    {
        // final_layers has no activation: it loads with the defaults, which are the demo's.
        var text = File.ReadAllText(Fixtures.PathOf("moons_trajectory.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var json = $$"""{"inputs": 2, "layers": {{doc.RootElement.GetProperty("final_layers").GetRawText()}}}""";
        Assert.Equal("MLP 2-16-16-1 (relu, relu, linear)", ModelFile.FromJson(json).ToString());
    }
}
