using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace Scrs.Matching.Solver.CpSat;

/// <summary>
/// Google OR-Tools CP-SAT (the managed API of OR-Tools 9.15). The model is translated exactly (<see cref="CpSatModel"/>);
/// a model that CP-SAT cannot take exactly (a continuous column that is not implied integer, coefficients that no power
/// of ten makes integral, an infinite bound) is reported as <see cref="MipStatus.Failed"/>. Every returned solution is
/// re-checked against the <see cref="LinearModel"/> (<see cref="SolutionCheck"/>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Determinism: with one worker CP-SAT's search is sequential and repeats for a seed; with more, workers share
/// bounds and clauses as they run, so the search depends on timing unless <c>interleave_search</c> runs them in
/// deterministic batches, which it does here (upstream reports it slower than the default portfolio,
/// google/or-tools#4783). A search that a wall-time limit (or cancellation) ends stops wherever it is.</item>
/// <item>Cancellation calls <c>StopSearch</c> from a pool thread, never from the thread that cancels. A stop that arrives
/// before CP-SAT has begun its solve is lost (google/or-tools#3621; measured on 9.15: a single stop 0.1 ms after the
/// solve was started ran on to its 8 s limit), so the request repeats every 5 ms until the solve returns. Measured
/// from <c>Cancel</c> to return on 2 shared cores: median 5 ms (max 26) with one worker and 30 ms (max 64) with two
/// on a hard assignment model, median 73 ms (max 96) on the whole quarter-corps stage. The deadlock reported for
/// 9.14 on Windows (google/or-tools#4933) did not occur on 9.15 on Linux in the cancellation tests.</item>
/// <item>The log delegate and the solution callback are kept alive until the solve returns: CP-SAT calls them from
/// native code, which does not keep the managed objects alive (google/or-tools#591).</item>
/// </list>
/// </remarks>
internal sealed class CpSatSolver : IMipSolver
{
    /// <summary>How often a stop request repeats until CP-SAT acknowledges it.</summary>
    private static readonly TimeSpan StopRetry = TimeSpan.FromMilliseconds(5);

    public string Name => "cpsat";

    public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        MipResults.Validate(model, options);
        var clock = Stopwatch.StartNew();
        if (cancellationToken.IsCancellationRequested) return MipResults.NoSolution(MipStatus.Cancelled, clock);
        if (options.TimeLimit is { } limit && limit <= TimeSpan.Zero) return MipResults.NoSolution(MipStatus.TimeLimit, clock);

        var translated = CpSatModel.Build(model);
        if (translated.Unsupported is { } reason)
        {
            options.Log?.Invoke($"cpsat: the model cannot be solved exactly by CP-SAT: {reason}");
            return MipResults.NoSolution(MipStatus.Failed, clock);
        }
        if (translated.RowsInfeasible) return MipResults.NoSolution(MipStatus.Infeasible, clock);
        if (options.WarmStart is { } start) translated.SetHint(start);

        var (status, response) = Run(translated.Model, Parameters(options, clock), options.Log,
            options.Progress is { } progress ? new ProgressCallback(translated, model, progress) : null, cancellationToken);
        return Read(model, translated, options, status, response, cancellationToken, clock);
    }

    /// <summary>
    /// Solves <paramref name="model"/> with <paramref name="parameters"/> (CP-SAT's text format), stopping when the token
    /// fires; the log and callback stay referenced until CP-SAT returns.
    /// </summary>
    internal static (CpSolverStatus Status, CpSolverResponse Response) Run(CpModel model, string parameters, Action<string>? log,
        SolutionCallback? callback, CancellationToken cancellationToken)
    {
        using var solver = new CpSolver { StringParameters = parameters };
        var logger = log is null ? null : new StringToVoidDelegate(line => log(line));
        if (logger is not null) solver.SetLogCallback(logger);
        var stopper = new Stopper(solver);
        try
        {
            CpSolverStatus status;
            using (cancellationToken.Register(static s => ((Stopper)s!).Request(), stopper))
                status = solver.Solve(model, callback);
            return (status, solver.Response ?? throw new InvalidOperationException("CP-SAT returned no response."));
        }
        finally
        {
            stopper.Finish();
            GC.KeepAlive(logger);
            GC.KeepAlive(callback);
            callback?.Dispose();
        }
    }

    private static string Parameters(MipOptions options, Stopwatch clock)
    {
        static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var parameters = new List<string>
        {
            $"num_workers:{options.Threads}",
            $"random_seed:{options.Seed}",
            $"relative_gap_limit:{Text(options.RelativeGap)}",
            $"log_search_progress:{(options.Log is null ? "false" : "true")}",
            "log_to_stdout:false",
            // Every row in CP-SAT's LP relaxation: the stage models are 0-1 programs whose bound comes from the LP. On small
            // (2 shared cores) CP-SAT alone then proves all six stage models in 6.6-9.4 s, where it did not prove the
            // normal level in 600 s, and the planner through the pricing takes 2.4-3.7 s instead of 5.3-7.7 s.
            "linearization_level:2",
        };
        if (options.Threads > 1) parameters.Add("interleave_search:true");
        if (options.TimeLimit is { } limit)
            parameters.Add($"max_time_in_seconds:{Text(Math.Max(1e-3, (limit - clock.Elapsed).TotalSeconds))}");
        return string.Join(' ', parameters);
    }

    private static MipSolution Read(LinearModel model, CpSatModel translated, MipOptions options, CpSolverStatus status,
        CpSolverResponse response, CancellationToken cancellationToken, Stopwatch clock)
    {
        var nodes = response.NumBranches;
        var hasObjective = translated.Model.Model.Objective is not null;
        var bound = hasObjective && double.IsFinite(response.BestObjectiveBound)
            ? translated.ModelObjective(model, response.BestObjectiveBound) : double.NaN;
        var stopped = cancellationToken.IsCancellationRequested ? MipStatus.Cancelled : MipStatus.TimeLimit;
        switch (status)
        {
            case CpSolverStatus.Infeasible:
                return MipResults.NoSolution(MipStatus.Infeasible, clock, nodes);
            case CpSolverStatus.Unknown:
                return new MipSolution(stopped, null, double.NaN, bound, clock.Elapsed, nodes);
            case CpSolverStatus.Optimal or CpSolverStatus.Feasible:
                // Without an objective CP-SAT reports 0, which is the offset in model units.
                var reported = translated.ModelObjective(model, response.ObjectiveValue);
                var solution = MipResults.Checked(status == CpSolverStatus.Feasible ? stopped : MipStatus.Optimal, model,
                    translated.Values(response.Solution), reported, hasObjective ? bound : reported, clock, nodes);
                if (solution.Status == MipStatus.Failed) options.Log?.Invoke("cpsat: the solution fails the model's own check");
                return MipResults.Proven(model, options, solution);
            default:
                options.Log?.Invoke($"cpsat: {status}: {translated.Model.Validate()}");
                return MipResults.NoSolution(MipStatus.Failed, clock, nodes);
        }
    }

    /// <summary>Stops a running solve on request: repeatedly, from a pool thread, until the solve has returned.</summary>
    private sealed class Stopper(CpSolver solver)
    {
        private readonly Lock _gate = new();
        private bool _finished;

        public void Request() => ThreadPool.QueueUserWorkItem(static s => ((Stopper)s!).StopUntilFinished(), this);

        /// <summary>Marks the solve as returned; no stop reaches the solver after this.</summary>
        public void Finish()
        {
            lock (_gate) _finished = true;
        }

        private void StopUntilFinished()
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_finished) return;
                    solver.StopSearch();
                }
                Thread.Sleep(StopRetry);
            }
        }
    }

    /// <summary>Reports each improving solution to <see cref="MipOptions.Progress"/>.</summary>
    private sealed class ProgressCallback(CpSatModel translated, LinearModel model, Action<string> progress) : SolutionCallback
    {
        public override void OnSolutionCallback() =>
            progress($"cpsat solution {translated.ModelObjective(model, ObjectiveValue()):R} bound {translated.ModelObjective(model, BestObjectiveBound()):R} after {WallTime():F2} s");
    }
}
