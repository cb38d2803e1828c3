using Scrs.Matching.Eligibility;
using Scrs.Matching.Report;

namespace Scrs.Matching.Replanning;

/// <summary>
/// The previous roster's person-days by member and position: what the changes level counts (a day is kept when the same
/// member holds the same position on it).
/// </summary>
/// <remarks>Days are merged per member and position, so a previous roster that repeats a day counts it once.</remarks>
internal sealed class PreviousRoster
{
    private readonly Dictionary<(string Member, string Position), List<(int Start, int End)>> _days = [];

    public PreviousRoster(IReadOnlyList<Assignment> assignments)
    {
        Assignments = assignments;
        foreach (var group in assignments.GroupBy(a => (a.Member, a.Position)))
        {
            var merged = new List<(int Start, int End)>();
            foreach (var (start, end) in group.Select(a => (a.Start.DayNumber, a.End.DayNumber)).Where(d => d.Item1 <= d.Item2).Order())
            {
                if (merged.Count > 0 && start <= merged[^1].End + 1) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
                else merged.Add((start, end));
            }
            _days[group.Key] = merged;
            Days += merged.Sum(d => (long)(d.End - d.Start + 1));
        }
    }

    /// <summary>The previous roster's assignments, as given.</summary>
    public IReadOnlyList<Assignment> Assignments { get; }

    /// <summary>Person-days of the previous roster.</summary>
    public long Days { get; }

    /// <summary>How many of the previous roster's days <paramref name="member"/> on <paramref name="position"/> from <paramref name="start"/> to <paramref name="end"/> (day numbers) keeps.</summary>
    public int Kept(string member, string position, int start, int end)
    {
        if (!_days.TryGetValue((member, position), out var days)) return 0;
        var kept = 0;
        foreach (var d in days) kept += Math.Max(0, Math.Min(end, d.End) - Math.Max(start, d.Start) + 1);
        return kept;
    }

    /// <summary>The person-days of the previous roster that <paramref name="roster"/> does not keep.</summary>
    /// <remarks>A roster's tours of one member never overlap, so their kept days add up.</remarks>
    public long Changes(IReadOnlyList<Assignment> roster) =>
        Days - roster.Sum(a => (long)Kept(a.Member, a.Position, a.Start.DayNumber, a.End.DayNumber));

    /// <summary>The changes level's coefficient of every candidate tour: minus the previous days it keeps.</summary>
    public double[] Coefficients(CandidateSet candidates)
    {
        var index = candidates.Index;
        return Array.ConvertAll(candidates.Tours,
            t => -(double)Kept(index.Members[t.Member].Id, index.Positions[t.Position].Id, t.Start, t.End));
    }

    /// <summary>
    /// The most previous days any roster of <paramref name="candidates"/> keeps: on each member and position, the previous
    /// days some candidate tour there covers. A roster that keeps them all is optimal on the changes level (a declined
    /// offer's days, say, no tour can keep).
    /// </summary>
    public long MostKept(CandidateSet candidates)
    {
        var index = candidates.Index;
        var most = 0L;
        for (var m = 0; m < index.Members.Length; m++)
        {
            var tours = candidates.ToursOf(m);
            // A member's tours come position by position, each position's by first slot: their union, interval by interval.
            for (var k = 0; k < tours.Length;)
            {
                var (position, start, end) = (tours[k].Position, tours[k].Start, tours[k].End);
                for (k++; k < tours.Length && tours[k].Position == position; k++)
                {
                    if (tours[k].Start <= end + 1)
                    {
                        end = Math.Max(end, tours[k].End);
                        continue;
                    }
                    most += Kept(index.Members[m].Id, index.Positions[position].Id, start, end);
                    (start, end) = (tours[k].Start, tours[k].End);
                }
                most += Kept(index.Members[m].Id, index.Positions[position].Id, start, end);
            }
        }
        return most;
    }

    /// <summary>
    /// For each previous tour the problem still has a candidate for, the candidate keeping most of its days (fewest extra
    /// days on a tie): where a warm start begins.
    /// </summary>
    public IEnumerable<int> Closest(CandidateSet candidates)
    {
        var index = candidates.Index;
        foreach (var a in Assignments)
        {
            if (!index.MemberIndex.TryGetValue(a.Member, out var m) || !index.PositionIndex.TryGetValue(a.Position, out var p)) continue;
            var (best, bestKept, bestDays) = (-1, 0, 0);
            var first = candidates.MemberOffsets[m];
            var tours = candidates.ToursOf(m);
            for (var k = 0; k < tours.Length; k++)
            {
                var t = tours[k];
                if (t.Position != p) continue;
                var kept = Math.Max(0, Math.Min(a.End.DayNumber, t.End) - Math.Max(a.Start.DayNumber, t.Start) + 1);
                if (kept == 0) continue;
                if (kept > bestKept || kept == bestKept && t.Days < bestDays) (best, bestKept, bestDays) = (first + k, kept, t.Days);
            }
            if (best >= 0) yield return best;
        }
    }
}
