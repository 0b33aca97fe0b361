using System.CommandLine;
using System.Globalization;
using Micrograd.NN;

namespace Micrograd.Cli.Train;

/// <summary>The options of <c>micrograd train</c>. Values are checked while parsing; how they combine is checked by <see cref="TrainSettings"/>.</summary>
internal sealed class TrainOptions
{
    public const int DefaultSeed = 1337;

    public Option<string> Data { get; } = new("--data")
    {
        Description = "The data: moons, circles, blobs or spirals (generated, seeded), or a CSV file of lines x1,x2,…,label (header optional).",
        DefaultValueFactory = _ => "moons",
    };

    public Option<int?> Samples { get; } = OptionParsers.Count("--samples", "Samples to generate (generated data only). Default 100.", 2);

    public Option<double?> Noise { get; } = OptionParsers.Number("--noise",
        "Standard deviation of the noise of generated data, at most 1e307. Default: moons 0.1, circles 0.05, blobs 0.6, spirals 0.05.",
        x => x is >= 0 and <= DataGenerators.MaxNoise ? null : "must be a number from 0 to 1e307 (so that every feature is finite)");

    public Option<int?> Classes { get; } = OptionParsers.Count("--classes",
        "Classes of generated blobs or spirals (2 or more; more than 2 needs --loss softmax). Default 2.", 2);

    public Option<int[]?> Hidden { get; } = new("--hidden")
    {
        Description = "Sizes of the hidden layers, comma-separated, or 'none' for no hidden layer. Default 16,16.",
        CustomParser = ParseSizes,
    };

    public Option<string> Activation { get; } = OptionParsers.Choice("--activation",
        "The hidden layers' activation (the last layer is linear).", "relu", "relu", "tanh", "sigmoid", "linear");

    public Option<string?> Init { get; } = new("--init")
    {
        Description = "Start from this model file (JSON) instead of random weights; it fixes the sizes and activations.",
    };

    public Option<int?> Steps { get; } = OptionParsers.Count("--steps", "Training steps. Default 100.", 1);

    public Option<double?> LearningRate { get; } = OptionParsers.Number("--lr",
        "Learning rate at step 0. Default: sgd 1.0, momentum 0.1, adam 0.01.", OptionParsers.Positive);

    public Option<double?> LearningRateEnd { get; } = OptionParsers.Number("--lr-end",
        "Learning rate the linear decay reaches at the end: lr_k = lr - (lr - lr_end)*k/steps. Default a tenth of --lr; the same as --lr for a constant rate.",
        OptionParsers.NonNegative);

    public Option<string> Optimizer { get; } = OptionParsers.Choice("--optimizer", "The optimizer.", "sgd", "sgd", "momentum", "adam");

    public Option<string> Loss { get; } = OptionParsers.Choice("--loss",
        "The loss: hinge (max-margin, the demo's), bce (binary cross-entropy on logits), mse, or softmax (cross-entropy over classes).",
        "hinge", "hinge", "bce", "mse", "softmax");

    public Option<double?> L2 { get; } = OptionParsers.Number("--l2", "L2 regularization strength: adds l2 * sum(p^2) to the loss. Default 1e-4.", OptionParsers.NonNegative);

    public Option<int?> Batch { get; } = OptionParsers.Count("--batch", "Samples per step, drawn at random each step. Default: all (full batch).", 1);

    public Option<string> Engine { get; } = OptionParsers.Choice("--engine",
        "How steps are computed: compiled records a step's graph once and replays it over arrays, which fits every network and loss train " +
        "builds (their graphs are static: the same ops every step, only numbers change); eager builds the Value graph anew every step. " +
        "Both give the same numbers.",
        "compiled", "compiled", "eager");

    public Option<int?> Seed { get; } = OptionParsers.Count("--seed", $"Seed of the generated data, the initial weights and the batches. Default {DefaultSeed}.", 0);

    public Option<string?> Save { get; } = new("--save") { Description = "Write the trained model to this JSON file." };

    public Option<string?> Log { get; } = new("--log")
    {
        Description = "Write one JSON line per step, {\"step\": k, \"loss\": …, \"accuracy\": …}, steps numbered from 1, measured before that " +
                      "step's update (with --validation, also \"val_loss\" and \"val_accuracy\"). The file is replaced at the end of the run " +
                      "(or when Ctrl-C stops it), never left half-written.",
    };

    public Option<string?> Plot { get; } = new("--plot")
    {
        Description = "Draw a PNG (the file name must end in .png): the decision boundary over the data, and the loss curve beside it.",
    };

    public Option<double?> Validation { get; } = Named("F", OptionParsers.Number("--validation",
        "Hold out this share of the samples (a seeded choice, from 0 to below 1) to measure the model on data it is not trained on: " +
        "the log then has val_loss and val_accuracy (the same objective, L2 included, on those samples). Default 0.",
        x => x is >= 0 and < 1 ? null : "must be a fraction from 0 to below 1"));

    public Option<string?> Html { get; } = new("--html")
    {
        Description = "Write the training page to FILE: one self-contained HTML page (no network needed) that replays the run step by step, " +
                      "bit for bit, and lets you add points and train on (needs Graphviz's dot, and data with two features).",
        HelpName = "FILE",
    };

    public IEnumerable<Option> All =>
    [
        Data, Samples, Noise, Classes, Hidden, Activation, Init, Steps, LearningRate, LearningRateEnd, Optimizer, Loss, L2, Batch, Engine, Seed,
        Validation, Save, Log, Plot, Html,
    ];

    private static Option<T> Named<T>(string helpName, Option<T> option)
    {
        option.HelpName = helpName;
        return option;
    }

    private static int[]? ParseSizes(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        if (result.Tokens.Count > 1)
        {
            // an array option would otherwise take every occurrence; like every other option, it is given once
            result.AddError($"--hidden was given {result.Tokens.Count} times: give it once, with every layer's size, such as --hidden 16,16.");
            return [];
        }
        var text = result.Tokens[0].Value.Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        var parts = text.Split(',');
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                result.AddError($"--hidden '{text}' must be layer sizes of at least 1 separated by commas, such as 16,16 (or 'none').");
                return [];
            }
        }
        return sizes;
    }
}
