using System.Runtime.InteropServices;

namespace Scrs.Matching.Host;

/// <summary>
/// The signals that ask a long command to stop (Ctrl+C, Ctrl+\, SIGTERM from <c>timeout</c>, systemd or a container
/// runtime), taken over while it lives: each cancels <see cref="Token"/> instead of ending the process, so the command
/// can write what it has done before it exits.
/// </summary>
/// <remarks>
/// Without this the runtime ends the process on SIGTERM right after <see cref="AppDomain.ProcessExit"/>, and nothing
/// done is written. A second signal is taken over too: the command is already stopping, and its writes are quick.
/// </remarks>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _first;

    public StopSignals() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM }.Select(s => PosixSignalRegistration.Create(s, Stop))];

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received => Volatile.Read(ref _first) switch { 0 => null, var first => (PosixSignal)first };

    /// <summary>The shells' exit code of a process ended by the first signal: 128 plus its number (SIGINT 130, SIGQUIT 131, SIGTERM 143).</summary>
    public int ExitCode => 128 + Received switch
    {
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => throw new InvalidOperationException("no signal was received"),
    };

    /// <summary>Gives the signals back to the runtime.</summary>
    /// <remarks>The token source is left to the collector: a handler already under way may still cancel it.</remarks>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref _first, (int)context.Signal, 0);
        _cancel.Cancel();
    }
}
