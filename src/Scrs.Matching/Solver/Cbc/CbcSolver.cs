using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Solver.Cbc;

/// <summary>
/// COIN-OR CBC 2.10 through its C API. The model is loaded in memory (column-major arrays, no LP or MPS text), every
/// returned solution is re-checked against the <see cref="LinearModel"/> (<see cref="SolutionCheck"/>), and an
/// answer that fails the check is reported as <see cref="MipStatus.Failed"/>.
/// </summary>
/// <remarks>
/// Measured on Debian's coinor-libcbc3 2.10.8:
/// <list type="bullet">
/// <item>Concurrent <c>Cbc_solve</c> calls are not safe (CbcMain1 keeps process-wide state), so one process-wide
/// lock serializes them; the wait for it honours the cancellation token.</item>
/// <item>The build has threads: <c>threads 2</c> logs per-thread statistics (message Cbc0030).</item>
/// <item>There is no interrupt in the C API: cancellation adds an infeasible cut from a cut callback
/// (<see cref="CbcCallbacks"/>), which prunes every remaining node.</item>
/// <item>CBC's preprocessing (Cgl 0.60.3) can crash the process when the time limit ends it, so it is off
/// (see <see cref="SetParameters"/>).</item>
/// <item>A MIP start fixes only the columns it lists; the others are re-optimized by an LP on the whole model that no
/// time limit stops, so every integer column is listed (see <see cref="SetWarmStart"/>).</item>
/// </list>
/// </remarks>
internal sealed class CbcSolver : IMipSolver
{
    private static readonly SemaphoreSlim SolveLock = new(1, 1);

    public string Name => "cbc";

    public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        MipResults.Validate(model, options);
        NativeLibraries.EnsureLoaded(NativeLibraries.Cbc);

        var clock = Stopwatch.StartNew();
        try
        {
            SolveLock.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return MipResults.NoSolution(MipStatus.Cancelled, clock);
        }
        try
        {
            var remaining = options.TimeLimit - clock.Elapsed;
            if (remaining <= TimeSpan.Zero) return MipResults.NoSolution(MipStatus.TimeLimit, clock);
            var solution = SolveLocked(model, options with { TimeLimit = remaining }, cancellationToken, clock);
            // CBC 2.10 sometimes ends a warm-started solve of a model its preprocessing empties without a usable answer;
            // the same solve without the start does not. The start is only a hint, so drop it once.
            if (solution.Status != MipStatus.Failed || options.WarmStart is null) return solution;
            remaining = options.TimeLimit - clock.Elapsed;
            return remaining <= TimeSpan.Zero
                ? solution
                : SolveLocked(model, options with { TimeLimit = remaining, WarmStart = null }, cancellationToken, clock);
        }
        finally
        {
            SolveLock.Release();
        }
    }

    private static MipSolution SolveLocked(LinearModel model, MipOptions options, CancellationToken cancellation, Stopwatch clock)
    {
        if (cancellation.IsCancellationRequested) return MipResults.NoSolution(MipStatus.Cancelled, clock);

        using var cbc = CbcApi.NewModel();
        var hasIntegers = Load(cbc, model);
        SetParameters(cbc, options);
        if (options.WarmStart is { } start) SetWarmStart(cbc, model, start);
        using var callbacks = CbcCallbacks.Attach(cbc, cancellation, options.Log);

        CbcApi.Solve(cbc);

        if (callbacks.CancelApplied)
        {
            // After the cancelling cut CBC's bound and status describe the cut-off problem: keep only the incumbent.
            return WithIncumbent(MipStatus.Cancelled, cbc, model, double.NaN, clock, solutionRequired: false, linear: !hasIntegers);
        }
        if (!hasIntegers) return ReadLinearProgram(cbc, model, clock);

        var bound = Bound(cbc, model);
        switch (CbcApi.Status(cbc))
        {
            case 0 when CbcApi.IsProvenOptimal(cbc) != 0:
                return MipResults.Proven(model, options, WithIncumbent(MipStatus.Optimal, cbc, model, bound, clock));
            case 0 when CbcApi.IsProvenInfeasible(cbc) != 0:
                return MipResults.NoSolution(MipStatus.Infeasible, clock, Nodes(cbc));
            case 1 when CbcApi.IsSecondsLimitReached(cbc) != 0:
                return WithIncumbent(MipStatus.TimeLimit, cbc, model, bound, clock, solutionRequired: false);
            default:
                // Abandoned, unbounded, or a limit this class never sets.
                return MipResults.NoSolution(MipStatus.Failed, clock, Nodes(cbc));
        }
    }

    /// <summary>Loads columns, the CSR rows (converted to CSC) and integrality; returns whether any column is integer.</summary>
    private static unsafe bool Load(CbcModelHandle cbc, LinearModel model)
    {
        int n = model.ColumnCount, m = model.RowCount;
        var matrix = ColumnMajorMatrix.From(model);
        var (rowLower, rowUpper) = model.RowRanges();

        var (lower, upper, objective) = model.ColumnArrays();
        // CBC 2.10.12 takes a maximization's MIP start for optimal at once (a tiny program with a better solution, see
        // the tests): CBC always minimizes, a maximization negated, and the objective and bound are mapped back.
        if (model.Maximize)
        {
            for (var j = 0; j < objective.Length; j++) objective[j] = -objective[j];
        }

        fixed (int* s = matrix.Starts, r = matrix.Rows)
        fixed (double* e = matrix.Values, cl = lower, cu = upper, o = objective, rl = rowLower, ru = rowUpper)
            CbcApi.LoadProblem(cbc, n, m, s, r, e, cl, cu, o, rl, ru);

        var hasIntegers = false;
        for (var j = 0; j < n; j++)
        {
            if (!model.IsInteger(j)) continue;
            CbcApi.SetInteger(cbc, j);
            hasIntegers = true;
        }
        CbcApi.SetObjSense(cbc, 1);
        return hasIntegers;
    }

    private static void SetParameters(CbcModelHandle cbc, MipOptions options)
    {
        static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        CbcApi.SetParameter(cbc, "log", options.Log is null ? "0" : "1");
        // The default time mode counts CPU seconds summed over threads; the contract is wall time.
        CbcApi.SetParameter(cbc, "timeMode", "elapsed");
        if (options.TimeLimit is { } limit) CbcApi.SetParameter(cbc, "sec", Text(limit.TotalSeconds));
        CbcApi.SetParameter(cbc, "ratioGap", Text(options.RelativeGap));
        // Cgl 0.60.3's CglPreProcess stops its passes when the time limit is reached but keeps its pass count, leaving
        // null models that postProcess dereferences as soon as CBC has a solution to map back (a MIP start always is
        // one): SIGSEGV, also in the cbc command line. Measured on the demo corps (280,756 columns) with a 20 s limit,
        // and on a quarter of it with 1 to 2 s. Without preprocessing the demo's first two stages are proven optimal
        // in 18 s and 73 s, where with it the first stage had not left the root after 57 s.
        CbcApi.SetParameter(cbc, "preprocess", "off");
        // Cgl's zero-half separator rebuilds a parity copy of the whole program at every root pass (get_parity_ilp): on
        // a restricted search at 20,000 members (63,051 columns) it was most of CBC's 8.9 s, and the search takes 2.6 s
        // without it, same optimum, same proof (the demo corps and the what-if family: the same rosters and proofs). On
        // GAP, whose bound it raises, it stays: without it chu1997 proved 14 of 24 in 10 s each against 15.
        if (options.Restricted) CbcApi.SetParameter(cbc, "zeroHalfCuts", "off");
        // threads 0 (CBC's default) is the plain serial search; 1 would add a single worker thread for nothing.
        if (options.Threads > 1)
            CbcApi.SetParameter(cbc, "threads", options.Threads.ToString(CultureInfo.InvariantCulture));
        // For both seeds CBC reads 0 as "time of day": seed 0 keeps CBC's fixed defaults, so every run repeats.
        if (options.Seed > 0)
        {
            var seed = options.Seed.ToString(CultureInfo.InvariantCulture);
            CbcApi.SetParameter(cbc, "randomCbcSeed", seed);
            CbcApi.SetParameter(cbc, "randomSeed", seed);
        }
    }

    /// <summary>
    /// Lists every integer column, zeros included: CBC fixes the listed columns and solves an LP over all the others
    /// (which no time limit stops: on the demo corps the third stage was still in that LP 8 minutes into its 26 s, and
    /// returned no solution at all). With every integer fixed, that LP only completes the continuous columns.
    /// </summary>
    private static unsafe void SetWarmStart(CbcModelHandle cbc, LinearModel model, double[] start)
    {
        var columns = new List<int>();
        var values = new List<double>();
        for (var j = 0; j < start.Length; j++)
        {
            if (!model.IsInteger(j)) continue;
            columns.Add(j);
            values.Add(Math.Round(start[j]));
        }
        var c = columns.ToArray();
        var v = values.ToArray();
        fixed (int* pc = c)
        fixed (double* pv = v)
            CbcApi.SetMipStartI(cbc, c.Length, pc, pv);
    }

    /// <summary>A pure LP is solved by Clp alone: CBC's status stays "before branch and bound".</summary>
    private static MipSolution ReadLinearProgram(CbcModelHandle cbc, LinearModel model, Stopwatch clock)
    {
        if (CbcApi.IsProvenInfeasible(cbc) != 0) return MipResults.NoSolution(MipStatus.Infeasible, clock);
        if (CbcApi.IsProvenOptimal(cbc) == 0) return MipResults.NoSolution(MipStatus.Failed, clock);
        var solution = WithIncumbent(MipStatus.Optimal, cbc, model, double.NaN, clock, linear: true);
        return solution.HasSolution ? solution with { Bound = solution.Objective } : solution;
    }

    /// <summary>
    /// Reads the solution (CBC's incumbent, or Clp's for a pure LP) and re-checks it; <see cref="MipStatus.Failed"/>
    /// when the check fails, or when a solution is required and there is none.
    /// </summary>
    private static unsafe MipSolution WithIncumbent(MipStatus status, CbcModelHandle cbc, LinearModel model, double bound,
        Stopwatch clock, bool solutionRequired = true, bool linear = false)
    {
        var nodes = Nodes(cbc);
        // Cbc_bestSolution is NULL until an integer solution exists; Cbc_getColSolution is then the last LP's. When
        // preprocessing alone solves a proven-optimal model, only the column solution is set: it is re-checked below
        // (bounds, rows, integrality, objective) like any other, so a fractional LP point can never pass.
        var raw = linear ? CbcApi.GetColSolution(cbc)
            : CbcApi.BestSolution(cbc) is var best && best is not null ? best
            : status == MipStatus.Optimal ? CbcApi.GetColSolution(cbc) : null;
        if (raw is null)
        {
            return solutionRequired
                ? MipResults.NoSolution(MipStatus.Failed, clock, nodes)
                : new MipSolution(status, null, double.NaN, bound, clock.Elapsed, nodes);
        }
        return MipResults.Checked(status, model, new ReadOnlySpan<double>(raw, model.ColumnCount),
            Sense(model) * CbcApi.GetObjValue(cbc) + model.ObjectiveOffset, bound, clock, nodes);
    }

    private static double Bound(CbcModelHandle cbc, LinearModel model)
    {
        var bound = CbcApi.GetBestPossibleObjValue(cbc);
        // CBC reports "no bound" as about +-1e50 (its infinity for objectives).
        return Math.Abs(bound) >= 1e40 || double.IsNaN(bound) ? double.NaN : Sense(model) * bound + model.ObjectiveOffset;
    }

    /// <summary>CBC's objective values times this are the model's (CBC minimizes a maximization negated).</summary>
    private static double Sense(LinearModel model) => model.Maximize ? -1 : 1;

    private static long Nodes(CbcModelHandle cbc) => CbcApi.GetNodeCount(cbc);

}
