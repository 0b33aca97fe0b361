using System.Text.RegularExpressions;
using Micrograd.Cli.Tests.Support;
using Micrograd.Graphs;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>
/// <c>micrograd explore EXPR [NAME=VALUE …] --html FILE</c> and <c>micrograd neuron --html FILE</c>: the page is written, and bad
/// input (no --html, no Graphviz, a file that cannot be written, a bad expression) fails with one line and exit code 2.
/// The page's behaviour is tested in a browser by Micrograd.Explorer.Tests.
/// </summary>
public partial class ExploreCommandTests
{
    private static void AssertBadInput(CliResult r, string start)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Out);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith(start, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explore_writes_one_self_contained_page_with_the_expression_point_and_graph()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var r = Tool.Run("explore", "tanh(w*x + b)", "w=0.5", "x=2", "b=-1", "--html", temp.File("page.html"));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
        Assert.Equal($"wrote {temp.File("page.html")}: 6 values, 12 steps; open it in a browser\n", r.Out);
        var html = File.ReadAllText(temp.File("page.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>tanh(w*x + b) at w=0.5, x=2, b=-1 · micrograd explorer</title>", html);
        Assert.Contains("<g id=\"n5\" class=\"node\">", html);
        Assert.Contains("\"name\":\"w\"", html);
        Assert.Contains("\"rankdir\":\"LR\"", html);
        Assert.Contains("function microgradOps(fma, pow)", html);
    }

    [Fact]
    public void Explore_takes_rankdir_and_max_nodes_and_can_draw_the_picture_too()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var r = Tool.Run("explore", "x*x*x*x", "x=2", "--html", temp.File("p.html"), "--rankdir", "TB", "--max-nodes", "2", "--dot", temp.File("p.dot"));
        Assert.True(r.ExitCode == 0, r.ToString());
        // x, x*x, x*x*x and x*x*x*x: the two nearest the result are drawn, and the output says so.
        Assert.Equal($"wrote {temp.File("p.html")}: 4 values (2 not drawn), 8 steps; open it in a browser\n", r.Out);
        var html = File.ReadAllText(temp.File("p.html"));
        Assert.Contains("\"rankdir\":\"TB\"", html);
        Assert.Equal(2, Regex.Count(html, "\"drawn\":true"));
        Assert.Contains("<g id=\"omitted\" class=\"node\">", html);
        Assert.Contains("rankdir=TB", File.ReadAllText(temp.File("p.dot")));
    }

    [Fact]
    public void A_page_of_more_values_than_a_browser_opens_is_refused_naming_the_limit()
    {
        using var temp = new TempDirectory();
        // one leaf and a sum for each further term: one value more than a page may hold
        var text = string.Join(" + ", Enumerable.Repeat("x", HtmlOption.MaxPageValues + 1));
        Assert.True(Micrograd.Expressions.Expression.Parse(text).Build(new Dictionary<string, double> { ["x"] = 1 }).Root.TopologicalOrder().Count > HtmlOption.MaxPageValues);
        var page = temp.File("p.html");
        var r = Tool.Run("explore", "--expr-file", temp.Write("e.txt", text), "x=1", "--html", page, "--max-nodes", "10");
        r.AssertRefused(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"would be too large for a browser to open (at most {HtmlOption.MaxPageValues:N0})"));
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void A_long_expression_is_cut_in_the_pages_title()
    {
        using var temp = new TempDirectory();
        var text = string.Join(" + ", Enumerable.Repeat("x", 20_000));
        var page = temp.File("p.html");
        var r = Tool.Run("explore", "--expr-file", temp.Write("e.txt", text), "x=1", "--html", page, "--max-nodes", "10");
        Assert.True(r.ExitCode == 0, r.ToString());
        var title = Regex.Match(File.ReadAllText(page), "<title>(.*?)</title>", RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith("x + x + x", title, StringComparison.Ordinal);
        Assert.EndsWith("x + … at x=1 · micrograd explorer", title, StringComparison.Ordinal);
        Assert.InRange(title.Length, 200, 240);
    }

    [Fact]
    public void The_wrote_line_counts_in_the_singular_for_one_value()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var r = Tool.Run("explore", "x", "x=1", "--html", temp.File("x.html"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal($"wrote {temp.File("x.html")}: 1 value, 2 steps; open it in a browser\n", r.Out);
    }

    [Fact]
    public void Explore_without_html_says_it_is_required()
    {
        AssertBadInput(Tool.Run("explore", "x*x", "x=2"), "error: Option '--html' is required.");
    }

    [Fact]
    public void Explore_refuses_bad_expressions_and_values_as_grad_does()
    {
        using var temp = new TempDirectory();
        AssertBadInput(Tool.Run("explore", "x*", "x=2", "--html", temp.File("p.html")), "error: ");
        AssertBadInput(Tool.Run("explore", "x*y", "x=2", "--html", temp.File("p.html")), "error: no value given for variable 'y'");
        AssertBadInput(Tool.Run("explore", "x", "x=two", "--html", temp.File("p.html")), "error: 'two' in 'x=two' is not a number");
        Assert.False(File.Exists(temp.File("p.html")));
    }

    [Fact]
    public void An_html_file_that_cannot_be_written_is_refused_in_one_line()
    {
        using var temp = new TempDirectory();
        AssertBadInput(Tool.Run("explore", "x", "x=1", "--html", temp.File("missing/p.html")),
            $"error: cannot write --html '{temp.File("missing/p.html")}': the directory '{temp.File("missing")}' does not exist");
        AssertBadInput(Tool.Run("explore", "x", "x=1", "--html", temp.Path), $"error: cannot write --html '{temp.Path}': it is a directory");
        AssertBadInput(Tool.Run("neuron", "--html", temp.File("missing/n.html")), "error: cannot write --html");
    }

    [Fact]
    public void Without_graphviz_explore_fails_with_the_install_hint_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        using var empty = new TempDirectory();
        var r = Tool.RunWith(new GraphvizOptions { SearchPath = empty.Path }, "explore", "x*x", "x=3", "--html", temp.File("p.html"));
        AssertBadInput(r, "error: Graphviz's 'dot' was not found on PATH; install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz,");
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Neuron_writes_the_page_as_well_as_its_table()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var r = Tool.Run("neuron", "--html", temp.File("n.html"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("y = 0.9989793986334531\n", r.Out, StringComparison.Ordinal);
        Assert.EndsWith($"\nwrote {temp.File("n.html")}: 14 values, 28 steps; open it in a browser\n", r.Out, StringComparison.Ordinal);
        var html = File.ReadAllText(temp.File("n.html"));
        Assert.Contains("<title>The seed&#39;s neuron: y = tanh(w0*x0 + w1*x1 + w2*x2 + b) · micrograd explorer</title>", html);
        Assert.Equal(14, Regex.Count(html, "\"drawn\":true"));
    }

    [Fact]
    public void A_real_process_without_dot_on_its_path_fails_cleanly_for_both_commands()
    {
        using var temp = new TempDirectory();
        using var empty = new TempDirectory();
        var path = new Dictionary<string, string> { ["PATH"] = empty.Path };
        var neuron = Tool.RunProcessWith(path, "neuron", "--html", temp.File("n.html"));
        Assert.True(neuron.ExitCode == 2, neuron.ToString());
        Assert.StartsWith("y = 0.9989793986334531\n", neuron.Out); // the results come before the page that cannot be made
        Assert.StartsWith("error: Graphviz's 'dot' was not found on PATH; install Graphviz", neuron.Error, StringComparison.Ordinal);
        AssertBadInput(Tool.RunProcessWith(path, "explore", "x", "x=1", "--html", temp.File("x.html")), "error: Graphviz's 'dot' was not found on PATH; install Graphviz");
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Help_lists_explore_and_the_html_option()
    {
        var r = Tool.Run("--help");
        Assert.Contains("explore", r.Out);
        var help = Tool.Run("explore", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--html", help.Out);
        Assert.Contains("--rankdir", help.Out);
        Assert.Contains("--html", Tool.Run("neuron", "--help").Out);
    }
}
