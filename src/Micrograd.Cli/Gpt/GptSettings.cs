using System.CommandLine;
using Micrograd.NN.Gpt;

namespace Micrograd.Cli.Gpt;

/// <summary>The settings of one <c>micrograd gpt</c> run, with defaults filled in and combinations checked.</summary>
internal sealed record GptSettings
{
    /// <summary>The documents' file (<c>--data</c>); null for the built-in names.</summary>
    public required string? Data { get; init; }

    /// <summary>The model's shape (<c>--layers</c>, <c>--embd</c>, <c>--heads</c>, <c>--block</c>).</summary>
    public required GptConfig Config { get; init; }

    /// <summary>The training steps (<c>--steps</c>).</summary>
    public required int Steps { get; init; }

    /// <summary>The learning rate at the first step (<c>--lr</c>).</summary>
    public required double LearningRate { get; init; }

    /// <summary>The seed of the shuffle, the weights and the samples (<c>--seed</c>).</summary>
    public required int Seed { get; init; }

    /// <summary>The names to sample after training (<c>--samples</c>).</summary>
    public required int Samples { get; init; }

    /// <summary>The sampling temperature (<c>--temperature</c>).</summary>
    public required double Temperature { get; init; }

    /// <summary>How the model computes (<c>--engine</c>).</summary>
    public required GptEngine Engine { get; init; }

    /// <summary>Where to write the JSON-lines log of the steps (<c>--log</c>); null for nowhere.</summary>
    public required string? Log { get; init; }

    /// <summary>Where to save the trained model (<c>--save</c>); null for nowhere.</summary>
    public required string? Save { get; init; }

    /// <summary>Where to write the GPT page (<c>--html</c>); null for nowhere.</summary>
    public required string? Html { get; init; }

    /// <summary>The command line, as the page shows it.</summary>
    public string Command { get; init; } = "micrograd gpt";

    public static GptSettings From(ParseResult parse, GptOptions o)
    {
        int layers = parse.GetValue(o.Layers)!.Value, width = parse.GetValue(o.EmbeddingWidth)!.Value, heads = parse.GetValue(o.Heads)!.Value;
        if (width % heads != 0)
            throw new UsageException($"--embd {width} is not a multiple of --heads {heads}: each head takes an equal share of the embedding width.");
        return new GptSettings
        {
            Data = parse.GetValue(o.Data),
            Config = new GptConfig(layers, width, heads, parse.GetValue(o.Context)!.Value),
            Steps = parse.GetValue(o.Steps)!.Value,
            LearningRate = parse.GetValue(o.LearningRate)!.Value,
            Seed = parse.GetValue(o.Seed)!.Value,
            Samples = parse.GetValue(o.Samples)!.Value,
            Temperature = parse.GetValue(o.Temperature)!.Value,
            Engine = ParseEngine(parse.GetValue(o.Engine)!),
            Log = parse.GetValue(o.Log),
            Save = parse.GetValue(o.Save),
            Html = parse.GetValue(o.Html),
            Command = "micrograd gpt " + string.Join(' ', parse.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => Quote(t.Value))),
        };
    }

    /// <summary>A word of the command line as a shell reads it back.</summary>
    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,/=:+@".Contains(c)) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The engine that <c>--engine</c> names (compiled or eager, checked while parsing).</summary>
    public static GptEngine ParseEngine(string name) => name == "eager" ? GptEngine.Eager : GptEngine.Compiled;

    /// <summary>For the run's first line: <c>compiled engine</c> or <c>eager engine</c>.</summary>
    public static string Describe(GptEngine engine) => engine == GptEngine.Eager ? "eager engine" : "compiled engine";
}
