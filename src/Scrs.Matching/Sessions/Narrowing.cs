using System.Collections.Immutable;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Sessions;

/// <summary>
/// Whether an edited problem only narrows a solved one: every roster of the edited problem is a roster of the solved
/// one, with the same value on every level of the objective.
/// </summary>
/// <remarks>
/// <para>Why it matters: then each level's optimum of the edited problem is at most (for cost and load: at least) the
/// solved one's, as long as the levels before it reached the solved optima too (the rosters at those optima are again
/// a subset). So a roster of the edited problem that reaches the solved optimum of a level is optimal on it, with no
/// search: a member who declines a tour nobody chose, an exclusion from a seat not held, a lower budget the roster keeps.</para>
/// <para>The check is on the problems, not on the edits, so any sequence of edits is judged by what it did: the same
/// planning date, policy and surge limits (a budget only lowered or added), courses with only sessions cancelled or seats
/// cut; every member of the edited problem is one of
/// the solved one's, with the same fields apart from more unavailable days; every position is one of the solved one's on
/// the same operation, with the same fields apart from a headcount no higher; every lock and exclusion of the solved
/// problem is still there, and a dated lock added starts no tour before its member's lead time is over (such a lock
/// exempts its days from the lead time). Members, positions, locks' absence or exclusions may only go the narrowing way; anything
/// else (a member or position added, a limit raised, a lock lifted) answers <see langword="false"/>.</para>
/// </remarks>
internal static class Narrowing
{
    public static bool Narrows(DeploymentProblem edited, DeploymentProblem solved)
    {
        if (ReferenceEquals(edited, solved)) return true;
        if (edited.PlanningDate != solved.PlanningDate || !SamePolicy(edited.Policy, solved.Policy)
            || !NarrowsCourses(edited.Policy.Courses, solved.Policy.Courses)) return false;
        if (solved.Policy.Budget is { } budget && !(edited.Policy.Budget is { } lower && lower <= budget)) return false;

        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        foreach (var m in solved.Members) members.TryAdd(m.Id, m);
        foreach (var m in edited.Members)
        {
            if (!members.TryGetValue(m.Id, out var was)) return false;
            if (ReferenceEquals(m, was)) continue;
            if (!(m with { Unavailable = was.Unavailable }).SameAs(was) || !Covers(m.Unavailable, was.Unavailable)) return false;
        }

        var positions = new Dictionary<string, (string Operation, Position Position)>(StringComparer.Ordinal);
        foreach (var o in solved.Operations)
        {
            foreach (var p in o.Positions) positions.TryAdd(p.Id, (o.Id, p));
        }
        // Teams are rules of their own: the same teams, operation by operation, or no narrowing to speak of.
        var teams = solved.Operations.ToDictionary(o => o.Id, o => o.Teams, StringComparer.Ordinal);
        foreach (var o in edited.Operations)
        {
            if (!SameTeams(o.Teams, teams.GetValueOrDefault(o.Id, []))) return false;
            foreach (var p in o.Positions)
            {
                if (!positions.TryGetValue(p.Id, out var was) || was.Operation != o.Id) return false;
                if (!ReferenceEquals(p, was.Position) && (p.Headcount > was.Position.Headcount || !(p with { Headcount = was.Position.Headcount }).SameAs(was.Position)))
                    return false;
            }
        }
        return Contains(edited.Locks, solved.Locks) && Contains(edited.Exclusions, solved.Exclusions)
            && edited.Locks.Except(solved.Locks).All(l => !ExemptsLeadTime(edited, l, members, positions));
    }

    /// <summary>
    /// Whether a dated lock lets its member start a tour before the lead time is over (a slot meeting its days starts
    /// then): such tours are new, so a problem with the lock is not narrower.
    /// </summary>
    private static bool ExemptsLeadTime(DeploymentProblem problem, AssignmentLock @lock, Dictionary<string, Member> members,
        Dictionary<string, (string Operation, Position Position)> positions)
    {
        if (@lock is not { Start: { } start, End: { } end }) return false;
        if (!members.TryGetValue(@lock.Member, out var member) || !positions.TryGetValue(@lock.Position, out var position)) return true;
        var earliest = problem.PlanningDate.DayNumber + problem.LeadTimeDays(member);
        return Eligibility.Slots.Cut(position.Position.Window, problem.RotationDays(position.Position))
            .Any(s => s.Start <= end.DayNumber && start.DayNumber <= s.End && s.Start < earliest);
    }

    /// <summary>
    /// Whether every session of <paramref name="edited"/> is one of <paramref name="solved"/>'s, with the same days, no
    /// more seats, and its course's credential, valid days and cost: sessions cancelled (<see cref="SessionCancelled"/>)
    /// or seats cut only take trainings away.
    /// </summary>
    internal static bool NarrowsCourses(ImmutableArray<Course> edited, ImmutableArray<Course> solved)
    {
        if (edited == solved) return true;
        var sessions = new Dictionary<string, (Course Course, CourseSession Session)>(StringComparer.Ordinal);
        foreach (var c in solved.IsDefault ? [] : solved)
        {
            foreach (var s in c.Sessions) sessions.TryAdd(s.Id, (c, s));
        }
        return (edited.IsDefault ? [] : edited).All(c => c.Sessions.All(s => sessions.TryGetValue(s.Id, out var was)
            && s.Days == was.Session.Days && s.Seats <= was.Session.Seats && c.Credential == was.Course.Credential
            && c.ValidDays == was.Course.ValidDays && c.CostPerSeat == was.Course.CostPerSeat));
    }

    /// <summary>Whether both have the same courses, field by field.</summary>
    internal static bool SameCourses(ImmutableArray<Course> a, ImmutableArray<Course> b) =>
        a == b || (a.IsDefault ? [] : a).SequenceEqual(b.IsDefault ? [] : b, CourseComparer.Instance);

    /// <summary>Courses by content (a record compares its sessions' array by reference).</summary>
    private sealed class CourseComparer : IEqualityComparer<Course>
    {
        public static CourseComparer Instance { get; } = new();

        public bool Equals(Course? x, Course? y) => ReferenceEquals(x, y) || x is not null && y is not null && x.Credential == y.Credential
            && x.ValidDays == y.ValidDays && x.CostPerSeat == y.CostPerSeat && x.Sessions.SequenceEqual(y.Sessions);

        public int GetHashCode(Course obj) => obj.Credential.GetHashCode(StringComparison.Ordinal);
    }

    private static bool SameTeams(ImmutableArray<Team> a, ImmutableArray<Team> b) =>
        a == b || a.Length == b.Length && a.Zip(b).All(t => t.First.Id == t.Second.Id && t.First.MinAgencies == t.Second.MinAgencies
            && t.First.Positions.SequenceEqual(t.Second.Positions));

    private static bool SamePolicy(Policy a, Policy b) =>
        ReferenceEquals(a, b) || a.RestDays == b.RestDays && a.DefaultRotationDays == b.DefaultRotationDays
            && a.Surge.SequenceEqual(b.Surge) && a.Components.Count == b.Components.Count
            && a.Components.All(c => b.Components.TryGetValue(c.Key, out var other) && other == c.Value);

    /// <summary>Whether every day of <paramref name="inner"/> is within <paramref name="outer"/>.</summary>
    private static bool Covers(IReadOnlyList<DateRange> outer, IReadOnlyList<DateRange> inner) =>
        inner.All(r => Enumerable.Range(r.Start.DayNumber, r.Days).All(d => outer.Any(o => o.Start.DayNumber <= d && d <= o.End.DayNumber)));

    /// <summary>Whether <paramref name="all"/> holds every item of <paramref name="some"/> (as many times).</summary>
    private static bool Contains<T>(IReadOnlyList<T> all, IReadOnlyList<T> some) where T : notnull
    {
        var counts = new Dictionary<T, int>();
        foreach (var x in all) counts[x] = counts.GetValueOrDefault(x) + 1;
        foreach (var x in some)
        {
            if (counts.GetValueOrDefault(x) == 0) return false;
            counts[x]--;
        }
        return true;
    }

    /// <summary>Field by field, the collections by content (records compare immutable collections by reference).</summary>
    private static bool SameAs(this Member a, Member b) =>
        a.Id == b.Id && a.Name == b.Name && a.Component == b.Component && a.Agency == b.Agency && a.Clearance == b.Clearance
        && a.LeadTimeDays == b.LeadTimeDays && a.MaxTourDays == b.MaxTourDays && a.DailyCost == b.DailyCost
        && a.DeployedDaysLast365 == b.DeployedDaysLast365 && a.Languages.SequenceEqual(b.Languages) && SameMap(a.Skills, b.Skills)
        && SameMap(a.Credentials, b.Credentials) && a.Unavailable.SequenceEqual(b.Unavailable);

    private static bool SameAs(this Position a, Position b) =>
        a.Id == b.Id && a.Title == b.Title && a.Clearance == b.Clearance && a.Headcount == b.Headcount && a.Window == b.Window
        && a.RotationDays == b.RotationDays && a.Priority == b.Priority && a.Languages.SequenceEqual(b.Languages)
        && a.AllowedComponents.SequenceEqual(b.AllowedComponents) && SameMap(a.Requires, b.Requires) && a.Credentials.SequenceEqual(b.Credentials);

    private static bool SameMap<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b) where T : IEquatable<T> =>
        ReferenceEquals(a, b) || a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value));
}
