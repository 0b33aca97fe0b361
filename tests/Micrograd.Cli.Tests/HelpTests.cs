using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

public class HelpTests
{
    [Fact]
    public void Help_names_the_tool_micrograd_and_lists_every_command()
    {
        var r = Tool.Run("--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("micrograd [command] [options]", r.Out);
        Assert.DoesNotContain("Micrograd.Cli", r.Out);
        foreach (var command in new[] { "neuron", "grad", "explore", "train", "predict", "export", "gpt" }) Assert.Contains(command, r.Out);
    }

    [Fact]
    public void A_subcommands_help_shows_its_usage_under_the_tool_name()
    {
        var r = Tool.Run("grad", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("micrograd grad [<EXPR> [<NAME=VALUE>...]] [options]", r.Out);
    }

    [Fact]
    public void Gpt_help_lists_every_option_with_microgpts_default_and_the_sample_command()
    {
        var r = Tool.Run("gpt", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("micrograd gpt [command] [options]", r.Out);
        var expected = new Dictionary<string, string>
        {
            ["--steps"] = "[default: 1000]",
            ["--layers"] = "[default: 1]",
            ["--embd"] = "[default: 16]",
            ["--heads"] = "[default: 4]",
            ["--block"] = "[default: 16]",
            ["--lr"] = "[default: 0.01]",
            ["--seed"] = "[default: 42]",
            ["--samples"] = "[default: 20]",
            ["--temperature"] = "[default: 0.5]",
            ["--engine <compiled|eager>"] = "[default: compiled]",
            ["--data <FILE>"] = "Default: makemore's names.txt (32,033 names, MIT licence), built into the tool.",
            ["--log <FILE>"] = "{\"step\": k, \"loss\": …, \"lr\": …}",
            ["--save <FILE>"] = "'gpt sample --model'",
        };
        var lines = r.Out.Split('\n');
        foreach (var (option, text) in expected)
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.Contains(text, line);
        }
        Assert.Contains(lines, l => l.TrimStart().StartsWith("sample ", StringComparison.Ordinal));
    }

    [Fact]
    public void Gpt_sample_help_lists_every_option_with_its_default()
    {
        var r = Tool.Run("gpt", "sample", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("micrograd gpt sample [options]", r.Out);
        var expected = new Dictionary<string, string>
        {
            ["--model <FILE> (REQUIRED)"] = "'gpt --save'",
            ["--samples"] = "[default: 20]",
            ["--temperature"] = "[default: 0.5]",
            ["--seed"] = "[default: 42]",
            ["--prefix <TEXT>"] = "Default: none",
            ["--engine <compiled|eager>"] = "[default: compiled]",
        };
        var lines = r.Out.Split('\n');
        foreach (var (option, text) in expected)
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.Contains(text, line);
        }
    }

    [Fact]
    public void No_command_is_bad_input_pointing_to_help()
    {
        var r = Tool.Run();
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: Required command was not provided. (see 'micrograd --help')", r.Error.TrimEnd());
    }

    [Fact]
    public void An_unknown_command_is_named()
    {
        var r = Tool.Run("gard", "x", "x=1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: Unrecognized command or argument 'gard'. (see 'micrograd --help')", r.Error.TrimEnd());
    }
}
