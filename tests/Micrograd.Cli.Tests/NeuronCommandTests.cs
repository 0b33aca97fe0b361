using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

public class NeuronCommandTests
{
    [Fact]
    public void Prints_y_and_every_inputs_gradient()
    {
        var r = Tool.Run("neuron");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("y = 0.9989793986334531", r.Out);
        Assert.Contains("0.0032642577695110885", r.Out); // w0
        Assert.Contains("0.0020401611059444303", r.Out); // b
        Assert.Equal("", r.Error);
    }
}

public class ExitCodeTests
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("neuron", "--no-such-option")]
    public void Bad_arguments_give_one_line_on_stderr_and_exit_code_2(params string[] args)
    {
        var r = Tool.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_real_process_reports_bad_input_without_a_stack_trace()
    {
        var r = Tool.RunProcess("no-such-command");
        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("Exception", r.Error);
    }
}
