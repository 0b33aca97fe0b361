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
        foreach (var command in new[] { "neuron", "grad", "explore", "train", "predict" }) Assert.Contains(command, r.Out);
    }

    [Fact]
    public void A_subcommands_help_shows_its_usage_under_the_tool_name()
    {
        var r = Tool.Run("grad", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("micrograd grad [<EXPR> [<NAME=VALUE>...]] [options]", r.Out);
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
