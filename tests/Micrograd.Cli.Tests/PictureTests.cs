using System.Text;
using System.Xml.Linq;
using Micrograd.Cli.Tests.Support;
using Micrograd.Graphs;
using Micrograd.Tests.Support;

namespace Micrograd.Cli.Tests;

/// <summary>--dot, --svg, --png, --pdf of grad and neuron, rendered with the real Graphviz (CI installs it).</summary>
public class PictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static void AssertOk(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Error);
    }

    /// <summary>Each node group of an SVG by DOT id, with its text lines.</summary>
    private static Dictionary<string, List<string>> SvgNodes(string path)
    {
        var document = XDocument.Load(path);
        return document.Descendants(Svg + "g")
            .Where(g => (string?)g.Attribute("class") == "node")
            .ToDictionary(g => (string)g.Attribute("id")!, g => g.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList());
    }

    [Fact]
    public void Grad_writes_the_dot_text_of_its_graph_after_backward()
    {
        using var temp = new TempDirectory();
        var r = Tool.Run("grad", "x * x", "x=3", "--dot", temp.File("g.dot"));
        AssertOk(r);
        Assert.StartsWith("value = 9\n", r.Out);

        var dot = DotFile.Parse(File.ReadAllText(temp.File("g.dot")));
        Assert.Equal(["{ x | data 3.0000 | grad 6.0000 }", "{ data 9.0000 | grad 1.0000 }"], dot.Records.Select(n => n["label"]!));
        Assert.Equal("*", Assert.Single(dot.OpNodes)["label"]);
        Assert.Equal(2, dot.Edges.Count(e => e.From == "n0" && e.To == "n1_op"));
        Assert.Single(dot.Edges, e => e.From == "n1_op" && e.To == "n1");
        Assert.Equal("LR", dot.Defaults[0]["rankdir"]);
    }

    [Theory]
    [InlineData("TB", "TB")]
    [InlineData("tb", "TB")]
    [InlineData("LR", "LR")]
    public void Rankdir_is_passed_to_the_picture(string given, string written)
    {
        using var temp = new TempDirectory();
        AssertOk(Tool.Run("neuron", "--rankdir", given, "--dot", temp.File("n.dot")));
        Assert.Equal(written, DotFile.Parse(File.ReadAllText(temp.File("n.dot"))).Defaults[0]["rankdir"]);
    }

    [Fact]
    public void Neuron_draws_its_graph_as_svg_with_every_value_after_backward()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var r = Tool.Run("neuron", "--svg", temp.File("neuron.svg"));
        AssertOk(r);
        Assert.Contains("y = 0.9989793986334531", r.Out, StringComparison.Ordinal);

        var nodes = SvgNodes(temp.File("neuron.svg"));
        Assert.Equal(14 + 7, nodes.Count);
        Assert.Equal(["w0", "data 1.3000", "grad 0.0033"], nodes["n0"]);
        Assert.Equal(["b", "data 0.2000", "grad 0.0020"], nodes["n11"]);
        Assert.Equal(["y", "data 0.9990", "grad 1.0000"], nodes["n13"]);
        Assert.Equal(["tanh"], nodes["n13_op"]);
    }

    [Fact]
    public void Grad_draws_svg_png_and_pdf()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        AssertOk(Tool.Run("grad", "tanh(w * x + b)", "w=0.5", "x=2", "b=-1", "--svg", temp.File("g.svg")));
        var nodes = SvgNodes(temp.File("g.svg"));
        Assert.Equal(["w", "data 0.5000", "grad 2.0000"], nodes["n0"]);
        Assert.Equal(["tanh"], nodes[$"n{nodes.Count(n => !n.Key.EndsWith("_op", StringComparison.Ordinal)) - 1}_op"]);

        AssertOk(Tool.Run("grad", "x * x", "x=3", "--png", temp.File("g.png")));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(temp.File("g.png"))[..8]);

        AssertOk(Tool.Run("grad", "x * x", "x=3", "--pdf", temp.File("g.pdf")));
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(File.ReadAllBytes(temp.File("g.pdf")), 0, 5));
        Assert.Equal(3, Directory.GetFiles(temp.Path).Length);
    }

    [Fact]
    public void Max_nodes_cuts_the_picture_and_notes_what_was_left_out()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        AssertOk(Tool.Run("grad", "tanh(tanh(tanh(tanh(x))))", "x=1", "--max-nodes", "2", "--svg", temp.File("g.svg"), "--dot", temp.File("g.dot")));

        var dot = DotFile.Parse(File.ReadAllText(temp.File("g.dot")));
        Assert.Equal(["n3", "n4"], dot.Records.Select(n => n.From));
        var nodes = SvgNodes(temp.File("g.svg"));
        Assert.Equal(["3 of 5 values and 3 of 4 edges not drawn: showing the 2 values nearest the result"], nodes[DotWriter.NoteId]);
    }

    [Fact]
    public void Without_graphviz_the_dot_text_is_written_and_the_error_says_how_to_install_it()
    {
        using var temp = new TempDirectory();
        using var empty = new TempDirectory();
        var r = Tool.RunWith(new GraphvizOptions { SearchPath = empty.Path }, "grad", "x * x", "x=3", "--svg", temp.File("g.svg"));

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: Graphviz's 'dot' was not found on PATH; install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz,", r.Error);
        Assert.Contains($"The DOT text was written to '{temp.File("g.dot")}'", r.Error, StringComparison.Ordinal);
        Assert.Equal(2, DotFile.Parse(File.ReadAllText(temp.File("g.dot"))).Records.Count());
        Assert.False(File.Exists(temp.File("g.svg")));
    }

    [Fact]
    public void Without_graphviz_neuron_fails_the_same_way()
    {
        using var temp = new TempDirectory();
        using var empty = new TempDirectory();
        var r = Tool.RunWith(new GraphvizOptions { SearchPath = empty.Path }, "neuron", "--png", temp.File("n.png"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: Graphviz's 'dot' was not found on PATH; install Graphviz", r.Error);
        Assert.True(File.Exists(temp.File("n.dot")));
    }

    [Fact]
    public void Without_graphviz_the_results_are_printed_and_a_replaced_dot_file_is_named()
    {
        using var temp = new TempDirectory();
        using var empty = new TempDirectory();
        File.WriteAllText(temp.File("graph.dot"), "a file of the user's");
        var r = Tool.RunWith(new GraphvizOptions { SearchPath = empty.Path }, "neuron", "--svg", temp.File("graph.svg"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("y = 0.9989793986334531\n", r.Out);
        Assert.Contains("│ b     │  0.2 │ 0.0020401611059444303 │", r.Out);
        Assert.Contains($"The DOT text was written to '{temp.File("graph.dot")}', replacing the file that was there;", r.Error);
        Assert.StartsWith("digraph", File.ReadAllText(temp.File("graph.dot")));

        var fresh = Tool.RunWith(new GraphvizOptions { SearchPath = empty.Path }, "neuron", "--svg", temp.File("other.svg"));
        Assert.Contains($"The DOT text was written to '{temp.File("other.dot")}'; render it later", fresh.Error);
    }

    [Fact]
    public void A_real_process_with_a_path_without_dot_fails_cleanly()
    {
        using var temp = new TempDirectory();
        using var empty = new TempDirectory();
        var r = Tool.RunProcessWith(new Dictionary<string, string> { ["PATH"] = empty.Path }, "neuron", "--svg", temp.File("n.svg"));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("y = 0.9989793986334531\n", r.Out); // the results come before the picture that cannot be drawn
        Assert.StartsWith("error: Graphviz's 'dot' was not found on PATH; install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz,", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal(14, DotFile.Parse(File.ReadAllText(temp.File("n.dot"))).Records.Count());
    }

    [Theory]
    [InlineData("--svg")]
    [InlineData("--dot")]
    public void An_output_file_in_a_missing_directory_is_refused_before_any_work(string option)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "missing", "g.out");
        var r = Tool.Run("grad", "x", "x=1", option, path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal($"error: cannot write {option} '{path}': the directory '{Path.Combine(temp.Path, "missing")}' does not exist\n", r.Error);
    }

    [Fact]
    public void An_output_path_that_is_a_directory_is_refused()
    {
        using var temp = new TempDirectory();
        var r = Tool.Run("neuron", "--svg", temp.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: cannot write --svg '{temp.Path}': it is a directory\n", r.Error);
    }

    [Fact]
    public void An_output_path_under_a_file_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("plain.txt"), "");
        var path = Path.Combine(temp.File("plain.txt"), "g.dot");
        var r = Tool.Run("grad", "x", "x=1", "--dot", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: cannot write --dot '{path}': '{temp.File("plain.txt")}' is a file, not a directory\n", r.Error);
    }

    [Theory]
    [InlineData("neuron", "--svg")]
    [InlineData("neuron", "--html")]
    [InlineData("grad", "--dot")]
    public void An_empty_output_path_is_refused(string command, string option)
    {
        var r = Tool.Run(command == "grad" ? ["grad", "x", "x=1", option, ""] : [command, option, ""]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Equal($"error: cannot write {option} '': the path is empty\n", r.Error);
    }

    [Fact]
    public void Svg_png_and_pdf_are_one_at_a_time_for_neuron_too()
    {
        var r = Tool.Run("neuron", "--png", "a.png", "--pdf", "b.pdf");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --png and --pdf cannot be used together: draw one picture at a time (see 'micrograd neuron --help')\n", r.Error);
    }

    [Fact]
    public void When_dot_fails_its_error_is_reported_on_one_line_with_exit_code_2()
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the fake dot is a POSIX shell script");
        using var temp = new TempDirectory();
        var fake = temp.File("fake-dot");
        File.WriteAllText(fake, "#!/bin/sh\necho 'Error: something broke' >&2\necho 'in line 3' >&2\nexit 3\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var r = Tool.RunWith(new GraphvizOptions { DotPath = fake }, "grad", "x", "x=1", "--svg", temp.File("g.svg"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: Graphviz's 'dot' failed with exit code 3: Error: something broke / in line 3; the DOT text was written to '{temp.File("g.dot")}'\n", r.Error);
        Assert.True(File.Exists(temp.File("g.dot")));
    }

    [Theory]
    [InlineData("grad", "--svg")]
    [InlineData("explore", "--html")]
    public void A_picture_too_large_for_dot_is_refused_before_dot_is_run_with_the_max_nodes_that_fits(string command, string option)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the fake dot is a POSIX shell script");
        using var temp = new TempDirectory();
        var ran = temp.File("dot-ran");
        var fake = temp.File("fake-dot");
        File.WriteAllText(fake, $"#!/bin/sh\ntouch '{ran}'\nsleep 600\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // a deep chain of 1,500 tanh(e * w + 1): 6,001 values, all drawn with --max-nodes 100000
        var expression = "x";
        for (var i = 0; i < 1500; i++) expression = $"tanh({expression} * w{i % 3} + 1)";
        File.WriteAllText(temp.File("e.txt"), expression);

        var output = temp.File(option == "--svg" ? "g.svg" : "g.html");
        var r = Tool.RunWith(new GraphvizOptions { DotPath = fake }, command, "--expr-file", temp.File("e.txt"), "x=1", "w0=1", "w1=1", "w2=1", "--max-nodes", "100000", option, output);
        r.AssertRefused("nodes and edges, more than Graphviz's dot lays out in reasonable time");
        Assert.Equal("", r.Out);
        Assert.False(File.Exists(ran), "dot was run");
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(temp.File("g.dot")));

        // the --max-nodes it suggests is accepted
        var suggested = System.Text.RegularExpressions.Regex.Match(r.Error, "--max-nodes ([0-9]+)").Groups[1].Value;
        var dot = DotWriter.Write(Micrograd.Expressions.Expression.Parse(expression).Build(new Dictionary<string, double> { ["x"] = 1, ["w0"] = 1, ["w1"] = 1, ["w2"] = 1 }).Root,
            new DotOptions { MaxNodes = int.Parse(suggested, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.InRange(dot.Split('\n').Count(l => l.Contains("[id=\"", StringComparison.Ordinal) || l.Contains(" -> ", StringComparison.Ordinal)), 1, PictureOptions.MaxLayoutSize);
    }
}
