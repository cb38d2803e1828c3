using Scrs.Matching.Domain;
using Scrs.Matching.Model;
using Scrs.Matching.Report;

namespace Scrs.Matching.Sessions;

/// <summary>What a solve leaves for the next one: the problem planned (history locked) and its verified roster.</summary>
/// <param name="Planned">The problem the search solved: the session's problem with the tours under way locked.</param>
/// <param name="Roster">The roster returned, which passed the validator.</param>
/// <param name="Previous">The previous roster of the solve's options (the changes level's), or <see langword="null"/>.</param>
/// <param name="LinearPrograms">Each level's last LP: its columns that are tours, by what they are (the next model numbers its columns anew), with their values.</param>
/// <param name="Built">The candidates and model as built before the search, which a narrower problem's solve patches.</param>
internal sealed record SolvedState(DeploymentProblem Planned, Roster Roster, IReadOnlyList<Assignment>? Previous,
    LinearProgramColumn[]?[] LinearPrograms, BuiltModel? Built)
{
    /// <summary>
    /// Each level's earlier LP in <paramref name="model"/>: its columns that the model still has, and its optimum as a
    /// point of the model (those columns' values, the auxiliary columns set from them).
    /// </summary>
    public (IReadOnlyList<int>? Columns, double[]? Point)[] LinearProgramsIn(RosterModel model)
    {
        var result = new (IReadOnlyList<int>?, double[]?)[LinearPrograms.Length];
        // Each key is looked up among its member's tours: hashing every tour of the model cost more than the rest of a
        // re-plan's set-up (280,000 keys on the demo corps).
        var candidates = model.Candidates;
        var index = candidates.Index;
        int Find(TourKey key)
        {
            if (!index.MemberIndex.TryGetValue(key.Member, out var m) || !index.PositionIndex.TryGetValue(key.Position, out var p)) return -1;
            for (var j = candidates.MemberOffsets[m]; j < candidates.MemberOffsets[m + 1]; j++)
            {
                var t = candidates.Tours[j];
                if (t.Position == p && t.Start == key.Start && t.End == key.End) return j;
            }
            return -1;
        }
        for (var level = 0; level < LinearPrograms.Length; level++)
        {
            if (LinearPrograms[level] is not { } lp) continue;
            var columns = new List<int>(lp.Length);
            var point = new double[model.Linear.ColumnCount];
            foreach (var (key, value) in lp)
            {
                if (Find(key) is var j and >= 0)
                {
                    columns.Add(j);
                    point[j] = value;
                }
            }
            model.SetAuxiliaries(point);
            result[level] = (columns, point);
        }
        return result;
    }

    /// <summary>
    /// The roster's value on each level in <paramref name="model"/>'s units where its stage proved it optimal, else
    /// <see langword="null"/>; all <see langword="null"/> when the roster has no value.
    /// </summary>
    /// <param name="model">The model of the solve the optima are for.</param>
    /// <param name="coverageOnly">
    /// Only the coverage levels: the solve counts its changes against another previous roster, and the levels from the
    /// changes level on are other optimizations (the coverage levels come before it and do not depend on it).
    /// </param>
    public double?[] Optima(RosterModel model, bool coverageOnly)
    {
        var optima = new double?[ObjectiveLevels.InOrder.Length];
        if (Roster.Objective is not { } o) return optima;
        var proven = Roster.Statistics.Stages.Where(s => s.Status == RosterStatus.Optimal).Select(s => s.Level).ToHashSet(StringComparer.Ordinal);
        foreach (var level in ObjectiveLevels.InOrder)
        {
            if (!proven.Contains(level.Name()) || coverageOnly && level >= ObjectiveLevel.Changes) continue;
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

/// <summary>A column of a level's LP: the tour, and its value at the LP's optimum.</summary>
internal readonly record struct LinearProgramColumn(TourKey Tour, double Value);

/// <summary>A tour by what it is: member, position and days, the same in every model of the problem's variants.</summary>
internal readonly record struct TourKey(string Member, string Position, int Start, int End)
{
    public static TourKey Of(RosterModel model, int j)
    {
        var t = model.Tours[j];
        var index = model.Candidates.Index;
        return new TourKey(index.Members[t.Member].Id, index.Positions[t.Position].Id, t.Start, t.End);
    }
}
