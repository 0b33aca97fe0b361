using System.CommandLine;
using System.CommandLine.Parsing;
using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Gpt;

/// <summary>
/// <c>micrograd gpt sample --model FILE</c>: names from a model saved by <c>gpt --save</c>, drawn as microgpt draws them
/// from a Python generator seeded with <c>--seed</c>, optionally each starting with <c>--prefix</c>.
/// </summary>
internal static class GptSampleCommand
{
    /// <summary>The <c>sample</c> subcommand of <c>gpt</c>, which reads and writes through <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var model = OptionParsers.File("--model", "The model file (JSON), as written by 'gpt --save'.", required: true);
        var samples = OptionParsers.Count("--samples", "Names to sample.", 1, GptOptions.DefaultSamples);
        var temperature = OptionParsers.Number("--temperature",
            "Sampling temperature, above 0: below 1 is more conservative, above 1 more adventurous.", OptionParsers.Positive, GptOptions.DefaultTemperature);
        var seed = OptionParsers.Count("--seed", "Seed of Python's random, from which the names are drawn (bit for bit).", 0, GptOptions.DefaultSeed);
        var prefix = new Option<string?>("--prefix")
        {
            Description = "Start every name with this text, which the model continues: characters of its vocabulary, at most its " +
                          "context. Without it, the model starts each name.",
            HelpName = "TEXT",
        };
        var engine = GptOptions.EngineOption();
        var command = new Command("sample",
            "Sample names from a model saved by 'gpt --save', as microgpt does after training: each drawn character by character from " +
            "softmax(logits / temperature).");
        foreach (var option in new Option[] { model, samples, temperature, seed, prefix, engine }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            CheckNoTrainingOptions(parse);
            return Run(parse.GetValue(model)!, parse.GetValue(samples)!.Value, parse.GetValue(temperature)!.Value, parse.GetValue(seed)!.Value,
                parse.GetValue(prefix) ?? "", GptSettings.ParseEngine(parse.GetValue(engine)!), output);
        });
        return command;
    }

    private static int Run(string path, int count, double temperature, int seed, string prefix, GptEngine engine, CliOutput output)
    {
        var (model, tokenizer) = UserFiles.Read(path, "--model file", () => GptModelFile.Load(path));
        GptSamples.CheckPrefix(prefix, tokenizer, model.Config);
        GptSamples.Write(output.Out, new GptSampler(model, tokenizer, engine), new PythonRandom(seed), count, temperature, prefix, "");
        return ExitCodes.Ok;
    }

    /// <summary>Refuses <c>gpt</c>'s own options given before <c>sample</c> (<c>gpt --seed 3 sample</c>), which would be ignored.</summary>
    private static void CheckNoTrainingOptions(ParseResult parse)
    {
        if (parse.CommandResult.Parent is not CommandResult gpt) return;
        var given = gpt.Children.OfType<OptionResult>().Where(o => !o.Implicit).Select(o => o.Option.Name).ToList();
        if (given.Count > 0)
        {
            throw new UsageException(
                $"{string.Join(", ", given)} before 'sample' {(given.Count == 1 ? "is an option" : "are options")} of 'gpt', which trains; " +
                "give 'gpt sample' its options after 'sample'");
        }
    }
}
