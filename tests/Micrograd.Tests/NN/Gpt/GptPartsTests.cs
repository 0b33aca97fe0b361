using System.Text;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Tests.NN.Gpt;

/// <summary>The GPT's parts on their own: the tokenizer, the shape, the documents reader, microgpt's functions, the model's
/// checks, the model file, the trainer's and the sampler's checks.</summary>
public sealed class GptPartsTests
{
    [Fact]
    public void The_vocabulary_is_the_sorted_distinct_characters_then_bos()
    {
        var tokenizer = CharTokenizer.FromDocuments(["emma", "zoë", "ann", "a😀"]);
        Assert.Equal("aemnoz\u00eb😀", tokenizer.Characters);
        Assert.Equal(8, tokenizer.CharacterCount);
        Assert.Equal(8, tokenizer.Bos);
        Assert.Equal(9, tokenizer.VocabularySize);
        Assert.Equal([8, 1, 2, 2, 0, 8], tokenizer.EncodeDocument("emma"));
        Assert.Equal([0, 7], tokenizer.Encode("a😀"));
        Assert.Equal("zoë", tokenizer.Decode(tokenizer.Encode("zoë")));
        var unknown = Assert.Throws<ArgumentException>(() => tokenizer.Encode("ax"));
        Assert.Contains("Character 2 of the text, 'x' (U+0078), is not in the vocabulary", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("U+0009", Assert.Throws<ArgumentException>(() => tokenizer.Encode("\t")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([8]));
        Assert.True(tokenizer.TryGetId(new Rune('z'), out var z) && z == 5);
        Assert.False(tokenizer.TryGetId(new Rune('q'), out var q) || q != -1);
        Assert.Equal(tokenizer.Characters, CharTokenizer.FromCharacters(tokenizer.Characters).Characters);
        Assert.Throws<ArgumentException>(() => CharTokenizer.FromCharacters("ba"));
        Assert.Throws<ArgumentException>(() => CharTokenizer.FromCharacters("aa"));
        Assert.Equal(1, CharTokenizer.FromDocuments([]).VocabularySize);
    }

    [Fact]
    public void Documents_are_read_as_microgpt_reads_its_file()
    {
        var text = "  emma \r\nolivia\r\r\n\t\nava\x1f\n\x0c mia \u2028x\u2028\n \n";
        // Python: [l.strip() for l in text.strip().split('\n') if l.strip()] after universal newlines (\r\n and \r become \n)
        Assert.Equal(["emma", "olivia", "ava", "mia \u2028x"], GptDocuments.Parse(text));
        Assert.Empty(GptDocuments.Parse(" \n\r\n\t"));
        Assert.Equal(32033, GptDocuments.Parse(File.ReadAllText(Microgpt.NamesPath)).Count);
    }

    [Fact]
    public void A_shape_is_checked_and_counts_its_parameters()
    {
        var config = new GptConfig();
        Assert.Equal((1, 16, 4, 16, 4), (config.Layers, config.EmbeddingWidth, config.Heads, config.ContextLength, config.HeadWidth));
        Assert.Equal(4192, config.ParameterCount(27));
        Assert.Equal(((2L * 30) + 32) * 64 + (4 * 12L * 64 * 64), new GptConfig(4, 64, 4, 32).ParameterCount(30));
        Assert.Contains("multiple of the number of heads", Assert.Throws<ArgumentOutOfRangeException>(() => new GptConfig(1, 16, 3, 16)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptConfig(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptConfig(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptConfig(1, 16, 0));
        Assert.Contains("context length", Assert.Throws<ArgumentOutOfRangeException>(() => new GptConfig(1, 16, 4, 0)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Micrograd.NN.Gpt.Gpt(new GptConfig(1, 40000, 1, 1), 10, (_, _, _) => 0));
    }

    [Fact]
    public void Microgpts_power_and_log_are_pow_and_one_over_x()
    {
        var x = new Value(3.7, "x");
        var y = GptFunctions.Power(x, -0.5);
        Assert.Equal("pow_m0_5", y.Op);
        Assert.Equal(Math.Pow(3.7, -0.5), y.Data);
        y.Backward();
        Assert.Equal(-0.5 * Math.Pow(3.7, -1.5), x.Grad);
        Assert.Equal("pow_m1", GptFunctions.Power(x, -1).Op);
        Assert.Same(GptFunctions.Power(x, -1).Op, GptFunctions.Power(new Value(2), -1).Op);

        var p = new Value(0.11, "p");
        var log = GptFunctions.Log(p);
        var g = new Value(-0.7);
        var loss = log * g;
        loss.Backward();
        Assert.Equal("ln", log.Op);
        Assert.Equal(Math.Log(0.11), log.Data);
        Assert.Equal(-0.7 * (1 / 0.11), p.Grad); // (1/x)·g, where the built-in log gives g/x
        Assert.NotEqual(-0.7 / 0.11, p.Grad);

        // second order works through the derivatives as graphs: d²/dx² x ** −0.5 = 0.75 · x ** −2.5
        var d2 = Gradients.Of(Gradients.Of(GptFunctions.Power(x, -0.5), [x])[0], [x])[0];
        Assert.Equal(-0.5 * (-1.5 * Math.Pow(3.7, -2.5)), d2.Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => GptFunctions.Power(x, double.NaN));
    }

    [Fact]
    public void Softmax_and_rmsnorm_are_written_as_microgpt_writes_them()
    {
        var logits = new[] { new Value(1.5), new Value(-0.25), new Value(1.5) };
        var p = GptFunctions.Softmax(logits);
        double e0 = Math.Exp(1.5 + (-1.5)), e1 = Math.Exp(-0.25 + (-1.5)), e2 = Math.Exp(1.5 + (-1.5));
        var inverse = Math.Pow(0.0 + e0 + e1 + e2, -1);
        Assert.Equal([e0 * inverse, e1 * inverse, e2 * inverse], p.Select(v => v.Data));
        Assert.Equal(3, p.Select(v => v.Children[1]).Distinct().Count()); // a power node per output, as e / total makes

        var x = new[] { new Value(0.5), new Value(-2.0), new Value(0.125) };
        var n = GptFunctions.RmsNorm(x);
        var scale = Math.Pow(((0.0 + (0.5 * 0.5) + (-2.0 * -2.0) + (0.125 * 0.125)) * Math.Pow(3, -1)) + 1e-5, -0.5);
        Assert.Equal([0.5 * scale, -2.0 * scale, 0.125 * scale], n.Select(v => v.Data));
        Assert.Throws<ArgumentException>(() => GptFunctions.Softmax([]));
        Assert.Throws<ArgumentException>(() => GptFunctions.RmsNorm([]));
    }

    [Fact]
    public void The_model_checks_its_inputs()
    {
        var model = Micrograd.NN.Gpt.Gpt.Create(new GptConfig(2, 8, 2, 4), 5, new PythonRandom(1));
        Assert.Equal(["wte", "wpe", "lm_head", "layer0.attn_wq", "layer0.attn_wk", "layer0.attn_wv", "layer0.attn_wo", "layer0.mlp_fc1", "layer0.mlp_fc2",
            "layer1.attn_wq", "layer1.attn_wk", "layer1.attn_wv", "layer1.attn_wo", "layer1.mlp_fc1", "layer1.mlp_fc2"], model.Matrices.Select(m => m.Name));
        Assert.Equal((32, 8), (model.Layers[1].Fc1.Rows, model.Layers[1].Fc1.Columns));
        Assert.Equal("layer1.mlp_fc2[7][31]", model.Layers[1].Fc2[7, 31].Label);
        Assert.Equal(model.Config.ParameterCount(5), model.Parameters.Count);
        var cache = new GptKeyValueCache(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(5, 0, cache));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(0, 1, cache));
        Assert.Throws<ArgumentException>(() => model.Forward(0, 0, new GptKeyValueCache(1)));
        for (var p = 0; p < 4; p++) Assert.Equal(5, model.Forward(1, p, cache).Length);
        Assert.Equal(4, cache.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(1, 4, cache));
        Assert.Throws<ArgumentException>(() => model.Loss([4]));
        Assert.Throws<ArgumentException>(() => model.Loss([4, 9]));
        // a document longer than the context is cut: the loss reads only the first context + 1 tokens
        Assert.Equal(model.Loss([4, 0, 1, 2, 3]).Data, model.Loss([4, 0, 1, 2, 3, 2, 1, 0, 4]).Data);
    }

    [Fact]
    public void A_saved_model_loads_with_every_parameter_and_the_vocabulary()
    {
        var tokenizer = CharTokenizer.FromDocuments(["abc", "cab"]);
        var model = Micrograd.NN.Gpt.Gpt.Create(new GptConfig(2, 4, 2, 3), tokenizer.VocabularySize, new PythonRandom(9));
        model.Parameters[5].Data = double.NaN;
        model.Parameters[6].Data = double.NegativeInfinity;
        model.Parameters[7].Data = 1e-310;
        using var folder = new TempDirectory();
        var path = folder.File("gpt.json");
        GptModelFile.Save(model, tokenizer, path);
        var (loaded, vocabulary) = GptModelFile.Load(path);
        Assert.Equal(tokenizer.Characters, vocabulary.Characters);
        Assert.Equal((2, 4, 2, 3), (loaded.Config.Layers, loaded.Config.EmbeddingWidth, loaded.Config.Heads, loaded.Config.ContextLength));
        Assert.Equal(model.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)), loaded.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)));
        Assert.Equal(File.ReadAllText(path), GptModelFile.ToJson(loaded, vocabulary));
    }

    [Theory]
    [InlineData("[]", "the top level must be an object")]
    [InlineData("{\"format\": \"x\"}", "'format' must be \"micrograd-gpt\"")]
    [InlineData("{\"format\": \"micrograd-gpt\", \"extra\": 1}", "unknown property 'extra'")]
    [InlineData("{\"format\": \"micrograd-gpt\", \"config\": {\"layers\": 1, \"embedding_width\": 6, \"heads\": 4, \"context_length\": 2}, \"vocabulary\": \"ab\", \"weights\": {}}", "multiple of the number of heads")]
    [InlineData("{\"format\": \"micrograd-gpt\", \"config\": {\"layers\": 1, \"embedding_width\": 4, \"heads\": 2, \"context_length\": 2}, \"vocabulary\": \"ba\", \"weights\": {}}", "'vocabulary' is not a vocabulary")]
    [InlineData("{\"format\": \"micrograd-gpt\", \"config\": {\"layers\": 1, \"embedding_width\": 4, \"heads\": 2, \"context_length\": 2}, \"vocabulary\": \"ab\", \"weights\": {}}", "weights has no 'wte'")]
    [InlineData("{\"format\": \"micrograd-gpt\", \"config\": {\"layers\": 0, \"embedding_width\": 4, \"heads\": 2, \"context_length\": 2}, \"vocabulary\": \"ab\", \"weights\": {}}", "'config.layers' must be a whole number of at least 1")]
    [InlineData("{\"format\": \"micrograd-gpt\", \"config\": {\"layers\": 100, \"embedding_width\": 4096, \"heads\": 2, \"context_length\": 2}, \"vocabulary\": \"ab\", \"weights\": {}}", "more than the 100,000,000")]
    [InlineData("{,", "not valid JSON")]
    public void A_broken_model_file_is_refused_naming_the_place(string json, string reason)
    {
        var error = Assert.Throws<ModelFormatException>(() => GptModelFile.FromJson(json, "m.json"));
        Assert.StartsWith("m.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_matrix_size_is_named()
    {
        var tokenizer = CharTokenizer.FromDocuments(["ab"]);
        var model = Micrograd.NN.Gpt.Gpt.Create(new GptConfig(1, 4, 2, 2), tokenizer.VocabularySize, new PythonRandom(1));
        var json = GptModelFile.ToJson(model, tokenizer);
        var broken = json.Replace("\"context_length\": 2", "\"context_length\": 3", StringComparison.Ordinal);
        var error = Assert.Throws<ModelFormatException>(() => GptModelFile.FromJson(broken, "m.json"));
        Assert.Contains("weights.wpe has 2 rows; this shape needs 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trainer_and_the_sampler_refuse_what_does_not_fit()
    {
        var tokenizer = CharTokenizer.FromDocuments(["ab"]);
        var model = Micrograd.NN.Gpt.Gpt.Create(new GptConfig(1, 4, 2, 3), tokenizer.VocabularySize, new PythonRandom(1));
        var adam = new GptAdam(model.Parameters.Count);
        Assert.Throws<ArgumentException>(() => new GptTrainer(model, [], adam));
        Assert.Throws<ArgumentException>(() => new GptTrainer(model, [[2]], adam));
        Assert.Contains("token 7", Assert.Throws<ArgumentException>(() => new GptTrainer(model, [[2, 7, 2]], adam)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new GptTrainer(model, [[2, 0, 2]], new GptAdam(3)));
        Assert.Throws<ArgumentException>(() => new GptSampler(model, CharTokenizer.FromDocuments(["abc"])));
        var sampler = new GptSampler(model, tokenizer);
        var random = new PythonRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(random, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(random, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(random, 1, "abab"));
        Assert.Throws<ArgumentException>(() => sampler.Sample(random, 1, "x"));
        Assert.Equal("aba", sampler.Sample(random, 1, "aba")); // the context is full: nothing is drawn
        var trainer = new GptTrainer(model, [tokenizer.EncodeDocument("ab"), tokenizer.EncodeDocument("ba")], adam);
        Assert.Equal(tokenizer.EncodeDocument("ab"), trainer.NextDocument);
        trainer.Step();
        Assert.Equal(tokenizer.EncodeDocument("ba"), trainer.NextDocument);
        Assert.Equal(1, trainer.StepCount);
    }
}
