using Scrs.Matching.Planning;

namespace Scrs.Matching.Sessions;

/// <summary>
/// Stops a fork's solve at the first level it ends proven worse than the answer it must beat to matter (a ranking's
/// last entry), when every level before tied: the rest of its levels cannot change that. It reads the planner's
/// progress, which reports each level's value and bound as the level ends, on the solving thread.
/// </summary>
/// <param name="compare">
/// The fork against the answer to beat, on a level that ended proven at a value (stage name, value in the roster's units):
/// positive better, negative worse, zero a tie (go on to the next level).
/// </param>
/// <param name="outer">The caller's cancellation, linked into <see cref="Token"/>.</param>
internal sealed class LevelCutoff(Func<string, double, double> compare, CancellationToken outer) : IProgress<PlanProgress>, IDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
    private bool _decided;

    /// <summary>The token to solve with: cancelled by the caller, or here when the fork is abandoned.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Whether the fork was stopped for being worse: its roster is then no answer.</summary>
    public bool Abandoned { get; private set; }

    public void Report(PlanProgress value)
    {
        if (_decided || value is not { Objective: { } reached, Bound: { } bound } || reached != bound) return;
        var better = compare(value.Stage, reached);
        // Cost is reported in money from a scaled integer model: a cent's rounding is a tie.
        if (Math.Abs(better) < 1e-6 * Math.Max(1, Math.Abs(reached))) return;
        _decided = true;
        if (better > 0) return;
        Abandoned = true;
        _stop.Cancel();
    }

    public void Dispose() => _stop.Dispose();
}
