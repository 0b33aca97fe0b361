using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Tests.NN.Gpt;

/// <summary>microgpt.py's default run, reproduced to the last bit: the shuffled data, the initial weights, each of the
/// 1,000 losses and the 20 names, with each engine (the reference is CPython 3.11's own run, in Fixtures/microgpt/).</summary>
public sealed class MicrogptRunTests
{
    private static (PythonRandom Random, List<string> Documents, CharTokenizer Tokenizer, Micrograd.NN.Gpt.Gpt Model) Start()
    {
        var random = new PythonRandom(42);
        var documents = Microgpt.Names.ToList();
        random.Shuffle(documents);
        var tokenizer = CharTokenizer.FromDocuments(documents);
        var model = Micrograd.NN.Gpt.Gpt.Create(new GptConfig(), tokenizer.VocabularySize, random);
        return (random, documents, tokenizer, model);
    }

    [Fact]
    public void The_shuffle_the_vocabulary_and_the_initial_weights_are_microgpts()
    {
        var (_, documents, tokenizer, model) = Start();
        var run = Microgpt.Default;
        Assert.Equal(run.Documents, documents.Count);
        Assert.Equal(run.FirstDocuments, documents.Take(run.FirstDocuments.Length));
        Assert.Equal(run.VocabularySize, tokenizer.VocabularySize);
        Assert.Equal("abcdefghijklmnopqrstuvwxyz", tokenizer.Characters);
        Assert.Equal(run.Parameters, model.Parameters.Count);
        Assert.Equal(run.Parameters, new GptConfig().ParameterCount(tokenizer.VocabularySize));
        Assert.Equal(Microgpt.InitialWeights.Keys, model.Matrices.Select(m => m.Name));
        foreach (var matrix in model.Matrices)
        {
            var expected = Microgpt.InitialWeights[matrix.Name];
            Assert.Equal(expected.Length, matrix.Rows);
            for (var r = 0; r < matrix.Rows; r++)
            {
                for (var c = 0; c < matrix.Columns; c++) Exact.Assert(expected[r][c], matrix[r, c].Data, $"{matrix.Name}[{r}][{c}]");
            }
        }
    }

    [Theory]
    [InlineData(GptEngine.Compiled)]
    [InlineData(GptEngine.Eager)]
    public void Every_loss_and_every_name_equal_microgpts(GptEngine engine)
    {
        var (random, documents, tokenizer, model) = Start();
        var run = Microgpt.Default;
        var trainer = new GptTrainer(model, documents.Select(tokenizer.EncodeDocument).ToList(), new GptAdam(model.Parameters.Count, 0.01, run.Losses.Length), engine);
        for (var step = 0; step < run.Losses.Length; step++)
        {
            var loss = trainer.Step();
            Exact.Assert(run.Losses[step], loss, $"{engine} loss at step {step + 1}");
        }
        var sampler = new GptSampler(model, tokenizer, engine);
        var samples = Enumerable.Range(0, run.Samples.Length).Select(_ => sampler.Sample(random, 0.5)).ToArray();
        Assert.Equal(run.Samples, samples);
    }
}
