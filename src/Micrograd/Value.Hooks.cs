using System.Runtime.CompilerServices;

namespace Micrograd;

public sealed partial class Value
{
    /// <summary>Each hooked node's hooks, in registration order (a new array on each change, so a pass can run them while a
    /// hook removes one). Kept beside the nodes, not in them, so that a node stays 72 bytes; it keeps no node alive.</summary>
    private static readonly ConditionalWeakTable<Value, HookRegistration[]> s_hooks = new();

    /// <summary>Whether <see cref="s_hooks"/> holds hooks for this node: the one check a backward pass makes per node.</summary>
    private bool _hooked;

    /// <summary>
    /// True while this value has at least one gradient hook (<see cref="RegisterHook"/>) that has not been removed: its
    /// gradient is then whatever its hooks make of it, and the compiled mode (<see cref="Compiled.CompiledGraph"/>) refuses
    /// a graph that holds it.
    /// </summary>
    public bool HasHooks => _hooked;

    /// <summary>
    /// Registers a gradient hook, as PyTorch's <c>Tensor.register_hook</c>: a function called with this value's gradient
    /// once it is complete in a backward pass, whose result is used in its place. It may read the gradient (return it
    /// unchanged) or replace it: the replacement is what flows on to this value's operands, and what its <see cref="Grad"/>
    /// holds.
    /// </summary>
    /// <remarks>
    /// <para><b>When.</b> In <see cref="Backward"/>, each node that the root depends on (and the root itself, with gradient 1)
    /// runs its hooks once per call, when every contribution to its gradient has been added and before it passes the
    /// gradient to its operands. A leaf's hooks see this call's gradient before it is added into <see cref="Grad"/> (which
    /// accumulates over calls): the result is what is added. In <see cref="Gradients.Of"/>, a node whose gradient is
    /// computed (one that leads to the inputs, the inputs themselves included) runs its hooks with its gradient as a graph;
    /// the result, if built from it, stays differentiable.</para>
    /// <para><b>Order.</b> Several hooks run in the order they were registered, each given the previous one's result.</para>
    /// <para><b>The argument.</b> A <see cref="Value"/> holding the gradient. In <see cref="Backward"/> it is a new leaf and
    /// the hook runs with recording off (<see cref="Gradients.Disabled"/>), as PyTorch runs hooks in no-grad mode, so
    /// arithmetic on it builds no graph; only the returned value's <see cref="Data"/> is used. Do not change the
    /// argument: return a new value.</para>
    /// <para><b>Not run</b> by forward mode (<see cref="Derivatives.Directional"/>), and refused by the compiled mode
    /// (<see cref="Compiled.CompiledGraph"/> cannot compile a graph with a hooked value). NaN and infinities pass through a
    /// hook like any number; inside an <see cref="AnomalyMode"/> scope a hook that turns a finite gradient into a NaN or an
    /// infinity throws an <see cref="AnomalyException"/> naming the value. An exception from a hook ends the pass, and every
    /// leaf keeps the gradient it had before it.</para>
    /// </remarks>
    /// <example><code>
    /// using var clip = h.RegisterHook(g => g.Data > 1 ? 1.0 : g);   // clip h's gradient at 1
    /// loss.Backward();
    /// </code></example>
    /// <param name="hook">Takes the gradient, returns the gradient to use (never null; return the argument to keep it).</param>
    /// <returns>A handle: disposing it removes this hook (and only this registration of it); disposing twice does nothing.</returns>
    public IDisposable RegisterHook(Func<Value, Value> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var registration = new HookRegistration(this, hook);
        s_hooks.AddOrUpdate(this, [.. Hooks(), registration]);
        _hooked = true;
        return registration;
    }

    private HookRegistration[] Hooks() => s_hooks.TryGetValue(this, out var hooks) ? hooks : [];

    /// <summary>The gradient after this node's hooks, in <see cref="Backward"/>: each gets a leaf, with recording off.</summary>
    internal static double RunHooks(Value node, double gradient)
    {
        using var section = OpScopes.Enter(record: false);
        foreach (var registration in node.Hooks()) gradient = registration.Run(new Value(gradient)).Data;
        return gradient;
    }

    /// <summary>The gradient after this node's hooks, in <see cref="Gradients.Of"/>: each gets the gradient's graph, recorded.</summary>
    internal static Value RunHooks(Value node, Value gradient)
    {
        using var section = OpScopes.Enter(record: true);
        foreach (var registration in node.Hooks()) gradient = registration.Run(gradient);
        return gradient;
    }

    /// <summary>One registration of a hook, and the handle that removes it.</summary>
    private sealed class HookRegistration(Value node, Func<Value, Value> hook) : IDisposable
    {
        public Value Run(Value gradient) => hook(gradient) ?? throw new InvalidOperationException(
            $"A gradient hook on {Describe(node)} returned null; return its argument to keep the gradient.");

        public void Dispose()
        {
            var hooks = node.Hooks();
            if (Array.IndexOf(hooks, this) < 0) return;
            HookRegistration[] rest = [.. hooks.Where(h => h != this)];
            if (rest.Length == 0)
            {
                s_hooks.Remove(node);
                node._hooked = false;
            }
            else
            {
                s_hooks.AddOrUpdate(node, rest);
            }
        }

        private static string Describe(Value v) =>
            v.Label.Length > 0 ? $"'{v.Label}'" : v.IsLeaf ? "an unlabelled leaf" : $"an unlabelled '{v.Op}' node";
    }
}
