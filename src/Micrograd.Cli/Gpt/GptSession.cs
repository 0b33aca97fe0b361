using System.Diagnostics;
using System.Globalization;
using Micrograd.Cli.Io;
using Micrograd.Cli.Train;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Gpt;

/// <summary>
/// One <c>micrograd gpt</c> run, microgpt.py's: its outputs checked, the documents read, its memory estimated; then, from
/// one Python generator seeded with <c>--seed</c>, the documents shuffled, the weights drawn, the training loop (which
/// Ctrl-C or SIGTERM stops after the step under way), the outputs (each replaced at once) and the samples, drawn on from the
/// same generator. With the defaults every loss and every name is microgpt.py's, bit for bit.
/// </summary>
internal static class GptSession
{
    /// <summary>Runs the training that <paramref name="s"/> describes and returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <exception cref="UsageException">An input or output is refused, or cannot be read or written.</exception>
    public static int Run(GptSettings s, CliOutput output)
    {
        // before any work: no output may destroy an input or another output, and each must be creatable
        (string Option, string? Path)[] outputs = [("--save", s.Save), ("--log", s.Log)];
        UserFiles.CheckDistinct([("--data", s.Data)], outputs);
        foreach (var (option, path) in outputs) UserFiles.CheckWritable(path, option);

        GptMemoryEstimate.CheckData(GptData.FileLength(s.Data));
        var data = GptData.Load(s.Data);
        // the vocabulary is the documents' characters in code-point order, whatever their order: the same after the shuffle
        var tokenizer = CharTokenizer.FromDocuments(data.Documents);
        var characters = data.Documents.Sum(d => (long)d.Length);
        var longest = data.Documents.Max(d => d.Length);
        var estimate = GptMemoryEstimate.Of(s.Config, tokenizer.VocabularySize, data.Documents.Count, characters, longest, s.Engine, s.Save is not null);
        estimate.Check();
        if (estimate.Parameters > Array.MaxLength)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"the model would have {estimate.Parameters:N0} parameters, more than the {Array.MaxLength:N0} an array holds; try a smaller --embd or --block, or fewer --layers"));
        }

        // microgpt.py: random.seed(42); random.shuffle(docs); the weights drawn with random.gauss; training; then the samples
        var random = new PythonRandom(s.Seed);
        var documents = data.Documents.ToList();
        random.Shuffle(documents);
        var model = NN.Gpt.Gpt.Create(s.Config, tokenizer.VocabularySize, random);
        var optimizer = new GptAdam(model.Parameters.Count, s.LearningRate, s.Steps);
        var trainer = new GptTrainer(model, documents.Select(tokenizer.EncodeDocument).ToList(), optimizer, s.Engine);

        output.Out.WriteLine(Describe(s, data, tokenizer, model.Parameters.Count));
        using var log = s.Log is null ? null : StepLog.Open(s.Log);
        GptStep? last = null;
        var clock = Stopwatch.StartNew();
        var stop = output.Stop;
        stop.Watched = true;
        try
        {
            TrainingProgress.Run(s.Steps, output.Console, output.Out, k =>
            {
                var step = last = new GptStep(k, trainer.Step(), optimizer.LearningRateAt(k));
                log?.WriteLine(GptLog.Line(step));
                if (output.OutputGone()) throw new OutputClosedException();
                stop.Token.ThrowIfCancellationRequested();
                return step;
            }, step => step.Describe(s.Steps), step => step.Line(s.Steps));
        }
        catch (Exception e) when (e is OperationCanceledException or OutputClosedException)
        {
            // stopped by Ctrl-C, SIGTERM or a reader gone: the log keeps the steps taken, in whole lines; nothing else is written
            log?.Commit();
            if (e is OutputClosedException) throw;
            var kept = log is null ? "" : $": the log {s.Log} has those steps";
            var lost = s.Save is null ? "no names were sampled" : "the model was not saved and no names were sampled";
            output.Error.WriteLine(Messages.Escape(string.Create(CultureInfo.InvariantCulture,
                $"error: stopped by {stop.Reason} after step {trainer.StepCount} of {s.Steps}{kept}; {lost}")));
            return stop.ExitCode;
        }
        finally
        {
            stop.Watched = false;
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        log?.Commit();

        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after {s.Steps} steps: loss {TrainingProgress.Short(last!.Loss)} at the last step; {GptSettings.Describe(s.Engine)}: {TrainingProgress.PerStep(elapsed / s.Steps)} ms per step"));
        if (s.Log is not null) output.Out.WriteLine($"wrote {log!.Count} steps to {s.Log}");
        if (s.Save is { } save)
        {
            UserFiles.Write(save, "--save", () => GptModelFile.Save(model, tokenizer, save));
            output.Out.WriteLine($"saved the model to {save}");
        }

        // microgpt.py: print("\n--- inference (new, hallucinated names) ---"), its \n ending the progress line it overwrote
        output.Out.WriteLine(GptSamples.Heading);
        GptSamples.Write(output.Out, new GptSampler(model, tokenizer, s.Engine), random, s.Samples, s.Temperature, "",
            "; the training diverged: try a smaller --lr");
        return ExitCodes.Ok;
    }

    /// <summary>The run's first line: the model, the documents and their source, the vocabulary, the optimizer, the engine.</summary>
    private static string Describe(GptSettings s, GptData data, CharTokenizer tokenizer, int parameters)
    {
        var c = s.Config;
        return string.Create(CultureInfo.InvariantCulture,
            $"training a GPT ({Words.Count(c.Layers, "layer")}, width {c.EmbeddingWidth}, {Words.Count(c.Heads, "head")}, context {c.ContextLength}; {Words.Count(parameters, "parameter")}) " +
            $"on {Words.Count(data.Documents.Count, "document")} from {data.Source}, vocabulary {tokenizer.VocabularySize} ({Words.Count(tokenizer.CharacterCount, "character")} and BOS): " +
            $"adam, lr {Numbers.Format(s.LearningRate)} -> 0, {Words.Count(s.Steps, "step")}, seed {s.Seed}, {GptSettings.Describe(s.Engine)}");
    }
}
