namespace Micrograd;

/// <summary>
/// The scopes that change what the public ops do, per async flow (as PyTorch's grad mode is per thread, and an
/// <c>await</c> carries the flow to whatever thread resumes it): <see cref="AnomalyMode"/> (check each result for a NaN or an
/// infinity) and <see cref="Gradients.Disabled"/> (record no graph). Both sit behind one count of the scopes open in all
/// flows, so that an op reads one plain static field while no scope is open anywhere, and its flow's state (an
/// <see cref="AsyncLocal{T}"/> read) only when one is.
/// </summary>
/// <remarks>
/// The engine also sets this state around user code it runs (<see cref="Enter"/>): a gradient hook in
/// <see cref="Value.Backward"/> runs with recording off, as PyTorch runs backward hooks in no-grad mode; gradients as
/// graphs (<see cref="Gradients.Of"/>) and the functions of <see cref="Derivatives"/> and <see cref="GradientCheck"/>
/// record whatever scope is open, as PyTorch's backward with <c>create_graph=True</c> and its
/// <c>torch.autograd.functional</c> do.
/// </remarks>
internal static class OpScopes
{
    private static int s_open;

    /// <summary>The scopes open in the current async flow: each an immutable pair, so that a flow's change never shows in
    /// another's (an <c>await</c> resumes with the scopes of its own flow, whichever thread it resumes on).</summary>
    private static readonly AsyncLocal<State> s_state = new();

    /// <summary>True while a scope is open in any flow; the one check an op makes.</summary>
    public static bool AnyOpen => Volatile.Read(ref s_open) != 0;

    /// <summary>True while anomaly detection is on in the current async flow.</summary>
    public static bool AnomalyEnabled => s_state.Value.Anomaly > 0;

    /// <summary>True while ops in the current async flow record no graph.</summary>
    public static bool RecordingDisabled => s_state.Value.Disabled > 0;

    /// <summary>Opens an anomaly scope in the current async flow (<see cref="AnomalyMode.Enable"/>).</summary>
    public static IDisposable OpenAnomaly() => new Scope(anomaly: true);

    /// <summary>Opens a no-gradient scope in the current async flow (<see cref="Gradients.Disabled"/>).</summary>
    public static IDisposable OpenDisabled() => new Scope(anomaly: false);

    /// <summary>
    /// Sets the current flow's state until the returned section is disposed, whatever scopes are open: ops record a graph
    /// unless <paramref name="record"/> is false, and check their results only if <paramref name="checkAnomalies"/> is true
    /// and anomaly detection was on. For the engine's own synchronous code (hooks, gradients as graphs): dispose it in the
    /// same flow, before any scope opened inside it.
    /// </summary>
    public static Section Enter(bool record, bool checkAnomalies = true)
    {
        var state = s_state.Value;
        return new(new State(record ? 0 : state.Disabled + 1, checkAnomalies ? state.Anomaly : 0));
    }

    /// <summary>How many no-gradient and anomaly scopes are open in a flow.</summary>
    internal readonly record struct State(int Disabled, int Anomaly);

    /// <summary>A change of the current flow's state, undone by <see cref="Dispose"/>.</summary>
    public readonly struct Section : IDisposable
    {
        private readonly State _saved;

        internal Section(State state)
        {
            _saved = s_state.Value;
            s_state.Value = state;
            Interlocked.Increment(ref s_open);
        }

        public void Dispose()
        {
            s_state.Value = _saved;
            Interlocked.Decrement(ref s_open);
        }
    }

    /// <summary>A scope of <see cref="Gradients.Disabled"/> or <see cref="AnomalyMode.Enable"/>: opening adds one to its
    /// count in the current flow, disposing (once) takes one away in the flow that disposes it, so scopes may end in any
    /// order and an <c>await</c> inside one leaves other flows alone.</summary>
    private sealed class Scope : IDisposable
    {
        private readonly bool _anomaly;
        private int _disposed;

        public Scope(bool anomaly)
        {
            _anomaly = anomaly;
            Change(+1);
            Interlocked.Increment(ref s_open);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Change(-1);
            Interlocked.Decrement(ref s_open);
        }

        private void Change(int by)
        {
            var state = s_state.Value;
            s_state.Value = _anomaly
                ? state with { Anomaly = Math.Max(0, state.Anomaly + by) }
                : state with { Disabled = Math.Max(0, state.Disabled + by) };
        }
    }
}
