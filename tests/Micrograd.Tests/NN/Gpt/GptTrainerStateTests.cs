using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Tests.NN.Gpt;

/// <summary>What a trainer shows of each step (<see cref="GptTrainer.Gradients"/>, <see cref="GptAdam.FirstMoments"/> and
/// <see cref="GptAdam.SecondMoments"/>): the numbers the update used and left, the same with either engine, and enough with
/// the weights to take the next step again.</summary>
public sealed class GptTrainerStateTests
{
    private static long[] Bits(IEnumerable<double> numbers) => [.. numbers.Select(BitConverter.DoubleToInt64Bits)];

    [Fact]
    public void Both_engines_show_the_gradients_and_moments_the_update_used()
    {
        var documents = Microgpt.Names.Where((_, i) => i % 1601 == 0).ToList();
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var config = new GptConfig(2, 8, 2, 6);
        var tokens = documents.Select(tokenizer.EncodeDocument).ToList();
        var runs = new[] { GptEngine.Eager, GptEngine.Compiled }.Select(engine =>
        {
            var model = Micrograd.NN.Gpt.Gpt.Create(config, tokenizer.VocabularySize, new PythonRandom(5));
            var adam = new GptAdam(model.Parameters.Count, 0.02, 12);
            return (model, adam, trainer: new GptTrainer(model, tokens, adam, engine));
        }).ToArray();
        var count = runs[0].model.Parameters.Count;
        Assert.All(runs, r => Assert.Equal(new double[count], r.trainer.Gradients));
        Assert.All(runs, r => Assert.Equal(new double[count], r.adam.FirstMoments));
        Assert.All(runs, r => Assert.Equal(new double[count], r.adam.SecondMoments));

        var (b1, b2) = (runs[0].adam.Beta1, runs[0].adam.Beta2);
        for (var k = 0; k < 12; k++)
        {
            // the gradients, from the graph of Values at the weights before the step
            var shadow = new Micrograd.NN.Gpt.Gpt(config, tokenizer.VocabularySize, (_, _, _) => 0);
            for (var i = 0; i < count; i++) shadow.Parameters[i].Data = runs[0].model.Parameters[i].Data;
            shadow.Loss(runs[0].trainer.NextDocument.ToArray()).Backward();
            var m = runs[0].adam.FirstMoments.ToArray();
            var v = runs[0].adam.SecondMoments.ToArray();
            foreach (var r in runs) r.trainer.Step();

            var g = shadow.Parameters.Select(p => p.Grad).ToArray();
            foreach (var (_, adam, trainer) in runs)
            {
                Assert.Equal(Bits(g), Bits(trainer.Gradients));
                Assert.Equal(Bits(m.Select((mi, i) => (b1 * mi) + ((1 - b1) * g[i]))), Bits(adam.FirstMoments));
                Assert.Equal(Bits(v.Select((vi, i) => (b2 * vi) + ((1 - b2) * Math.Pow(g[i], 2)))), Bits(adam.SecondMoments));
            }
            Assert.Equal(Bits(runs[0].model.Parameters.Select(p => p.Data)), Bits(runs[1].model.Parameters.Select(p => p.Data)));
        }
    }
}
