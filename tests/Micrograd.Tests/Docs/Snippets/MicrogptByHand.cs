using Micrograd.NN;
using Micrograd.NN.Gpt;

public static class MicrogptByHand
{
    /// <summary>microgpt.py, from the library's pieces: 1,000 steps on the names in <paramref name="path"/>, then a name.</summary>
    public static string FirstName(string path)
    {
        var random = new PythonRandom(42);
        var names = GptDocuments.Parse(File.ReadAllText(path)).ToList();
        random.Shuffle(names);
        var tokenizer = CharTokenizer.FromDocuments(names);
        var config = new GptConfig(layers: 1, embeddingWidth: 16, heads: 4, contextLength: 16);
        var model = Gpt.Create(config, tokenizer.VocabularySize, random);
        var adam = new GptAdam(model.Parameters.Count, learningRate: 0.01, steps: 1000);
        for (var step = 0; step < 1000; step++)
        {
            var loss = model.Loss(tokenizer.EncodeDocument(names[step]));   // microgpt's graph of Values
            loss.Backward();
            adam.Update(model.Parameters, step);                            // and the gradients back to 0
        }
        var sampler = new GptSampler(model, tokenizer);
        return sampler.Sample(random, temperature: 0.5);                    // "kamon", microgpt.py's first name
    }
}
