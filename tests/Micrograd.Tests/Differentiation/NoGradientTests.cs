using Micrograd.Tests.Support;

namespace Micrograd.Tests.Differentiation;

/// <summary>
/// <see cref="Value.Detach"/> and <see cref="Gradients.Disabled"/> against PyTorch's documented behaviour of
/// <c>Tensor.detach</c> and <c>torch.no_grad</c>; each test quotes the rule it checks.
/// </summary>
public class NoGradientTests
{
    [Fact]
    public void Detach_returns_a_new_leaf_with_the_same_data_cut_from_the_graph()
    {
        // PyTorch, Tensor.detach: "Returns a new Tensor, detached from the current graph. The result will never require gradient."
        var x = new Value(1.5, "x");
        var y = x * x;
        var d = y.Detach();

        Assert.NotSame(y, d);
        Assert.True(d.IsLeaf);
        Assert.Empty(d.Children);
        Assert.Equal("", d.Op);
        Assert.Equal("", d.Label);
        Assert.Equal(y.Data, d.Data);
        Assert.Equal(0.0, d.Grad);

        // z = y·d: the gradient reaches x only through y (2x·d = 2·1.5·2.25), never through the detached copy.
        var z = y * d;
        z.Backward();
        Assert.Equal(2 * 1.5 * 2.25, x.Grad);
        Assert.Equal(y.Data, d.Grad);
        Assert.False(y.IsLeaf);
        Assert.Same(x, y.Children[0]);
    }

    [Fact]
    public void A_detached_value_carries_no_tangent_in_forward_mode()
    {
        // PyTorch, Tensor.detach: "This method also affects forward mode AD gradients and the result will never have forward
        // mode AD gradients." f(x) = x · detach(x): its derivative along x is detach(x) alone.
        var directional = Derivatives.Directional(v => v[0] * v[0].Detach(), [1.5], [1.0]);
        Assert.Equal(1.5, directional);
        Assert.Equal(2 * 1.5, Derivatives.Directional(v => v[0] * v[0], [1.5], [1.0]));
    }

    [Fact]
    public void Detach_copies_non_finite_data_and_does_not_share_it()
    {
        foreach (var data in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0 })
        {
            var x = new Value(data, "x");
            var d = x.Detach();
            Assert.True(Exact.Same(data, d.Data));
            d.Data = 7;
            Assert.True(Exact.Same(data, x.Data)); // a copy: PyTorch's detached tensor shares storage, a Value cannot
        }
    }

    [Fact]
    public void In_a_no_gradient_scope_every_result_is_a_leaf_with_the_value_it_computes()
    {
        // PyTorch, torch.no_grad: "In this mode, the result of every computation will have requires_grad=False, even when
        // the inputs have requires_grad=True."
        var x = new Value(0.7, "x");
        var w = new Value(-1.3, "w");
        var f = new DifferentiableFunction("cube", 1, v => v[0] * v[0] * v[0], (v, _, d) => d[0] = 3 * v[0] * v[0]);
        Value[] expected = [x * w, (x * w).Tanh(), x.Pow(3), x.Pow(w), Value.Sum([x, w, x]), f.Apply(x), -x, x / w, x.Exp()];

        Value[] results;
        using (Gradients.Disabled())
        {
            results = [x * w, (x * w).Tanh(), x.Pow(3), x.Pow(w), Value.Sum([x, w, x]), f.Apply(x), -x, x / w, x.Exp()];
        }

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].IsLeaf, $"result {i} has op '{results[i].Op}'");
            Assert.Equal("", results[i].Label);
            Exact.Assert(expected[i].Data, results[i].Data, $"result {i}");
        }

        // Nothing computed in the scope passes a gradient back.
        var loss = Value.Sum(results);
        loss.Backward();
        Assert.Equal(0.0, x.Grad);
        Assert.Equal(0.0, w.Grad);
    }

    [Fact]
    public void Values_made_in_the_scope_work_in_graphs_built_after_it_and_graphs_made_before_keep_their_structure()
    {
        // PyTorch, autograd notes: "Enable no-grad mode when you need to perform operations that should not be recorded by
        // autograd, but you'd still like to use the outputs of these computations in grad mode later."
        var x = new Value(2.0, "x");
        var before = x * x;
        Value scaled;
        using (Gradients.Disabled()) scaled = x * 3;
        var after = before * scaled + x;

        Assert.False(before.IsLeaf);
        after.Backward();
        Assert.Equal(2 * 2.0 * 6.0 + 1, x.Grad); // d/dx (x²·c + x) with c = 6 a constant
        Assert.Equal(4.0, scaled.Grad);
    }

    [Fact]
    public void Scopes_nest_and_recording_resumes_when_the_outermost_is_disposed()
    {
        // PyTorch's no_grad saves the mode on entry and restores it on exit, so nested scopes end with the outermost.
        var x = new Value(1.0, "x");
        var outer = Gradients.Disabled();
        var inner = Gradients.Disabled();
        Assert.True((x + 1).IsLeaf);
        inner.Dispose();
        Assert.True((x + 1).IsLeaf);
        inner.Dispose(); // a second dispose does nothing
        Assert.True((x + 1).IsLeaf);
        outer.Dispose();
        Assert.False((x + 1).IsLeaf);
    }

    [Fact]
    public void The_scope_belongs_to_its_flow()
    {
        // PyTorch, torch.no_grad: "This context manager is thread local; it will not affect computation in other threads."
        // Here it belongs to the async flow: code started inside it (a task, a thread) inherits it, other flows do not.
        var x = new Value(1.0, "x");
        using (Gradients.Disabled())
        {
            var inherited = OnAnotherThread(() => x * 2);
            Assert.True(inherited.IsLeaf);
            Assert.True((x * 2).IsLeaf);
        }
        var inOther = OnAnotherThread(() =>
        {
            using (Gradients.Disabled()) return x * 2;
        });
        Assert.True(inOther.IsLeaf);
        Assert.False((x * 2).IsLeaf);
    }

    private static Value OnAnotherThread(Func<Value> work)
    {
        Value? result = null;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result!;
    }

    [Fact]
    public void Anomaly_mode_still_checks_what_the_scope_computes()
    {
        // This engine's rule: anomaly mode checks every op's value, recorded or not.
        var x = new Value(0.0, "x");
        using var anomalies = AnomalyMode.Enable();
        using var disabled = Gradients.Disabled();
        var e = Assert.Throws<AnomalyException>(() => x.Log());
        Assert.Equal("log", e.Op);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void Gradients_as_graphs_Hessians_and_gradient_checks_record_their_graphs_inside_the_scope()
    {
        // PyTorch runs backward with create_graph=True in grad mode, and torch.autograd.functional evaluates the function
        // under enable_grad, whatever the caller's mode.
        static Value F(IReadOnlyList<Value> v) => (v[0] * v[1]).Tanh() + v[0].Pow(3);
        double[] point = [0.5, -1.5];
        var expected = Derivatives.Hessian(F, point);
        var x = new Value(0.5, "x");
        var y = new Value(-1.5, "y");
        var f = F([x, y]);
        var first = Gradients.Of(f, [x, y]);
        var second = Gradients.Of(first[0], [x, y]);

        using (Gradients.Disabled())
        {
            var hessian = Derivatives.Hessian(F, point);
            Assert.Equal(expected, hessian);
            var g = Gradients.Of(f, [x, y]);
            Assert.False(g[0].IsLeaf);
            Exact.Assert(second[0].Data, Gradients.Of(g[0], [x, y])[0].Data, "d²f/dx² in the scope");
            Assert.True(GradientCheck.RunSecondOrder(F, point).Passed);
            Assert.Equal(Derivatives.Directional(F, point, [1, 0]), first[0].Data, 1e-15);
        }
    }
}
