using System.Diagnostics;

namespace Scrs.Matching.Solver;

/// <summary>
/// Runs a solve on a thread of its own, so that a cancelled caller does not wait for native work that never looks at the
/// token: HiGHS's MIP presolve and its sub-MIPs poll no interrupt (corps-ready, the normal level's restricted search over
/// 35,132 columns: presolve 16 s, then a sub-MIP 7 s; the planner returned 20.9 s after the cancel), nor do CBC's root
/// heuristics. Once cancelled, the solve has <see cref="Grace"/> to stop on its own and return what it found; after that
/// the caller returns without it, and the solve ends at the solver's next interrupt check, on its own thread.
/// </summary>
/// <remarks>
/// Only for a model nothing else reads or changes (a restricted copy): a solve left behind may still read it. A solve
/// left behind keeps its CPU until it ends, and CBC's keeps the lock that serializes CBC's solves.
/// </remarks>
internal static class DetachedSolve
{
    /// <summary>How long a cancelled solve may take to stop on its own before it is left behind.</summary>
    /// <remarks>The solvers' own stops took 10-700 ms (CBC's cut callback, HiGHS's interrupt, CP-SAT's StopSearch).</remarks>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// <paramref name="solver"/>'s answer on <paramref name="model"/>, or, when <paramref name="cancellationToken"/> fires
    /// and the solver does not return within <see cref="Grace"/>, <see cref="MipStatus.Cancelled"/> without a solution.
    /// </summary>
    public static MipSolution Solve(IMipSolver solver, LinearModel model, MipOptions options, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return solver.Solve(model, options, cancellationToken);
        var clock = Stopwatch.StartNew();
        var leftBehind = 0;
        // A solve left behind reports nothing more: the caller has moved on.
        var progress = options.Progress is { } report ? message => { if (Volatile.Read(ref leftBehind) == 0) report(message); } : (Action<string>?)null;
        // A thread of its own (HiGHS's instances live and die on their thread, and a solve may outlive the caller's wait).
        var solve = Task.Factory.StartNew(() => solver.Solve(model, options with { Progress = progress }, cancellationToken),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var done = ((IAsyncResult)solve).AsyncWaitHandle;
        if (WaitHandle.WaitAny([done, cancellationToken.WaitHandle]) == 1 && !done.WaitOne(Grace))
        {
            Volatile.Write(ref leftBehind, 1);
            return MipResults.NoSolution(MipStatus.Cancelled, clock);
        }
        return solve.GetAwaiter().GetResult();
    }
}
