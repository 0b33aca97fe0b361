using System.CommandLine;
using Micrograd.Cli.Train;

namespace Micrograd.Cli.Commands;

/// <summary><c>micrograd train</c>: trains a multilayer perceptron on generated or CSV data, with progress, a log, a saved model and a plot.</summary>
internal static class TrainCommand
{
    /// <summary>The <c>train</c> command, with its arguments and options, which reads and writes through <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var options = new TrainOptions();
        var command = new Command("train",
            "Train a multilayer perceptron. The defaults are the Python demo's: moons, 16,16 relu, hinge loss + 1e-4 L2, 100 full-batch SGD steps, lr 1.0 -> 0.1.");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse => TrainingSession.Run(TrainSettings.From(parse, options), output));
        return command;
    }
}
