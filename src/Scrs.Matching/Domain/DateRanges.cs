using System.Collections.Immutable;

namespace Scrs.Matching.Domain;

/// <summary>Sets of days held as sorted, disjoint ranges (a member's unavailable days).</summary>
internal static class DateRanges
{
    /// <summary>The ranges sorted, with overlapping and adjacent ones joined.</summary>
    public static ImmutableArray<DateRange> Merged(List<DateRange> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<DateRange>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.Start.DayNumber <= merged[^1].End.DayNumber + 1)
                merged[^1] = new DateRange(merged[^1].Start, r.End > merged[^1].End ? r.End : merged[^1].End);
            else
                merged.Add(r);
        }
        return [.. merged];
    }

    /// <summary>The days of <paramref name="ranges"/> (sorted, disjoint) that no range of <paramref name="removed"/> holds, as sorted, disjoint ranges.</summary>
    public static ImmutableArray<DateRange> Without(IReadOnlyList<DateRange> ranges, IReadOnlyList<DateRange>? removed)
    {
        if (removed is null || removed.Count == 0) return [.. ranges];
        var result = ImmutableArray.CreateBuilder<DateRange>();
        foreach (var range in ranges)
        {
            var pieces = new List<(int From, int To)> { (range.Start.DayNumber, range.End.DayNumber) };
            foreach (var cut in removed)
            {
                var next = new List<(int, int)>();
                foreach (var (from, to) in pieces)
                {
                    if (cut.End.DayNumber < from || to < cut.Start.DayNumber) next.Add((from, to));
                    else
                    {
                        if (from < cut.Start.DayNumber) next.Add((from, cut.Start.DayNumber - 1));
                        if (cut.End.DayNumber < to) next.Add((cut.End.DayNumber + 1, to));
                    }
                }
                pieces = next;
            }
            result.AddRange(pieces.Select(p => new DateRange(DateOnly.FromDayNumber(p.From), DateOnly.FromDayNumber(p.To))));
        }
        return result.ToImmutable();
    }

    /// <summary>The parts of <paramref name="ranges"/> within <paramref name="days"/>.</summary>
    public static List<DateRange> Within(IEnumerable<DateRange> ranges, DateRange days) =>
        [.. ranges.Where(r => r.Overlaps(days)).Select(r => new DateRange(r.Start < days.Start ? days.Start : r.Start, r.End > days.End ? days.End : r.End))];
}
