using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>The same rules everywhere: numbering from 1, repeated options refused, help that shows accepted values, outputs
/// in the format their name says, numbers in range.</summary>
public class ConsistencyTests
{
    [Fact]
    public void Log_steps_are_numbered_from_1_as_the_progress_lines_are()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("train", "--steps", "3", "--samples", "20", "--log", folder.File("log.jsonl"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal([1, 2, 3], CliFixtures.ReadLog(folder.File("log.jsonl")).Select(l => l.Step));
        Assert.Contains("step 1/3 ", r.Out);
        Assert.Contains("step 3/3 ", r.Out);
    }

    [Fact]
    public void Gpt_log_steps_are_numbered_from_1_as_its_progress_lines_and_samples_are()
    {
        using var folder = new TempDirectory();
        var r = Tool.Run("gpt", "--steps", "3", "--samples", "2", "--log", folder.File("log.jsonl"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["{\"step\": 1,", "{\"step\": 2,", "{\"step\": 3,"], File.ReadAllLines(folder.File("log.jsonl")).Select(l => l[..11]));
        Assert.Contains("\nstep 1/3 ", r.Out);
        Assert.Contains("\nstep 3/3 ", r.Out);
        Assert.Contains("\nsample  1: ", r.Out);
        Assert.DoesNotContain("sample  0", r.Out);
    }

    [Fact]
    public void A_bad_label_names_its_sample_counting_from_1()
    {
        using var folder = new TempDirectory();
        Tool.Run("train", "--data", folder.Write("bad.csv", "1,2,1\n3,4,-1\n5,6,0\n")).AssertRefused("Sample 3 of bad.csv: label 0 is not -1 or 1");
    }

    [Fact]
    public void A_repeated_hidden_option_is_refused_as_other_repeated_options_are()
    {
        Tool.Run("train", "--hidden", "4", "--hidden", "8").AssertRefused("--hidden");
        Tool.Run("train", "--steps", "4", "--steps", "8").AssertRefused("--steps");
        Tool.Run("gpt", "--embd", "4", "--embd", "8").AssertRefused("--embd");
        Tool.Run("gpt", "sample", "--model", "m.json", "--prefix", "a", "--prefix", "b").AssertRefused("--prefix");
    }

    [Theory]
    [InlineData("grad")]
    [InlineData("neuron")]
    [InlineData("explore")]
    public void Help_shows_the_rankdir_default_as_it_is_typed(string command)
    {
        var r = Tool.Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.EndsWith("[default: LR]", HelpText.Option(r.Out, "--rankdir <LR|TB>"));
        Assert.DoesNotContain("LeftToRight", r.Out);
    }

    [Theory]
    [InlineData("p.svg")]
    [InlineData("p.jpg")]
    [InlineData("plot")]
    public void A_plot_whose_name_is_not_png_is_refused(string name)
    {
        using var folder = new TempDirectory();
        Tool.Run("train", "--steps", "1", "--plot", folder.File(name)).AssertRefused($"--plot '{folder.File(name)}': the plot is a PNG picture; name the file with .png");
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Noise_too_large_for_finite_features_is_refused()
    {
        Tool.Run("train", "--noise", "1e308").AssertRefused("--noise '1e308' must be a number from 0 to 1e307");
    }
}
