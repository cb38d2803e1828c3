using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Planning;

/// <summary>Plans an optimal, verified deployment roster for a <see cref="DeploymentProblem"/>.</summary>
public static class RosterPlanner
{
    /// <summary>Solves <paramref name="problem"/> exactly, strictly by priority, and returns the verified roster with its report.</summary>
    /// <param name="problem">The problem; it must be valid (see <c>Validation.ProblemValidator</c>).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="PlannerOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the search promptly; the best roster found so far is returned with status <see cref="RosterStatus.Cancelled"/>.</param>
    /// <returns>The roster, its status, bound, gap and report.</returns>
    /// <exception cref="Validation.InvalidProblemException">The problem has input errors; all of them are listed.</exception>
    /// <exception cref="Solver.SolverUnavailableException">The native solver library is not installed.</exception>
    public static Roster Plan(DeploymentProblem problem, PlannerOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("work in progress");
}
