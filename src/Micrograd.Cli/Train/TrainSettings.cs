using System.CommandLine;
using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>The settings of one <c>micrograd train</c> run, with defaults filled in and combinations checked.</summary>
internal sealed record TrainSettings
{
    /// <summary>The data: a generator's name (lower case) or the path of a CSV file (<c>--data</c>).</summary>
    public required string Data { get; init; }

    /// <summary>True when <see cref="Data"/> names a generator, false when it is a CSV file.</summary>
    public required bool Generated { get; init; }

    /// <summary>The samples to generate (<c>--samples</c>; generated data only).</summary>
    public required int Samples { get; init; }

    /// <summary>The noise of generated data (<c>--noise</c>); null for the generator's default.</summary>
    public required double? Noise { get; init; }

    /// <summary>The classes of generated data (<c>--classes</c>).</summary>
    public required int Classes { get; init; }

    /// <summary>The hidden layers' sizes (<c>--hidden</c>); empty for none. Unused with <see cref="Init"/>.</summary>
    public required int[] Hidden { get; init; }

    /// <summary>The hidden layers' activation (<c>--activation</c>). Unused with <see cref="Init"/>.</summary>
    public required Activation Activation { get; init; }

    /// <summary>The model file to start from (<c>--init</c>); null for random weights.</summary>
    public required string? Init { get; init; }

    /// <summary>The training steps (<c>--steps</c>).</summary>
    public required int Steps { get; init; }

    /// <summary>The learning rate at the first step (<c>--lr</c>).</summary>
    public required double LearningRate { get; init; }

    /// <summary>The learning rate at the last step (<c>--lr-end</c>), reached linearly.</summary>
    public required double LearningRateEnd { get; init; }

    /// <summary>sgd, momentum or adam (<c>--optimizer</c>).</summary>
    public required string Optimizer { get; init; }

    /// <summary>The loss (<c>--loss</c>).</summary>
    public required Loss Loss { get; init; }

    /// <summary>The L2 regularization strength (<c>--l2</c>).</summary>
    public required double L2 { get; init; }

    /// <summary>The samples per step (<c>--batch</c>); null for the full batch.</summary>
    public required int? Batch { get; init; }

    /// <summary>compiled or eager.</summary>
    public required string Engine { get; init; }

    /// <summary>The seed of the generated data, the initial weights and the batches (<c>--seed</c>).</summary>
    public required int Seed { get; init; }

    /// <summary>Where to save the trained model (<c>--save</c>); null for nowhere.</summary>
    public required string? Save { get; init; }

    /// <summary>Where to write the JSON-lines log of the steps (<c>--log</c>); null for nowhere.</summary>
    public required string? Log { get; init; }

    /// <summary>Where to draw the PNG plot (<c>--plot</c>); null for nowhere.</summary>
    public required string? Plot { get; init; }

    /// <summary>The share of the samples held out for validation (0 for none).</summary>
    public required double Validation { get; init; }

    /// <summary>Where to write the training page, a self-contained HTML file that replays the run (<c>--html</c>); null for nowhere.</summary>
    public required string? Html { get; init; }

    /// <summary>The command line, for the page's heading.</summary>
    public string Command { get; init; } = "micrograd train";

    /// <summary>An argument as a shell would need it: in single quotes when it holds anything but plain characters.</summary>
    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,/=:+@".Contains(c)) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static TrainSettings From(ParseResult parse, TrainOptions o)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };

        var data = parse.GetValue(o.Data)!.Trim();
        var generated = DataGenerators.Names.Contains(data.ToLowerInvariant());
        if (!generated)
        {
            if (data.Length == 0) throw new UsageException("--data needs a data set name or a CSV file.");
            UserFiles.CheckName(data, "--data", output: false);
            if (!File.Exists(data))
                throw new UsageException($"--data '{data}' is neither {string.Join(", ", DataGenerators.Names)} nor an existing CSV file.");
            foreach (var option in new Option[] { o.Samples, o.Noise, o.Classes })
            {
                if (Given(option)) throw new UsageException($"{option.Name} applies to generated data, not to the CSV file '{data}'.");
            }
        }
        var classes = parse.GetValue(o.Classes)!.Value;
        if (generated && classes != 2 && data.ToLowerInvariant() is "moons" or "circles")
            throw new UsageException($"--classes {classes}: the {data.ToLowerInvariant()} data set has exactly 2 classes (blobs and spirals can have more).");

        var init = parse.GetValue(o.Init);
        if (init is not null)
        {
            foreach (var option in new Option[] { o.Hidden, o.Activation })
            {
                if (Given(option)) throw new UsageException($"{option.Name} cannot be used with --init: the model file fixes the network's sizes and activations.");
            }
        }

        var optimizer = parse.GetValue(o.Optimizer)!;
        var lr = parse.GetValue(o.LearningRate) ?? optimizer switch { "sgd" => 1.0, "momentum" => 0.1, _ => 0.01 };
        var lrEnd = parse.GetValue(o.LearningRateEnd) ?? lr / 10;
        var samples = parse.GetValue(o.Samples)!.Value;
        if (generated && samples < 2L * classes)
            throw new UsageException($"--samples {samples} is too few for {classes} classes (at least {2L * classes}).");

        return new TrainSettings
        {
            Data = generated ? data.ToLowerInvariant() : data,
            Generated = generated,
            Samples = samples,
            Noise = parse.GetValue(o.Noise),
            Classes = classes,
            Hidden = parse.GetValue(o.Hidden)!.Sizes,
            Activation = Activations.Parse(parse.GetValue(o.Activation)!),
            Init = init,
            Steps = parse.GetValue(o.Steps)!.Value,
            LearningRate = lr,
            LearningRateEnd = lrEnd,
            Optimizer = optimizer,
            Loss = NN.Loss.Parse(parse.GetValue(o.Loss)!),
            L2 = parse.GetValue(o.L2)!.Value,
            Batch = parse.GetValue(o.Batch),
            Engine = parse.GetValue(o.Engine)!,
            Seed = parse.GetValue(o.Seed)!.Value,
            Save = parse.GetValue(o.Save),
            Log = parse.GetValue(o.Log),
            Plot = parse.GetValue(o.Plot),
            Validation = parse.GetValue(o.Validation)!.Value,
            Html = parse.GetValue(o.Html),
            Command = "micrograd train " + string.Join(' ', parse.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => Quote(t.Value))),
        };
    }
}
