namespace Scrs.Matching.Model;

/// <summary>
/// Maximal cliques of a family of day intervals (the sets of intervals sharing a day that are not contained in another
/// such set). A constraint "at most k at once" holds on every day iff it holds on every maximal clique, and there are
/// at most as many maximal cliques as intervals, so these are the only rows needed.
/// </summary>
internal static class IntervalCliques
{
    /// <summary>Calls <paramref name="emit"/> with each maximal clique (indices into the input) and its first day.</summary>
    public static void Sweep(ReadOnlySpan<(int Start, int End)> intervals, Action<List<int>, int> emit)
    {
        var events = new (int Day, int Kind, int Item)[intervals.Length * 2];
        for (var i = 0; i < intervals.Length; i++)
        {
            events[2 * i] = (intervals[i].Start, 1, i);
            events[2 * i + 1] = (intervals[i].End + 1, 0, i);
        }
        // On one day, intervals that ended the day before leave before new ones arrive.
        Array.Sort(events);
        var active = new List<int>();
        var position = new int[intervals.Length];
        var grew = false;
        var lastStart = 0;
        foreach (var (day, kind, item) in events)
        {
            if (kind == 1)
            {
                position[item] = active.Count;
                active.Add(item);
                grew = true;
                lastStart = day;
                continue;
            }
            if (grew) emit(active, lastStart);
            grew = false;
            // Swap-remove keeps removal O(1); clique order does not matter.
            var at = position[item];
            var last = active[^1];
            active[at] = last;
            position[last] = at;
            active.RemoveAt(active.Count - 1);
        }
    }
}
