using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Replanning;

/// <summary>
/// The difference between the previous roster and the new one, one entry per assignment of either, each change with its
/// reason: forced by the problem, or chosen by the planner for coverage.
/// </summary>
/// <remarks>
/// <para>Tours are paired per member: first a new tour with the previous tour on the same position it shares most days
/// with (kept, shortened, extended or moved in time), then the member's remaining tours by nearest start (moved). What is
/// left is added or removed.</para>
/// <para>A lost day is forced when the problem alone rules it out: the validator finds a rule the previous days break on
/// their own (the member or position gone, the window, skills, the lead time, availability, an exclusion), or a lock
/// places the member elsewhere, or the history's cut says so. Otherwise the planner chose it; since changes are minimized
/// right after coverage, only for coverage, and the reason names the rule that keeping the days would break in the new
/// roster (a seat taken, rest days, a surge limit, the budget).</para>
/// </remarks>
internal static class ChangeList
{
    public static ImmutableArray<RosterChange> Build(DeploymentProblem problem, IReadOnlyList<Assignment> previous,
        ImmutableArray<Assignment> current, ImmutableArray<HistoryCut> cuts)
    {
        var priority = problem.Operations.SelectMany(o => o.Positions).GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Priority, StringComparer.Ordinal);
        var cutOf = new Dictionary<Assignment, HistoryCut>();
        foreach (var cut in cuts) cutOf.TryAdd(cut.Tour, cut);
        var pair = new int[current.Length];
        Array.Fill(pair, -1);
        var used = new bool[previous.Count];
        var byMember = Enumerable.Range(0, previous.Count).ToLookup(j => previous[j].Member, StringComparer.Ordinal);
        for (var i = 0; i < current.Length; i++)
        {
            var c = current[i];
            pair[i] = Best(byMember[c.Member].Where(j => !used[j] && previous[j].Position == c.Position && Overlap(previous[j], c) > 0),
                j => Overlap(previous[j], c));
            if (pair[i] >= 0) used[pair[i]] = true;
        }
        for (var i = 0; i < current.Length; i++)
        {
            if (pair[i] >= 0) continue;
            var c = current[i];
            pair[i] = Best(byMember[c.Member].Where(j => !used[j]), j => -Math.Abs(previous[j].Start.DayNumber - c.Start.DayNumber));
            if (pair[i] >= 0) used[pair[i]] = true;
        }

        var changes = ImmutableArray.CreateBuilder<RosterChange>(current.Length);
        for (var i = 0; i < current.Length; i++)
        {
            var c = current[i];
            if (pair[i] < 0)
            {
                var (reason, forced) = Gained(problem, c, c.Days, priority, Vacated(previous, current, c));
                changes.Add(new RosterChange(ChangeKind.Added, c.Member, c.Position, c.Start, c.End, reason) { Forced = forced });
                continue;
            }
            var p = previous[pair[i]];
            var kind = p.Position != c.Position ? ChangeKind.Moved
                : p.Days == c.Days ? ChangeKind.Kept
                : Contains(p.Days, c.Days) ? ChangeKind.Shortened
                : Contains(c.Days, p.Days) ? ChangeKind.Extended
                : ChangeKind.Moved;
            var entry = new RosterChange(kind, c.Member, c.Position, c.Start, c.End, null) { Previous = kind == ChangeKind.Kept ? null : p };
            if (kind == ChangeKind.Kept)
            {
                changes.Add(entry);
                continue;
            }
            var (why, isForced) = Lost(p, c) is { } lost
                ? Why(problem, previous, p, lost, current, i, cutOf, priority)
                : Gained(problem, c, Gain(p, c), priority, Vacated(previous, current, c));
            changes.Add(entry with { Reason = why, Forced = isForced });
        }
        for (var j = 0; j < previous.Count; j++)
        {
            if (used[j]) continue;
            var p = previous[j];
            var (reason, forced) = Why(problem, previous, p, p.Days, current, -1, cutOf, priority);
            changes.Add(new RosterChange(ChangeKind.Removed, p.Member, p.Position, p.Start, p.End, reason) { Forced = forced });
        }
        return changes.ToImmutable();
    }

    /// <summary>
    /// The difference between the previous roster's trainings and <paramref name="current"/>: one entry per training of
    /// either, those of sessions begun before the planning date left out (they are history, not re-planned). A member's
    /// training for the same credential in another session is moved.
    /// </summary>
    public static ImmutableArray<TrainingChange> Build(DeploymentProblem problem, IReadOnlyList<Training> previous, ImmutableArray<Training> current)
    {
        var planned = previous.Where(t => t.Start >= problem.PlanningDate).ToList();
        var changes = ImmutableArray.CreateBuilder<TrainingChange>();
        foreach (var t in current)
        {
            var same = planned.FirstOrDefault(p => p.Member == t.Member && p.Session == t.Session)
                ?? planned.FirstOrDefault(p => p.Member == t.Member && string.Equals(p.Credential, t.Credential, StringComparison.OrdinalIgnoreCase));
            if (same is not null) planned.Remove(same);
            var kind = same is null ? ChangeKind.Added : same.Session == t.Session ? ChangeKind.Kept : ChangeKind.Moved;
            changes.Add(new TrainingChange(kind, t.Member, t.Credential, t.Session, t.Start, t.End,
                kind == ChangeKind.Kept ? null : $"trained for {t.Credential} {(kind == ChangeKind.Moved ? $"in session {t.Session} instead of {same!.Session}" : $"in session {t.Session}")}, which a tour of the member needs")
            { Previous = kind == ChangeKind.Kept ? null : same });
        }
        foreach (var p in planned)
        {
            var reason = !problem.Members.Any(m => m.Id == p.Member) ? Reasons.MemberGone(p.Member)
                : TrainingRules.Session(problem, p.Session) is null ? $"session '{p.Session}' is no longer offered"
                : $"no tour of the member needs {p.Credential} from session {p.Session} any more";
            changes.Add(new TrainingChange(ChangeKind.Removed, p.Member, p.Credential, p.Session, p.Start, p.End, reason));
        }
        return changes.ToImmutable();
    }

    /// <summary>Why the previous tour <paramref name="previous"/> lost the days <paramref name="lost"/>.</summary>
    private static (string Reason, bool Forced) Why(DeploymentProblem problem, IReadOnlyList<Assignment> previousRoster, Assignment previous,
        DateRange lost, ImmutableArray<Assignment> current, int replacing, Dictionary<Assignment, HistoryCut> cuts, Dictionary<string, Priority> priority)
    {
        if (cuts.TryGetValue(previous, out var cut)) return (cut.Reason, true);
        var alone = previous with { Start = lost.Start, End = lost.End };
        var own = RosterValidator.Validate(problem, [alone], previousRoster).FirstOrDefault(v => v.Rule.OfOneTour());
        if (own is not null)
        {
            return (own.Rule switch
            {
                Rule.UnknownMember => Reasons.MemberGone(previous.Member),
                Rule.UnknownPosition => Reasons.PositionGone(previous.Position),
                _ => own.Message,
            }, true);
        }
        if (Reasons.LockElsewhere(problem, previous.Member, previous.Position, lost.Start.DayNumber, lost.End.DayNumber) is { } locked)
            return (locked, true);
        // Chosen: keeping the days in the new roster breaks a rule with other members' tours (the member's own new tours
        // are the consequence, not the cause, so they make way), or only gives up coverage elsewhere.
        // Whoever took the seat over is a consequence too: without them, the rule that made the swap worth it shows.
        var rest = problem.Policy.RestDays;
        var kept = current.Where((a, i) => i != replacing && !(a.Member == alone.Member
                && a.Start.DayNumber <= alone.End.DayNumber + rest && alone.Start.DayNumber <= a.End.DayNumber + rest))
            .Append(alone).ToList();
        var successors = kept.Where(a => a.Member != alone.Member && a.Position == alone.Position && a.Days.Overlaps(lost) && !previousRoster.Contains(a)).ToList();
        var deeper = successors.Count == 0 ? null
            : RosterValidator.Validate(problem, [.. kept.Except(successors)], previousRoster).FirstOrDefault(v => v.Rule != Rule.Lock);
        var between = deeper ?? RosterValidator.Validate(problem, kept, previousRoster).FirstOrDefault(v => v.Rule != Rule.Lock);
        var successor = deeper is null || successors.Count == 0 ? "" : $"; member '{successors[0].Member}' holds the seat instead";
        if (between is not null) return ($"keeping it would break a rule ({between.Rule.Describe()}): {between.Message}{successor}", false);
        var taken = replacing >= 0 ? current[replacing] : null;
        return (taken is null
            ? "freed for higher-priority coverage"
            : $"moved to cover more: {Label(priority, taken.Position)} seat-days on position '{taken.Position}' from {taken.Start:yyyy-MM-dd}", false);
    }

    /// <summary>Why <paramref name="tour"/> holds the days <paramref name="gained"/> the previous roster did not give it.</summary>
    private static (string Reason, bool Forced) Gained(DeploymentProblem problem, Assignment tour, DateRange gained, Dictionary<string, Priority> priority,
        Assignment? vacated)
    {
        var locked = problem.Locks.FirstOrDefault(l => l.Member == tour.Member && l.Position == tour.Position
            && (l.Start is not { } s || l.End is not { } e || new DateRange(s, e).Overlaps(gained)));
        if (locked is not null)
            return ($"a lock places member '{tour.Member}' on position '{tour.Position}'", true);
        var fills = $"fills {gained.Days} {Label(priority, tour.Position)} seat-days";
        return (vacated is null ? fills : $"{fills}, in place of member '{vacated.Member}' ({vacated.Start:yyyy-MM-dd}..{vacated.End:yyyy-MM-dd})", false);
    }

    /// <summary>A previous tour of another member on <paramref name="tour"/>'s position and days that the new roster does not keep there.</summary>
    private static Assignment? Vacated(IReadOnlyList<Assignment> previous, ImmutableArray<Assignment> current, Assignment tour) =>
        previous.FirstOrDefault(p => p.Member != tour.Member && p.Position == tour.Position && Overlap(p, tour) > 0
            && !current.Any(c => c.Member == p.Member && c.Position == p.Position && c.Start <= p.Start && p.End <= c.End));

    private static string Label(Dictionary<string, Priority> priority, string position) =>
        priority.TryGetValue(position, out var p) ? p.ToString().ToLowerInvariant() : "";

    private static int Best(IEnumerable<int> candidates, Func<int, int> score)
    {
        var (best, bestScore) = (-1, int.MinValue);
        foreach (var j in candidates)
        {
            var s = score(j);
            if (s > bestScore) (best, bestScore) = (j, s);
        }
        return best;
    }

    private static int Overlap(Assignment a, Assignment b) =>
        Math.Max(0, Math.Min(a.End.DayNumber, b.End.DayNumber) - Math.Max(a.Start.DayNumber, b.Start.DayNumber) + 1);

    private static bool Contains(DateRange outer, DateRange inner) => outer.Start <= inner.Start && inner.End <= outer.End;

    /// <summary>The first run of the previous tour's days the new tour does not keep (all of them on another position), or none.</summary>
    private static DateRange? Lost(Assignment previous, Assignment current)
    {
        if (previous.Position != current.Position || Overlap(previous, current) == 0) return previous.Days;
        if (previous.Start < current.Start) return new DateRange(previous.Start, current.Start.AddDays(-1));
        if (current.End < previous.End) return new DateRange(current.End.AddDays(1), previous.End);
        return null;
    }

    /// <summary>The first run of the new tour's days the previous one did not have.</summary>
    private static DateRange Gain(Assignment previous, Assignment current) =>
        current.Start < previous.Start ? new DateRange(current.Start, previous.Start.AddDays(-1)) : new DateRange(previous.End.AddDays(1), current.End);
}
