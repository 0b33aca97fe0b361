using System.Diagnostics;
using System.Globalization;
using Micrograd.Cli.Io;
using Micrograd.Cli.Train;
using Micrograd.Explorer;
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
        (string Option, string? Path)[] outputs = [("--save", s.Save), ("--log", s.Log), ("--html", s.Html)];
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

        var recorder = s.Html is null ? null : new GptRunRecorder(trainer, tokenizer, s.Seed, s.Temperature);

        output.Out.WriteLine(Describe(s, data, tokenizer, model.Parameters.Count));
        using var log = s.Log is null ? null : StepLog.Open(s.Log);
        GptStep? last = null;
        var clock = Stopwatch.StartNew();
        var stop = output.Stop;
        var stoppedByLog = false;
        stop.Watched = true;
        try
        {
            TrainingProgress.Run(s.Steps, output.Console, output.Out, k =>
            {
                var step = last = new GptStep(k, trainer.Step(), optimizer.LearningRateAt(k));
                recorder?.Record(step.Loss);
                log?.WriteLine(GptLog.Line(step));
                if (output.OutputGone()) throw new OutputClosedException();
                if (log?.Failure is not null) throw new LogFailedException();
                stop.Token.ThrowIfCancellationRequested();
                return step;
            }, step => step.Describe(s.Steps), step => step.Line(s.Steps));
        }
        catch (LogFailedException)
        {
            // the log cannot be written (a full disk): the run stops as on Ctrl-C, but the model is still saved
            stoppedByLog = true;
        }
        catch (Exception e) when (e is OperationCanceledException or OutputClosedException)
        {
            // stopped by a signal or a reader gone: the log keeps the steps taken, in whole lines; nothing else is written
            log?.Commit();
            if (e is OutputClosedException) throw;
            var kept = log is null ? "" : log.Failure is null ? $": the log {s.Log} has those steps" : $"; {TrainingSession.LogFailure(log)}";
            string[] missing = [.. new[] { s.Save is null ? null : "the model was not saved", s.Html is null ? null : "the page was not written" }.OfType<string>(), "no names were sampled"];
            var lost = missing.Length == 1 ? missing[0] : string.Join(", ", missing[..^1]) + " and " + missing[^1];
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
        var taken = trainer.StepCount;

        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after {taken} steps: loss {TrainingProgress.Short(last!.Loss)} at the last step; {GptSettings.Describe(s.Engine)}: {TrainingProgress.PerStep(elapsed / taken)} ms per step"));
        if (s.Log is not null && log!.Failure is null) output.Out.WriteLine($"wrote {log.Count} steps to {s.Log}");
        if (s.Save is { } save)
        {
            UserFiles.Write(save, "--save", () => GptModelFile.Save(model, tokenizer, save));
            output.Out.WriteLine($"saved the model to {save}");
        }
        if (s.Html is { } html)
        {
            var c = s.Config;
            var page = GptPage.Render(recorder!, new GptPageOptions
            {
                Title = string.Create(CultureInfo.InvariantCulture,
                    $"GPT on {data.Source}: {Words.Count(c.Layers, "layer")}, width {c.EmbeddingWidth}, {Words.Count(c.Heads, "head")}, {Words.Count(taken, "step")}"),
                Command = s.Command,
            });
            UserFiles.WriteText(html, "--html", page);
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {html}: {taken:N0} steps, the weights {(recorder!.CheckpointInterval == 1 ? "after every step" : $"every {recorder.CheckpointInterval:N0} steps")}, {System.Text.Encoding.UTF8.GetByteCount(page) / 1024.0:N0} KB; open it in a browser"));
        }

        // microgpt.py: print("\n--- inference (new, hallucinated names) ---"), its \n ending the progress line it overwrote
        output.Out.WriteLine(GptSamples.Heading);
        GptSamples.Write(output.Out, new GptSampler(model, tokenizer, s.Engine), random, s.Samples, s.Temperature, "",
            "; the training diverged: try a smaller --lr");
        if (log?.Failure is not null)
        {
            // last, after the model and the samples: what failed, and what the log keeps
            var stopped = stoppedByLog ? string.Create(CultureInfo.InvariantCulture, $"; training stopped after step {taken} of {s.Steps}") : "";
            output.Error.WriteLine($"error: {log.Failure}{stopped}{(stoppedByLog ? ": " : "; ")}{TrainingSession.Kept(log)}");
            return ExitCodes.BadInput;
        }
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
