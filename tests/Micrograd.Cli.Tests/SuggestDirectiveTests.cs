using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// Shell completion: System.CommandLine's <c>[suggest:POSITION]</c> directive lists what may come at a position of a command
/// line, one a line. dotnet-suggest calls it with the line after the tool's name and the cursor's position in it (for
/// <c>micrograd tra⇥</c>, <c>micrograd "[suggest:3]" "tra"</c>); a line may also start with the tool's name.
/// </summary>
public class SuggestDirectiveTests
{
    private static string[] Suggest(string commandLine) => Suggest(commandLine, commandLine.Length);

    private static string[] Suggest(string commandLine, int position)
    {
        var r = Tool.Run($"[suggest:{position}]", commandLine);
        Assert.True(r.ExitCode == 0 && r.Error == "", r.ToString());
        return r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void A_command_is_completed_from_its_start()
    {
        Assert.Equal(["train"], Suggest("tra"));
        Assert.Equal(["train"], Suggest("micrograd tra"));
        Assert.Equal(["explore", "export"], Suggest("micrograd ex"));
        // a word is completed by every name that contains it, those that start with it first
        Assert.Equal(["sample", "--samples", "--save"], Suggest("micrograd gpt sa"));
    }

    [Fact]
    public void After_the_tool_name_every_command_and_option_is_offered()
    {
        Assert.Equal(["--help", "--version", "-?", "-h", "/?", "/h", "explore", "export", "gpt", "grad", "neuron", "predict", "train"],
            Suggest("micrograd "));
    }

    [Fact]
    public void An_option_is_completed_from_its_start()
    {
        Assert.Equal(["--lr-end"], Suggest("micrograd train --lr-"));
        Assert.Equal(["--log", "--loss"], Suggest("micrograd train --lo"));
        Assert.Equal(["--engine"], Suggest("micrograd gpt sample --e"));
    }

    [Theory]
    [InlineData("micrograd train --engine ", new[] { "compiled", "eager" })]
    [InlineData("micrograd train --engine e", new[] { "eager", "compiled" })]
    [InlineData("micrograd train --optimizer ", new[] { "adam", "momentum", "sgd" })]
    [InlineData("micrograd train --loss ", new[] { "bce", "hinge", "mse", "softmax" })]
    [InlineData("micrograd train --activation ", new[] { "linear", "relu", "sigmoid", "tanh" })]
    [InlineData("micrograd train --data ", new[] { "blobs", "circles", "moons", "spirals" })]
    [InlineData("micrograd train --data sp", new[] { "spirals" })]
    [InlineData("micrograd grad x x=1 --rankdir ", new[] { "LR", "TB" })]
    [InlineData("micrograd neuron --rankdir t", new[] { "TB" })]
    [InlineData("micrograd gpt --engine ", new[] { "compiled", "eager" })]
    [InlineData("micrograd gpt sample --engine ", new[] { "compiled", "eager" })]
    public void An_option_with_a_fixed_set_of_values_completes_them(string commandLine, string[] expected) =>
        Assert.Equal(expected, Suggest(commandLine));

    [Fact]
    public void Every_choice_that_help_lists_is_completed()
    {
        var checkedOptions = 0;
        foreach (var command in HelpApprovalTests.CommandPaths())
        {
            var help = Tool.Run([.. command, "--help"]).Out;
            foreach (var (first, _) in HelpText.Rows(help, "Options:"))
            {
                // --engine <compiled|eager>; --data <moons|circles|blobs|spirals|FILE>, whose FILE is any file
                var parts = first.Split(' ');
                if (parts.Length != 2 || !parts[1].Contains('|', StringComparison.Ordinal)) continue;
                var choices = parts[1].Trim('<', '>').Split('|').Where(c => c != "FILE").Order(StringComparer.OrdinalIgnoreCase);
                var line = string.Join(' ', ["micrograd", .. command, parts[0], ""]);
                Assert.Equal(choices, Suggest(line));
                checkedOptions++;
            }
        }
        Assert.Equal(10, checkedOptions);
    }

    [Fact]
    public void Without_a_position_the_directive_completes_at_the_end_of_the_line()
    {
        var r = Tool.Run("[suggest]", "micrograd train --engine e");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("eager\ncompiled\n", r.Out);
    }

    [Fact]
    public void A_position_inside_the_line_completes_the_word_there()
    {
        Assert.Equal(["train"], Suggest("micrograd tra --steps 5", "micrograd tra".Length));
    }

    [Fact]
    public void A_position_past_the_end_completes_an_empty_word()
    {
        Assert.Equal(Suggest("micrograd "), Suggest("tra", 5));
    }

    [Theory]
    [InlineData("[suggest:3]", "tra")]
    [InlineData("[suggest:13]", "micrograd tra")]
    public void A_real_process_completes_as_dotnet_suggest_calls_it(string directive, string commandLine)
    {
        var r = Tool.RunProcess(directive, commandLine);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("train\n", r.Out);
    }
}
