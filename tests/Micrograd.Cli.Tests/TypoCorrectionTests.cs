using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>A mistyped command or option: System.CommandLine's typo correction, in the one error line bad input gets.</summary>
public class TypoCorrectionTests
{
    private static void AssertError(CliResult r, string line)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Equal(line + "\n", r.Error);
    }

    [Theory]
    [InlineData("trian", "error: Unrecognized command or argument 'trian'. Did you mean 'train'? (see 'micrograd --help')")]
    [InlineData("exprt", "error: Unrecognized command or argument 'exprt'. Did you mean 'export'? (see 'micrograd --help')")]
    [InlineData("--verison", "error: Unrecognized command or argument '--verison'. Did you mean '--version'? (see 'micrograd --help')")]
    [InlineData("train --stpes 5", "error: Unrecognized command or argument '--stpes'. Did you mean '--steps'? (see 'micrograd train --help')")]
    [InlineData("train --dat moons", "error: Unrecognized command or argument '--dat'. Did you mean '--data'? (see 'micrograd train --help')")]
    [InlineData("gpt smaple", "error: Unrecognized command or argument 'smaple'. Did you mean 'sample'? (see 'micrograd gpt --help')")]
    [InlineData("gpt --sample 3", "error: Unrecognized command or argument '--sample'. Did you mean '--samples'? (see 'micrograd gpt --help')")]
    [InlineData("gpt sample --modle m.json", "error: Unrecognized command or argument '--modle'. Did you mean '--model'? (see 'micrograd gpt sample --help')")]
    public void A_mistyped_command_or_option_is_named_with_the_one_it_is_nearest(string arguments, string line) =>
        AssertError(Tool.Run(arguments.Split(' ')), line);

    [Fact]
    public void Names_as_near_as_each_other_are_all_offered()
    {
        AssertError(Tool.Run("train", "--l", "1"),
            "error: Unrecognized command or argument '--l'. Did you mean '--lr' or '--l2'? (see 'micrograd train --help')");
        AssertError(Tool.Run("train", "--lg", "1"),
            "error: Unrecognized command or argument '--lg'. Did you mean '--lr', '--l2' or '--log'? (see 'micrograd train --help')");
    }

    [Theory]
    [InlineData("banana", "error: Unrecognized command or argument 'banana'. (see 'micrograd --help')")]
    [InlineData("train --steps 5 extra", "error: Unrecognized command or argument 'extra'. (see 'micrograd train --help')")]
    public void A_word_near_nothing_is_named_alone(string arguments, string line) =>
        AssertError(Tool.Run(arguments.Split(' ')), line);

    [Fact]
    public void A_real_process_gives_the_suggestion_on_its_one_line_of_stderr()
    {
        var r = Tool.RunProcess("trian");
        AssertError(r, "error: Unrecognized command or argument 'trian'. Did you mean 'train'? (see 'micrograd --help')");
    }
}
