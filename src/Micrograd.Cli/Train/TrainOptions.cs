using System.CommandLine;
using System.Globalization;
using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>The options of <c>micrograd train</c>. Values are checked while parsing; how they combine is checked by <see cref="TrainSettings"/>.</summary>
internal sealed class TrainOptions
{
    public const int DefaultSamples = 100;
    public const int DefaultClasses = 2;
    public const int DefaultSteps = 100;
    public const double DefaultL2 = 1e-4;
    public const int DefaultSeed = 1337;
    public const double DefaultValidation = 0;

    /// <summary>The generated data sets, which help lists and the shell completes; any other value is a CSV file.</summary>
    public static readonly string[] DataSets = [.. DataGenerators.Names];

    public Option<string> Data { get; } = DataOption();

    public Option<int?> Samples { get; } = OptionParsers.Count("--samples", "Samples to generate (generated data only).", 2, DefaultSamples);

    public Option<double?> Noise { get; } = OptionParsers.Number("--noise",
        OptionParsers.WithDefault("Standard deviation of the noise of generated data, at most 1e307.", "moons 0.1, circles 0.05, blobs 0.6, spirals 0.05"),
        x => x is >= 0 and <= DataGenerators.MaxNoise ? null : "must be a number from 0 to 1e307 (so that every feature is finite)");

    public Option<int?> Classes { get; } = OptionParsers.Count("--classes",
        "Classes of generated blobs or spirals (2 or more; more than 2 needs --loss softmax).", 2, DefaultClasses);

    public Option<LayerSizes> Hidden { get; } = new("--hidden")
    {
        Description = "Sizes of the hidden layers, comma-separated, or 'none' for no hidden layer.",
        HelpName = "SIZES",
        DefaultValueFactory = _ => new LayerSizes([16, 16]),
        CustomParser = ParseSizes,
    };

    public Option<string> Activation { get; } = OptionParsers.Choice("--activation",
        "The hidden layers' activation (the last layer is linear).", "relu", "relu", "tanh", "sigmoid", "linear");

    public Option<string?> Init { get; } = OptionParsers.File("--init",
        "Start from this model file (JSON) instead of random weights; it fixes the sizes and activations.");

    public Option<int?> Steps { get; } = OptionParsers.Count("--steps", "Training steps.", 1, DefaultSteps);

    public Option<double?> LearningRate { get; } = OptionParsers.Number("--lr",
        OptionParsers.WithDefault("Learning rate at step 0.", "sgd 1.0, momentum 0.1, adam 0.01"), OptionParsers.Positive);

    public Option<double?> LearningRateEnd { get; } = OptionParsers.Number("--lr-end",
        OptionParsers.WithDefault("Learning rate the linear decay reaches at the end: lr_k = lr - (lr - lr_end)*k/steps; the same as --lr for a constant rate.",
            "a tenth of --lr"),
        OptionParsers.NonNegative);

    public Option<string> Optimizer { get; } = OptionParsers.Choice("--optimizer", "The optimizer.", "sgd", "sgd", "momentum", "adam");

    public Option<string> Loss { get; } = OptionParsers.Choice("--loss",
        "The loss: hinge (max-margin, the demo's), bce (binary cross-entropy on logits), mse, or softmax (cross-entropy over classes).",
        "hinge", "hinge", "bce", "mse", "softmax");

    public Option<double?> L2 { get; } = OptionParsers.Number("--l2", "L2 regularization strength: adds l2 * sum(p^2) to the loss.", OptionParsers.NonNegative, DefaultL2);

    public Option<int?> Batch { get; } = OptionParsers.Count("--batch",
        OptionParsers.WithDefault("Samples per step, drawn at random each step.", "all (the full batch)"), 1);

    public Option<string> Engine { get; } = OptionParsers.Choice("--engine",
        "How steps are computed: compiled records a step's graph once and replays it over arrays, which fits every network and loss train " +
        "builds (their graphs are static: the same ops every step, only numbers change); eager builds the Value graph anew every step. " +
        "Both give the same numbers.",
        "compiled", "compiled", "eager");

    public Option<int?> Seed { get; } = OptionParsers.Count("--seed", "Seed of the generated data, the initial weights and the batches.", 0, DefaultSeed);

    public Option<string?> Save { get; } = OptionParsers.File("--save", "Write the trained model to this JSON file.");

    public Option<string?> Log { get; } = OptionParsers.File("--log",
        "Write one JSON line per step, {\"step\": k, \"loss\": …, \"accuracy\": …}, steps numbered from 1, measured before that " +
        "step's update (with --validation, also \"val_loss\" and \"val_accuracy\"). The file is replaced at the end of the run " +
        "(or when Ctrl-C stops it), never left half-written.");

    public Option<string?> Plot { get; } = OptionParsers.File("--plot",
        "Draw a PNG (the file name must end in .png): the decision boundary over the data, and the loss curve beside it.");

    public Option<double?> Validation { get; } = OptionParsers.Number("--validation",
        "Hold out this share of the samples (a seeded choice, from 0 to below 1) to measure the model on data it is not trained on: " +
        "the log then has val_loss and val_accuracy (the same objective, L2 included, on those samples).",
        x => x is >= 0 and < 1 ? null : "must be a fraction from 0 to below 1", DefaultValidation);

    public Option<string?> Html { get; } = OptionParsers.File("--html",
        "Write the training page to FILE: one self-contained HTML page (no network needed) that replays the run step by step, " +
        "bit for bit, and lets you add points and train on (needs Graphviz's dot, and data with two features).");

    public IEnumerable<Option> All =>
    [
        Data, Samples, Noise, Classes, Hidden, Activation, Init, Steps, LearningRate, LearningRateEnd, Optimizer, Loss, L2, Batch, Engine, Seed,
        Validation, Save, Log, Plot, Html,
    ];

    /// <summary>--data: a generated data set's name, which help lists and the shell completes, or a CSV file.</summary>
    private static Option<string> DataOption()
    {
        var option = new Option<string>("--data")
        {
            Description = "The data: a generated data set (seeded), or a CSV file of lines x1,x2,…,label (header optional).",
            HelpName = string.Join('|', DataSets) + "|" + OptionParsers.FileValue,
            DefaultValueFactory = _ => DataSets[0],
        };
        option.CompletionSources.Add(DataSets);
        return option;
    }

    private static LayerSizes ParseSizes(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value.Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase)) return new LayerSizes([]);
        var parts = text.Split(',');
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                result.AddError($"--hidden '{text}' must be layer sizes of at least 1 separated by commas, such as 16,16 (or 'none').");
                return new LayerSizes([]);
            }
        }
        return new LayerSizes(sizes);
    }
}

/// <summary>The hidden layers' sizes (<c>--hidden</c>), written as they are typed: <c>16,16</c>, or <c>none</c>.</summary>
internal sealed record LayerSizes(int[] Sizes)
{
    public override string ToString() => Sizes.Length == 0 ? "none" : string.Join(',', Sizes.Select(n => n.ToString(CultureInfo.InvariantCulture)));
}
