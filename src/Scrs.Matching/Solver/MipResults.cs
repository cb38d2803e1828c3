using System.Diagnostics;

namespace Scrs.Matching.Solver;

/// <summary>What every <see cref="IMipSolver"/> backend checks the same way: options, returned solutions, and whether a gap or a proof ended a search.</summary>
internal static class MipResults
{
    /// <summary>Solvers ignore or clamp bad parameter values silently, so options are checked here.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static void Validate(LinearModel model, MipOptions options)
    {
        if (options.TimeLimit is { } limit && limit < TimeSpan.Zero)
            throw new ArgumentException($"MipOptions.TimeLimit must not be negative (was {limit}).", nameof(options));
        if (!(options.RelativeGap >= 0 && options.RelativeGap < 1))
            throw new ArgumentException($"MipOptions.RelativeGap must be in [0, 1) (was {options.RelativeGap}).", nameof(options));
        if (options.Threads < 1)
            throw new ArgumentException($"MipOptions.Threads must be at least 1 (was {options.Threads}).", nameof(options));
        if (options.Seed < 0)
            throw new ArgumentException($"MipOptions.Seed must not be negative (was {options.Seed}).", nameof(options));
        if (options.WarmStart is { } start && start.Length != model.ColumnCount)
            throw new ArgumentException(
                $"MipOptions.WarmStart has {start.Length} values for {model.ColumnCount} columns.", nameof(options));
    }

    /// <summary>
    /// A solver's column values re-checked against <paramref name="model"/> (<see cref="SolutionCheck"/>), and the
    /// objective the solver reported (offset included) against the one they give: <see cref="MipStatus.Failed"/>
    /// when either check fails.
    /// </summary>
    public static MipSolution Checked(MipStatus status, LinearModel model, ReadOnlySpan<double> raw, double reportedObjective,
        double bound, Stopwatch clock, long nodes)
    {
        var values = SolutionCheck.Accept(model, raw, out _);
        if (values is null) return NoSolution(MipStatus.Failed, clock, nodes);
        var objective = model.Evaluate(values);
        if (Math.Abs(objective - reportedObjective) > SolutionCheck.Tolerance * Math.Max(1, Math.Abs(objective)))
            return NoSolution(MipStatus.Failed, clock, nodes);
        return new MipSolution(status, values, objective, bound, clock.Elapsed, nodes);
    }

    /// <summary>
    /// What a solver's "optimal" answer proves. With no gap allowed it is a proof, its own bound (a solver's reported
    /// bound can be stale: CBC, after a MIP start it proves at once, reported bounds its incumbent beat). With a gap
    /// allowed it is <see cref="MipStatus.GapReached"/> when the bound is missing or on the wrong side of the objective
    /// (nothing then says how close it is), or when the incumbent is farther from the bound than the rounding that an
    /// all-integer objective allows; otherwise a proof.
    /// </summary>
    public static MipSolution Proven(LinearModel model, MipOptions options, MipSolution solution)
    {
        if (!solution.HasSolution || solution.Status != MipStatus.Optimal) return solution;
        if (options.RelativeGap == 0) return solution with { Bound = solution.Objective };
        var slack = SolutionCheck.Tolerance * Math.Max(1, Math.Abs(solution.Objective));
        var holds = model.Maximize ? solution.Bound >= solution.Objective - slack : solution.Bound <= solution.Objective + slack;
        if (!holds) return solution with { Status = MipStatus.GapReached, Bound = double.NaN };
        var gap = Math.Abs(solution.Objective - solution.Bound);
        var proven = model.ObjectiveStep() > 0 ? 1 - SolutionCheck.Tolerance : slack;
        return gap >= proven ? solution with { Status = MipStatus.GapReached } : solution;
    }

    /// <summary>An answer without a solution or a bound.</summary>
    public static MipSolution NoSolution(MipStatus status, Stopwatch clock, long nodes = 0) =>
        new(status, null, double.NaN, double.NaN, clock.Elapsed, nodes);
}
