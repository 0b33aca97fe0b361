using System.Globalization;
using Micrograd.Graphs;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Graphs;

public class DotWriterTests
{
    private static DotFile NeuronDot(DotOptions? options = null)
    {
        var y = SeedGraphs.Neuron();
        y.Backward();
        return DotFile.Parse(DotWriter.Write(y, options));
    }

    [Fact]
    public void The_neuron_has_a_record_per_value_an_ellipse_per_op_and_an_edge_per_use()
    {
        var dot = NeuronDot();

        Assert.Equal(14, dot.Records.Count());
        Assert.Equal(7, dot.OpNodes.Count());
        Assert.All(dot.OpNodes, op => Assert.Equal("ellipse", op["shape"]));
        Assert.Equal(13 + 7, dot.Edges.Count);
        Assert.Equal(13, dot.Edges.Count(e => e.To!.EndsWith("_op", StringComparison.Ordinal)));
        Assert.All(dot.OpNodes, op => Assert.Single(dot.Edges, e => e.From == op.From && e.To == op.From[..^3]));
        Assert.Equal(["*", "*", "*", "+", "+", "+", "tanh"], dot.OpNodes.Select(n => n["label"]!).Order(StringComparer.Ordinal));
        Assert.Equal("node", dot.Defaults[1].From);
        Assert.Equal("record", dot.Defaults[1]["shape"]);
    }

    [Theory]
    [InlineData("w0", "{ w0 | data 1.3000 | grad 0.0033 }")]
    [InlineData("x0", "{ x0 | data 1.6000 | grad 0.0027 }")]
    [InlineData("b", "{ b | data 0.2000 | grad 0.0020 }")]
    [InlineData("w0*x0", "{ w0*x0 | data 2.0800 | grad 0.0020 }")]
    [InlineData("z", "{ z | data 3.7900 | grad 0.0020 }")]
    [InlineData("y", "{ y | data 0.9990 | grad 1.0000 }")]
    public void Records_show_label_data_and_grad_as_the_seed_does(string label, string record)
    {
        var dot = NeuronDot();
        Assert.Single(dot.Records, n => n["label"] == record);
        Assert.Equal(label, DotFile.RecordFields(record)[0]);
    }

    [Fact]
    public void An_unlabelled_value_has_no_label_field()
    {
        var y = SeedGraphs.Neuron();
        foreach (var sum in y.TopologicalOrder().Where(v => v.Label.StartsWith("w0*x0 + ", StringComparison.Ordinal))) sum.Label = "";
        y.Backward();
        var dot = DotFile.Parse(DotWriter.Write(y));
        Assert.Single(dot.Records, n => n["label"] == "{ data 3.0400 | grad 0.0020 }"); // w0*x0 + w1*x1
        Assert.Equal(12, dot.Records.Count(n => DotFile.RecordFields(n["label"]!).Count == 3));
        Assert.Equal(2, dot.Records.Count(n => DotFile.RecordFields(n["label"]!).Count == 2));
    }

    [Fact]
    public void Without_gradients_a_record_shows_label_and_data()
    {
        var dot = NeuronDot(new DotOptions { ShowGradients = false });
        Assert.Single(dot.Records, n => n["label"] == "{ y | data 0.9990 }");
        Assert.DoesNotContain(dot.Records, n => n["label"]!.Contains("grad", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_follow_topological_order_and_edges_go_from_operand_to_op_to_result()
    {
        var y = SeedGraphs.Neuron();
        var graph = ComputationGraph.Trace(y);
        var dot = DotFile.Parse(DotWriter.Write(graph, null));

        Assert.Equal(Enumerable.Range(0, 14).Select(i => $"n{i}"), dot.Records.Select(n => n.From));
        Assert.All(dot.Nodes, n => Assert.Equal(n.From, n["id"]));
        var operandEdges = dot.Edges.Where(e => e["id"] is not null).ToList();
        Assert.Equal(graph.Edges.Select((e, k) => ($"n{e.From}", $"n{e.To}_op", $"e{k}")), operandEdges.Select(e => (e.From, e.To!, e["id"]!)));
    }

    [Fact]
    public void A_value_used_twice_gets_two_edges_into_its_op()
    {
        var x = new Value(3, "x");
        var dot = DotFile.Parse(DotWriter.Write(x * x));
        Assert.Equal(2, dot.Edges.Count(e => e.From == "n0" && e.To == "n1_op"));
        Assert.Equal(["e0", "e1"], dot.Edges.Where(e => e.From == "n0").Select(e => e["id"]!));
    }

    /// <summary>
    /// The ranks Graphviz's dot has to cross with the picture's edges: a node with edges in is ranked by its longest path
    /// from a node with none, and a node with none just before its nearest use (as dot places it); an edge from rank r to
    /// rank s crosses s - r - 1 ranks, with a virtual node on each (dot takes minutes for a few thousand of them). A measure
    /// of the layout's work, not of time.
    /// </summary>
    private static long RanksCrossed(DotFile dot)
    {
        var into = dot.Edges.ToLookup(e => e.To!);
        var longest = new Dictionary<string, int>();
        int Longest(string id)
        {
            if (longest.TryGetValue(id, out var r)) return r;
            r = into[id].Select(e => Longest(e.From) + 1).DefaultIfEmpty(0).Max();
            longest[id] = r;
            return r;
        }
        var outOf = dot.Edges.ToLookup(e => e.From);
        int Rank(string id) => into[id].Any() || !outOf[id].Any() ? Longest(id) : outOf[id].Min(e => Longest(e.To!)) - 1;
        return dot.Edges.Sum(e => (long)Math.Max(0, Rank(e.To!) - Rank(e.From) - 1));
    }

    [Fact]
    public void A_leaf_used_all_along_a_long_sum_is_drawn_again_beside_each_far_use_so_that_no_edge_crosses_many_ranks()
    {
        // x + x + … + x, 100 terms: 200 values, one leaf used 100 times, from the first sum to the last
        var x = new Value(1, "x");
        var sum = x + x;
        for (var i = 2; i < 100; i++) sum += x;
        sum.Backward();
        var graph = ComputationGraph.Trace(sum);
        var dot = DotFile.Parse(DotWriter.Write(graph, null));

        // every use is still an edge with its id, into its op
        var operandEdges = dot.Edges.Where(e => e["id"] is not null).ToList();
        Assert.Equal(graph.Edges.Select((e, k) => ($"n{e.To}_op", $"e{k}")), operandEdges.Select(e => (e.To!, e["id"]!)));
        // but no record has more than a few edges out, and the copies of x are x's record, named after their edge
        Assert.All(dot.Records, r => Assert.InRange(dot.Edges.Count(e => e.From == r.From), 0, 3));
        var copies = dot.Records.Where(r => r.From.StartsWith("n0_e", StringComparison.Ordinal)).ToList();
        Assert.Equal(98, copies.Count);
        Assert.All(copies, c => Assert.Equal(dot.Node("n0")["label"], c["label"]));
        Assert.All(copies, c => Assert.Equal(c.From, c["id"]));
        Assert.All(copies, c => Assert.Equal(c.From["n0_".Length..], Assert.Single(dot.Edges, e => e.From == c.From)["id"]));
        Assert.Equal("{ x | data 1.0000 | grad 100.0000 }", dot.Node("n0")["label"]);
        // so the layout's work grows with the picture, not with the square of the uses (x's edges crossed 9,702 ranks when it was drawn once)
        Assert.InRange(RanksCrossed(dot), 0, dot.Nodes.Count);
    }

    [Fact]
    public void A_leaf_used_by_many_ops_close_by_is_drawn_again_for_each_op_but_its_first()
    {
        // the sum of tanh(w_i * x + b): x is used 40 times, each one rank from its use, yet dot lays out its 40 edges out
        // of one node slowly (minutes for a few hundred terms)
        var x = new Value(0.5, "x");
        var b = new Value(0.1, "b");
        Value sum = new Value(0);
        for (var i = 0; i < 40; i++) sum += (new Value(i, $"w{i}") * x + b).Tanh();
        var dot = DotFile.Parse(DotWriter.Write(sum));
        Assert.All(dot.Records, r => Assert.InRange(dot.Edges.Count(e => e.From == r.From), 0, DotWriter.ManyUses));
        foreach (var name in new[] { "x", "b" })
        {
            var leaf = dot.Records.Single(r => r["label"]!.StartsWith($"{{ {name} |", StringComparison.Ordinal) && !r.From.Contains("_e", StringComparison.Ordinal));
            Assert.Equal(39, dot.Records.Count(r => r.From.StartsWith(leaf.From + "_e", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_value_used_a_few_ranks_apart_stays_one_node()
    {
        var x = new Value(3, "x");
        var y = x * x + x;
        var dot = DotFile.Parse(DotWriter.Write(y * x + x));
        Assert.DoesNotContain(dot.Nodes, n => n.From.Contains("_e", StringComparison.Ordinal));
        Assert.Equal(5, dot.Edges.Count(e => e.From == "n0"));
    }

    [Fact]
    public void A_shared_intermediate_value_used_far_apart_is_drawn_again_too()
    {
        var a = new Value(2, "x") * new Value(3, "y");
        var sum = a + a;
        for (var i = 2; i < 50; i++) sum += a;
        var dot = DotFile.Parse(DotWriter.Write(sum));
        Assert.All(dot.Records, r => Assert.InRange(dot.Edges.Count(e => e.From == r.From), 0, 3));
        Assert.InRange(RanksCrossed(dot), 0, dot.Nodes.Count);
        // a copy is the value's record, without the op that made it
        Assert.All(dot.Records.Where(r => r.From.StartsWith("n2_e", StringComparison.Ordinal)), c => Assert.DoesNotContain(dot.Edges, e => e.To == c.From));
    }

    [Theory]
    [InlineData(RankDirection.LeftToRight, "LR")]
    [InlineData(RankDirection.TopToBottom, "TB")]
    public void The_rank_direction_is_written(RankDirection direction, string rankdir)
    {
        var dot = NeuronDot(new DotOptions { RankDirection = direction });
        Assert.Equal("graph", dot.Defaults[0].From);
        Assert.Equal(rankdir, dot.Defaults[0]["rankdir"]);
    }

    [Fact]
    public void The_text_is_the_same_for_the_same_graph_in_any_culture()
    {
        var first = DotWriter.Write(SeedGraphs.Neuron());
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.NegativeSign = "~";
        var saved = CultureInfo.CurrentCulture;
        string second;
        try
        {
            CultureInfo.CurrentCulture = culture;
            var x = new Value(-1234.5, "x");
            Assert.Contains("data -1234.5000", DotWriter.Write(x * 1), StringComparison.Ordinal);
            second = DotWriter.Write(SeedGraphs.Neuron());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0.0000")]
    [InlineData(-0.5, "-0.5000")]
    [InlineData(0.00012345, "0.0001")]
    [InlineData(1e-7, "1.0000e-7")]
    [InlineData(-2.5e-300, "-2.5000e-300")]
    [InlineData(123456789.0, "123456789.0000")]
    [InlineData(1.5e12, "1.5000e+12")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Numbers_have_four_decimals_and_tiny_or_huge_ones_are_never_shown_as_zero(double x, string shown)
    {
        var dot = DotFile.Parse(DotWriter.Write(new Value(x, "v"), new DotOptions { ShowGradients = false }));
        Assert.Equal($"{{ v | data {shown} }}", dot.Records.Single()["label"]);
    }

    [Fact]
    public void Digits_can_be_chosen()
    {
        var dot = DotFile.Parse(DotWriter.Write(new Value(Math.PI), new DotOptions { Digits = 2 }));
        Assert.Equal("{ data 3.14 | grad 0.00 }", dot.Records.Single()["label"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DotOptions { Digits = 16 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DotOptions { MaxNodes = 0 });
    }

    [Fact]
    public void Every_nasty_label_is_escaped_so_that_its_record_reads_back_as_the_label()
    {
        var dot = DotFile.Parse(DotWriter.Write(NastyLabels.Graph()));

        Assert.Equal(NastyLabels.All.Length + 1, dot.Records.Count());
        for (var i = 0; i < NastyLabels.All.Length; i++)
        {
            var fields = DotFile.RecordFields(dot.Node($"n{i}")["label"]!);
            Assert.Equal(3, fields.Count);
            Assert.Equal(NastyLabels.Shown(NastyLabels.All[i]), fields[0]);
        }
    }

    [Fact]
    public void A_huge_label_is_cut_with_an_ellipsis()
    {
        var dot = DotFile.Parse(DotWriter.Write(new Value(1, new string('a', 100_000)), new DotOptions { MaxLabelLength = 50 }));
        Assert.Equal(new string('a', 49) + "…", DotFile.RecordFields(dot.Records.Single()["label"]!)[0]);
    }

    [Fact]
    public void A_graph_over_the_cap_is_cut_to_the_values_nearest_the_result_with_a_note()
    {
        var dot = DotFile.Parse(DotWriter.Write(SeedGraphs.Chain(5000), new DotOptions { MaxNodes = 100 }));

        Assert.Equal(Enumerable.Range(4900, 100).Select(i => $"n{i}"), dot.Records.Select(n => n.From));
        Assert.Equal(100, dot.OpNodes.Count());
        Assert.Equal(99 + 100, dot.Edges.Count);
        Assert.Equal("dashed", dot.Node("n4900_op")["style"]);
        Assert.Single(dot.OpNodes, n => n["style"] is not null);
        var note = dot.Node(DotWriter.NoteId);
        Assert.Equal("note", note["shape"]);
        Assert.Equal("4,900 of 5,000 values and 4,900 of 4,999 edges not drawn: showing the 100 values nearest the result", note["label"]);
    }

    [Fact]
    public void A_graph_within_the_cap_has_no_note()
    {
        var dot = DotFile.Parse(DotWriter.Write(SeedGraphs.Chain(100), new DotOptions { MaxNodes = 100 }));
        Assert.DoesNotContain(dot.Nodes, n => n.From == DotWriter.NoteId);
        Assert.Equal(100, dot.Records.Count());
    }

    [Fact]
    public void A_training_sized_graph_is_capped_by_default()
    {
        // About the size of a whole training loss: 16,384 squared differences summed, 65,537 values.
        var terms = Enumerable.Range(0, 16_384).Select(i => (new Value(i * 1e-3, "p") - new Value(1.0)).Pow(2));
        var loss = Value.Sum(terms);
        var graph = ComputationGraph.Trace(loss);
        Assert.Equal(65_537, graph.Nodes.Count);

        var dot = DotFile.Parse(DotWriter.Write(graph, null));
        Assert.Equal(DotOptions.DefaultMaxNodes, dot.Records.Count());
        Assert.Contains("64,537 of 65,537 values", dot.Node(DotWriter.NoteId)["label"], StringComparison.Ordinal);
    }
}
