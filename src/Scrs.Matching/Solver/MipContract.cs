namespace Scrs.Matching.Solver;

/// <summary>The parts of the <see cref="IMipSolver"/> contract that every backend applies the same way.</summary>
internal static class MipContract
{
    /// <summary>Checks the options against the model; solvers ignore bad values silently, so they are caught here.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or the warm start does not give every column a value.</exception>
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
    /// Whether a nonzero relative gap, rather than a proof, ended a search that the solver calls optimal: the incumbent
    /// is farther from the bound than the rounding that an all-integer objective allows.
    /// </summary>
    public static bool StoppedOnGap(LinearModel model, MipOptions options, MipSolution solution)
    {
        if (options.RelativeGap == 0 || double.IsNaN(solution.Bound)) return false;
        var gap = Math.Abs(solution.Objective - solution.Bound);
        var proven = model.ObjectiveStep() > 0 ? 1 - SolutionCheck.Tolerance : SolutionCheck.Tolerance * Math.Max(1, Math.Abs(solution.Objective));
        return gap >= proven;
    }
}
