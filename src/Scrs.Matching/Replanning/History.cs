using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Report;

namespace Scrs.Matching.Replanning;

/// <summary>A tour under way that the problem no longer lets run as it was: where it now ends (none: it is gone) and why.</summary>
internal sealed record HistoryCut(Assignment Tour, DateOnly? End, string Reason);

/// <summary>
/// The previous roster's tours that started on or before the planning date: they are history, kept as dated locks, cut
/// short only where the problem now rules their days out.
/// </summary>
/// <remarks>
/// <para>A tour is cut at the first rotation slot the member can no longer hold on its own: unavailable on one of its days,
/// past the maximum tour, or locked elsewhere within the rest days; and at the first slot where the tours under way
/// already fill the position's headcount (earlier starts keep their seats). Rules that hold between members (surge
/// limits, the budget) are left to the solver, which explains a breach as an infeasible problem.</para>
/// <para>The kept days need a tour that covers them, which may run to the end of their rotation slots.</para>
/// </remarks>
internal static class History
{
    /// <summary>The previous roster as history: its tours under way locked (<see cref="Lock(DeploymentProblem, IReadOnlyList{Assignment})"/>), its trainings begun held (<see cref="Trained"/>).</summary>
    public static (DeploymentProblem Problem, ImmutableArray<HistoryCut> Cuts) Lock(DeploymentProblem problem, IReadOnlyList<Assignment> previous,
        IReadOnlyList<Training>? trainings) => Lock(Trained(problem, trainings), previous);

    /// <summary>
    /// The problem with the previous roster's trainings whose session started before the planning date as facts: the
    /// member holds the credential through the session's end plus the course's valid days (or longer, if already held so),
    /// and is unavailable on the session's days from the planning date on. A session that starts on the planning date or
    /// later is still a plan, re-planned like any other; a training in a session or of a member the problem no longer has is dropped.
    /// </summary>
    /// <remarks>
    /// Folding them into the problem keeps one rule for the model, the validator and the reasons: a credential gained in a
    /// session under way is valid only after it, and the member is in the session until then.
    /// </remarks>
    public static DeploymentProblem Trained(DeploymentProblem problem, IReadOnlyList<Training>? trainings)
    {
        if (trainings is null || trainings.Count == 0) return problem;
        var begun = trainings.Where(t => t.Start < problem.PlanningDate)
            .Select(t => (Training: t, Given: Verification.TrainingRules.Session(problem, t.Session)))
            .Where(x => x.Given is not null).ToLookup(x => x.Training.Member, x => (x.Training, Given: x.Given!.Value), StringComparer.Ordinal);
        if (begun.Count == 0) return problem;
        var members = problem.Members.ToBuilder();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (!begun.Contains(member.Id)) continue;
            var credentials = member.Credentials.ToBuilder();
            var unavailable = member.Unavailable.ToBuilder();
            foreach (var (t, (course, session)) in begun[member.Id])
            {
                if (t.End >= problem.PlanningDate) unavailable.Add(new DateRange(problem.PlanningDate, t.End));
                // Against what is held so far, this member's earlier trainings included: the longest validity wins.
                var through = session.Days.End.AddDays(course.ValidDays);
                var same = credentials.Keys.Where(k => string.Equals(k, course.Credential, StringComparison.OrdinalIgnoreCase)).ToList();
                if (same.Exists(k => credentials[k] >= through)) continue;
                credentials.RemoveRange(same);
                credentials[course.Credential] = through;
            }
            members[i] = member with { Credentials = credentials.ToImmutable(), Unavailable = unavailable.ToImmutable() };
        }
        return problem with { Members = members.ToImmutable() };
    }

    public static (DeploymentProblem Problem, ImmutableArray<HistoryCut> Cuts) Lock(DeploymentProblem problem, IReadOnlyList<Assignment> previous)
    {
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        foreach (var m in problem.Members) members.TryAdd(m.Id, m);
        var positions = new Dictionary<string, Position>(StringComparer.Ordinal);
        foreach (var p in problem.Operations.SelectMany(o => o.Positions)) positions.TryAdd(p.Id, p);
        var slots = new Dictionary<string, Slot[]>(StringComparer.Ordinal);
        var seats = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var locks = problem.Locks.ToBuilder();
        var cuts = ImmutableArray.CreateBuilder<HistoryCut>();
        var planningDay = problem.PlanningDate.DayNumber;
        var started = previous.Where(a => a.Start.DayNumber <= planningDay && a.Start <= a.End)
            .OrderBy(a => a.Start).ThenBy(a => a.Member, StringComparer.Ordinal).ThenBy(a => a.Position, StringComparer.Ordinal);
        foreach (var tour in started)
        {
            if (!members.TryGetValue(tour.Member, out var member))
            {
                cuts.Add(new HistoryCut(tour, null, Reasons.MemberGone(tour.Member)));
                continue;
            }
            if (!positions.TryGetValue(tour.Position, out var position))
            {
                cuts.Add(new HistoryCut(tour, null, Reasons.PositionGone(tour.Position)));
                continue;
            }
            if (Reasons.Exclusion(problem, tour) is { } excluded)
            {
                cuts.Add(new HistoryCut(tour, null, excluded));
                continue;
            }
            var (from, to) = (Math.Max(tour.Start.DayNumber, position.Window.Start.DayNumber), Math.Min(tour.End.DayNumber, position.Window.End.DayNumber));
            if (from > to)
            {
                cuts.Add(new HistoryCut(tour, null, Reasons.Window(tour.Position, position.Window)));
                continue;
            }
            if (!slots.TryGetValue(tour.Position, out var cut))
            {
                slots[tour.Position] = cut = Slots.Cut(position.Window, problem.RotationDays(position));
                seats[tour.Position] = new int[cut.Length];
            }
            var taken = seats[tour.Position];
            var first = Array.FindIndex(cut, s => s.End >= from);
            var (last, reason) = (-1, (string?)null);
            for (var s = first; s < cut.Length && cut[s].Start <= to; s++)
            {
                reason = Reasons.Obstacle(problem, member, tour.Position, cut[s].Start, cut[s].End, cut[first].Start)
                    ?? (taken[s] >= position.Headcount ? Reasons.Headcount(tour.Position, position.Headcount, cut[s].Start) : null);
                if (reason is not null) break;
                last = s;
            }
            if (last < 0)
            {
                cuts.Add(new HistoryCut(tour, null, reason!));
                continue;
            }
            for (var s = first; s <= last; s++) taken[s]++;
            var end = Math.Min(to, cut[last].End);
            locks.Add(new AssignmentLock(tour.Member, tour.Position, DateOnly.FromDayNumber(from), DateOnly.FromDayNumber(end)));
            if (end < tour.End.DayNumber || from > tour.Start.DayNumber)
                cuts.Add(new HistoryCut(tour, DateOnly.FromDayNumber(end), reason ?? Reasons.Window(tour.Position, position.Window)));
        }
        return (problem with { Locks = locks.ToImmutable() }, cuts.ToImmutable());
    }
}
