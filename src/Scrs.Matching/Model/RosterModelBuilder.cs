using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Model;

/// <summary>
/// Builds the 0-1 program of a candidate set. Each rule of the problem is one kind of row; a row that no choice of tours
/// could violate is not built, so the solver sees only constraints that can bind.
/// </summary>
internal static class RosterModelBuilder
{
    public static RosterModel Build(CandidateSet candidates)
    {
        var index = candidates.Index;
        var tours = candidates.Tours;
        var linear = new LinearModel("roster")
        {
            ColumnNames = j => $"t_{index.Members[tours[j].Member].Id}_{index.Positions[tours[j].Position].Id}_{tours[j].FirstSlot}_{tours[j].LastSlot}",
        };
        foreach (var _ in tours) linear.AddColumn(0, 1, 0, isInteger: true);

        var seats = AddSeatRows(candidates, linear);
        var (members, chains) = AddMemberRows(candidates, linear);
        var surge = AddSurgeRows(candidates, linear);
        var costScale = CostScale(index.DailyCost);
        var cost = Array.ConvertAll(tours, t => (double)(t.Days * index.DailyCost[t.Member] * costScale));
        var budget = 0;
        if (index.Problem.Policy.Budget is { } limit)
        {
            linear.AddRow(Enumerable.Range(0, tours.Length).ToArray(), cost, RowSense.LessOrEqual, (double)(limit * costScale));
            budget = 1;
        }
        var (locks, infeasible) = AddLockRows(candidates, linear);

        var objectives = new double[ObjectiveLevels.InOrder.Length][];
        foreach (var level in ObjectiveLevels.InOrder)
        {
            objectives[(int)level] = level switch
            {
                ObjectiveLevel.Cost => cost,
                ObjectiveLevel.Load => Array.ConvertAll(tours, t => (double)t.Days * index.Members[t.Member].DeployedDaysLast365),
                _ => Array.ConvertAll(tours, t => index.Positions[t.Position].Priority == (Priority)level ? (double)t.Days : 0.0),
            };
        }
        return new RosterModel(linear, candidates, objectives, costScale, infeasible,
            new RowCounts(seats, members, chains, surge, budget, locks));
    }

    /// <summary>Seats: on each slot of a position, at most headcount tours.</summary>
    private static int AddSeatRows(CandidateSet candidates, LinearModel linear)
    {
        var byPosition = new List<int>[candidates.Index.Positions.Length];
        for (var j = 0; j < candidates.Tours.Length; j++) (byPosition[candidates.Tours[j].Position] ??= []).Add(j);
        var rows = 0;
        var covering = new List<int>();
        for (var p = 0; p < byPosition.Length; p++)
        {
            if (byPosition[p] is not { } columns) continue;
            var headcount = candidates.Index.Positions[p].Headcount;
            for (var s = 0; s < candidates.Slots[p].Length; s++)
            {
                covering.Clear();
                foreach (var j in columns)
                {
                    if (candidates.Tours[j].FirstSlot <= s && s <= candidates.Tours[j].LastSlot) covering.Add(j);
                }
                if (covering.Count <= headcount) continue;
                AddAtMost(linear, covering, headcount);
                rows++;
            }
        }
        return rows;
    }

    /// <summary>
    /// A member's tours may not overlap and need <c>restDays</c> between them: stretching each tour by the rest days turns
    /// this into "at most one stretched tour per day", one row per maximal clique. With zero rest days, tours that
    /// follow day after day form one deployment, so every window of maxTour+1 days must hold at most maxTour deployed days.
    /// </summary>
    private static (int Cliques, int Chains) AddMemberRows(CandidateSet candidates, LinearModel linear)
    {
        var rest = candidates.Index.Problem.Policy.RestDays;
        int cliques = 0, chains = 0;
        var intervals = new List<(int, int)>();
        var columns = new List<int>();
        for (var m = 0; m < candidates.Index.Members.Length; m++)
        {
            var first = candidates.MemberOffsets[m];
            var count = candidates.MemberOffsets[m + 1] - first;
            if (count < 2) continue;
            intervals.Clear();
            foreach (var t in candidates.ToursOf(m)) intervals.Add((t.Start, t.End + rest));
            IntervalCliques.Sweep(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(intervals), (clique, _) =>
            {
                if (clique.Count < 2) return;
                columns.Clear();
                foreach (var k in clique) columns.Add(first + k);
                AddAtMost(linear, columns, 1);
                cliques++;
            });
            if (rest == 0) chains += AddChainRows(candidates, m, linear);
        }
        return (cliques, chains);
    }

    private static int AddChainRows(CandidateSet candidates, int m, LinearModel linear)
    {
        var maxTour = candidates.Index.MaxTourDays[m];
        var tours = candidates.ToursOf(m);
        var first = candidates.MemberOffsets[m];
        var rows = 0;
        var columns = new List<int>();
        var days = new List<double>();
        var starts = new SortedSet<int>();
        foreach (var t in tours) starts.Add(t.Start);
        foreach (var start in starts)
        {
            var end = start + maxTour; // the window [start, start + maxTour] has maxTour + 1 days
            columns.Clear();
            days.Clear();
            for (var k = 0; k < tours.Length; k++)
            {
                var overlap = Math.Min(end, tours[k].End) - Math.Max(start, tours[k].Start) + 1;
                if (overlap <= 0) continue;
                columns.Add(first + k);
                days.Add(overlap);
            }
            // The row can bind only if the tours can fill the whole window, i.e. some tour reaches its last day.
            var reachesEnd = false;
            foreach (var t in tours) reachesEnd |= t.Start <= end && end <= t.End;
            if (!reachesEnd || columns.Count < 2) continue;
            linear.AddRow(columns.ToArray(), days.ToArray(), RowSense.LessOrEqual, maxTour);
            rows++;
        }
        return rows;
    }

    /// <summary>Surge limits, kept on every day through their maximal cliques (or, for shares of an operation, every day the share can rise).</summary>
    private static int AddSurgeRows(CandidateSet candidates, LinearModel linear)
    {
        var tours = candidates.Tours;
        var rows = 0;
        foreach (var scope in SurgeScope.Resolve(candidates.Index))
        {
            if (scope.OperationShare is { } share)
            {
                rows += AddOperationShareRows(candidates, linear, scope.Operation, share, scope.InScope);
                continue;
            }
            var cap = scope.Cap!.Value;
            var scoped = new List<int>();
            for (var j = 0; j < tours.Length; j++)
            {
                if (scope.Counts(tours[j].Member, candidates.Index.PositionOperation[tours[j].Position])) scoped.Add(j);
            }
            var intervals = scoped.Select(j => (tours[j].Start, tours[j].End)).ToArray();
            var columns = new List<int>();
            IntervalCliques.Sweep(intervals, (clique, _) =>
            {
                // Tours of one member never overlap in a roster, so a clique can exceed the cap only through distinct members.
                if (clique.Select(k => tours[scoped[k]].Member).Distinct().Count() <= cap) return;
                columns.Clear();
                foreach (var k in clique) columns.Add(scoped[k]);
                AddAtMost(linear, columns, cap);
                rows++;
            });
        }
        return rows;
    }

    /// <summary>In-scope members on the operation &lt;= share x all members on it: (1-share) x in-scope - share x others &lt;= 0.</summary>
    private static int AddOperationShareRows(CandidateSet candidates, LinearModel linear, int operation, double share, bool[] inScope)
    {
        var tours = candidates.Tours;
        var onOperation = new List<int>();
        for (var j = 0; j < tours.Length; j++)
        {
            if (candidates.Index.PositionOperation[tours[j].Position] == operation) onOperation.Add(j);
        }
        // The in-scope share can rise only when an in-scope tour starts or another tour ends.
        var checkpoints = new SortedSet<int>();
        foreach (var j in onOperation)
        {
            if (inScope[tours[j].Member]) checkpoints.Add(tours[j].Start);
            else checkpoints.Add(tours[j].End + 1);
        }
        var rows = 0;
        var columns = new List<int>();
        var coefficients = new List<double>();
        foreach (var day in checkpoints)
        {
            columns.Clear();
            coefficients.Clear();
            var anyInScope = false;
            foreach (var j in onOperation)
            {
                if (tours[j].Start > day || day > tours[j].End) continue;
                var scoped = inScope[tours[j].Member];
                anyInScope |= scoped;
                columns.Add(j);
                coefficients.Add(scoped ? 1 - share : -share);
            }
            if (!anyInScope) continue;
            linear.AddRow(columns.ToArray(), coefficients.ToArray(), RowSense.LessOrEqual, 0);
            rows++;
        }
        return rows;
    }

    /// <summary>Locks: one of the member's tours on the position covering the lock's days.</summary>
    private static (int Rows, ImmutableArray<string> Infeasible) AddLockRows(CandidateSet candidates, LinearModel linear)
    {
        var index = candidates.Index;
        var reasons = ImmutableArray.CreateBuilder<string>();
        var rows = 0;
        foreach (var @lock in index.Problem.Locks)
        {
            var m = index.MemberIndex[@lock.Member];
            var p = index.PositionIndex[@lock.Position];
            var days = @lock.Start is { } s && @lock.End is { } e ? new DateRange(s, e) : (DateRange?)null;
            var columns = new List<int>();
            var first = candidates.MemberOffsets[m];
            var memberTours = candidates.ToursOf(m);
            for (var k = 0; k < memberTours.Length; k++)
            {
                var t = memberTours[k];
                if (t.Position == p && (days is not { } d || (t.Start <= d.Start.DayNumber && d.End.DayNumber <= t.End))) columns.Add(first + k);
            }
            if (columns.Count == 0)
            {
                reasons.Add(LockDiagnosis.Explain(candidates, @lock));
                continue;
            }
            linear.AddRow(columns.ToArray(), columns.Select(_ => 1.0).ToArray(), RowSense.GreaterOrEqual, 1);
            rows++;
        }
        return (rows, reasons.ToImmutable());
    }

    private static void AddAtMost(LinearModel linear, List<int> columns, int bound)
    {
        var ones = new double[columns.Count];
        Array.Fill(ones, 1.0);
        linear.AddRow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(columns), ones, RowSense.LessOrEqual, bound);
    }

    /// <summary>The smallest power of ten (up to 10^6) that makes every daily cost an integer, so cost optima can be fixed exactly.</summary>
    private static decimal CostScale(decimal[] dailyCosts)
    {
        for (var scale = 1m; scale <= 1_000_000m; scale *= 10)
        {
            if (Array.TrueForAll(dailyCosts, c => c * scale == decimal.Truncate(c * scale))) return scale;
        }
        return 1_000_000m;
    }
}
