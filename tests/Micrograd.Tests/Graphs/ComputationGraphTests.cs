using Micrograd.Graphs;

namespace Micrograd.Tests.Graphs;

public class ComputationGraphTests
{
    [Fact]
    public void The_neuron_has_14_nodes_and_an_edge_per_operand()
    {
        var y = SeedGraphs.Neuron();
        var graph = ComputationGraph.Trace(y);

        Assert.Equal(14, graph.Nodes.Count);
        Assert.Equal(7, graph.Nodes.Count(n => n.IsLeaf));
        Assert.Equal(13, graph.Edges.Count);
        Assert.Same(y, graph.Root);
        Assert.Same(y, graph.Nodes[^1]);
        Assert.Equal(graph.Nodes.Sum(n => n.Children.Count), graph.Edges.Count);
    }

    [Fact]
    public void Ids_are_positions_in_topological_order_and_edges_point_from_operand_to_user()
    {
        var graph = ComputationGraph.Trace(SeedGraphs.Neuron());
        for (var id = 0; id < graph.Nodes.Count; id++) Assert.Equal(id, graph.IdOf(graph.Nodes[id]));
        foreach (var edge in graph.Edges)
        {
            Assert.True(edge.From < edge.To, $"{edge} goes backwards");
            Assert.Same(graph.Nodes[edge.To].Children[edge.Operand], graph.Nodes[edge.From]);
        }
        Assert.Equal(graph.Edges.OrderBy(e => e.To).ThenBy(e => e.Operand), graph.Edges);
    }

    [Fact]
    public void A_value_used_twice_gives_two_edges_with_their_operand_indexes()
    {
        var x = new Value(3, "x");
        var graph = ComputationGraph.Trace(x * x);

        Assert.Equal(2, graph.Nodes.Count);
        Assert.Equal([new GraphEdge(0, 1, 0), new GraphEdge(0, 1, 1)], graph.Edges);
        Assert.Equal(2, graph.EdgesInto(1).Length);
        Assert.Equal(0, graph.EdgesInto(0).Length);
    }

    [Fact]
    public void A_sum_with_a_repeated_term_gives_an_edge_per_term()
    {
        var a = new Value(1, "a");
        var b = new Value(2, "b");
        var graph = ComputationGraph.Trace(Value.Sum([a, b, a]));

        Assert.Equal(3, graph.Nodes.Count);
        Assert.Equal([0, 1, 0], graph.EdgesInto(2).ToArray().Select(e => e.From));
        Assert.Equal([0, 1, 2], graph.EdgesInto(2).ToArray().Select(e => e.Operand));
    }

    [Fact]
    public void Tracing_twice_gives_the_same_ids()
    {
        var y = SeedGraphs.Neuron();
        var first = ComputationGraph.Trace(y);
        var second = ComputationGraph.Trace(y);
        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Edges, second.Edges);
    }

    [Fact]
    public void A_value_outside_the_graph_has_no_id()
    {
        var graph = ComputationGraph.Trace(SeedGraphs.Neuron());
        var stranger = new Value(1.3, "w0");
        Assert.False(graph.TryGetId(stranger, out var id));
        Assert.Equal(-1, id);
        Assert.Throws<ArgumentException>(() => graph.IdOf(stranger));
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.EdgesInto(graph.Nodes.Count));
    }

    [Fact]
    public void A_chain_a_million_deep_is_traced_without_recursion()
    {
        var graph = ComputationGraph.Trace(SeedGraphs.Chain(1_000_000));
        Assert.Equal(1_000_000, graph.Nodes.Count);
        Assert.Equal(999_999, graph.Edges.Count);
    }

    [Fact]
    public void The_nodes_nearest_the_root_are_found_breadth_first()
    {
        // y = (a * b) + c: breadth-first from y reaches the product and c, then a and b.
        var a = new Value(1, "a");
        var b = new Value(2, "b");
        var c = new Value(3, "c");
        var product = a * b;
        var graph = ComputationGraph.Trace(product + c);
        int Id(Value v) => graph.IdOf(v);

        Assert.Equal([Id(graph.Root)], graph.NearestToRoot(1));
        Assert.Equal(new[] { Id(product), Id(c), Id(graph.Root) }.Order(), graph.NearestToRoot(3));
        Assert.Equal(Enumerable.Range(0, 5), graph.NearestToRoot(5));
        Assert.Equal(Enumerable.Range(0, 5), graph.NearestToRoot(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.NearestToRoot(0));
    }
}
