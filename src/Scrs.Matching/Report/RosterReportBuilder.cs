using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;

namespace Scrs.Matching.Report;

/// <summary>The parts of a roster's report that follow from its assignments: fill rates, unfilled positions and surge use.</summary>
internal sealed record RosterReport(
    ImmutableArray<UnfilledPosition> Unfilled,
    ImmutableArray<FillRate> OperationFill,
    ImmutableArray<FillRate> PriorityFill,
    ImmutableArray<SurgeUse> SurgeUse);

/// <summary>Builds the report of a verified roster and explains every seat it leaves empty.</summary>
internal static class RosterReportBuilder
{
    /// <summary>The report of <paramref name="assignments"/>, or of no roster at all when it is <see langword="null"/>.</summary>
    /// <remarks>
    /// Without a roster (the problem is infeasible, or the search stopped before finding one) every seat is empty and a
    /// position's reason says only what the input itself rules out; nothing is said about a search that chose nothing.
    /// </remarks>
    public static RosterReport Build(CandidateSet candidates, IReadOnlyList<Assignment>? assignments)
    {
        var found = assignments is not null;
        assignments ??= [];
        var index = candidates.Index;
        var byPosition = assignments.GroupBy(a => index.PositionIndex[a.Position]).ToDictionary(g => g.Key, g => g.ToList());
        var byMember = assignments.GroupBy(a => index.MemberIndex[a.Member]).ToDictionary(g => g.Key, g => g.Select(a => a.Days).ToList());
        var surge = SurgeScope.Resolve(index);
        var surgeUse = surge.Select((s, k) => Use(index, s, k, assignments)).ToImmutableArray();

        var teamOf = index.Problem.Operations.SelectMany(o => o.Teams).SelectMany(t => t.Positions.Select(id => (id, t)))
            .ToDictionary(x => x.id, x => x.t, StringComparer.Ordinal);
        var covered = new long[index.Positions.Length];
        var unfilled = ImmutableArray.CreateBuilder<UnfilledPosition>();
        // Each position's candidate tours, gathered once: scanning every tour for each unfilled position took minutes
        // at 20,000 members (7.9 M tours, 2,000 positions).
        List<int>[]? toursOf = null;
        for (var p = 0; p < index.Positions.Length; p++)
        {
            var position = index.Positions[p];
            var tours = byPosition.GetValueOrDefault(p) ?? [];
            covered[p] = tours.Sum(a => (long)a.Days.Days);
            var gaps = Gaps(candidates.Slots[p], position.Headcount, tours);
            if (gaps.IsEmpty) continue;
            toursOf ??= ToursByPosition(candidates);
            var reason = Explain(candidates, toursOf[p], p, gaps[0].Days, found ? byMember : null, surge, assignments);
            // A team's empty slot is the team's: what keeps the team as a whole from deploying, else the position's reason.
            if (teamOf.TryGetValue(position.Id, out var team))
            {
                var slot = candidates.Slots[p].First(x => x.Start <= gaps[0].Days.Start.DayNumber && gaps[0].Days.Start.DayNumber <= x.End);
                reason = $"team {team.Id}, slot {PlanningIndex.Day(slot.Start):yyyy-MM-dd}..{PlanningIndex.Day(slot.End):yyyy-MM-dd}: "
                    + (TeamReason(candidates, toursOf, team, slot) ?? reason);
            }
            unfilled.Add(new UnfilledPosition(index.OperationOf(p).Id, position.Id, position.Priority,
                gaps.Sum(g => (long)g.Days.Days * g.EmptySeats), gaps, reason));
        }

        long Required(int p) => (long)index.Positions[p].Headcount * index.Positions[p].Window.Days;
        var positions = Enumerable.Range(0, index.Positions.Length).ToArray();
        var operationFill = index.Problem.Operations.Select((o, k) =>
        {
            var mine = positions.Where(p => index.PositionOperation[p] == k).ToArray();
            return new FillRate(o.Id, mine.Sum(p => covered[p]), mine.Sum(Required));
        }).ToImmutableArray();
        var priorityFill = Enum.GetValues<Priority>().Select(priority =>
        {
            var mine = positions.Where(p => index.Positions[p].Priority == priority).ToArray();
            return new FillRate(priority.ToString().ToLowerInvariant(), mine.Sum(p => covered[p]), mine.Sum(Required));
        }).ToImmutableArray();
        return new RosterReport(unfilled.ToImmutable(), operationFill, priorityFill, surgeUse);
    }

    /// <summary>
    /// What keeps <paramref name="team"/> from deploying on <paramref name="slot"/> whatever the rest of the roster: a
    /// position with fewer members who can serve the slot than seats, fewer such members in all than the team's seats,
    /// or fewer agencies among them than the team's least; <see langword="null"/> when none of these.
    /// </summary>
    private static string? TeamReason(CandidateSet candidates, List<int>[] toursOf, Team team, Slot slot)
    {
        var index = candidates.Index;
        var tours = candidates.Tours;
        var able = new HashSet<int>();
        foreach (var id in team.Positions)
        {
            var q = index.PositionIndex[id];
            var members = toursOf[q].Where(j => tours[j].Start <= slot.Start && slot.End <= tours[j].End).Select(j => tours[j].Member).ToHashSet();
            var seats = index.Positions[q].Headcount;
            if (members.Count == 0) return $"position {id} has no member who can serve it";
            if (members.Count < seats) return $"position {id} has {members.Count} member(s) who can serve it for {seats} seats";
            able.UnionWith(members);
        }
        var all = team.Positions.Sum(id => index.Positions[index.PositionIndex[id]].Headcount);
        if (able.Count < all) return $"{able.Count} member(s) can serve its {all} seats";
        if (team.MinAgencies is not { } least) return null;
        var agencies = able.Select(m => index.Members[m].Agency).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        return agencies >= least ? null
            : $"only {agencies} agenc{(agencies == 1 ? "y" : "ies")} among the members who could staff it, {least} required";
    }

    /// <summary>
    /// The rotation slots of a team (its first position's, which all its positions share) with whether it deploys on each:
    /// some tour on one of its positions meets the slot (all or nothing, so a valid roster staffs every seat then).
    /// </summary>
    internal static IEnumerable<(Slot Slot, bool Deployed)> TeamSlots(DeploymentProblem problem, Position lead, IReadOnlyCollection<Assignment> teamTours) =>
        Slots.Cut(lead.Window, problem.RotationDays(lead))
            .Select(slot => (slot, teamTours.Any(a => a.Start.DayNumber <= slot.End && slot.Start <= a.End.DayNumber)));

    /// <summary>
    /// For each credential of the position a course gives: the sessions that could train a member in time for
    /// <paramref name="gap"/> (on or after the planning date, ending before it starts, valid through its end), or that none does.
    /// </summary>
    private static string Sessions(PlanningIndex index, Position position, DateRange gap)
    {
        var parts = new List<string>();
        foreach (var credential in position.Credentials)
        {
            var given = index.Sessions.Where(s => string.Equals(s.Course.Credential, credential, StringComparison.OrdinalIgnoreCase)).ToList();
            if (given.Count == 0) continue;
            var inTime = given.Where(s => s.Session.Days.Start >= index.Problem.PlanningDate && Verification.TrainingRules.InTime(s.Course, s.Session, gap))
                .Select(s => s.Session.Id).ToList();
            parts.Add(inTime.Count == 0 ? $"no {credential} session ends before {gap.Start:yyyy-MM-dd} and stays valid through {gap.End:yyyy-MM-dd}"
                : $"{credential} session(s) {string.Join(", ", inTime)} end in time for it");
        }
        return parts.Count == 0 ? "" : "; " + string.Join("; ", parts);
    }

    /// <summary>Empty seats per slot, adjacent slots with the same number of empty seats joined.</summary>
    private static ImmutableArray<UncoveredRange> Gaps(Slot[] slots, int headcount, List<Assignment> tours)
    {
        var gaps = ImmutableArray.CreateBuilder<UncoveredRange>();
        foreach (var slot in slots)
        {
            var empty = headcount - tours.Count(a => a.Start.DayNumber <= slot.Start && slot.End <= a.End.DayNumber);
            if (empty <= 0) continue;
            var range = new DateRange(DateOnly.FromDayNumber(slot.Start), DateOnly.FromDayNumber(slot.End));
            if (gaps.Count > 0 && gaps[^1].EmptySeats == empty && gaps[^1].Days.End.DayNumber + 1 == slot.Start)
                gaps[^1] = gaps[^1] with { Days = gaps[^1].Days with { End = range.End } };
            else
                gaps.Add(new UncoveredRange(range, empty));
        }
        return gaps.ToImmutable();
    }

    /// <summary>
    /// Why the first gap of a position stayed open: which requirement nobody meets, or what kept the qualified members away
    /// (<paramref name="byMember"/>: the roster's tours by member, <see langword="null"/> without a roster).
    /// </summary>
    private static string Explain(CandidateSet candidates, List<int> positionTours, int p, DateRange gap,
        Dictionary<int, List<DateRange>>? byMember, SurgeScope[] surge, IReadOnlyList<Assignment> assignments)
    {
        var index = candidates.Index;
        var position = index.Positions[p];
        var f = candidates.Funnels[p];
        // By name: a dictionary's order follows string hashes, which differ from process to process, and the same roster
        // must give the same text wherever it is written (the worker host's against the command line's).
        string Skills() => position.Requires.Count == 0 ? "any skills"
            : string.Join(", ", position.Requires.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} >= {r.Value}"));
        if (f.Skills == 0) return $"no member has {Skills()}";
        if (f.Languages == 0) return $"{f.Skills} member(s) have {Skills()} but none speaks {string.Join(" and ", position.Languages)}";
        if (f.Clearance == 0) return $"{f.Languages} member(s) have the skills and languages but none holds {position.Clearance} clearance";
        if (f.Component == 0) return $"{f.Clearance} member(s) qualify but none is of an allowed component ({string.Join(", ", position.AllowedComponents)})";
        if (f.NotExcluded == 0) return $"{f.Component} member(s) qualify but every one is excluded from the position (exclusions)";
        var credentials = string.Join(" and ", position.Credentials);
        if (f.Credentialed == 0)
            return $"{f.NotExcluded} member(s) qualify but none holds {credentials}"
                + (index.Sessions.Length == 0 ? "" : ", and no session on or after the planning date that they are free for gives it");
        var held = position.Credentials.IsEmpty ? "" : $", or {credentials} expiring";
        if (f.WithTour == 0) return $"{f.Credentialed} member(s) qualify but none can serve a whole rotation slot (lead time, maximum tour, unavailability{held})";

        var rest = index.Problem.Policy.RestDays;
        var operation = index.PositionOperation[p];
        var able = new HashSet<int>();
        foreach (var j in positionTours)
        {
            var t = candidates.Tours[j];
            if (t.Start <= gap.Start.DayNumber && gap.End.DayNumber <= t.End) able.Add(t.Member);
        }
        if (able.Count == 0)
        {
            if (position.Credentials.IsEmpty) return $"{f.WithTour} member(s) qualify but none can serve {gap} (lead time, maximum tour or unavailability)";
            // The members who meet every other requirement but whose credentials end before the gap does.
            var lapsed = candidates.Eligible[p].Count(m => index.Members[m].HoldsThrough(position.Credentials) is { } last && last.DayNumber < gap.End.DayNumber);
            return $"{f.WithTour} member(s) qualify but none can serve {gap} (lead time, maximum tour, unavailability, or {credentials} "
                + $"not valid through {gap.End:yyyy-MM-dd}: {lapsed} of those who meet every other requirement hold it for less){Sessions(index, position, gap)}";
        }
        if (byMember is null) return $"{able.Count} qualified member(s) could serve {gap}, but no roster was found (see the roster's reasons)";
        int busy = 0, other = 0;
        var heldBy = new Dictionary<int, int>();
        // Whether each limit is tight over the gap depends on the limit alone, not on the member: decided once each.
        var tight = new bool?[surge.Length];
        foreach (var m in able)
        {
            var tours = byMember.GetValueOrDefault(m);
            if (tours is not null && tours.Exists(d => d.Start.DayNumber <= gap.End.DayNumber + rest && gap.Start.DayNumber <= d.End.DayNumber + rest))
            {
                busy++;
                continue;
            }
            var limit = -1;
            for (var k = 0; k < surge.Length && limit < 0; k++)
            {
                if (surge[k].Counts(m, operation) && (tight[k] ??= Tight(index, surge[k], assignments, gap.Start.DayNumber, gap.End.DayNumber)))
                    limit = k;
            }
            if (limit >= 0) heldBy[limit] = heldBy.GetValueOrDefault(limit) + 1;
            else other++;
        }
        var parts = new List<string>();
        if (busy > 0) parts.Add($"{busy} deployed elsewhere or resting");
        parts.AddRange(heldBy.OrderByDescending(h => h.Value).Select(h => $"{h.Value} held back by surge limit '{surge[h.Key].Limit.Describe()}'"));
        if (other > 0) parts.Add($"{other} left free because filling this seat would cost more coverage or rules elsewhere (rest, budget or seats of a longer tour)");
        return $"{able.Count} qualified member(s) could serve {gap}: {string.Join("; ", parts)}";
    }

    /// <summary>The candidate tours of each position (indices into <see cref="CandidateSet.Tours"/>).</summary>
    private static List<int>[] ToursByPosition(CandidateSet candidates)
    {
        var toursOf = new List<int>[candidates.Index.Positions.Length];
        for (var p = 0; p < toursOf.Length; p++) toursOf[p] = [];
        for (var j = 0; j < candidates.Tours.Length; j++) toursOf[candidates.Tours[j].Position].Add(j);
        return toursOf;
    }

    /// <summary>Peak use of one limit by the roster, from a sweep over the days tours start and end.</summary>
    private static SurgeUse Use(PlanningIndex index, SurgeScope scope, int k, IReadOnlyList<Assignment> assignments)
    {
        var counted = new List<Assignment>();
        var operationTours = new List<Assignment>();
        foreach (var a in assignments)
        {
            var operation = index.PositionOperation[index.PositionIndex[a.Position]];
            if (scope.Operation >= 0 && operation != scope.Operation) continue;
            operationTours.Add(a);
            if (scope.InScope[index.MemberIndex[a.Member]]) counted.Add(a);
        }
        var days = counted.SelectMany(a => new[] { a.Start.DayNumber, a.End.DayNumber + 1 })
            .Concat(operationTours.Select(a => a.End.DayNumber + 1)).Distinct().Order();
        int peak = 0;
        DateOnly? peakDay = null;
        var capacity = (double)(scope.Cap ?? 0);
        foreach (var day in days)
        {
            var use = counted.Count(a => a.Start.DayNumber <= day && day <= a.End.DayNumber);
            if (use == 0) continue;
            var total = operationTours.Count(a => a.Start.DayNumber <= day && day <= a.End.DayNumber);
            var dayCapacity = scope.Cap ?? scope.OperationShare!.Value * total;
            if (use > peak || (use == peak && scope.Cap is null && dayCapacity < capacity))
            {
                peak = use;
                peakDay = DateOnly.FromDayNumber(day);
                capacity = dayCapacity;
            }
        }
        // Binding on some day a position in the limit's scope is open: that is when one more member could be deployed.
        var open = Enumerable.Range(0, index.Positions.Length)
            .Where(p => scope.Operation < 0 || index.PositionOperation[p] == scope.Operation).Select(p => index.Positions[p].Window).ToList();
        var binding = open.Count > 0 && Tight(index, scope, assignments, open.Min(w => w.Start.DayNumber), open.Max(w => w.End.DayNumber));
        return new SurgeUse(k, scope.Limit.Describe(), peak, peakDay, scope.Cap is null && peakDay is null ? 0 : capacity, binding);
    }

    /// <summary>
    /// Whether one more member in the scope of <paramref name="scope"/>, deployed on its operation, would break the limit
    /// on some day from <paramref name="from"/> to <paramref name="to"/> (day numbers). Days nobody in scope serves count
    /// too: a share of an operation with nobody on it admits no one in scope at all.
    /// </summary>
    private static bool Tight(PlanningIndex index, SurgeScope scope, IReadOnlyList<Assignment> assignments, int from, int to)
    {
        var tours = assignments.Where(a => scope.Operation < 0 || index.PositionOperation[index.PositionIndex[a.Position]] == scope.Operation).ToList();
        // The counts change only where a tour starts or ends, so those days (and the range's first day) are all there is to check.
        var days = tours.SelectMany(a => new[] { a.Start.DayNumber, a.End.DayNumber + 1 }).Append(from).Where(d => from <= d && d <= to).Distinct();
        foreach (var day in days)
        {
            var on = tours.Where(a => a.Start.DayNumber <= day && day <= a.End.DayNumber).ToList();
            var use = on.Count(a => scope.InScope[index.MemberIndex[a.Member]]);
            if (scope.Cap is { } cap ? use + 1 > cap : use + 1 > scope.OperationShare!.Value * (on.Count + 1) + 1e-9) return true;
        }
        return false;
    }
}
