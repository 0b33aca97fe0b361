using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

public class HelpTests
{
    [Fact]
    public void Help_names_the_tool_micrograd_and_lists_every_command()
    {
        var r = Tool.Run("--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("\nUsage:\n  micrograd [command] [options]\n", r.Out);
        Assert.DoesNotContain("Micrograd.Cli", r.Out);
        Assert.Equal(["neuron", "grad", "explore", "train", "predict", "export", "gpt"],
            HelpText.Rows(r.Out, "Commands:").Select(row => row.First.Split(' ')[0]));
    }

    [Fact]
    public void A_subcommands_help_shows_its_usage_under_the_tool_name()
    {
        var r = Tool.Run("grad", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\nUsage:\n  micrograd grad [<EXPR> [<NAME=VALUE>...]] [options]\n", r.Out);
    }

    [Fact]
    public void No_command_shows_the_help_with_exit_code_0()
    {
        var r = Tool.Run();
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        Assert.Equal(Tool.Run("--help").Out, r.Out);
    }

    [Fact]
    public void Gpt_help_lists_every_option_with_microgpts_default_and_the_sample_command()
    {
        var r = Tool.Run("gpt", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("\nUsage:\n  micrograd gpt [command] [options]\n", r.Out);
        var expected = new Dictionary<string, string>
        {
            ["--steps <N>"] = "[default: 1000]",
            ["--layers <N>"] = "[default: 1]",
            ["--embd <N>"] = "[default: 16]",
            ["--heads <N>"] = "[default: 4]",
            ["--block <N>"] = "[default: 16]",
            ["--lr <X>"] = "[default: 0.01]",
            ["--seed <N>"] = "[default: 42]",
            ["--samples <N>"] = "[default: 20]",
            ["--temperature <X>"] = "[default: 0.5]",
            ["--engine <compiled|eager>"] = "[default: compiled]",
            ["--data <FILE>"] = "[default: makemore's names.txt, built into the tool: 32,033 names, MIT licence]",
        };
        foreach (var (option, text) in expected) Assert.EndsWith(text, HelpText.Option(r.Out, option));
        Assert.Contains("{\"step\": k, \"loss\": …, \"lr\": …}", HelpText.Option(r.Out, "--log <FILE>"));
        Assert.Contains("'gpt sample --model'", HelpText.Option(r.Out, "--save <FILE>"));
        Assert.Single(HelpText.Rows(r.Out, "Commands:"), row => row.First == "sample");
    }

    [Fact]
    public void Gpt_sample_help_lists_every_option_with_its_default()
    {
        var r = Tool.Run("gpt", "sample", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("\nUsage:\n  micrograd gpt sample [options]\n", r.Out);
        var expected = new Dictionary<string, string>
        {
            ["--samples <N>"] = "[default: 20]",
            ["--temperature <X>"] = "[default: 0.5]",
            ["--seed <N>"] = "[default: 42]",
            ["--engine <compiled|eager>"] = "[default: compiled]",
        };
        foreach (var (option, text) in expected) Assert.EndsWith(text, HelpText.Option(r.Out, option));
        Assert.Contains("'gpt --save'", HelpText.Option(r.Out, "--model <FILE> (REQUIRED)"));
        Assert.Contains("Without it, the model starts each name.", HelpText.Option(r.Out, "--prefix <TEXT>"));
    }

    [Fact]
    public void An_unknown_command_is_named_with_the_command_it_is_nearest()
    {
        var r = Tool.Run("gard", "x", "x=1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal("error: Unrecognized command or argument 'gard'. Did you mean 'grad'? (see 'micrograd --help')\n", r.Error);
    }
}
