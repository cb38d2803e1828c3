namespace Scrs.Matching.Solver;

/// <summary>How a solve of the LP relaxation ended.</summary>
internal enum LpStatus
{
    /// <summary>Optimal: primal and dual values are valid.</summary>
    Optimal,
    /// <summary>No point satisfies the rows with the columns present.</summary>
    Infeasible,
    /// <summary>Stopped by the time limit or the cancellation token before optimality.</summary>
    Stopped,
    /// <summary>Unbounded, or the solver gave up; nothing it returned is trusted.</summary>
    Failed,
}
