using System.Text;
using System.Xml.Linq;
using Micrograd.Graphs;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Graphs;

/// <summary>Renders with the real Graphviz; these fail (never pass silently) when 'dot' is missing.</summary>
public class GraphvizTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static Value BackwardNeuron()
    {
        var y = SeedGraphs.Neuron();
        y.Backward();
        return y;
    }

    /// <summary>The text lines Graphviz drew in each node, by the node's DOT id, whitespace collapsed.</summary>
    private static Dictionary<string, List<string>> NodeTexts(byte[] svg)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(svg));
        return document.Descendants(Svg + "g")
            .Where(g => (string?)g.Attribute("class") == "node")
            .ToDictionary(g => (string)g.Attribute("id")!, g => g.Descendants(Svg + "text").Select(t => Collapse(t.Value)).ToList());
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split([' ', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void The_neuron_renders_to_svg_with_a_group_per_node_showing_its_record()
    {
        RequireGraphviz.Dot();
        var svg = Graphviz.Render(DotWriter.Write(BackwardNeuron()), GraphFormat.Svg);

        var nodes = NodeTexts(svg);
        Assert.Equal(14 + 7, nodes.Count);
        Assert.Equal(["w0", "data 1.3000", "grad 0.0033"], nodes["n0"]);
        Assert.Equal(["y", "data 0.9990", "grad 1.0000"], nodes["n13"]);
        Assert.Equal(["tanh"], nodes["n13_op"]);
        var edges = XDocument.Parse(Encoding.UTF8.GetString(svg)).Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "edge");
        Assert.Equal(13 + 7, edges);
    }

    [Fact]
    public void Every_nasty_label_renders_as_itself()
    {
        RequireGraphviz.Dot();
        var svg = Graphviz.Render(DotWriter.Write(NastyLabels.Graph()), GraphFormat.Svg);

        var nodes = NodeTexts(svg);
        for (var i = 0; i < NastyLabels.All.Length; i++)
        {
            var expected = NastyLabels.Shown(NastyLabels.All[i]).Split('\n').Select(Collapse).Append($"data {i}.0000").Append("grad 0.0000");
            Assert.Equal(expected, nodes[$"n{i}"]);
        }
    }

    [Fact]
    public void A_capped_picture_renders_with_its_note()
    {
        RequireGraphviz.Dot();
        var svg = Graphviz.Render(DotWriter.Write(SeedGraphs.Chain(3000), new DotOptions { MaxNodes = 50 }), GraphFormat.Svg);

        var nodes = NodeTexts(svg);
        Assert.Equal(50 + 50 + 1, nodes.Count);
        Assert.Equal(["2,950 of 3,000 values and 2,950 of 2,999 edges not drawn: showing the 50 values nearest the result"], nodes[DotWriter.NoteId]);
    }

    [Fact]
    public void A_huge_label_still_renders()
    {
        RequireGraphviz.Dot();
        var svg = Graphviz.Render(DotWriter.Write(new Value(1, new string('{', 50_000))), GraphFormat.Svg);
        Assert.Contains(new string('{', 100), NodeTexts(svg)["n0"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Png_and_pdf_have_their_signatures()
    {
        RequireGraphviz.Dot();
        var dot = DotWriter.Write(BackwardNeuron());
        var png = Graphviz.Render(dot, GraphFormat.Png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.True(png.Length > 1000, $"a {png.Length}-byte PNG is too small for the neuron");
        var pdf = Graphviz.Render(dot, GraphFormat.Pdf);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
    }

    [Theory]
    [InlineData(GraphFormat.Svg, "neuron.svg")]
    [InlineData(GraphFormat.Png, "neuron.png")]
    [InlineData(GraphFormat.Pdf, "neuron.pdf")]
    public void RenderToFile_writes_the_picture_and_nothing_else(GraphFormat format, string name)
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var dot = DotWriter.Write(BackwardNeuron());
        Graphviz.RenderToFile(dot, temp.File(name), format);

        Assert.Equal(Graphviz.Render(dot, format).Length > 0, File.ReadAllBytes(temp.File(name)).Length > 0);
        Assert.Equal([temp.File(name)], Directory.GetFiles(temp.Path));
        if (format == GraphFormat.Svg) Assert.Contains("data 0.9990", File.ReadAllText(temp.File(name)), StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_is_found_by_an_explicit_path_and_on_a_given_search_path()
    {
        var dot = RequireGraphviz.Dot();
        Assert.Equal(dot, Graphviz.FindDot(new GraphvizOptions { DotPath = dot }));
        using var empty = new TempDirectory();
        var search = string.Join(Path.PathSeparator, empty.Path, Path.GetDirectoryName(dot));
        Assert.Equal(dot, Graphviz.FindDot(new GraphvizOptions { SearchPath = search }));
        Assert.True(Graphviz.IsAvailable());
    }

    [Fact]
    public void Without_dot_rendering_to_a_file_writes_the_dot_text_and_says_how_to_install_graphviz()
    {
        using var empty = new TempDirectory();
        var options = new GraphvizOptions { SearchPath = empty.Path };
        var dot = DotWriter.Write(BackwardNeuron());

        Assert.Null(Graphviz.FindDot(options));
        Assert.False(Graphviz.IsAvailable(options));
        var e = Assert.Throws<GraphvizNotFoundException>(() => Graphviz.RenderToFile(dot, empty.File("neuron.svg"), GraphFormat.Svg, options));

        Assert.StartsWith("Graphviz's 'dot' was not found on PATH; install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz,", e.Message);
        Assert.Contains("macOS: brew install graphviz", e.Message, StringComparison.Ordinal);
        Assert.Contains($"The DOT text was written to '{empty.File("neuron.dot")}'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(empty.File("neuron.dot"), e.DotFilePath);
        Assert.Equal(dot, File.ReadAllText(empty.File("neuron.dot")));
        Assert.False(File.Exists(empty.File("neuron.svg")));
    }

    [Fact]
    public void Without_dot_rendering_in_memory_says_how_to_install_graphviz()
    {
        using var empty = new TempDirectory();
        var missing = Path.Combine(empty.Path, "no-such-dot");
        var e = Assert.Throws<GraphvizNotFoundException>(() => Graphviz.Render("digraph { a }", GraphFormat.Png, new GraphvizOptions { DotPath = missing }));
        Assert.StartsWith($"Graphviz's 'dot' was not found at '{missing}'; install Graphviz", e.Message);
        Assert.Null(e.DotFilePath);
        Assert.Empty(Directory.GetFiles(empty.Path));
    }

    [Fact]
    public void A_missing_dot_is_caught_as_a_graphviz_failure()
    {
        using var empty = new TempDirectory();
        var options = new GraphvizOptions { DotPath = Path.Combine(empty.Path, "no-such-dot") };
        var e = Assert.ThrowsAny<GraphvizException>(() => Graphviz.Render("digraph { a }", GraphFormat.Svg, options));
        Assert.IsType<GraphvizNotFoundException>(e);
        Assert.Null(e.ExitCode);
    }

    [Theory]
    [InlineData("neuron.svg", "neuron.dot")]
    [InlineData("neuron", "neuron.dot")]
    [InlineData("picture.dot", "picture.dot.dot")]
    public void The_fallback_dot_file_sits_next_to_the_picture(string picture, string dotFile)
    {
        Assert.Equal(Path.Combine("out", dotFile), Graphviz.DotFileFor(Path.Combine("out", picture)));
    }

    [Fact]
    public void When_dot_fails_its_error_is_in_the_message_and_the_dot_text_is_kept()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        const string broken = "digraph { a -> }";

        var inMemory = Assert.Throws<GraphvizException>(() => Graphviz.Render(broken, GraphFormat.Svg));
        Assert.NotNull(inMemory.ExitCode);
        Assert.NotEqual(0, inMemory.ExitCode);
        Assert.StartsWith($"Graphviz's 'dot' failed with exit code {inMemory.ExitCode}: ", inMemory.Message);
        Assert.Contains("syntax error", inMemory.Message, StringComparison.Ordinal);
        Assert.Contains("syntax error", inMemory.StandardError, StringComparison.Ordinal);

        var toFile = Assert.Throws<GraphvizException>(() => Graphviz.RenderToFile(broken, temp.File("x.svg"), GraphFormat.Svg));
        Assert.EndsWith($"the DOT text was written to '{temp.File("x.dot")}'", toFile.Message);
        Assert.Equal(broken, File.ReadAllText(temp.File("x.dot")));
        Assert.False(File.Exists(temp.File("x.svg")));
    }

    [Fact]
    public void Rendering_into_a_missing_directory_is_an_io_error()
    {
        RequireGraphviz.Dot();
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "no-such-directory", "x.svg");
        Assert.Throws<DirectoryNotFoundException>(() => Graphviz.RenderToFile("digraph { a }", path, GraphFormat.Svg));
    }

    /// <summary>A stand-in for dot: a POSIX shell script (CI runs on Linux).</summary>
    private static string FakeDot(TempDirectory temp, string script)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the fake dot is a POSIX shell script");
        var path = temp.File("fake-dot");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void A_dot_that_writes_megabytes_to_both_streams_does_not_block()
    {
        using var temp = new TempDirectory();
        var fake = FakeDot(temp, "head -c 3000000 /dev/zero | tr '\\000' e >&2\ncat");
        var input = "digraph { " + new string('a', 3_000_000) + " }";

        var output = Graphviz.Render(input, GraphFormat.Svg, new GraphvizOptions { DotPath = fake });
        Assert.Equal(input, Encoding.UTF8.GetString(output));
    }

    [Fact]
    public void A_dot_that_never_finishes_is_stopped_after_the_timeout()
    {
        using var temp = new TempDirectory();
        var fake = FakeDot(temp, "exec sleep 60");
        var e = Assert.Throws<GraphvizException>(() =>
            Graphviz.Render("digraph { a }", GraphFormat.Svg, new GraphvizOptions { DotPath = fake, Timeout = TimeSpan.FromSeconds(1) }));
        Assert.StartsWith("Graphviz's 'dot' did not finish within 1 s and was stopped; a large or wide graph lays out faster with fewer nodes drawn", e.Message);
        Assert.Null(e.ExitCode);
    }
}
