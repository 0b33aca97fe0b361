using Micrograd.Compiled;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Differentiation;

/// <summary>
/// <see cref="Value.RegisterHook"/> against PyTorch's documented behaviour of <c>Tensor.register_hook</c> (its reference page
/// and the "Backward Hooks execution" section of its autograd notes); each test quotes the rule it checks.
/// </summary>
public class GradientHookTests
{
    [Fact]
    public void A_hook_on_a_leaf_replaces_the_gradient_that_is_accumulated()
    {
        // PyTorch, register_hook: "The hook will be called every time a gradient with respect to the Tensor is computed. ...
        // it can optionally return a new gradient which will be used in place of grad." Its example doubles a leaf's
        // gradient: v.register_hook(lambda grad: grad * 2); v.backward(...); v.grad is 2, 4, 6.
        var v = new Value(3.0, "v");
        var seen = new List<double>();
        using var hook = v.RegisterHook(g =>
        {
            seen.Add(g.Data);
            return g * 2;
        });
        var y = v * 5;
        y.Backward();
        Assert.Equal([5.0], seen);
        Assert.Equal(10.0, v.Grad);

        // A second pass: the hook sees this pass's gradient, not the accumulated one, and its result is what is added.
        y.Backward();
        Assert.Equal([5.0, 5.0], seen);
        Assert.Equal(20.0, v.Grad);
    }

    [Fact]
    public void A_hook_on_an_interior_value_changes_what_flows_on_to_its_operands_and_what_its_grad_holds()
    {
        // PyTorch, autograd notes: "1. hooks registered to Tensor are executed ... 3. The .grad field is updated for Tensors
        // that retain_grad 4. Node is executed": the hook runs before the node passes its gradient on, and a retained
        // gradient is the hook's result.
        var x = new Value(2.0, "x");
        var y = x * x;
        var z = y * 3 + y;                 // dz/dy = 4, complete only after both uses
        var seen = new List<double>();
        using var hook = y.RegisterHook(g =>
        {
            seen.Add(g.Data);
            return g * 0.5;
        });
        z.Backward();
        Assert.Equal([4.0], seen);         // called once, with the complete gradient
        Assert.Equal(2.0, y.Grad);
        Assert.Equal(2.0 * 2 * 2.0, x.Grad); // 2 × dy/dx = 2 × 2x
    }

    [Fact]
    public void HasHooks_says_whether_a_registration_remains()
    {
        var x = new Value(2.0, "x");
        var y = x * 3;
        Assert.False(x.HasHooks);
        Assert.False(y.HasHooks);

        var first = y.RegisterHook(g => g);
        var second = y.RegisterHook(g => g * 2);
        Assert.True(y.HasHooks);
        Assert.False(x.HasHooks);                        // a hook belongs to its value only
        Assert.Throws<NotSupportedException>(() => CompiledGraph.Compile(y * 1)); // what HasHooks warns of

        first.Dispose();
        Assert.True(y.HasHooks);                         // the second registration remains
        first.Dispose();
        Assert.True(y.HasHooks);                         // disposing twice removes nothing more
        second.Dispose();
        Assert.False(y.HasHooks);
        Assert.Equal(6.0, CompiledGraph.Compile(y * 1).Value);
    }

    [Fact]
    public void Several_hooks_run_in_registration_order_each_on_the_previous_result()
    {
        // PyTorch, autograd notes: "If multiple hooks of the same type are registered on the same Tensor or Node they are
        // executed in the order in which they are registered. Hooks that are executed later can observe the modifications
        // to the gradient made by earlier hooks."
        var x = new Value(1.0, "x");
        var log = new List<string>();
        using var first = x.RegisterHook(g =>
        {
            log.Add($"first {g.Data}");
            return g + 1;
        });
        using var second = x.RegisterHook(g =>
        {
            log.Add($"second {g.Data}");
            return g * 10;
        });
        (x * 3).Backward();
        Assert.Equal(["first 3", "second 4"], log);
        Assert.Equal(40.0, x.Grad);
    }

    [Fact]
    public void Disposing_the_handle_removes_that_registration_only()
    {
        // PyTorch, register_hook: "This function returns a handle with a method handle.remove() that removes the hook".
        var x = new Value(1.0, "x");
        Func<Value, Value> triple = g => g * 3;
        var a = x.RegisterHook(triple);
        var b = x.RegisterHook(triple);
        a.Dispose();
        a.Dispose(); // a second dispose does nothing
        (x * 1).Backward();
        Assert.Equal(3.0, x.Grad);
        b.Dispose();
        x.Grad = 0;
        (x * 1).Backward();
        Assert.Equal(1.0, x.Grad);
    }

    [Fact]
    public void The_roots_hook_sees_the_seed_1_and_an_unreached_values_hook_never_runs()
    {
        // PyTorch, register_hook: "called every time a gradient with respect to the Tensor is computed": the root's is the
        // seed, 1; a value the root does not depend on gets no gradient, so its hook never runs.
        var x = new Value(0.5, "x");
        var unused = new Value(2.0, "unused");
        var y = x.Tanh();
        var calls = 0;
        using var root = y.RegisterHook(g =>
        {
            Assert.Equal(1.0, g.Data);
            calls++;
            return g * -2;
        });
        using var other = unused.RegisterHook(g => throw new InvalidOperationException("not reached"));
        y.Backward();
        Assert.Equal(1, calls);
        Assert.Equal(-2.0, y.Grad);
        Assert.Equal(-2 * (1 - y.Data * y.Data), x.Grad, 1e-15);
    }

    [Fact]
    public void In_Backward_hooks_run_with_recording_off_in_Gradients_Of_with_recording_on()
    {
        // PyTorch, register_post_accumulate_grad_hook: "Since this hook runs during the backward pass, it will run in no_grad
        // mode (unless create_graph is True)." Backward hooks in general run in the engine's grad mode, create_graph.
        var x = new Value(1.5, "x");
        var y = x * x;
        var results = new List<Value>();
        using var hook = y.RegisterHook(g =>
        {
            var scaled = g * x;          // depends on x: differentiable only if recorded
            results.Add(scaled);
            return scaled;
        });

        y.Backward();
        Assert.True(results[0].IsLeaf);
        Assert.Equal(1.5 * 2 * 1.5, x.Grad);

        var dx = Gradients.Of(y, [x])[0];   // (1·x)·2x = 2x²
        Assert.False(results[1].IsLeaf);
        Assert.Equal(2 * 1.5 * 1.5, dx.Data);
        var d2x = Gradients.Of(dx, [x])[0]; // 4x: the hook's x is differentiated too
        Assert.Equal(4 * 1.5, d2x.Data);
    }

    [Fact]
    public void Gradients_Of_runs_the_hooks_of_its_inputs_and_changes_no_Grad()
    {
        // PyTorch, autograd notes: "if the Tensor is passed as part of the inputs argument to torch.autograd.grad, the
        // Tensor's grad_fn may not be executed, but the hook register to that Tensor will always be executed."
        var x = new Value(2.0, "x");
        var h = x.Exp();
        var f = h * h;
        using var hook = h.RegisterHook(g => g * 0);
        var gradients = Gradients.Of(f, [h, x]);
        Assert.Equal(0.0, gradients[0].Data);
        Assert.Equal(0.0, gradients[1].Data); // what flows on from h is the hook's result
        Assert.Equal(0.0, x.Grad);
        Assert.Equal(0.0, h.Grad);
    }

    [Fact]
    public void In_anomaly_mode_a_hook_that_makes_a_gradient_NaN_throws_naming_the_value_and_leaves_keep_their_gradients()
    {
        // This engine's rule (PyTorch's anomaly mode checks what functions return, not hooks): a hook is one more place
        // where a NaN can first appear, so anomaly mode checks it too.
        var x = new Value(2.0, "x");
        var y = x * 3;
        y.Label = "y";
        x.Grad = 0.25;
        using var hook = y.RegisterHook(g => double.NaN);
        using (AnomalyMode.Enable())
        {
            var e = Assert.Throws<AnomalyException>(() => y.Backward());
            Assert.Equal(AnomalyPhase.Backward, e.Phase);
            Assert.Equal("y", e.Label);
            Assert.True(double.IsNaN(e.Value));
            Assert.Contains("hook", e.Message);
            Assert.Throws<AnomalyException>(() => Gradients.Of(y, [x]));
        }
        Assert.Equal(0.25, x.Grad);

        // Outside the scope, NaN passes through a hook like any number.
        y.Backward();
        Assert.True(double.IsNaN(x.Grad));
    }

    [Fact]
    public void An_exception_from_a_hook_ends_the_pass_and_every_leaf_keeps_its_gradient()
    {
        // This engine's rule, as for an anomaly: a pass that throws changes no leaf's gradient.
        var a = new Value(1.0, "a");
        var b = new Value(2.0, "b");
        var y = a * b + b;
        a.Grad = 0.5;
        b.Grad = -0.5;
        using var hook = a.RegisterHook(_ => throw new InvalidOperationException("stop"));
        Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Equal(0.5, a.Grad);
        Assert.Equal(-0.5, b.Grad);
    }

    [Fact]
    public void A_hook_that_returns_null_is_refused_naming_the_value()
    {
        var x = new Value(1.0, "weight");
        using var hook = x.RegisterHook(_ => null!);
        var e = Assert.Throws<InvalidOperationException>(() => (x * 2).Backward());
        Assert.Contains("'weight'", e.Message);
    }

    [Fact]
    public void The_compiled_mode_refuses_a_graph_with_a_hook_until_it_is_removed()
    {
        // This engine's rule: a tape holds no values, so it could not run a hook; it refuses rather than ignore it.
        var w = new Value(0.5, "w");
        var x = new Value(2.0, "x");
        var y = (w * x).Tanh();
        var hook = w.RegisterHook(g => g);
        var e = Assert.Throws<NotSupportedException>(() => CompiledGraph.Compile(y, [w, x]));
        Assert.Contains("'w'", e.Message);
        hook.Dispose();
        var tape = CompiledGraph.Compile(y, [w, x]);
        tape.Backward();
        y.Backward();
        Exact.Assert(w.Grad, tape.LeafGradients[0], "dy/dw");
    }

    [Fact]
    public void Backward_without_hooks_gives_the_same_bits_after_a_hook_was_removed()
    {
        var leaves = Enumerable.Range(0, 4).Select(i => new Value(0.3 * (i + 1), $"p{i}")).ToArray();
        var v = leaves[0];
        for (var i = 0; i < 200; i++) v = (v * leaves[1 + i % 3] + leaves[i % 4]).Tanh();
        v.Backward();
        var before = leaves.Select(l => l.Grad).ToArray();
        foreach (var l in leaves) l.Grad = 0;
        leaves[2].RegisterHook(g => g).Dispose();
        v.Backward();
        for (var i = 0; i < leaves.Length; i++) Exact.Assert(before[i], leaves[i].Grad, leaves[i].Label);
    }
}
