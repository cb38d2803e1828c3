using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Solver;
using Scrs.Matching.Solver.CpSat;

namespace Scrs.Matching.Planning;

/// <summary>
/// Explains an infeasible roster model: finds a minimal set of rules (locks, the budget, surge limits) that cannot all be
/// kept together with the rules that always hold (seats, rest, maximum tour), and says it in a planner's words.
/// </summary>
/// <remarks>
/// <para>Each rule's rows are enforced by one literal of a CP-SAT model (<see cref="RosterModel.Rules"/>); the other
/// rows always hold, and the empty roster keeps them, so every infeasibility involves some lock. CP-SAT solves with
/// every literal assumed and returns a sufficient set of assumptions for infeasibility; a deletion filter then drops
/// each rule of it in turn and keeps the rule only if the rest becomes feasible without it. The result is minimal:
/// removing any one of its rules makes the problem feasible, because feasibility only grows as rules are dropped.</para>
/// <para>Rules are named as in the input: <c>L3</c> is <c>locks[3]</c>, <c>S1</c> is <c>policy.surge[1]</c>.</para>
/// </remarks>
internal static class InfeasibilityExplainer
{
    /// <summary>
    /// The reasons <paramref name="model"/> is infeasible: one sentence naming a minimal conflicting set of rules, or,
    /// when the time runs out first, the smallest conflicting set found, marked as such.
    /// </summary>
    public static ImmutableArray<string> Explain(RosterModel model, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var (rules, minimal) = Conflict(model, timeLimit, cancellationToken);
        if (rules is null) return ["the locks cannot all be kept together with the seat, rest, surge-limit and budget rules (no smaller conflicting set was found in time)"];
        var text = Describe(model.Candidates, rules);
        return [minimal ? text : text + " (the time limit ended the search before this set was shown to be minimal)"];
    }

    /// <summary>
    /// A conflicting set of rules, and whether it was shown minimal; <see langword="null"/> when CP-SAT did not prove the
    /// model with every rule infeasible in time.
    /// </summary>
    internal static (IReadOnlyList<RuleRows>? Rules, bool Minimal) Conflict(RosterModel model, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rules = model.Rules;
        var translated = CpSatModel.Build(model.Linear, rules.Select(r => r.Rows).ToArray());
        if (translated.Unsupported is not null) return (null, false);
        if (translated.RowsInfeasible) return (null, false);
        // Feasibility only: the objective of whatever stage ran last plays no part.
        translated.Model.Model.Objective = null;

        var all = Enumerable.Range(0, rules.Length).ToList();
        if (Check(translated, all, timeLimit - clock.Elapsed, cancellationToken) is not { } core) return (null, false);
        var kept = core.Count > 0 ? core : all;
        var necessary = new HashSet<int>();
        var minimal = true;
        while (kept.FirstOrDefault(r => !necessary.Contains(r), -1) is var rule && rule >= 0)
        {
            var trial = kept.Where(r => r != rule).ToList();
            var remaining = timeLimit - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                minimal = false;
                break;
            }
            var status = Solve(translated, trial, remaining, cancellationToken, out var sufficient);
            if (status == CpSolverStatus.Infeasible)
                kept = sufficient.Count > 0 ? trial.Where(sufficient.Contains).ToList() : trial;
            else if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
                necessary.Add(rule);
            else
            {
                minimal = false;
                break;
            }
        }
        return (kept.Select(r => rules[r]).ToArray(), minimal);
    }

    /// <summary>The rules of a sufficient set for infeasibility when the <paramref name="assumed"/> rules are proven infeasible; <see langword="null"/> otherwise.</summary>
    private static List<int>? Check(CpSatModel translated, List<int> assumed, TimeSpan limit, CancellationToken cancellationToken) =>
        Solve(translated, assumed, limit, cancellationToken, out var sufficient) == CpSolverStatus.Infeasible
            ? assumed.Where(sufficient.Contains).ToList()
            : null;

    /// <summary>Solves with the <paramref name="assumed"/> rules enforced (the others free); <paramref name="sufficient"/> gets the rules CP-SAT found sufficient.</summary>
    private static CpSolverStatus Solve(CpSatModel translated, List<int> assumed, TimeSpan limit, CancellationToken cancellationToken,
        out HashSet<int> sufficient)
    {
        sufficient = [];
        if (limit <= TimeSpan.Zero) return CpSolverStatus.Unknown;
        var proto = translated.Model.Model;
        proto.Assumptions.Clear();
        foreach (var r in assumed) proto.Assumptions.Add(translated.Literals[r]);
        var seconds = limit.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        var (status, response) = CpSatSolver.Run(translated.Model, $"num_workers:1 max_time_in_seconds:{seconds}", null, null, cancellationToken);
        if (status == CpSolverStatus.Infeasible)
        {
            var rule = translated.Literals.Select((literal, r) => (literal, r)).ToDictionary(x => x.literal, x => x.r);
            foreach (var literal in response.SufficientAssumptionsForInfeasibility)
            {
                if (rule.TryGetValue(literal, out var r)) sufficient.Add(r);
            }
        }
        return status;
    }

    /// <summary>One sentence naming <paramref name="rules"/> and, where it can tell, why they conflict.</summary>
    internal static string Describe(CandidateSet candidates, IReadOnlyList<RuleRows> rules)
    {
        var problem = candidates.Index.Problem;
        var locks = rules.Where(r => r.Kind == RuleKind.Lock).Select(r => r.Number).Order().ToArray();
        var budget = rules.Any(r => r.Kind == RuleKind.Budget);
        var surges = rules.Where(r => r.Kind == RuleKind.SurgeLimit).Select(r => r.Number).Order().ToArray();
        var teams = rules.Where(r => r.Kind == RuleKind.Team).Select(r => r.Number).Order().ToArray();
        var names = locks.Length == 1 ? $"lock L{locks[0]}" : $"locks {Join(locks.Select(n => $"L{n}"))}";
        var chosen = locks.Select(n => problem.Locks[n]).ToArray();

        var extra = budget || surges.Length > 0 || teams.Length > 0;
        if (!extra && chosen.Length == 2 && chosen[0].Member == chosen[1].Member)
            return $"{names}: {SameMember(candidates, chosen[0], chosen[1])}";
        if (!extra && chosen.Length >= 2 && chosen.All(l => l.Position == chosen[0].Position))
        {
            var headcount = candidates.Index.Positions[candidates.Index.PositionIndex[chosen[0].Position]].Headcount;
            return $"{names}: position {chosen[0].Position} has {headcount} seat(s), fewer than the {chosen.Length} locked members "
                + $"({Join(chosen.Select(Days))}) on overlapping days";
        }
        var rulesText = new List<string>();
        if (budget) rulesText.Add($"the budget of {problem.Policy.Budget!.Value.ToString("#,0.##", CultureInfo.InvariantCulture)}");
        rulesText.AddRange(surges.Select(k => $"surge limit S{k} ({problem.Policy.Surge[k].Describe()})"));
        var allTeams = problem.Operations.SelectMany(o => o.Teams).ToArray();
        rulesText.AddRange(teams.Select(k => $"team {allTeams[k].Id} deploying all together or not at all ({string.Join(", ", allTeams[k].Positions)})"));
        var detail = string.Join("; ", locks.Select(n => $"L{n}: {problem.Locks[n].Member} on {problem.Locks[n].Position}{DatesSuffix(problem.Locks[n])}"));
        return rulesText.Count == 0
            ? $"{names} cannot all be kept together with the seat, rest and maximum-tour rules ({detail})"
            : $"{names} cannot {(locks.Length == 1 ? "be" : "all be")} kept within {Join(rulesText)} ({detail})";
    }

    private static string SameMember(CandidateSet candidates, AssignmentLock a, AssignmentLock b)
    {
        var rest = candidates.Index.Problem.Policy.RestDays;
        var prefix = $"member {a.Member} cannot serve {a.Position} and {b.Position}";
        if (a.Start is { } s1 && a.End is { } e1 && b.Start is { } s2 && b.End is { } e2)
        {
            var dates = $" ({Day(s1)}..{Day(e1)} and {Day(s2)}..{Day(e2)})";
            if (s1 <= e2 && s2 <= e1) return prefix + " on overlapping days" + dates;
            var gap = (s1 > e2 ? s1.DayNumber - e2.DayNumber : s2.DayNumber - e1.DayNumber) - 1;
            if (gap < rest) return prefix + $" with {gap} day(s) between the tours, fewer than the {rest} rest days" + dates;
            return prefix + " within the rest, maximum-tour and availability rules" + dates;
        }
        return prefix + " with any two tours that keep the rest, maximum-tour and availability rules";
    }

    private static string Days(AssignmentLock l) => l.Start is { } s && l.End is { } e ? $"{l.Member} {Day(s)}..{Day(e)}" : l.Member;

    private static string DatesSuffix(AssignmentLock l) => l.Start is { } s && l.End is { } e ? $" {Day(s)}..{Day(e)}" : "";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }
}
