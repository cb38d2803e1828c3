using System.Runtime.CompilerServices;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;

namespace Scrs.Matching.Baseline;

/// <summary>
/// The greedy baseline: locks first, then positions in priority order (then by start and id), each seat of each slot
/// given to the first member who can take it, members ordered by daily cost, then days deployed in the last year, then
/// input order, each taking the longest tour that still keeps every rule.
/// </summary>
/// <remarks>It is the warm start of the exact search and the yardstick of the benchmarks; it never breaks a rule but may
/// leave seats a smarter roster fills.</remarks>
internal static class GreedyRoster
{
    /// <summary>
    /// The order of each candidate set's tours (<see cref="ToursByPositionAndFirstSlot"/>), sorted once: the search
    /// completes a roster before three of its levels, and sorting 7.9 M tours took 1.2 s of each 1.5 s completion.
    /// </summary>
    private static readonly ConditionalWeakTable<CandidateSet, int[][][]> Orders = [];

    /// <summary>Indices of the chosen candidate tours, or <see langword="null"/> when the locks cannot all be placed greedily (or leave a share of an operation broken).</summary>
    /// <param name="candidates">The candidate tours.</param>
    /// <param name="preferred">Tours placed right after the locks wherever they fit (a re-plan's previous roster), before the greedy fill.</param>
    public static int[]? Solve(CandidateSet candidates, IEnumerable<int>? preferred = null)
    {
        var index = candidates.Index;
        // Locks are placed with the shares of an operation deferred: a contractor's lock comes before the others on its
        // operation as often as after. The shares are checked once the roster is complete.
        var state = new RosterState(candidates) { DeferShares = true };
        var locked = new HashSet<int>();
        foreach (var @lock in index.Problem.Locks)
        {
            var m = index.MemberIndex[@lock.Member];
            var p = index.PositionIndex[@lock.Position];
            var first = candidates.MemberOffsets[m];
            var placed = false;
            var tours = candidates.ToursOf(m).ToArray();
            // Shortest fitting tour first: a lock should take as little of the member's time as it needs.
            foreach (var k in Enumerable.Range(0, tours.Length).OrderBy(k => tours[k].Days))
            {
                var t = tours[k];
                if (t.Position != p) continue;
                if (@lock.Start is { } s && @lock.End is { } e && (t.Start > s.DayNumber || e.DayNumber > t.End)) continue;
                if (!state.Fits(first + k)) continue;
                state.Add(first + k);
                locked.Add(first + k);
                placed = true;
                break;
            }
            if (!placed) return null;
        }

        state.DeferShares = false;
        foreach (var j in preferred ?? [])
        {
            if (state.Fits(j)) state.Add(j);
        }
        var chosen = Fill(candidates, state);
        if (!state.SharesHold()) return null;
        if (KeepWholeTeams(candidates, chosen, locked) is not { } whole) return null;
        if (whole.Length == chosen.Length) return chosen;
        // Tours dropped off a team's slots may leave an operation's share broken.
        var kept = new RosterState(candidates);
        foreach (var j in whole) kept.Add(j);
        return kept.SharesHold() ? whole : null;
    }

    /// <summary>
    /// <paramref name="chosen"/> without the tours on team slots it staffs only in part (a team deploys all together or not
    /// at all) or from fewer agencies than the team's least, dropped again and again, since a tour dropped may leave another slot of its team part staffed; or
    /// <see langword="null"/> when one of <paramref name="kept"/> (the locks' tours) would go.
    /// </summary>
    /// <remarks>
    /// Greedy filling seat by seat knows nothing of teams; the result only loses tours, so every other rule still holds
    /// (an operation's share aside, which the caller checks).
    /// </remarks>
    internal static int[]? KeepWholeTeams(CandidateSet candidates, int[] chosen, IReadOnlySet<int> kept)
    {
        var index = candidates.Index;
        var teamList = index.Problem.Operations.SelectMany(o => o.Teams).ToArray();
        var teams = Array.ConvertAll(teamList, t => t.Positions.Select(id => index.PositionIndex[id]).ToArray());
        if (teams.Length == 0) return chosen;
        var teamOf = new int[index.Positions.Length];
        Array.Fill(teamOf, -1);
        for (var t = 0; t < teams.Length; t++)
        {
            foreach (var p in teams[t]) teamOf[p] = t;
        }
        var tours = candidates.Tours;
        var left = chosen.ToList();
        while (true)
        {
            var seats = new Dictionary<(int Position, int Slot), int>();
            var agencies = new Dictionary<(int Team, int Slot), HashSet<string>>();
            foreach (var j in left)
            {
                var t = teamOf[tours[j].Position];
                if (t < 0) continue;
                for (var s = tours[j].FirstSlot; s <= tours[j].LastSlot; s++)
                {
                    seats[(tours[j].Position, s)] = seats.GetValueOrDefault((tours[j].Position, s)) + 1;
                    if (index.Members[tours[j].Member].Agency is { } agency)
                    {
                        if (!agencies.TryGetValue((t, s), out var set)) agencies[(t, s)] = set = new(StringComparer.Ordinal);
                        set.Add(agency);
                    }
                }
            }
            // Staffed in part, or whole but from too few agencies.
            var part = new HashSet<(int Team, int Slot)>();
            foreach (var ((p, s), _) in seats)
            {
                var t = teamOf[p];
                if (!teams[t].All(q => seats.GetValueOrDefault((q, s)) == index.Positions[q].Headcount)
                    || teamList[t].MinAgencies is { } least && agencies.GetValueOrDefault((t, s))?.Count < least
                    || teamList[t].MinAgencies is > 0 && !agencies.ContainsKey((t, s)))
                    part.Add((t, s));
            }
            if (part.Count == 0) return [.. left];
            bool OnPart(int j)
            {
                var t = tours[j];
                if (teamOf[t.Position] < 0) return false;
                for (var s = t.FirstSlot; s <= t.LastSlot; s++)
                {
                    if (part.Contains((teamOf[t.Position], s))) return true;
                }
                return false;
            }
            if (left.Exists(j => OnPart(j) && kept.Contains(j))) return null;
            left.RemoveAll(OnPart);
        }
    }

    /// <summary>
    /// The roster <paramref name="chosen"/> (which must keep every rule) with empty seats filled greedily as in
    /// <see cref="Solve"/>: it only gains tours, so it never covers fewer person-days of any priority. Only the tours
    /// <paramref name="allowed"/> accepts are added (all when it is <see langword="null"/>).
    /// </summary>
    public static int[] Complete(CandidateSet candidates, IEnumerable<int> chosen, Predicate<int>? allowed = null)
    {
        var given = chosen.ToArray();
        var state = new RosterState(candidates);
        foreach (var j in given) state.Add(j);
        // The tours given staff their team slots whole (they keep every rule), and no seat of a whole slot is free: only
        // tours added here are dropped (were a given one to go, the roster given is all there is).
        return KeepWholeTeams(candidates, Fill(candidates, state, allowed), new HashSet<int>(given)) ?? given;
    }

    private static int[] Fill(CandidateSet candidates, RosterState state, Predicate<int>? allowed = null)
    {
        var index = candidates.Index;
        var byStart = Orders.GetValue(candidates, ToursByPositionAndFirstSlot);
        var order = Enumerable.Range(0, index.Positions.Length)
            .OrderBy(p => index.Positions[p].Priority)
            .ThenBy(p => index.Positions[p].Window.Start)
            .ThenBy(p => index.Positions[p].Id, StringComparer.Ordinal);
        foreach (var p in order)
        {
            for (var s = 0; s < candidates.Slots[p].Length; s++)
            {
                foreach (var j in byStart[p][s])
                {
                    if (state.SeatsTaken(p, s) >= index.Positions[p].Headcount) break;
                    if ((allowed is null || allowed(j)) && state.Fits(j)) state.Add(j);
                }
            }
        }
        return [.. state.Chosen];
    }

    /// <summary>For each position and slot, the tours starting there, cheapest member first and longest tour first.</summary>
    /// <remarks>
    /// Members are ranked once (daily cost, then days deployed in the last year, then input order) and each tour sorted by
    /// a key of its member's rank and its last slot, then its index: a comparison of decimals for every pair took 2.1 s
    /// of 20,000 members' 7.9 million tours.
    /// </remarks>
    internal static int[][][] ToursByPositionAndFirstSlot(CandidateSet candidates)
    {
        var index = candidates.Index;
        var result = new List<int>[index.Positions.Length][];
        for (var p = 0; p < result.Length; p++)
        {
            result[p] = new List<int>[candidates.Slots[p].Length];
            for (var s = 0; s < result[p].Length; s++) result[p][s] = [];
        }
        for (var j = 0; j < candidates.Tours.Length; j++) result[candidates.Tours[j].Position][candidates.Tours[j].FirstSlot].Add(j);
        var tours = candidates.Tours;
        var byCost = Enumerable.Range(0, index.Members.Length)
            .OrderBy(m => index.DailyCost[m]).ThenBy(m => index.Members[m].DeployedDaysLast365).ThenBy(m => m).ToArray();
        var rank = new int[byCost.Length];
        for (var r = 0; r < byCost.Length; r++) rank[byCost[r]] = r;
        var keys = new List<(long Key, int Tour)>();
        foreach (var slots in result)
        {
            foreach (var list in slots)
            {
                keys.Clear();
                // The longer tour first: the last slot counts down.
                foreach (var j in list) keys.Add((((long)rank[tours[j].Member] << 32) | (uint)(int.MaxValue - tours[j].LastSlot), j));
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys).Sort();
                for (var k = 0; k < list.Count; k++) list[k] = keys[k].Tour;
            }
        }
        return Array.ConvertAll(result, slots => Array.ConvertAll(slots, list => list.ToArray()));
    }
}
