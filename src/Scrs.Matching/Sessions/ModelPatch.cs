using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Replanning;

namespace Scrs.Matching.Sessions;

/// <summary>
/// A problem's candidate tours and model as they were built, before any search changed the model: what a later solve
/// of a narrower problem patches instead of building anew.
/// </summary>
/// <param name="Problem">The problem planned (history locked) that they were built for.</param>
/// <param name="Candidates">Its candidate tours.</param>
/// <param name="Model">Its model, never searched (a copy was).</param>
internal sealed record BuiltModel(DeploymentProblem Problem, CandidateSet Candidates, RosterModel Model);

/// <summary>
/// Eligibility and the model of a problem that only narrows a built one, patched rather than rebuilt: the tours that
/// avoid the new unavailable days and exclusions are kept (<see cref="CandidateGenerator.Narrow"/>), the model keeps
/// every row over them (<see cref="RosterModel.Restricted"/>), a lowered or added budget sets or adds its row, and each
/// added lock adds its row; the changes level is counted against the solve's own previous roster, so a re-plan of a
/// solved roster (its tours under way locked, offers answered) patches the model its first solve built.
/// </summary>
/// <remarks>
/// <para>Exact: the patched model has the same rosters as one built for the problem (its rows are the built ones'
/// and rows every roster of the problem keeps), the same objectives, and its candidate tours, funnels and so its
/// report are the same (a test compares them). The row counts in the statistics are those of the wider model.</para>
/// <para>Where it applies: <see cref="Narrowing.Narrows"/>, with the same courses, the same members and positions in the same order and
/// every headcount unchanged (a lower headcount changes bounds the builder folds into auxiliary columns), and a lock
/// that has no tour left is left to a full build, whose diagnosis explains it; so is a problem that keeps fewer than
/// half of the built tours (below).</para>
/// </remarks>
internal static class ModelPatch
{
    /// <summary>
    /// The most candidate tours of a built model that a solve keeps for later patches: the demo corps's 280,000 (2.7
    /// million non-zeros, about 50 MB kept); a larger one (20,000 members: 7.9 million tours, 118 million non-zeros,
    /// which a copy would double) is built anew by each solve.
    /// </summary>
    public const int KeptTours = 1_000_000;

    /// <summary>The candidates and model of <paramref name="planned"/>, or <see langword="null"/> when the patch does not apply.</summary>
    /// <param name="planned">The problem to plan, history locked.</param>
    /// <param name="built">What a wider problem's solve built.</param>
    /// <param name="previous">The previous roster of the changes level (another than the built model's is fine: the level is counted anew).</param>
    public static (CandidateSet Candidates, RosterModel Model)? Apply(DeploymentProblem planned, BuiltModel built, PreviousRoster? previous)
    {
        if (!Applies(planned, built.Problem)) return null;
        // The patch is a pass over the wider model, a build one over the narrower: it pays where most tours stay (a
        // lock, a member ill: 0.1-0.2 s against 0.4-0.6 s on the demo corps). A simulated replication of the shipped
        // scenario keeps about 38 % of them: 0.16 s patched against 0.13 s built, with the wider model's idle
        // auxiliary columns in every LP (40 replications: mean 1.63 s a replication patched, 1.41 s built).
        if (CandidateGenerator.Narrow(built.Candidates, new PlanningIndex(planned), least: (built.Candidates.Tours.Length + 1) / 2) is not { } narrowed)
            return null;
        var (candidates, kept) = narrowed;
        var model = built.Model.Restricted(candidates, kept, previous);
        var linear = model.Linear;
        if (planned.Policy.Budget is { } budget)
        {
            var limit = (double)(budget * model.CostScale);
            if (model.Rules.FirstOrDefault(r => r.Kind == RuleKind.Budget) is { } row) linear.SetRhs(row.Rows.Rows[0], limit);
            else RosterModelBuilder.AddBudgetRow(linear, model.Objectives[(int)ObjectiveLevel.Cost], limit);
        }
        // A lock kept: its row has lost the tours no longer allowed; one that lost them all goes to a full build.
        foreach (var rule in model.Rules)
        {
            if (rule.Kind == RuleKind.Lock && linear.RowColumns(rule.Rows.Rows[0]).Length == 0) return null;
        }
        // The locks added (as many of each as the built problem lacks): each adds its row.
        var before = new Dictionary<AssignmentLock, int>();
        foreach (var l in built.Problem.Locks) before[l] = before.GetValueOrDefault(l) + 1;
        foreach (var l in planned.Locks)
        {
            if (before.GetValueOrDefault(l) is > 0 and var count)
            {
                before[l] = count - 1;
                continue;
            }
            var columns = RosterModelBuilder.LockColumns(candidates, l);
            if (columns.Count == 0) return null;
            RosterModelBuilder.AddLockRow(linear, columns);
        }
        return (candidates, model);
    }

    private static bool Applies(DeploymentProblem planned, DeploymentProblem built)
    {
        if (planned.Members.Length != built.Members.Length || planned.Operations.Length != built.Operations.Length) return false;
        // Candidate tours and training columns follow the sessions: a session cancelled is a model built anew.
        if (!Narrowing.Narrows(planned, built) || !Narrowing.SameCourses(planned.Policy.Courses, built.Policy.Courses)) return false;
        for (var m = 0; m < planned.Members.Length; m++)
        {
            if (planned.Members[m].Id != built.Members[m].Id) return false;
        }
        for (var o = 0; o < planned.Operations.Length; o++)
        {
            var (a, b) = (planned.Operations[o].Positions, built.Operations[o].Positions);
            if (a.Length != b.Length) return false;
            for (var p = 0; p < a.Length; p++)
            {
                if (a[p].Id != b[p].Id || a[p].Headcount != b[p].Headcount) return false;
            }
        }
        return true;
    }
}
