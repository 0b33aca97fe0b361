using CsCheck;
using Micrograd.Expressions;
using Micrograd.Tests.Ops;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Differentiation;

/// <summary><see cref="Gradients.Of"/>: gradients as graphs, equal to <see cref="Value.Backward"/>'s numbers bit for bit, and
/// differentiable again.</summary>
public class GradientsTests
{
    public static TheoryData<string, int> EdgeCases => Fixtures.Cases("edge_cases.jsonl");
    public static TheoryData<string, int> Expressions => Fixtures.Cases("expressions.jsonl");
    public static TheoryData<string, int> NewOps => Fixtures.Cases("new_ops.jsonl");
    public static TheoryData<string, int> NewOpsEdges => Fixtures.Cases("new_ops_edges.jsonl");
    public static TheoryData<string> OpNames() => OpCases.Names();

    [Theory]
    [MemberData(nameof(EdgeCases))]
    [MemberData(nameof(Expressions))]
    [MemberData(nameof(NewOps))]
    [MemberData(nameof(NewOpsEdges))]
    public void The_graph_forms_first_derivatives_are_Backwards_bit_for_bit(string file, int line)
    {
        var c = Fixtures.Load(file)[line];
        var expression = Expression.Parse(c.Expr);
        var graph = expression.Build(c.At);
        var leaves = expression.Variables.Select(n => graph.Variables[n]).ToArray();
        var backward = graph.Gradients();
        var grads = leaves.Select(v => v.Grad).ToArray();

        var gradients = Gradients.Of(graph.Root, leaves);

        for (var i = 0; i < leaves.Length; i++)
        {
            Exact.Assert(backward[expression.Variables[i]], gradients[i].Data, $"{c}: d/d{expression.Variables[i]}");
            Exact.Assert(grads[i], leaves[i].Grad, $"{c}: {expression.Variables[i]}.Grad is left as it was");
        }
    }

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Every_ops_graph_gradient_is_Backwards_bit_for_bit_at_edges_and_random_points(string name)
    {
        var op = OpCases.Get(name);
        var points = new List<double[]>();
        var arity = op.Domains.Length;
        foreach (var a in OpCases.Edges)
        {
            foreach (var b in OpCases.Edges) points.Add(arity == 1 ? [a] : [a, b]);
        }
        var random = new Random(17);
        for (var i = 0; i < 200; i++) points.Add(Enumerable.Range(0, arity).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4))).ToArray());

        foreach (var point in points)
        {
            var leaves = point.Select(x => new Value(x)).ToArray();
            var root = op.Build(leaves);
            var gradients = Gradients.Of(root, leaves);
            root.Backward();
            for (var i = 0; i < leaves.Length; i++)
                Exact.Assert(leaves[i].Grad, gradients[i].Data, $"{name} at ({string.Join(", ", point.Select(Value.Format))}): d/dx{i}");
        }
    }

    [Fact]
    public void Derivatives_of_x_cubed_to_the_fourth_order()
    {
        var x = new Value(2.0, "x");
        var d1 = Gradients.Of(x.Pow(3), [x])[0];
        var d2 = Gradients.Of(d1, [x])[0];
        var d3 = Gradients.Of(d2, [x])[0];
        var d4 = Gradients.Of(d3, [x])[0];
        Assert.Equal([12.0, 12.0, 6.0, 0.0], new[] { d1.Data, d2.Data, d3.Data, d4.Data });
    }

    [Fact]
    public void Tanhs_second_derivative_goes_through_its_fused_one_minus_y_squared()
    {
        Gen.Double[-5, 5].Sample(a =>
        {
            var x = new Value(a);
            var y = x.Tanh();
            var d1 = Gradients.Of(y, [x])[0];
            Exact.Assert(Math.FusedMultiplyAdd(-y.Data, y.Data, 1.0), d1.Data, $"tanh' at {a}");
            var d2 = Gradients.Of(d1, [x])[0].Data;
            var t = Math.Tanh(a);
            Close.Assert(-2 * t * (1 - t * t), d2, $"tanh'' at {a}", 1e-12, 1e-15);
        }, iter: 200);
    }

    [Fact]
    public void The_root_gets_1_an_unreached_value_0_and_an_interior_node_its_own_gradient()
    {
        var x = new Value(3.0, "x");
        var unrelated = new Value(5.0, "u");
        var inner = x * x;
        var root = inner.Sin();
        var gradients = Gradients.Of(root, [root, unrelated, inner, x]);
        Assert.Equal(1.0, gradients[0].Data);
        Assert.Equal(0.0, gradients[1].Data);
        Assert.True(gradients[1].IsLeaf);
        Assert.Equal(Math.Cos(9.0), gradients[2].Data);
        Assert.Equal(Math.Cos(9.0) * 3.0 + Math.Cos(9.0) * 3.0, gradients[3].Data);
        Assert.Equal(1.0, Gradients.Of(x, [x])[0].Data);
    }

    [Fact]
    public void No_gradient_is_read_or_changed()
    {
        var x = new Value(0.7, "x") { Grad = 42 };
        var y = (x * x).Tanh();
        y.Grad = -3;
        _ = Gradients.Of(y, [x]);
        Assert.Equal(42.0, x.Grad);
        Assert.Equal(-3.0, y.Grad);
    }

    [Fact]
    public void A_value_used_twice_gets_both_contributions_and_a_negative_zero_adds_as_Backward_adds_it()
    {
        var x = new Value(-0.0, "x");
        var y = new Value(1.0, "y");
        var root = x * y;                    // d/dy = x = -0, kept (as PyTorch keeps it): the sums start from -0
        var gradients = Gradients.Of(root, [x, y]);
        root.Backward();
        Exact.Assert(y.Grad, gradients[1].Data, "d/dy");
        Exact.Assert(-0.0, gradients[1].Data, "d/dy is -0");

        // several contributions, all -0: still -0, in the graph as in Backward
        var z = new Value(2.0, "z");
        var twice = (z * new Value(-0.0)) + (z * new Value(-0.0));
        var dz = Gradients.Of(twice, [z])[0];
        twice.Backward();
        Exact.Assert(-0.0, z.Grad, "Backward: -0 + -0");
        Exact.Assert(z.Grad, dz.Data, "graph: -0 + -0");
        Assert.Equal(0.0, Gradients.Of(dz, [z])[0].Data);

        var a = new Value(1.5, "a");
        var sum = Value.Sum([a, a, a * a]);
        Assert.Equal(5.0, Gradients.Of(sum, [a])[0].Data);
    }

    [Fact]
    public void A_chain_a_hundred_thousand_deep_is_differentiated_twice_without_recursion()
    {
        var x = new Value(0.5, "x");
        var v = x;
        for (var i = 0; i < 100_000; i++) v = v * 1.0000001;
        var d1 = Gradients.Of(v, [x])[0];
        var d2 = Gradients.Of(d1, [x])[0];
        Close.Assert(Math.Pow(1.0000001, 100_000), d1.Data, "d/dx", 1e-9);
        Assert.Equal(0.0, d2.Data);
    }

    [Fact]
    public void In_anomaly_mode_the_first_infinite_gradient_throws_as_Backward_does()
    {
        AnomalyException Catch(Action action) => Assert.Throws<AnomalyException>(action);
        var x = new Value(0.0, "x");
        var y = x.Sqrt();
        y.Label = "root";
        using (AnomalyMode.Enable())
        {
            var fromGraph = Catch(() => Gradients.Of(y, [x]));
            var fromBackward = Catch(y.Backward);
            Assert.Equal(AnomalyPhase.Backward, fromGraph.Phase);
            Assert.Equal(fromBackward.Op, fromGraph.Op);
            Assert.Equal(fromBackward.Label, fromGraph.Label);
            Assert.Equal(fromBackward.Value, fromGraph.Value);
            Assert.Equal(fromBackward.Message, fromGraph.Message);
            // A branch not taken (pow's exponent derivative at a zero base) is not an anomaly.
            var a = new Value(0.0, "a");
            var b = new Value(2.0, "b");
            Assert.Equal([0.0, 0.0], Gradients.Of(a.Pow(b), [a, b]).Select(g => g.Data));
        }
    }

    [Fact]
    public void Null_arguments_are_refused_naming_the_parameter()
    {
        var x = new Value(1.0);
        Assert.Equal("root", Assert.Throws<ArgumentNullException>(() => Gradients.Of(null!, [x])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentNullException>(() => Gradients.Of(x, null!)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => Gradients.Of(x, [x, null!])).ParamName);
    }
}
