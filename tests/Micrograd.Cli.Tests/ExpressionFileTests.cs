using Micrograd.Cli.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// No response files: an argument starting with '@' is a plain argument (a path, or a syntax error in an expression).
/// Long expressions come from a file with <c>--expr-file FILE</c>, or from standard input with <c>--expr-file -</c>, for
/// both grad and explore.
/// </summary>
public class ExpressionFileTests
{
    [Fact]
    public void An_argument_starting_with_at_is_not_replaced_by_a_files_contents()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("args.txt", "x x=1");
        var r = Tool.Run("grad", "@" + file);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: unexpected character '@' at position 1", r.Error);
    }

    [Fact]
    public void An_output_path_starting_with_at_is_written_as_named()
    {
        using var folder = new TempDirectory();
        folder.Write("x.dot", "not an argument");
        var r = Tool.RunShell($"cd '{folder.Path}' && $MICROGRAD grad 'x*y' x=1 y=2 --dot @x.dot");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("digraph", File.ReadAllText(folder.File("@x.dot")));
        Assert.Equal("not an argument", File.ReadAllText(folder.File("x.dot")));
    }

    [Fact]
    public void Grad_reads_the_expression_from_a_file_longer_than_one_argument_may_be()
    {
        // 200,000 terms: about 1.2 MB, past Linux's 128 KiB limit on one argument
        using var folder = new TempDirectory();
        var file = folder.Write("long.txt", string.Join(" + ", Enumerable.Repeat("x*y", 200_000)) + "\n");
        var r = Tool.Run("grad", "--expr-file", file, "x=0.5", "y=3", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var result = GradJson.Parse(r.Out);
        Assert.Equal(300_000.0, result.Value);
        Assert.Equal([KeyValuePair.Create("x", 600_000.0), KeyValuePair.Create("y", 100_000.0)], result.Gradients);
    }

    [Fact]
    public void Grad_and_explore_read_the_expression_from_standard_input_with_a_dash()
    {
        var r = Tool.RunWithInput("tanh(w*x)\n", "grad", "--expr-file", "-", "w=2", "x=0.25", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(Math.Tanh(0.5), GradJson.Parse(r.Out).Value);

        if (!Micrograd.Graphs.Graphviz.IsAvailable()) return; // explore lays its page out with Graphviz
        using var folder = new TempDirectory();
        var e = Tool.RunWithInput("x*x", "explore", "--expr-file", "-", "x=3", "--html", folder.File("p.html"));
        Assert.True(e.ExitCode == 0, e.ToString());
        Assert.Contains("x*x", File.ReadAllText(folder.File("p.html")));
    }

    [Theory]
    [InlineData(new[] { "grad", "x", "--expr-file", "f.txt", "x=1" }, "give the expression either as EXPR or with --expr-file, not both")]
    [InlineData(new[] { "grad", "x=1" }, "'x=1' is not an expression")]
    [InlineData(new[] { "grad", "--expr-file", "missing.txt", "x=1" }, "--expr-file 'missing.txt' does not exist")]
    [InlineData(new[] { "explore", "--html", "p.html" }, "no expression: give EXPR, or --expr-file FILE")]
    public void Expression_arguments_are_checked_in_one_line(string[] args, string message)
    {
        var r = Tool.Run(args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, r.Error);
    }
}
