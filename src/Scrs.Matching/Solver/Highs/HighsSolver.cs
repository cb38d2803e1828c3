using System.Diagnostics;
using Scrs.Matching.Solver.Native;

namespace Scrs.Matching.Solver.Highs;

/// <summary>
/// HiGHS 1.12 through its C API. The model is loaded in memory (column-major arrays), every returned solution is
/// re-checked against the <see cref="LinearModel"/> (<see cref="SolutionCheck"/>), and an answer that fails the check
/// is reported as <see cref="MipStatus.Failed"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each solve has its own HiGHS instance, created, run and destroyed on the calling thread; HiGHS keeps one task
/// scheduler per calling thread, so solves on different threads need no lock (checked by a test that compares
/// parallel answers with sequential ones).</item>
/// <item>Cancellation sets HiGHS's user interrupt from the simplex, interior-point and branch-and-bound callbacks,
/// which are started only when the token can be cancelled. The dual bound stays valid after an interrupt. The MIP
/// presolve and the sub-MIPs poll no interrupt (see <see cref="DetachedSolve"/>).</item>
/// <item>A warm start is passed as a complete solution (<c>Highs_setSolution</c>); HiGHS checks it and keeps it as
/// the incumbent when it is feasible.</item>
/// <item>A target (<see cref="MipOptions.Target"/>) is HiGHS's <c>objective_target</c>: the search stops at the first
/// incumbent reaching it.</item>
/// </list>
/// </remarks>
internal sealed class HighsSolver : IMipSolver
{
    public string Name => "highs";

    public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        MipResults.Validate(model, options);
        NativeLibraries.EnsureLoaded(NativeLibraries.Highs);

        var clock = Stopwatch.StartNew();
        if (cancellationToken.IsCancellationRequested) return MipResults.NoSolution(MipStatus.Cancelled, clock);
        if (options.TimeLimit <= TimeSpan.Zero) return MipResults.NoSolution(MipStatus.TimeLimit, clock);

        using var highs = HighsApi.Create();
        // Options first: with HiGHS's default output flag, loading a model prints a banner to stdout.
        HighsOptions.Set(highs, options.Threads, options.Log is not null);
        var hasIntegers = Load(highs, model);
        HighsOptions.SetTimeLimit(highs, options.TimeLimit);
        HighsOptions.Check(HighsApi.SetDoubleOptionValue(highs, "mip_rel_gap", options.RelativeGap), "mip_rel_gap");
        HighsOptions.Check(HighsApi.SetIntOptionValue(highs, "random_seed", options.Seed), "random_seed");
        if (hasIntegers && options.WarmStart is { } start) SetWarmStart(highs, model, start);
        // HiGHS stops once its incumbent is strictly better than the target: it is moved by the tolerance of a check.
        if (hasIntegers && options.Target is { } target)
        {
            var slack = SolutionCheck.Tolerance * Math.Max(1, Math.Abs(target));
            HighsOptions.Check(HighsApi.SetDoubleOptionValue(highs, "objective_target",
                target - model.ObjectiveOffset + (model.Maximize ? -slack : slack)), "objective_target");
        }
        using var callbacks = HighsCallbacks.Attach(highs, cancellationToken, options.Log);

        var run = HighsApi.Run(highs);
        var status = (HighsModelStatus)HighsApi.GetModelStatus(highs);
        var nodes = Nodes(highs);
        if (run == HighsApi.StatusError && status is not (HighsModelStatus.TimeLimit or HighsModelStatus.Interrupt))
            return MipResults.NoSolution(MipStatus.Failed, clock, nodes);

        var bound = hasIntegers ? Bound(highs, model) : double.NaN;
        switch (status)
        {
            case HighsModelStatus.ModelEmpty:
                // No columns, so no solution to read: the empty point is checked against the rows like any other.
                return MipResults.Checked(MipStatus.Optimal, model, [], model.ObjectiveOffset, model.ObjectiveOffset, clock, nodes);
            case HighsModelStatus.Optimal:
                var solution = Incumbent(MipStatus.Optimal, highs, model, bound, clock, nodes, solutionRequired: true);
                // An LP optimum is its own bound.
                return hasIntegers || !solution.HasSolution ? MipResults.Proven(model, options, solution) : solution with { Bound = solution.Objective };
            case HighsModelStatus.Infeasible:
                return MipResults.NoSolution(MipStatus.Infeasible, clock, nodes);
            case HighsModelStatus.ObjectiveTarget:
                return Incumbent(MipStatus.TargetReached, highs, model, bound, clock, nodes, solutionRequired: true);
            case HighsModelStatus.TimeLimit:
                return Incumbent(MipStatus.TimeLimit, highs, model, bound, clock, nodes, solutionRequired: false);
            case HighsModelStatus.Interrupt:
                return Incumbent(MipStatus.Cancelled, highs, model, bound, clock, nodes, solutionRequired: false);
            default:
                // Unbounded, "unbounded or infeasible", a solver error, or a limit this class never sets.
                return MipResults.NoSolution(MipStatus.Failed, clock, nodes);
        }
    }

    /// <summary>Loads columns, the CSR rows (converted to CSC) and integrality; returns whether any column is integer.</summary>
    private static unsafe bool Load(HighsHandle highs, LinearModel model)
    {
        int n = model.ColumnCount, m = model.RowCount;
        var matrix = ColumnMajorMatrix.From(model);
        var (rowLower, rowUpper) = model.RowRanges();
        var (lower, upper, objective) = model.ColumnArrays();
        var integrality = new int[n];
        var hasIntegers = false;
        for (var j = 0; j < n; j++)
        {
            if (!model.IsInteger(j)) continue;
            integrality[j] = HighsApi.Integer;
            hasIntegers = true;
        }
        var sense = model.Maximize ? -HighsApi.Minimize : HighsApi.Minimize;
        // The offset stays out of HiGHS, as out of CBC, so that its relative gap means the same.
        fixed (int* s = matrix.Starts, r = matrix.Rows, t = integrality)
        fixed (double* e = matrix.Values, cl = lower, cu = upper, o = objective, rl = rowLower, ru = rowUpper)
        {
            var loaded = hasIntegers
                ? HighsApi.PassMip(highs, n, m, matrix.Values.Length, HighsApi.ColumnWise, sense, 0, o, cl, cu, rl, ru, s, r, e, t)
                : HighsApi.PassLp(highs, n, m, matrix.Values.Length, HighsApi.ColumnWise, sense, 0, o, cl, cu, rl, ru, s, r, e);
            HighsOptions.Check(loaded, "the model");
        }
        return hasIntegers;
    }

    /// <summary>Passes the start with its integer columns rounded; HiGHS completes nothing, it only checks the point.</summary>
    private static unsafe void SetWarmStart(HighsHandle highs, LinearModel model, double[] start)
    {
        var values = new double[start.Length];
        for (var j = 0; j < start.Length; j++) values[j] = model.IsInteger(j) ? Math.Round(start[j]) : start[j];
        fixed (double* v = values)
            HighsOptions.Check(HighsApi.SetSolution(highs, v, null, null, null), "the warm start");
    }

    /// <summary>Reads HiGHS's solution when it says it has a feasible one, and re-checks it.</summary>
    private static unsafe MipSolution Incumbent(MipStatus status, HighsHandle highs, LinearModel model, double bound,
        Stopwatch clock, long nodes, bool solutionRequired)
    {
        HighsApi.GetIntInfoValue(highs, "primal_solution_status", out var primal);
        if (primal != HighsApi.SolutionFeasible)
        {
            return solutionRequired
                ? MipResults.NoSolution(MipStatus.Failed, clock, nodes)
                : new MipSolution(status, null, double.NaN, bound, clock.Elapsed, nodes);
        }
        var values = new double[model.ColumnCount];
        var rowValues = new double[model.RowCount];
        fixed (double* v = values, r = rowValues)
            HighsApi.GetSolution(highs, v, null, r, null);
        return MipResults.Checked(status, model, values, HighsApi.GetObjectiveValue(highs) + model.ObjectiveOffset, bound, clock, nodes);
    }

    private static double Bound(HighsHandle highs, LinearModel model)
    {
        HighsApi.GetDoubleInfoValue(highs, "mip_dual_bound", out var bound);
        // HiGHS reports "no bound" as an infinite one.
        return double.IsFinite(bound) && Math.Abs(bound) < 1e40 ? bound + model.ObjectiveOffset : double.NaN;
    }

    private static long Nodes(HighsHandle highs) =>
        HighsApi.GetInt64InfoValue(highs, "mip_node_count", out var nodes) == HighsApi.StatusError ? 0 : Math.Max(0, nodes);
}
