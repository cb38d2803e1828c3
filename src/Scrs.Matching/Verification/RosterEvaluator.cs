using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Verification;

/// <summary>Computes the levels of the objective of a roster from the input alone, independently of the model builder.</summary>
public static class RosterEvaluator
{
    /// <summary>The value of each objective level of <paramref name="assignments"/>, with the changes against <paramref name="previous"/>.</summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <param name="previous">The roster re-planned from, or <see langword="null"/> (then <see cref="ObjectiveValues.Changes"/> is too).</param>
    /// <returns>The levels of <see cref="Evaluate(DeploymentProblem, IReadOnlyList{Assignment})"/>, and the person-days of
    /// <paramref name="previous"/> that <paramref name="assignments"/> does not keep: the same member on the same position on
    /// the same day (each such day counted once).</returns>
    /// <remarks>The days are counted one by one, not from the model's coefficients, so that the two can check each other.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> or <paramref name="assignments"/> is <see langword="null"/>.</exception>
    public static ObjectiveValues Evaluate(DeploymentProblem problem, IReadOnlyList<Assignment> assignments, IReadOnlyList<Assignment>? previous) =>
        Evaluate(problem, assignments, previous, []);

    /// <summary>
    /// The value of each objective level of a roster that also trains members: the cost counts each training's
    /// <see cref="Course.CostPerSeat"/> (a training naming an unknown session costs nothing; the validator reports it).
    /// </summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <param name="previous">The roster it was re-planned from, or <see langword="null"/>.</param>
    /// <param name="training">The roster's trainings.</param>
    /// <returns>As <see cref="Evaluate(DeploymentProblem, IReadOnlyList{Assignment}, IReadOnlyList{Assignment})"/>, the training's cost added.</returns>
    public static ObjectiveValues Evaluate(DeploymentProblem problem, IReadOnlyList<Assignment> assignments, IReadOnlyList<Assignment>? previous,
        IReadOnlyList<Training> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var values = Evaluate(problem, assignments);
        var trainingCost = training.Sum(t => TrainingRules.Session(problem, t.Session) is var (course, _) ? course.CostPerSeat : 0m);
        values = values with { Cost = values.Cost + trainingCost };
        if (previous is null) return values;
        var kept = new HashSet<(string, string, int)>();
        foreach (var a in assignments)
        {
            for (var day = a.Start.DayNumber; day <= a.End.DayNumber; day++) kept.Add((a.Member, a.Position, day));
        }
        var lost = new HashSet<(string, string, int)>();
        foreach (var a in previous)
        {
            for (var day = a.Start.DayNumber; day <= a.End.DayNumber; day++)
            {
                if (!kept.Contains((a.Member, a.Position, day))) lost.Add((a.Member, a.Position, day));
            }
        }
        return values with { Changes = lost.Count };
    }

    /// <summary>The value of each objective level of <paramref name="assignments"/>.</summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <returns>
    /// Person-days per priority class (tour days on positions of that class), cost (tour days times the member's daily cost)
    /// and load (tour days times the member's <see cref="Member.DeployedDaysLast365"/>).
    /// </returns>
    /// <remarks>
    /// Tours naming an unknown member or position are left out, and a tour ending before it starts counts no days:
    /// <see cref="RosterValidator.Validate(DeploymentProblem, IReadOnlyList{Assignment})"/> reports both.
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
