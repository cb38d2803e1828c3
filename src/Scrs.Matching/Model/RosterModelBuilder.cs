using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Replanning;
using Scrs.Matching.Solver;

namespace Scrs.Matching.Model;

/// <summary>
/// Builds the 0-1 program of a candidate set. Each rule of the problem is one kind of row; a row that no choice of tours
/// could violate is not built, so the solver sees only constraints that can bind. Surge limits count tours through
/// auxiliary columns, one per rotation slot, so that a tour enters a few definitions rather than every surge row of its days.
/// </summary>
internal static class RosterModelBuilder
{
    /// <param name="candidates">The tours.</param>
    /// <param name="previous">The previous roster of the changes level.</param>
    /// <param name="stored">
    /// The tours whose entries the rows keep (<see cref="LinearModel.StoreOnly"/>), or <see langword="null"/> for all: the
    /// rows are those of the whole pool, so the others can be priced and stored later from the rows' keys.
    /// </param>
    public static RosterModel Build(CandidateSet candidates, PreviousRoster? previous = null, bool[]? stored = null)
    {
        var index = candidates.Index;
        var tours = candidates.Tours;
        var keys = new RowKeys();
        var auxiliaries = new Auxiliaries(candidates, keys);
        var linear = new LinearModel("roster")
        {
            ColumnNames = j => j < tours.Length ? TourName(candidates, j) : j < tours.Length + auxiliaries.Count ? auxiliaries.Name(j) : $"w_{j}",
        };
        foreach (var _ in tours) linear.AddColumn(0, 1, 0, isInteger: true);
        if (stored is not null) linear.StoreOnly(stored);

        var scopes = SurgeScope.Resolve(index);
        var coverage = Coverage(candidates);
        var (seats, fills) = AddSeatRows(candidates, coverage, scopes, linear, auxiliaries, keys);
        var memberRows = new int[index.Members.Length + 1];
        var (members, chains) = AddMemberRows(candidates, linear, starts: memberRows, keys: keys);
        var surge = 0;
        var rules = ImmutableArray.CreateBuilder<RuleRows>();
        var scopedCoverage = ScopedCoverage(candidates, scopes);
        for (var k = 0; k < scopes.Length; k++)
        {
            var (firstRow, firstColumn) = (linear.RowCount, linear.ColumnCount);
            surge += scopes[k].OperationShare is { } share
                ? AddOperationShareRows(candidates, scopes[k], k, share, coverage, scopedCoverage[k], fills, linear, auxiliaries)
                : AddCapRows(candidates, scopes[k], k, scopedCoverage[k], linear, auxiliaries);
            rules.Add(SurgeRule(k, scopes[k], firstRow, firstColumn, linear, auxiliaries));
        }
        var costScale = CostScale([.. index.DailyCost, .. index.Sessions.Select(s => s.Course.CostPerSeat)]);
        var cost = Array.ConvertAll(tours, t => (double)(t.Days * index.DailyCost[t.Member] * costScale));
        var budget = 0;
        void Budget()
        {
            if (index.Problem.Policy.Budget is not { } limit) return;
            var row = AddBudgetRow(linear, cost, (double)(limit * costScale));
            keys.Set(row, RowKey.Budget);
            rules.Add(new RuleRows(RuleKind.Budget, 0, new ConditionalRows([row], [])));
            budget = 1;
        }
        // The budget row covers the training columns, which come last; without courses it stays where it always was.
        var training = index.Sessions.Length > 0;
        if (!training) Budget();
        var (locks, infeasible) = AddLockRows(candidates, linear, rules, keys);
        var teams = AddTeamRows(candidates, coverage, linear, auxiliaries, rules, keys);
        var trainingRows = linear.RowCount;
        var trainings = training ? AddTrainingRows(candidates, linear) : new TrainingColumns(linear.ColumnCount, [], 0);
        for (var row = trainingRows; row < linear.RowCount; row++) keys.Set(row, RowKey.Other);
        if (training)
        {
            var extended = new double[linear.ColumnCount];
            cost.CopyTo(extended, 0);
            for (var k = 0; k < trainings.Columns.Length; k++)
                extended[trainings.First + k] = (double)(index.Sessions[trainings.Columns[k].Session].Course.CostPerSeat * costScale);
            cost = extended;
            Budget();
        }

        var objectives = new double[ObjectiveLevels.InOrder.Length][];
        foreach (var level in ObjectiveLevels.InOrder)
        {
            objectives[(int)level] = level switch
            {
                // Minus the previous days a tour keeps: the level's value plus the previous roster's days is the changes.
                ObjectiveLevel.Changes => previous?.Coefficients(candidates) ?? new double[tours.Length],
                ObjectiveLevel.Cost => cost,
                ObjectiveLevel.Load => Array.ConvertAll(tours, t => (double)t.Days * index.Members[t.Member].DeployedDaysLast365),
                _ => Array.ConvertAll(tours, t => index.Positions[t.Position].Priority == (Priority)level ? (double)t.Days : 0.0),
            };
        }
        var definitions = auxiliaries.Rows;
        // Every row of the build has a key from here on; rows added later get theirs as they are added.
        if (linear.RowCount > 0) keys.Set(linear.RowCount - 1, keys[linear.RowCount - 1]);
        return new RosterModel(linear, candidates, definitions, objectives, costScale, infeasible,
            new RowCounts(seats, members, chains, surge, budget, locks, definitions.Length, teams, trainings.Rows), rules.ToImmutable())
        {
            Trainings = trainings,
            PreviousDays = previous?.Days ?? 0,
            MostKept = previous?.MostKept(candidates) ?? 0,
            MemberRows = memberRows,
            Presences = auxiliaries.Presences,
            Keys = keys,
        };
    }

    /// <summary>
    /// The rows surge limit <paramref name="number"/> added (from <paramref name="firstRow"/> on, definitions excluded), and
    /// the auxiliary columns it added whose upper bound holds its cap, each with the bound it has without the cap (the
    /// headcount, which the seat rows keep anyway).
    /// </summary>
    private static RuleRows SurgeRule(int number, SurgeScope scope, int firstRow, int firstColumn, LinearModel linear, Auxiliaries auxiliaries)
    {
        var rows = Enumerable.Range(firstRow, linear.RowCount - firstRow).Where(r => !auxiliaries.Defines(r)).ToArray();
        var bounds = scope.Cap is null ? []
            : Enumerable.Range(firstColumn, linear.ColumnCount - firstColumn)
                .Select(j => (j, (double)auxiliaries.Headcount(j))).Where(b => b.Item2 > linear.Upper(b.j)).ToArray();
        return new RuleRows(RuleKind.SurgeLimit, number, new ConditionalRows(rows, bounds));
    }

    /// <summary>The tour columns covering each rotation slot (<c>[position][slot]</c>, in column order), <see langword="null"/> where none does.</summary>
    private static List<int>?[][] Coverage(CandidateSet candidates)
    {
        var coverage = Array.ConvertAll(candidates.Slots, slots => new List<int>?[slots.Length]);
        for (var j = 0; j < candidates.Tours.Length; j++)
        {
            var t = candidates.Tours[j];
            for (var s = t.FirstSlot; s <= t.LastSlot; s++) (coverage[t.Position][s] ??= []).Add(j);
        }
        return coverage;
    }

    /// <summary>
    /// For each surge limit, the tour columns of its members covering each rotation slot of its operations
    /// (<c>[limit][position][slot]</c>, in column order), <see langword="null"/> where none does.
    /// </summary>
    /// <remarks>
    /// One pass over the tours for all limits: filtering every slot's tours once per limit took 1.6 s at 20,000 members
    /// (nine limits over every operation), where each tour belongs to one or two limits.
    /// </remarks>
    private static List<int>?[][][] ScopedCoverage(CandidateSet candidates, SurgeScope[] scopes)
    {
        var index = candidates.Index;
        var limitsOf = new List<int>?[index.Members.Length];
        for (var k = 0; k < scopes.Length; k++)
        {
            for (var m = 0; m < limitsOf.Length; m++)
            {
                if (scopes[k].InScope[m]) (limitsOf[m] ??= []).Add(k);
            }
        }
        var scoped = Array.ConvertAll(scopes, _ => Array.ConvertAll(candidates.Slots, slots => new List<int>?[slots.Length]));
        for (var j = 0; j < candidates.Tours.Length; j++)
        {
            var t = candidates.Tours[j];
            if (limitsOf[t.Member] is not { } limits) continue;
            foreach (var k in limits)
            {
                if (scopes[k].Operation >= 0 && scopes[k].Operation != index.PositionOperation[t.Position]) continue;
                for (var s = t.FirstSlot; s <= t.LastSlot; s++) (scoped[k][t.Position][s] ??= []).Add(j);
            }
        }
        return scoped;
    }

    /// <summary>
    /// Seats: on each slot of a position, at most headcount tours. On an operation with a share limit every slot with a
    /// candidate gets a fill column (the number of tours on the slot, at most headcount) that the share rows use; its
    /// definition row and bound replace the seat row. Returns the seat rows and the fill columns (-1 where none).
    /// </summary>
    private static (int Rows, int[][] Fills) AddSeatRows(CandidateSet candidates, List<int>?[][] coverage, SurgeScope[] scopes,
        LinearModel linear, Auxiliaries auxiliaries, RowKeys keys)
    {
        var index = candidates.Index;
        var shared = new HashSet<int>(scopes.Where(s => s.OperationShare is not null).Select(s => s.Operation));
        var fills = Array.ConvertAll(coverage, slots => Enumerable.Repeat(-1, slots.Length).ToArray());
        var rows = 0;
        for (var p = 0; p < coverage.Length; p++)
        {
            var headcount = index.Positions[p].Headcount;
            for (var s = 0; s < coverage[p].Length; s++)
            {
                if (coverage[p][s] is not { } covering) continue;
                if (shared.Contains(index.PositionOperation[p]))
                    fills[p][s] = auxiliaries.Add(linear, covering, headcount, "f", p, s, RowKey.Slot(p, s, -1));
                else if (covering.Count > headcount)
                {
                    keys.Set(AddAtMost(linear, covering, headcount), RowKey.Slot(p, s, 1));
                    rows++;
                }
            }
        }
        return (rows, fills);
    }

    /// <summary>
    /// A member's tours may not overlap and need <c>restDays</c> between them: stretching each tour by the rest days turns
    /// this into "at most one stretched tour per day", one row per maximal clique. With zero rest days, tours that
    /// follow day after day form one deployment, so every window of maxTour+1 days must hold at most maxTour deployed days.
    /// </summary>
    /// <param name="candidates">The tours.</param>
    /// <param name="linear">The model the rows are added to.</param>
    /// <param name="members">The members whose rows to add (all when <see langword="null"/>).</param>
    /// <param name="starts">Where each member's rows start, and after the last member where they end (when not <see langword="null"/>).</param>
    /// <param name="keys">The rows' keys, when kept.</param>
    public static (int Cliques, int Chains) AddMemberRows(CandidateSet candidates, LinearModel linear, IEnumerable<int>? members = null,
        int[]? starts = null, RowKeys? keys = null)
    {
        var rest = candidates.Index.Problem.Policy.RestDays;
        int cliques = 0, chains = 0;
        var intervals = new List<(int, int)>();
        var columns = new List<int>();
        foreach (var m in members ?? Enumerable.Range(0, candidates.Index.Members.Length))
        {
            if (starts is not null) starts[m] = linear.RowCount;
            var first = candidates.MemberOffsets[m];
            var count = candidates.MemberOffsets[m + 1] - first;
            if (count < 2) continue;
            intervals.Clear();
            foreach (var t in candidates.ToursOf(m)) intervals.Add((t.Start, t.End + rest));
            IntervalCliques.Sweep(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(intervals), (clique, day) =>
            {
                if (clique.Count < 2) return;
                columns.Clear();
                foreach (var k in clique) columns.Add(first + k);
                var row = AddAtMost(linear, columns, 1);
                keys?.Set(row, RowKey.Clique(m, day));
                cliques++;
            });
            if (rest == 0) chains += AddChainRows(candidates, m, linear, keys);
        }
        if (starts is not null) starts[^1] = linear.RowCount;
        return (cliques, chains);
    }

    private static int AddChainRows(CandidateSet candidates, int m, LinearModel linear, RowKeys? keys)
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
            var row = linear.AddRow(columns.ToArray(), days.ToArray(), RowSense.LessOrEqual, maxTour);
            keys?.Set(row, RowKey.Chain(m, start));
            rows++;
        }
        return rows;
    }

    /// <summary>
    /// A surge limit with a cap, kept on every day. Each slot with an in-scope candidate gets a column counting its
    /// in-scope tours (at most the cap and the headcount); the members deployed on a day are the sum over the slots active
    /// that day, and those sums need to be capped only on the maximal cliques of the slots. So each tour appears in the
    /// definitions of the few slots it covers instead of in every surge row of its days, and the LP relaxation is the same.
    /// </summary>
    private static int AddCapRows(CandidateSet candidates, SurgeScope scope, int number, List<int>?[][] scopedCoverage,
        LinearModel linear, Auxiliaries auxiliaries)
    {
        var index = candidates.Index;
        var cap = scope.Cap!.Value;
        var slots = new List<(int Position, int Slot, List<int> Tours)>();
        for (var p = 0; p < scopedCoverage.Length; p++)
        {
            for (var s = 0; s < scopedCoverage[p].Length; s++)
            {
                if (scopedCoverage[p][s] is { } scoped) slots.Add((p, s, scoped));
            }
        }
        var intervals = slots.ConvertAll(x => (candidates.Slots[x.Position][x.Slot].Start, candidates.Slots[x.Position][x.Slot].End));
        var seen = new int[index.Members.Length];
        var stamp = 0;
        var columns = Enumerable.Repeat(-1, slots.Count).ToArray();
        var row = new List<int>();
        var rows = 0;
        IntervalCliques.Sweep(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(intervals), (clique, _) =>
        {
            // A member's tours never overlap in a roster, so a clique can exceed the cap only through distinct members.
            stamp++;
            var members = 0;
            foreach (var k in clique)
            {
                foreach (var j in slots[k].Tours)
                {
                    var m = candidates.Tours[j].Member;
                    if (seen[m] != stamp && ++members > cap) break;
                    seen[m] = stamp;
                }
                if (members > cap) break;
            }
            if (members <= cap) return;
            row.Clear();
            foreach (var k in clique)
            {
                var (p, s, tours) = slots[k];
                if (columns[k] < 0)
                    columns[k] = auxiliaries.Add(linear, tours, Math.Min(cap, index.Positions[p].Headcount), $"g{number}", p, s, RowKey.Scoped(number, p, s));
                row.Add(columns[k]);
            }
            // One slot alone is capped by its column's upper bound.
            if (row.Count < 2) return;
            AddAtMost(linear, row, cap);
            rows++;
        });
        return rows;
    }

    /// <summary>
    /// In-scope members on the operation &lt;= share x all members on it, on every day the share can rise: per slot of the
    /// operation, an in-scope fill column c beside the slot's fill column f, and the row sum c - share x sum f &lt;= 0 over
    /// the slots active that day (the same as (1-share) x in-scope - share x others &lt;= 0 over the tours).
    /// </summary>
    private static int AddOperationShareRows(CandidateSet candidates, SurgeScope scope, int number, double share,
        List<int>?[][] coverage, List<int>?[][] scopedCoverage, int[][] fills, LinearModel linear, Auxiliaries auxiliaries)
    {
        var index = candidates.Index;
        var tours = candidates.Tours;
        var inScope = scope.InScope;
        var slots = new List<(Slot Days, int Fill, int InScope)>();
        for (var p = 0; p < coverage.Length; p++)
        {
            if (index.PositionOperation[p] != scope.Operation) continue;
            for (var s = 0; s < coverage[p].Length; s++)
            {
                if (coverage[p][s] is null) continue;
                var scoped = scopedCoverage[p][s] is { } list
                    ? auxiliaries.Add(linear, list, index.Positions[p].Headcount, $"c{number}", p, s, RowKey.Scoped(number, p, s))
                    : -1;
                slots.Add((candidates.Slots[p][s], fills[p][s], scoped));
            }
        }
        // The in-scope share can rise only when an in-scope tour starts or another tour ends.
        var checkpoints = new SortedSet<int>();
        foreach (var t in tours)
        {
            if (index.PositionOperation[t.Position] != scope.Operation) continue;
            checkpoints.Add(inScope[t.Member] ? t.Start : t.End + 1);
        }
        var rows = 0;
        var columns = new List<int>();
        var coefficients = new List<double>();
        foreach (var day in checkpoints)
        {
            columns.Clear();
            coefficients.Clear();
            var anyInScope = false;
            foreach (var (days, fill, scoped) in slots)
            {
                if (days.Start > day || day > days.End) continue;
                columns.Add(fill);
                coefficients.Add(-share);
                if (scoped < 0) continue;
                anyInScope = true;
                columns.Add(scoped);
                coefficients.Add(1);
            }
            if (!anyInScope) continue;
            linear.AddRow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(columns),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(coefficients), RowSense.LessOrEqual, 0);
            rows++;
        }
        return rows;
    }

    /// <summary>Locks: one of the member's tours on the position covering the lock's days.</summary>
    private static (int Rows, ImmutableArray<string> Infeasible) AddLockRows(CandidateSet candidates, LinearModel linear,
        ImmutableArray<RuleRows>.Builder rules, RowKeys keys)
    {
        var index = candidates.Index;
        var reasons = ImmutableArray.CreateBuilder<string>();
        var rows = 0;
        for (var number = 0; number < index.Problem.Locks.Length; number++)
        {
            var @lock = index.Problem.Locks[number];
            var columns = LockColumns(candidates, @lock);
            if (columns.Count == 0)
            {
                reasons.Add(LockDiagnosis.Explain(candidates, @lock));
                continue;
            }
            var row = AddLockRow(linear, columns);
            keys.Set(row, RowKey.Lock(number));
            rules.Add(new RuleRows(RuleKind.Lock, number, new ConditionalRows([row], [])));
            rows++;
        }
        return (rows, reasons.ToImmutable());
    }

    /// <summary>The budget's row: the tours' cost (<paramref name="cost"/>, one per tour column) at most <paramref name="limit"/> (scaled as the cost).</summary>
    public static int AddBudgetRow(LinearModel linear, double[] cost, double limit) =>
        linear.AddRow(Enumerable.Range(0, cost.Length).ToArray(), cost, RowSense.LessOrEqual, limit);

    /// <summary>
    /// Teams, all or nothing slot by slot: on each slot a 0-1 column says whether the team is staffed there. The tours of
    /// its first position on the slot define it (headcount times the column, an auxiliary column whose integrality
    /// makes the position's seats all filled or all empty), and each other position's tours on the slot equal their
    /// headcount times it. The positions share their slots (the validator checks their windows and rotations), and a
    /// slot of a position without a candidate leaves the team's column there at zero.
    /// </summary>
    /// <remarks>
    /// A team with <c>minAgencies</c> K gets, on each slot and for each home agency of a member with a tour there, a 0-1
    /// presence column at most that agency's tours on the team's positions there; the presences sum to at least K times
    /// the team's column. They are integer (CP-SAT takes no continuous column that no equality makes integral), and come
    /// after every defined column.
    /// </remarks>
    /// <returns>The rows added besides the definitions.</returns>
    private static int AddTeamRows(CandidateSet candidates, List<int>?[][] coverage, LinearModel linear, Auxiliaries auxiliaries,
        ImmutableArray<RuleRows>.Builder rules, RowKeys keys)
    {
        var index = candidates.Index;
        var teams = index.Problem.Operations.SelectMany(o => o.Teams).ToArray();
        var positions = Array.ConvertAll(teams, team => team.Positions.Select(id => index.PositionIndex[id]).ToArray());
        var staffed = new int[teams.Length][];
        var linked = Array.ConvertAll(teams, _ => new List<int>());
        for (var t = 0; t < teams.Length; t++)
        {
            var lead = positions[t][0];
            staffed[t] = new int[candidates.Slots[lead].Length];
            for (var s = 0; s < staffed[t].Length; s++)
            {
                staffed[t][s] = auxiliaries.Add(linear, coverage[lead][s] ?? [], 1, "team", lead, s, RowKey.Slot(lead, s, -1), scale: index.Positions[lead].Headcount, integer: true);
                foreach (var p in positions[t][1..])
                {
                    var tours = coverage[p][s] ?? [];
                    linked[t].Add(linear.AddRow([staffed[t][s], .. tours], [index.Positions[p].Headcount, .. tours.Select(_ => -1.0)], RowSense.Equal, 0));
                    keys.Set(linked[t][^1], RowKey.Slot(p, s, -1));
                }
            }
        }
        for (var t = 0; t < teams.Length; t++)
        {
            if (teams[t].MinAgencies is not { } least) continue;
            for (var s = 0; s < staffed[t].Length; s++)
            {
                var byAgency = positions[t].SelectMany(p => coverage[p][s] ?? []).Where(j => index.Members[candidates.Tours[j].Member].Agency is not null)
                    .GroupBy(j => index.Members[candidates.Tours[j].Member].Agency!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
                var present = new List<int>();
                foreach (var agency in byAgency)
                {
                    var (column, row) = auxiliaries.AddPresence(linear, [.. agency], positions[t][0], s, agency.Key);
                    keys.Set(row, RowKey.Other);
                    present.Add(column);
                    linked[t].Add(row);
                }
                linked[t].Add(linear.AddRow([.. present, staffed[t][s]], [.. present.Select(_ => 1.0), -least], RowSense.GreaterOrEqual, 0));
            }
        }
        for (var t = 0; t < teams.Length; t++) rules.Add(new RuleRows(RuleKind.Team, t, new ConditionalRows([.. linked[t]], [])));
        return linked.Sum(l => l.Count);
    }

    /// <summary>
    /// Training: a 0-1 column per member and session that some candidate tour of the member could need, after every other
    /// column. A tour that does not hold a credential of its position through its end needs one of the sessions that give
    /// it in time. A session trains at most its seats; a member trained serves no tour on any day of the session. Rest
    /// days apply between tours only.
    /// </summary>
    /// <remarks>
    /// Both rules are written per maximal clique of the member's tours stretched by the rest days, the sets the member
    /// rows allow at most one of (as those rows are). Needs: for a clique and a set S of sessions some tour of it needs,
    /// the tours of the clique whose sessions all lie in S at most the training columns of S. It implies each tour's own
    /// row (a tour is in some clique, with its own set) and is stronger: a relaxation that splits a member over tours at
    /// once pays the training once per tour, not once per clique (the training is a fixed charge). Session days: the
    /// training and the member's tours meeting the session, clipped to its days and stretched, at most 1 per clique
    /// (with rest days as long as the session, one row, not one per day).
    /// </remarks>
    private static TrainingColumns AddTrainingRows(CandidateSet candidates, LinearModel linear)
    {
        var index = candidates.Index;
        var tours = candidates.Tours;
        var rest = index.Problem.Policy.RestDays;
        var first = linear.ColumnCount;
        var columnOf = new Dictionary<(int Member, int Session), int>();
        var columns = new List<(int Member, int Session)>();
        var rows = 0;
        var needing = new List<(int Tour, int[] Sessions)>();
        var intervals = new List<(int, int)>();
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < index.Members.Length; m++)
        {
            needing.Clear();
            var checks = new Dictionary<int, CredentialCheck?>();
            for (var j = candidates.MemberOffsets[m]; j < candidates.MemberOffsets[m + 1]; j++)
            {
                var t = tours[j];
                if (index.Positions[t.Position].Credentials.IsDefaultOrEmpty) continue;
                if (!checks.TryGetValue(t.Position, out var check)) checks[t.Position] = check = CredentialCheck.For(index, m, t.Position);
                foreach (var sessions in check!.Needs(t.Start, t.End))
                {
                    Array.Sort(sessions);
                    needing.Add((j, sessions));
                    foreach (var k in sessions)
                    {
                        if (columnOf.ContainsKey((m, k))) continue;
                        columnOf[(m, k)] = linear.AddColumn(0, 1, 0, isInteger: true);
                        columns.Add((m, k));
                    }
                }
            }
            if (needing.Count == 0) continue;
            intervals.Clear();
            foreach (var (j, _) in needing) intervals.Add((tours[j].Start, tours[j].End + rest));
            written.Clear();
            IntervalCliques.Sweep(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(intervals), (clique, _) =>
            {
                foreach (var set in clique.Select(c => needing[c].Sessions).DistinctBy(Key))
                {
                    var covered = clique.Where(c => IsSubset(needing[c].Sessions, set)).Select(c => needing[c].Tour).Distinct().Order().ToArray();
                    if (!written.Add(string.Join(',', covered) + "|" + Key(set))) continue;
                    linear.AddRow([.. covered, .. set.Select(k => columnOf[(m, k)])],
                        [.. covered.Select(_ => 1.0), .. set.Select(_ => -1.0)], RowSense.LessOrEqual, 0);
                    rows++;
                }
            });
        }
        foreach (var group in columns.Select((c, k) => (c.Session, Column: first + k)).GroupBy(x => x.Session))
        {
            var seats = index.Sessions[group.Key].Session.Seats;
            if (group.Count() <= seats) continue;
            AddAtMost(linear, [.. group.Select(x => x.Column)], seats);
            rows++;
        }
        var meeting = new List<int>();
        for (var k = 0; k < columns.Count; k++)
        {
            var (m, session) = columns[k];
            var days = index.Sessions[session].Session.Days;
            var (from, to) = (days.Start.DayNumber, days.End.DayNumber);
            meeting.Clear();
            intervals.Clear();
            for (var j = candidates.MemberOffsets[m]; j < candidates.MemberOffsets[m + 1]; j++)
            {
                if (tours[j].End < from || tours[j].Start > to) continue;
                meeting.Add(j);
                intervals.Add((Math.Max(from, tours[j].Start), Math.Min(to, tours[j].End) + rest));
            }
            IntervalCliques.Sweep(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(intervals), (clique, _) =>
            {
                linear.AddRow([first + k, .. clique.Select(c => meeting[c]).Order()], [.. Enumerable.Repeat(1.0, clique.Count + 1)], RowSense.LessOrEqual, 1);
                rows++;
            });
        }
        return new TrainingColumns(first, [.. columns], rows);

        static string Key(int[] set) => string.Join(',', set);
        static bool IsSubset(int[] small, int[] large)
        {
            var i = 0;
            foreach (var x in large)
            {
                if (i < small.Length && small[i] == x) i++;
            }
            return i == small.Length;
        }
    }

    /// <summary>A lock's row: at least one of <paramref name="columns"/> (<see cref="LockColumns"/>).</summary>
    public static int AddLockRow(LinearModel linear, List<int> columns) =>
        linear.AddRow(columns.ToArray(), columns.Select(_ => 1.0).ToArray(), RowSense.GreaterOrEqual, 1);

    /// <summary>The name of tour column <paramref name="j"/> in an exported model: member, position, first and last slot.</summary>
    public static string TourName(CandidateSet candidates, int j)
    {
        var t = candidates.Tours[j];
        return $"t_{candidates.Index.Members[t.Member].Id}_{candidates.Index.Positions[t.Position].Id}_{t.FirstSlot}_{t.LastSlot}";
    }

    /// <summary>The tour columns that keep <paramref name="lock"/>: its member's tours on its position covering its days.</summary>
    public static List<int> LockColumns(CandidateSet candidates, AssignmentLock @lock)
    {
        var index = candidates.Index;
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
        return columns;
    }

    private static int AddAtMost(LinearModel linear, List<int> columns, int bound)
    {
        var ones = new double[columns.Count];
        Array.Fill(ones, 1.0);
        return linear.AddRow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(columns), ones, RowSense.LessOrEqual, bound);
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

    /// <summary>
    /// The auxiliary columns of the model being built, numbered after the tour columns: each is continuous, counts some
    /// tours on one rotation slot and is defined by the equality row <c>aux - sum of the tours = 0</c>. Integrality follows from the tours.
    /// </summary>
    private sealed class Auxiliaries(CandidateSet candidates, RowKeys keys)
    {
        private readonly List<int> _rows = [];
        private readonly List<(string Kind, int Position, int Slot)> _names = [];
        private readonly HashSet<int> _rowSet = [];
        private readonly List<(int Column, int Row)> _presences = [];

        /// <summary>How many auxiliary and presence columns there are.</summary>
        public int Count => _names.Count;

        /// <summary>The defining row of each auxiliary column, in column order.</summary>
        public int[] Rows => [.. _rows];

        /// <summary>
        /// Adds the column counting <paramref name="tours"/> on slot <paramref name="slot"/> of <paramref name="position"/>,
        /// at most <paramref name="upper"/>, in units of <paramref name="scale"/> tours (its row: scale x column - tours = 0);
        /// <paramref name="integer"/> makes the count a whole number of such units.
        /// </summary>
        public int Add(LinearModel linear, List<int> tours, int upper, string kind, int position, int slot, RowKey key, double scale = 1, bool integer = false)
        {
            var column = linear.AddColumn(0, upper, 0, isInteger: integer);
            if (column != candidates.Tours.Length + _rows.Count || _presences.Count > 0)
                throw new InvalidOperationException("Auxiliary columns must follow the tour columns, before any presence column.");
            var columns = new int[tours.Count + 1];
            columns[0] = column;
            tours.CopyTo(columns, 1);
            var coefficients = new double[columns.Length];
            Array.Fill(coefficients, -1.0);
            coefficients[0] = scale;
            _rows.Add(linear.AddRow(columns, coefficients, RowSense.Equal, 0));
            keys.Set(_rows[^1], key);
            _rowSet.Add(_rows[^1]);
            _names.Add((kind, position, slot));
            return column;
        }

        /// <summary>
        /// Adds a 0-1 presence column at most the count of <paramref name="tours"/> (its row: column - tours &lt;= 0), after
        /// every defined column: a roster sets it to 1 where a tour is there (<see cref="Presences"/>).
        /// </summary>
        public (int Column, int Row) AddPresence(LinearModel linear, List<int> tours, int position, int slot, string agency)
        {
            var column = linear.AddColumn(0, 1, 0, isInteger: true);
            var row = linear.AddRow([column, .. tours], [1, .. tours.Select(_ => -1.0)], RowSense.LessOrEqual, 0);
            _names.Add(($"agency_{agency}", position, slot));
            _presences.Add((column, row));
            return (column, row);
        }

        /// <summary>The presence columns, each with its row, in column order.</summary>
        public (int Column, int Row)[] Presences => [.. _presences];

        /// <summary>Whether <paramref name="row"/> defines an auxiliary column.</summary>
        public bool Defines(int row) => _rowSet.Contains(row);

        /// <summary>The headcount of the position whose slot auxiliary <paramref name="column"/> counts.</summary>
        public int Headcount(int column) => candidates.Index.Positions[_names[column - candidates.Tours.Length].Position].Headcount;

        public string Name(int column)
        {
            var (kind, position, slot) = _names[column - candidates.Tours.Length];
            return $"{kind}_{candidates.Index.Positions[position].Id}_{slot}";
        }
    }
}
