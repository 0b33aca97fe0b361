using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Tests.NN.Gpt;

/// <summary>The compiled GPT (loops over flat arrays) against the eager graph of Values (<see cref="Micrograd.NN.Gpt.Gpt.Loss"/>
/// and <see cref="Value.Backward"/>): the loss and every parameter's gradient, bit for bit, for shapes other than the
/// default (several layers, one head, many heads, odd widths, documents longer than the context).</summary>
public sealed class CompiledGptTests
{
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 1, 16, 4, 16 },
        { 2, 8, 2, 5 },
        { 3, 12, 3, 8 },
        { 1, 4, 1, 3 },
        { 2, 16, 8, 16 },
        { 1, 6, 6, 1 },
        { 4, 5, 1, 7 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_gradient_equals_the_eager_graphs(int layers, int width, int heads, int context)
    {
        var random = new PythonRandom(1000 + (layers * 100) + width + heads + context);
        var documents = Microgpt.Names.Where((_, i) => i % 997 == 0).Append("a").Append("aaaaaaaaaaaaaaaaaaaaaaaa").ToList();
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var config = new GptConfig(layers, width, heads, context);
        var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, random, 0.3);
        var kernel = new GptKernel(new GptLayout(config, tokenizer.VocabularySize));
        for (var i = 0; i < model.Parameters.Count; i++) kernel.Parameters[i] = model.Parameters[i].Data;

        foreach (var document in documents)
        {
            var tokens = tokenizer.EncodeDocument(document);
            model.ZeroGrad();
            var loss = model.Loss(tokens);
            loss.Backward();
            var compiled = kernel.LossAndGradients(tokens);
            Exact.Assert(loss.Data, compiled, $"loss of '{document}'");
            for (var i = 0; i < model.Parameters.Count; i++)
                Exact.Assert(model.Parameters[i].Grad, kernel.Gradients[i], $"gradient of {model.Parameters[i].Label} on '{document}'");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_and_sampling_give_the_same_numbers_with_either_engine(int layers, int width, int heads, int context)
    {
        var documents = Microgpt.Names.Where((_, i) => i % 1601 == 0).ToList();
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var config = new GptConfig(layers, width, heads, context);
        var tokens = documents.Select(tokenizer.EncodeDocument).ToList();
        var models = new[] { GptEngine.Eager, GptEngine.Compiled }.Select(engine =>
        {
            var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, new PythonRandom(7));
            var trainer = new GptTrainer(model, tokens, new GptAdam(model.Parameters.Count, 0.02, 30), engine);
            var losses = Enumerable.Range(0, 30).Select(_ => trainer.Step()).ToArray();
            var random = new PythonRandom(3);
            var sampler = new GptSampler(model, tokenizer, engine);
            var names = Enumerable.Range(0, 5).Select(_ => sampler.Sample(random, 0.8, "a")).ToArray();
            return (model, losses, names);
        }).ToArray();
        Assert.Equal(models[0].losses.Select(BitConverter.DoubleToInt64Bits), models[1].losses.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(models[0].model.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)), models[1].model.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Data)));
        Assert.All(models[0].model.Parameters.Concat(models[1].model.Parameters), p => Assert.Equal(0.0, p.Grad));
        Assert.Equal(models[0].names, models[1].names);
        Assert.All(models[0].names, n => Assert.StartsWith("a", n, StringComparison.Ordinal));
    }
}
