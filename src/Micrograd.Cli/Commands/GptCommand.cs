using System.CommandLine;
using Micrograd.Cli.Gpt;

namespace Micrograd.Cli.Commands;

/// <summary>
/// <c>micrograd gpt</c>: trains microgpt (karpathy's 200-line GPT) on a file of documents, by default makemore's names, then
/// samples new ones, as microgpt.py does, bit for bit; <c>micrograd gpt sample</c> samples from a saved model.
/// </summary>
internal static class GptCommand
{
    /// <summary>The <c>gpt</c> command, with its options and its <c>sample</c> subcommand, which read and write through
    /// <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var options = new GptOptions();
        var command = new Command("gpt",
            "Train microgpt, a small GPT of scalar Values, on one document per line, then sample new ones. The defaults are microgpt.py's: " +
            "makemore's 32,033 names, 1 layer, width 16, 4 heads, context 16, Adam, 1000 steps, seed 42, and its 20 names, bit for bit.");
        foreach (var option in options.All) command.Options.Add(option);
        command.Subcommands.Add(GptSampleCommand.Create(output));
        command.SetAction(parse => GptSession.Run(GptSettings.From(parse, options), output));
        return command;
    }
}
