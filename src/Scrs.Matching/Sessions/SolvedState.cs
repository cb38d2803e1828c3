using Scrs.Matching.Domain;
using Scrs.Matching.Model;
using Scrs.Matching.Report;

namespace Scrs.Matching.Sessions;

/// <summary>What a solve leaves for the next one: the problem planned (history locked) and its verified roster.</summary>
/// <param name="Planned">The problem the search solved: the session's problem with the tours under way locked.</param>
/// <param name="Roster">The roster returned, which passed the validator.</param>
/// <param name="Previous">The previous roster of the solve's options (the changes level's), or <see langword="null"/>.</param>
internal sealed record SolvedState(DeploymentProblem Planned, Roster Roster, IReadOnlyList<Assignment>? Previous)
{
    /// <summary>
    /// The roster's value on each level in <paramref name="model"/>'s units where its stage proved it optimal, else
    /// <see langword="null"/>; all <see langword="null"/> when the roster has no value.
    /// </summary>
    public double?[] Optima(RosterModel model)
    {
        var optima = new double?[ObjectiveLevels.InOrder.Length];
        if (Roster.Objective is not { } o) return optima;
        var proven = Roster.Statistics.Stages.Where(s => s.Status == RosterStatus.Optimal).Select(s => s.Level).ToHashSet(StringComparer.Ordinal);
        foreach (var level in ObjectiveLevels.InOrder)
        {
            if (!proven.Contains(level.Name())) continue;
            optima[(int)level] = level switch
            {
                ObjectiveLevel.Critical => o.Critical,
                ObjectiveLevel.High => o.High,
                ObjectiveLevel.Normal => o.Normal,
                ObjectiveLevel.Low => o.Low,
                // The model counts the previous days kept, negated; the roster the days not kept.
                ObjectiveLevel.Changes => o.Changes is { } changes ? changes - model.PreviousDays : null,
                ObjectiveLevel.Cost => (double)(o.Cost * model.CostScale),
                _ => o.Load,
            };
        }
        return optima;
    }
}
