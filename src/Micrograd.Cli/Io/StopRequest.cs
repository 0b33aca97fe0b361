using System.Runtime.InteropServices;

namespace Micrograd.Cli.Io;

/// <summary>
/// A request to stop, from Ctrl-C (SIGINT), SIGTERM, or the other signals that end a process: SIGHUP (a closed terminal or
/// ssh session), SIGQUIT and SIGUSR1. While a command is <see cref="Watched"/> (training), the first signal
/// only sets <see cref="Token"/>: the run stops after the step under way, keeps its log and exits with 128 + the signal's
/// number. Otherwise, and on a second signal, the process stops at once as by default, after deleting the temporary files
/// of outputs being written, stopping the programs it started (Graphviz's dot) and showing the terminal's cursor again.
/// </summary>
internal sealed class StopRequest : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    /// <summary>Cancelled when a stop is requested.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>What asked for the stop, such as <c>Ctrl-C (SIGINT)</c>.</summary>
    public string Reason { get; private set; } = "";

    /// <summary>The exit code for the stop: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode { get; private set; }

    /// <summary>True while a command watches <see cref="Token"/> and can stop cleanly.</summary>
    public bool Watched { get; set; }

    /// <summary>A request that only <see cref="Request"/> sets (for tests, and when signals are not listened to).</summary>
    public StopRequest()
    {
    }

    /// <summary>Listens to SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGUSR1 until disposed.</summary>
    /// <param name="terminal">Whether standard output is a terminal, whose cursor a stop at once shows again.</param>
    public static StopRequest ListenToSignals(bool terminal)
    {
        var stop = new StopRequest();
        if (OperatingSystem.IsWindows() || OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            stop._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => stop.Handle(c, "Ctrl-C (SIGINT)", 130, terminal)));
            stop._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => stop.Handle(c, "SIGTERM", 143, terminal)));
        }
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            stop._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => stop.Handle(c, "SIGHUP (hang-up)", 129, terminal)));
            stop._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => stop.Handle(c, "SIGQUIT", 131, terminal)));
            // SIGUSR1 has no PosixSignal name; a raw number is taken: 10 on Linux, 30 on macOS
            var user1 = OperatingSystem.IsLinux() ? 10 : 30;
            stop._registrations.Add(PosixSignalRegistration.Create((PosixSignal)user1, c => stop.Handle(c, "SIGUSR1", 128 + user1, terminal)));
        }
        return stop;
    }

    /// <summary>Asks the watching command to stop.</summary>
    public void Request(string reason, int exitCode)
    {
        Reason = reason;
        ExitCode = exitCode;
        _source.Cancel();
    }

    /// <summary>Stops listening to the signals.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context, string reason, int exitCode, bool terminal)
    {
        if (Watched && !Token.IsCancellationRequested)
        {
            context.Cancel = true;
            Request(reason, exitCode);
            return;
        }
        // stop at once, as without a handler: no program left running, no temporary file left behind, the cursor shown again
        AtomicFile.StopChildren();
        AtomicFile.DeleteAllPending();
        if (terminal) Console.Out.Write("\u001b[?25h");
        context.Cancel = false;
    }
}
