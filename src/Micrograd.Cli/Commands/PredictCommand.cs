using System.CommandLine;
using System.Globalization;
using Micrograd.Cli.Io;
using Micrograd.NN;

namespace Micrograd.Cli.Commands;

/// <summary>
/// <c>micrograd predict --model FILE.json --data FILE.csv</c>: each sample's score and predicted class, and the accuracy
/// when the file has labels. One output: the class is 1 when the score is above 0, else -1. Several outputs: the class
/// is the index of the largest.
/// </summary>
internal static class PredictCommand
{
    /// <summary>The <c>predict</c> command, with its arguments and options, which reads and writes through <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var model = OptionParsers.File("--model", "The model file (JSON), as written by 'train --save'.", required: true);
        var data = OptionParsers.File("--data",
            "A CSV file of features, one sample a line (header optional); a last column beyond the model's inputs is the label.", required: true);
        var command = new Command("predict", "Print each sample's score and predicted class, and the accuracy when the data has labels.");
        command.Options.Add(model);
        command.Options.Add(data);
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(data)!, output));
        return command;
    }

    private static int Run(string modelPath, string dataPath, CliOutput output)
    {
        var model = UserFiles.Read(modelPath, "--model file", () => ModelFile.Load(modelPath));
        var data = UserFiles.Read(dataPath, "--data file", () => DatasetCsv.Load(dataPath, model.InputCount));
        var many = model.OutputCount > 1;
        if (data.Labels is { } given)
        {
            for (var i = 0; i < given.Count; i++)
            {
                var error = many ? Loss.SoftmaxCrossEntropy.TargetError(given[i], model.OutputCount)
                    : given[i] is -1.0 or 1.0 ? null
                    : $"label {Numbers.Format(given[i])} is not -1 or 1 (a model with one output predicts class -1 or 1).";
                if (error is not null) throw new UsageException($"{data.Name}, sample {i + 1}: {error}");
            }
        }

        // rows are streamed: the first block sets the columns' widths and is printed, then each row as it comes (a longer
        // cell widens its own line only), so memory does not grow with the file and '| head' sees the first rows early
        string[] header = data.HasLabels ? ["sample", many ? "scores" : "score", "class", "label"] : ["sample", many ? "scores" : "score", "class"];
        var loss = many ? Loss.SoftmaxCrossEntropy : Loss.Hinge;
        var block = new List<string[]>(Math.Min(data.Count, WidthRows));
        int[]? widths = null;
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            if (output.OutputGone()) throw new OutputClosedException();
            var scores = model.Evaluate(data.Features[i].ToArray());
            // a NaN score has no class (and is counted as wrong)
            var predicted = scores.Any(double.IsNaN) ? NoClass : (many ? ArgMax(scores) : scores[0] > 0 ? 1 : -1).ToString(CultureInfo.InvariantCulture);
            var row = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture), string.Join(' ', scores.Select(Numbers.Format)), predicted };
            if (data.Labels is { } labels)
            {
                row.Add(Numbers.Format(labels[i]));
                // counted as training counts it: the class with the largest score (softmax), or the score's sign
                if (loss.IsCorrect(scores, labels[i])) correct++;
            }
            if (widths is not null)
            {
                output.Out.WriteLine(Format(row, widths));
                continue;
            }
            block.Add([.. row]);
            if (block.Count == WidthRows || i == data.Count - 1)
            {
                widths = header.Select((h, c) => Math.Max(h.Length, block.Max(r => r[c].Length))).ToArray();
                output.Out.WriteLine(Format(header, widths));
                foreach (var r in block) output.Out.WriteLine(Format(r, widths));
                block.Clear();
            }
        }
        if (data.Labels is not null)
        {
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {Numbers.Format((double)correct / data.Count)} ({correct} of {data.Count})"));
        }
        return ExitCodes.Ok;
    }

    /// <summary>The rows whose cells set the columns' widths, printed once they are all known.</summary>
    internal const int WidthRows = 1000;

    private static string Format(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, c) => c == cells.Count - 1 ? cell : cell.PadRight(widths[c])));

    /// <summary>The class printed for a sample with a NaN score.</summary>
    internal const string NoClass = "none";

    private static int ArgMax(double[] scores)
    {
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best]) best = k;
        }
        return best;
    }
}
