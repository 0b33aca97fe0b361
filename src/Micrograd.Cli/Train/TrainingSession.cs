using System.Diagnostics;
using System.Globalization;
using Micrograd.Cli.Io;
using Micrograd.Explorer;
using Micrograd.Graphs;
using Micrograd.NN;
using Micrograd.Plots;

namespace Micrograd.Cli.Train;

/// <summary>
/// One <c>micrograd train</c> run: its outputs checked, its memory estimated, then data, model, objective, engine,
/// optimizer, the loop (which Ctrl-C or SIGTERM stops after the step under way), then the outputs, each replaced at once.
/// </summary>
internal static class TrainingSession
{
    /// <summary>Runs the training that <paramref name="s"/> describes and returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <exception cref="UsageException">An input or output is refused, or cannot be read or written.</exception>
    public static int Run(TrainSettings s, CliOutput output)
    {
        // before any work: no output may destroy an input or another output, and each must be creatable
        (string Option, string? Path)[] outputs = [("--save", s.Save), ("--log", s.Log), ("--plot", s.Plot), ("--html", s.Html)];
        UserFiles.CheckDistinct([("--data", s.Generated ? null : s.Data), ("--init", s.Init)], outputs, replaces: (o, i) => o == "--save" && i == "--init");
        if (s.Plot is { } png && !Path.GetExtension(png).Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--plot '{png}': the plot is a PNG picture; name the file with .png");
        foreach (var (option, path) in outputs) UserFiles.CheckWritable(path, option);
        if (s.Html is not null && !Graphviz.IsAvailable(output.Graphviz))
            throw new GraphvizNotFoundException($"Graphviz's 'dot' was not found; --html lays out a sample's graph with it: {GraphvizNotFoundException.InstallHint}");

        // estimated before the data are generated or read: from --samples, or from the file's size and its first lines
        if (s.Init is null && (s.Generated ? (Features: 2, Samples: s.Samples) : CsvSize(s.Data)) is var (features, samples) && samples > 0)
        {
            CheckMemory(s, features, samples, [.. s.Hidden, s.Loss.OutputCountFor(s.Generated ? Math.Max(2, s.Classes) : 2)]);
        }
        var all = LoadData(s);
        var classes = all.ClassCount;
        if (classes > 2 && s.Loss != Loss.SoftmaxCrossEntropy)
            throw new UsageException($"{all.Name} has {classes} classes (labels 0 to {classes - 1}): the {s.Loss.Name} loss takes two (-1 and 1); use --loss softmax.");
        var (data, validation) = ValidationSplit.Split(all, s.Validation, s.Seed);
        var init = s.Init is { } initPath ? UserFiles.Read(initPath, "--init file", () => ModelFile.Load(initPath)) : null;
        int[] layers = init is null ? [.. s.Hidden, s.Loss.OutputCountFor(classes)] : [.. init.Layers.Select(l => l.OutputCount)];
        CheckMemory(s, all.FeatureCount, all.Count, layers);
        var model = init ?? new Mlp(data.FeatureCount, layers, new Random(s.Seed + 1), s.Activation);

        var objective = new Objective(model, s.Loss, s.L2);
        try
        {
            objective.Check(all);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Replace(" (Parameter 'data')", "", StringComparison.Ordinal), e);
        }
        if (s.Plot is not null && data.FeatureCount != 2)
            throw new UsageException($"--plot draws two features, but {data.Name} has {data.FeatureCount}.");
        if (s.Html is not null && data.FeatureCount != 2)
            throw new UsageException($"--html draws two features over the plane, but {data.Name} has {data.FeatureCount}.");

        var schedule = LearningRateSchedule.Linear(s.LearningRate, s.LearningRateEnd, s.Steps);
        Optimizer optimizer = s.Optimizer switch
        {
            "momentum" => new Momentum(model.Parameters, schedule),
            "adam" => new Adam(model.Parameters, schedule),
            _ => new Sgd(model.Parameters, schedule),
        };
        var batches = new BatchSampler(data, s.Batch, new Random(s.Seed + 2));
        var engine = EngineFactory.Create(objective, s.Engine);
        var trainer = new Trainer(engine, optimizer, batches);
        var score = validation is null ? null : new ValidationScore(objective, validation, s.Engine);
        var recorder = s.Html is null ? null : new TrainingRecorder(trainer, validation);

        output.Out.WriteLine(Describe(s, data, validation, model, batches) + ", " + EngineFactory.Describe(engine));
        using var log = s.Log is null ? null : StepLog.Open(s.Log);
        var history = new List<TrainingStep>();
        var clock = Stopwatch.StartNew();
        // the validation numbers of a step are measured before its update, as its loss is: those of the next step after it
        var measured = score?.Measure();
        var stop = output.Stop;
        var stoppedByLog = false;
        stop.Watched = true;
        try
        {
            TrainingProgress.Run(trainer, s.Steps, output.Console, output.Out, step =>
            {
                history.Add(step);
                log?.Write(step, measured);
                recorder?.Record(step, measured);
                measured = score?.Measure();
                if (output.OutputGone()) throw new OutputClosedException();
                if (log?.Failure is not null) throw new LogFailedException();
                stop.Token.ThrowIfCancellationRequested();
            });
        }
        catch (LogFailedException)
        {
            // the log cannot be written (a full disk): the run stops as on Ctrl-C, but its other outputs are still written
            stoppedByLog = true;
        }
        catch (Exception e) when (e is OperationCanceledException or OutputClosedException)
        {
            // stopped by a signal or a reader gone: the log keeps the steps taken, in whole lines; nothing else is written
            log?.Commit();
            if (e is OutputClosedException) throw;
            var kept = log is null ? "" : log.Failure is null ? $": the log {s.Log} has those steps" : $"; {LogFailure(log)}";
            var lost = string.Join(" and ", new[] { s.Save is null ? null : "the model was not saved", s.Plot is null ? null : "the plot was not drawn", s.Html is null ? null : "the page was not written" }.OfType<string>());
            output.Error.WriteLine(Messages.Escape(string.Create(CultureInfo.InvariantCulture,
                $"error: stopped by {stop.Reason} after step {history.Count} of {s.Steps}{kept}{(lost.Length > 0 ? "; " + lost : "")}")));
            return stop.ExitCode;
        }
        finally
        {
            stop.Watched = false;
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        log?.Commit();
        var taken = history.Count;

        // the whole data through the run's engine: the same numbers as Objective.Evaluate, without an eager graph of every sample
        var final = engine.ComputeGradients(data);
        var heldOut = measured is { } v
            ? string.Create(CultureInfo.InvariantCulture, $", validation loss {TrainingProgress.Short(v.Loss)}, accuracy {TrainingProgress.Short(v.Accuracy)} on {validation!.Count}")
            : "";
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after {taken} steps: loss {TrainingProgress.Short(final.Loss)}, accuracy {TrainingProgress.Short(final.Accuracy)} on all {data.Count} {(validation is null ? "" : "training ")}samples{heldOut}; " +
            $"{EngineFactory.Describe(engine)}: {TrainingProgress.PerStep(elapsed / taken)} ms per step"));

        if (s.Log is not null && log!.Failure is null) output.Out.WriteLine($"wrote {taken} steps to {s.Log}");
        if (s.Save is { } save)
        {
            UserFiles.Write(save, "--save", () => ModelFile.Save(model, save));
            output.Out.WriteLine($"saved the model to {save}");
        }
        if (s.Plot is { } plot)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"{data.Name}: {model.InputCount}-{string.Join('-', model.Layers.Select(l => l.OutputCount))} {s.Loss.Name}, accuracy {100 * final.Accuracy:0.#}%");
            UserFiles.Write(plot, "--plot", () => TrainingPlot.SavePng(plot, model, data, history, title));
            output.Out.WriteLine($"drew {plot}");
        }
        if (s.Html is { } html)
        {
            recorder!.RecordEnd(final, measured);
            var page = TrainingPage.Render(recorder, new TrainingPageOptions
            {
                Title = $"{data.Name}: {model}, {s.Loss.Name} loss, {s.Optimizer}, {s.Steps} steps",
                Command = s.Command,
                Seed = s.Seed,
                Graphviz = output.Graphviz,
            });
            UserFiles.WriteText(html, "--html", page);
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {html}: {taken:N0} steps, {System.Text.Encoding.UTF8.GetByteCount(page) / 1024.0:N0} KB; open it in a browser"));
        }
        if (log?.Failure is not null)
        {
            // last, after the outputs that could be written: what failed, and what the log keeps
            var stopped = stoppedByLog ? string.Create(CultureInfo.InvariantCulture, $"; training stopped after step {taken} of {s.Steps}") : "";
            output.Error.WriteLine($"error: {log.Failure}{stopped}{(stoppedByLog ? ": " : "; ")}{Kept(log)}");
            return ExitCodes.BadInput;
        }
        return ExitCodes.Ok;
    }

    /// <summary>What a failed log keeps: its first whole lines, or the old log.</summary>
    internal static string Kept(StepLog log) => log.Kept is { } kept
        ? string.Create(CultureInfo.InvariantCulture, $"the log keeps its first {kept} {Words.Plural(kept, "step")}")
        : "the log was left as it was";

    /// <summary>A failed log's line, with what it keeps.</summary>
    internal static string LogFailure(StepLog log) => $"{log.Failure}; {Kept(log)}";

    /// <summary>Refuses a run whose estimated memory (<see cref="MemoryEstimate"/>) exceeds what is available, before building anything.</summary>
    private static void CheckMemory(TrainSettings s, int features, long samples, int[] layers)
    {
        var estimate = MemoryEstimate.Of(features, layers, samples, s.Batch, s.Steps, s.Loss == Loss.SoftmaxCrossEntropy, s.Engine != "eager", s.Html is not null);
        var available = MemoryEstimate.Available();
        if (available is null || estimate.Bytes <= available) return;
        var (needed, free) = MemoryEstimate.Format(estimate.Bytes, available.Value);
        // suggest only what would help: a smaller --batch when a batch of one would fit, fewer steps when the steps' record is large
        var compiled = s.Engine != "eager";
        var softmax = s.Loss == Loss.SoftmaxCrossEntropy;
        var batchHelps = MemoryEstimate.Of(features, layers, samples, 1, s.Steps, softmax, compiled, s.Html is not null).Bytes <= available;
        var stepsHelp = MemoryEstimate.Of(features, layers, samples, s.Batch, 1, softmax, compiled, s.Html is not null).Bytes <= available;
        // with --init the layers are the model file's: name it, and what in it is too big
        var parameters = 0L;
        var fanIn = features;
        foreach (var width in layers) (parameters, fanIn) = (parameters + ((long)fanIn + 1) * width, width);
        var model = s.Init is { } init ? string.Create(CultureInfo.InvariantCulture, $", for the model in '{init}' of {parameters:N0} parameters") : "";
        var tries = new List<string> { s.Init is null ? "smaller layers" : $"a smaller model than '{s.Init}'", stepsHelp ? "fewer samples or steps" : "fewer samples" };
        if (s.Html is not null && MemoryEstimate.Of(features, layers, samples, s.Batch, s.Steps, softmax, compiled).Bytes <= available) tries.Add("no --html");
        if (batchHelps) tries.Add("a smaller --batch");
        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
            $"out of memory: this run needs about {needed} ({estimate.Nodes:N0} graph nodes{model}{(s.Html is null ? "" : $", {s.Steps:N0} steps recorded for --html")}) but {free} is available; try {Words.Alternatives(tries)}"));
    }

    /// <summary>
    /// A CSV file's features and samples, estimated from its size and its first lines (up to 64 KB), before it is read; or
    /// (0, 0) when it cannot be told (an empty, special or unreadable file, which reading then reports).
    /// </summary>
    private static (int Features, long Samples) CsvSize(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length == 0) return (0, 0);
            using var reader = new StreamReader(path);
            var buffer = new char[64 * 1024];
            var read = reader.ReadBlock(buffer);
            var lines = new string(buffer, 0, read).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0) return (0, 0);
            // the last field is the label
            var features = Math.Max(1, lines[0].Count(c => c == ','));
            var bytesPerLine = Math.Max(1.0, read / (double)lines.Length);
            return (features, (long)(info.Length / bytesPerLine));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    private static Dataset LoadData(TrainSettings s)
    {
        if (!s.Generated) return UserFiles.Read(s.Data, "--data file", () => DatasetCsv.Load(s.Data));
        return DataGenerators.Generate(s.Data, s.Samples, s.Noise, new Random(s.Seed), s.Classes);
    }

    private static string Describe(TrainSettings s, Dataset data, Dataset? validation, Mlp model, BatchSampler batches)
    {
        var rate = s.LearningRateEnd == s.LearningRate
            ? $"lr {Numbers.Format(s.LearningRate)}"
            : $"lr {Numbers.Format(s.LearningRate)} -> {Numbers.Format(s.LearningRateEnd)}";
        var batch = batches.IsFullBatch ? "full batch" : $"batches of {batches.BatchSize}";
        var l2 = s.L2 > 0 ? $" + l2 {Numbers.Format(s.L2)}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"training {model} ({model.Parameters.Count} parameters) on {data.Name} ({data.Count} samples{(validation is null ? "" : $", {validation.Count} held out for validation")}): " +
            $"{s.Loss.Name} loss{l2}, {s.Optimizer}, {rate}, {batch}, {s.Steps} steps");
    }
}
