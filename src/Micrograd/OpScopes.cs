namespace Micrograd;

/// <summary>
/// The per-thread scopes that change what the public ops do: <see cref="AnomalyMode"/> (check each result for a NaN or an
/// infinity) and <see cref="Gradients.Disabled"/> (record no graph). Both sit behind one count of the scopes open on all
/// threads, so that an op reads one plain static field while no scope is open anywhere, and the thread's own state only
/// when one is (a thread-static read is a call on some platforms).
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

    [ThreadStatic]
    private static int t_anomaly;

    [ThreadStatic]
    private static int t_disabled;

    /// <summary>True while a scope is open on any thread; the one check an op makes.</summary>
    public static bool AnyOpen => Volatile.Read(ref s_open) != 0;

    /// <summary>True while anomaly detection is on for the current thread.</summary>
    public static bool AnomalyEnabled => t_anomaly > 0;

    /// <summary>True while ops on the current thread record no graph.</summary>
    public static bool RecordingDisabled => t_disabled > 0;

    /// <summary>Opens an anomaly scope on the current thread (<see cref="AnomalyMode.Enable"/>).</summary>
    public static IDisposable OpenAnomaly() => new Scope(anomaly: true);

    /// <summary>Opens a no-gradient scope on the current thread (<see cref="Gradients.Disabled"/>).</summary>
    public static IDisposable OpenDisabled() => new Scope(anomaly: false);

    /// <summary>
    /// Sets the current thread's state until the returned section is disposed (on this thread), whatever scopes are open:
    /// ops record a graph unless <paramref name="record"/> is false, and check their results only if
    /// <paramref name="checkAnomalies"/> is true and anomaly detection was on.
    /// </summary>
    public static Section Enter(bool record, bool checkAnomalies = true) =>
        new(record ? 0 : t_disabled + 1, checkAnomalies ? t_anomaly : 0);

    /// <summary>A change of the current thread's state, undone by <see cref="Dispose"/>.</summary>
    public readonly struct Section : IDisposable
    {
        private readonly int _disabled;
        private readonly int _anomaly;

        internal Section(int disabled, int anomaly)
        {
            (_disabled, _anomaly) = (t_disabled, t_anomaly);
            (t_disabled, t_anomaly) = (disabled, anomaly);
            Interlocked.Increment(ref s_open);
        }

        public void Dispose()
        {
            (t_disabled, t_anomaly) = (_disabled, _anomaly);
            Interlocked.Decrement(ref s_open);
        }
    }

    private sealed class Scope : IDisposable
    {
        private readonly bool _anomaly;
        private bool _disposed;

        public Scope(bool anomaly)
        {
            _anomaly = anomaly;
            if (anomaly) t_anomaly++;
            else t_disabled++;
            Interlocked.Increment(ref s_open);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_anomaly) t_anomaly--;
            else t_disabled--;
            Interlocked.Decrement(ref s_open);
        }
    }
}
