using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Verification;

/// <summary>Computes the levels of the objective of a roster from the input alone, independently of the model builder.</summary>
public static class RosterEvaluator
{
    /// <summary>The value of each objective level of <paramref name="assignments"/>.</summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <returns>
    /// Person-days per priority class (tour days on positions of that class), cost (tour days times the member's daily cost)
    /// and load (tour days times the member's <see cref="Member.DeployedDaysLast365"/>).
    /// </returns>
    /// <remarks>
    /// Tours naming an unknown member or position are left out, and a tour ending before it starts counts no days:
    /// <see cref="RosterValidator.Validate"/> reports both.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ObjectiveValues Evaluate(DeploymentProblem problem, IReadOnlyList<Assignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(assignments);
        var index = new RosterIndex(problem);
        var byPriority = new long[Enum.GetValues<Priority>().Length];
        decimal cost = 0m;
        long load = 0;
        foreach (var assignment in assignments)
        {
            if (index.Resolve(assignment) is not { } tour)
                continue;
            var days = Math.Max(0, tour.Days);
            byPriority[(int)tour.Position.Priority] += days;
            cost += days * problem.DailyCost(tour.Member);
            load += (long)days * tour.Member.DeployedDaysLast365;
        }

        return new ObjectiveValues(
            byPriority[(int)Priority.Critical],
            byPriority[(int)Priority.High],
            byPriority[(int)Priority.Normal],
            byPriority[(int)Priority.Low],
            cost,
            load);
    }
}
