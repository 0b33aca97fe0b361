using System.Diagnostics;
using System.Globalization;
using Micrograd.NN;
using Micrograd.Plots;

namespace Micrograd.Cli.Train;

/// <summary>One <c>micrograd train</c> run: data, model, objective, engine, optimizer, the loop, then the outputs.</summary>
internal static class TrainingSession
{
    public static int Run(TrainSettings s, CliOutput output)
    {
        UserFiles.CheckWritable(s.Save, "--save");
        UserFiles.CheckWritable(s.Log, "--log");
        UserFiles.CheckWritable(s.Plot, "--plot");

        var data = LoadData(s);
        var classes = data.ClassCount;
        if (classes > 2 && s.Loss != Loss.SoftmaxCrossEntropy)
            throw new UsageException($"{data.Name} has {classes} classes (labels 0 to {classes - 1}): the {s.Loss.Name} loss takes two (-1 and 1); use --loss softmax.");
        var model = s.Init is { } init
            ? UserFiles.Read(init, "--init file", () => ModelFile.Load(init))
            : new Mlp(data.FeatureCount, [.. s.Hidden, s.Loss.OutputCountFor(classes)], new Random(s.Seed + 1), s.Activation);

        var objective = new Objective(model, s.Loss, s.L2);
        try
        {
            objective.Check(data);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Replace(" (Parameter 'data')", "", StringComparison.Ordinal), e);
        }
        if (s.Plot is not null && data.FeatureCount != 2)
            throw new UsageException($"--plot draws two features, but {data.Name} has {data.FeatureCount}.");

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

        output.Out.WriteLine(Describe(s, data, model, batches) + ", " + EngineFactory.Describe(engine));
        IReadOnlyList<TrainingStep> history;
        var clock = Stopwatch.StartNew();
        using (var log = s.Log is null ? null : StepLog.Open(s.Log))
        {
            history = TrainingProgress.Run(trainer, s.Steps, output.Console, output.Out, step => log?.Write(step));
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;

        var final = objective.Evaluate(data);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after {s.Steps} steps: loss {TrainingProgress.Short(final.Loss)}, accuracy {TrainingProgress.Short(final.Accuracy)} on all {data.Count} samples; " +
            $"{EngineFactory.Describe(engine)}: {elapsed / s.Steps:G3} ms per step"));

        if (s.Save is { } save)
        {
            UserFiles.Write(save, "--save", () => ModelFile.Save(model, save));
            output.Out.WriteLine($"saved the model to {save}");
        }
        if (s.Log is not null) output.Out.WriteLine($"wrote {history.Count} steps to {s.Log}");
        if (s.Plot is { } plot)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"{data.Name}: {model.InputCount}-{string.Join('-', model.Layers.Select(l => l.OutputCount))} {s.Loss.Name}, accuracy {100 * final.Accuracy:0.#}%");
            UserFiles.Write(plot, "--plot", () => TrainingPlot.SavePng(plot, model, data, history, title));
            output.Out.WriteLine($"drew {plot}");
        }
        return ExitCodes.Ok;
    }

    private static Dataset LoadData(TrainSettings s)
    {
        if (!s.Generated) return UserFiles.Read(s.Data, "--data file", () => DatasetCsv.Load(s.Data));
        return DataGenerators.Generate(s.Data, s.Samples, s.Noise, new Random(s.Seed), s.Classes);
    }

    private static string Describe(TrainSettings s, Dataset data, Mlp model, BatchSampler batches)
    {
        var rate = s.LearningRateEnd == s.LearningRate
            ? $"lr {Numbers.Format(s.LearningRate)}"
            : $"lr {Numbers.Format(s.LearningRate)} -> {Numbers.Format(s.LearningRateEnd)}";
        var batch = batches.IsFullBatch ? "full batch" : $"batches of {batches.BatchSize}";
        var l2 = s.L2 > 0 ? $" + l2 {Numbers.Format(s.L2)}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"training {model} ({model.Parameters.Count} parameters) on {data.Name} ({data.Count} samples): {s.Loss.Name} loss{l2}, {s.Optimizer}, {rate}, {batch}, {s.Steps} steps");
    }
}
