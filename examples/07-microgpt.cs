// 07: From micrograd to microgpt: a GPT made of Values learns to make up names.
// Look at: the loss falling from about 3.3 (a guess among 27 characters: ln 27) towards 2.4 in 300 steps, and the names
// the model then invents. Every step builds microgpt's graph of Values and calls Backward(), as microgpt.py does: these are
// the first 300 of microgpt.py's 1,000 steps, and each loss is microgpt.py's own, to the last bit (`micrograd gpt` runs
// all 1,000 steps, compiled, in a blink).
// Run: dotnet run examples/07-microgpt.cs (it reads makemore's names.txt: in the repository, the tool's copy; elsewhere, put
// names.txt beside this file: https://raw.githubusercontent.com/karpathy/makemore/master/names.txt)
#:package Micrograd@0.2.0-preview.1
using System.Globalization;
using System.Runtime.CompilerServices;
using Micrograd.NN;
using Micrograd.NN.Gpt;

// The data: makemore's 32,033 names, one document per line, shuffled with Python's generator seeded 42.
var random = new PythonRandom(42);
var names = GptDocuments.Parse(File.ReadAllText(NamesFile())).ToList();
random.Shuffle(names);

// The tokenizer: one token per character, plus BOS, which starts and ends every name.
var tokenizer = CharTokenizer.FromDocuments(names);

// The model: 1 layer, 16-wide embeddings, 4 attention heads, 16 positions; 4,192 parameters drawn from gauss(0, 0.08).
var model = Gpt.Create(new GptConfig(layers: 1, embeddingWidth: 16, heads: 4, contextLength: 16), tokenizer.VocabularySize, random);
Console.WriteLine($"{names.Count} names, {tokenizer.VocabularySize} tokens, {model.Parameters.Count} parameters");

// The training loop: one name per step; the loss is the mean of -log p(next character) over its positions.
var adam = new GptAdam(model.Parameters.Count, learningRate: 0.01, steps: 1000); // the rate falls to 0 over 1,000 steps
for (var step = 0; step < 300; step++)
{
    var loss = model.Loss(tokenizer.EncodeDocument(names[step]));
    loss.Backward();                          // every parameter's Grad: d(loss)/d(parameter)
    adam.Update(model.Parameters, step);      // microgpt's Adam, then the gradients back to 0
    if (step == 0 || (step + 1) % 50 == 0) Console.WriteLine($"step {step + 1,3}: loss {loss.Data.ToString("F4", CultureInfo.InvariantCulture)}");
}

// Inference: from BOS, draw each next character from softmax(logits / 0.5) until BOS comes out.
var sampler = new GptSampler(model, tokenizer, GptEngine.Eager);
for (var i = 1; i <= 10; i++) Console.WriteLine($"name {i,2}: {sampler.Sample(random, temperature: 0.5)}");

// names.txt beside this file, or else the repository's copy (src/Micrograd.Cli/Gpt/names.txt, which the tool carries).
static string NamesFile([CallerFilePath] string file = "")
{
    var folder = Path.GetDirectoryName(file)!;
    var beside = Path.Combine(folder, "names.txt");
    return File.Exists(beside) ? beside : Path.Combine(folder, "../src/Micrograd.Cli/Gpt/names.txt");
}
