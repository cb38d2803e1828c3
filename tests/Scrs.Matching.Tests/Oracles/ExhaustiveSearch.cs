using System.Collections.Immutable;
using System.Numerics;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Oracles;

/// <summary>The best roster of a tiny problem found by <see cref="ExhaustiveSearch"/>.</summary>
/// <param name="Objective">The lexicographically best objective; <see langword="null"/> when no roster keeps every rule.</param>
/// <param name="Assignments">One roster attaining it (merged tours, ordered by operation, position, start, member); empty when infeasible.</param>
/// <param name="Nodes">Search nodes visited, for tuning the generator.</param>
internal sealed record OracleResult(ObjectiveValues? Objective, ImmutableArray<Assignment> Assignments, long Nodes, ImmutableArray<Training> Training = default)
{
    public bool Feasible => Objective is not null;
}

/// <summary>
/// Finds the optimum of a tiny problem by enumerating every roster, written independently of the library's model builder
/// and candidate generator, as a reference for the planner's tests.
/// </summary>
/// <remarks>
/// <para>
/// A roster is the same thing as a choice, for every rotation slot of every position, of the members holding its seats: a
/// member's tours on a position are the maximal runs of consecutive slots it holds (back-to-back tours on one position must be
/// merged, so this is one-to-one). The search decides the slots in order of their start day, so every member's tours grow
/// in time order and the rules of a member's sequence (overlap, rest, maximum tour, continuous deployments with no rest days)
/// are checked as each slot is added. Lead time and availability concern single days, so checking each held slot is
/// equivalent to checking each tour. Surge limits that only grow (a maximum, or a share of the corps) and the budget prune
/// as soon as they are exceeded; shares of an operation can recover when others join it, so they are checked on complete
/// rosters. A dated lock forces its member into every slot of the position meeting the lock's days, and those slots are
/// exempt from the member's lead time (a dated lock is a decision already taken). No member holds a slot of a position an
/// exclusion rules it out of.
/// </para>
/// <para>
/// Branch and bound keeps it fast: on every elementary run of days, at most min(seats, members still able to serve) seats
/// can be covered, counted priority by priority, which bounds the coverage levels lexicographically; when that bound only
/// ties the best roster, every remaining seat-day it counts must be covered, by distinct members each day, which bounds cost
/// and load from below by the cheapest such members.
/// </para>
/// <para>The roster found is checked against <see cref="RosterValidator"/> and <see cref="RosterEvaluator"/>; a disagreement throws.</para>
/// </remarks>
internal static class ExhaustiveSearch
{
    /// <summary>Largest sizes accepted; beyond them the search may take too long.</summary>
    public const int MaxMembers = 5, MaxSlots = 16;

    /// <summary>Compares objectives: positive when <paramref name="a"/> is better (more coverage by priority, then less cost, then less load).</summary>
    public static int Compare(ObjectiveValues a, ObjectiveValues b)
    {
        var coverage = CompareCoverage([a.Critical, a.High, a.Normal, a.Low], [b.Critical, b.High, b.Normal, b.Low]);
        return coverage != 0 ? coverage
            : a.Changes != b.Changes ? (b.Changes ?? 0).CompareTo(a.Changes ?? 0)
            : a.Cost != b.Cost ? b.Cost.CompareTo(a.Cost)
            : b.Load.CompareTo(a.Load);
    }

    /// <summary>Whether <paramref name="problem"/> is small enough for <see cref="Solve"/>: members and slots within the limits.</summary>
    public static bool Fits(DeploymentProblem problem) =>
        problem.Members.Length <= MaxMembers && problem.Operations.SelectMany(o => o.Positions)
            .Sum(p => (p.Window.Days + (problem.RotationDays(p) ?? p.Window.Days) - 1) / (problem.RotationDays(p) ?? p.Window.Days)) <= MaxSlots;

    /// <summary>Finds the best roster of <paramref name="problem"/>.</summary>
    /// <param name="problem">A valid problem with at most <see cref="MaxMembers"/> members and <see cref="MaxSlots"/> slots in all.</param>
    /// <param name="bound">Whether to prune with bounds; without, every roster is enumerated (to test the bounds themselves).</param>
    /// <param name="maxNodes">Gives up (throws) after this many search nodes, so a too-large test case fails instead of hanging.</param>
    public static OracleResult Solve(DeploymentProblem problem, bool bound = true, long maxNodes = 20_000_000,
        IReadOnlyList<Assignment>? previous = null)
    {
        var search = new Search(problem, bound, maxNodes, previous);
        var result = search.Run();
        if (result.Objective is { } objective)
        {
            var violations = RosterValidator.Validate(problem, result.Assignments, null, result.Training);
            if (violations.Length > 0)
                throw new InvalidOperationException($"The oracle's roster breaks rules: {string.Join("; ", violations)}");
            var evaluated = RosterEvaluator.Evaluate(problem, result.Assignments, previous, result.Training);
            if (evaluated != objective)
                throw new InvalidOperationException($"The oracle computed {objective} but the evaluator gives {evaluated}");
        }

        return result;
    }

    private static int CompareCoverage(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        for (var level = 0; level < a.Length; level++)
        {
            if (a[level] != b[level])
                return a[level].CompareTo(b[level]);
        }

        return 0;
    }

    /// <summary>A rotation slot of a position; days are offsets from the first day of any slot.</summary>
    private sealed record Slot(int Position, int Index, int Start, int End, int Operation, Priority Priority, int Headcount, bool LastOfPosition)
    {
        public int Days => End - Start + 1;
    }

    /// <summary>A member's progress through its tours, which the search saves and restores around each choice.</summary>
    private record struct Progress(int LastSlot, int LastEnd, int TourStart, int DeploymentStart);

    private sealed class Search
    {
        private const int Levels = 4;
        private readonly DeploymentProblem _problem;
        private readonly bool _bound;
        private readonly long _maxNodes;
        private readonly int[][] _choices;
        private readonly Member[] _members;
        private readonly (Position Position, string Operation)[] _positions;
        private readonly Slot[] _slots;
        private readonly int _origin;
        private readonly bool[,] _eligible;
        private readonly int[] _forced;
        private readonly int[][] _teamSlots;
        private readonly int[] _teamLeast;
        private readonly int[] _maxTour;
        private readonly decimal[] _cost;
        private readonly int[] _loadPerDay;
        private readonly (SurgeLimit Limit, int Operation, double Capacity, int Scope)[] _limits;
        private readonly int[][] _surgeCount;
        private readonly int[][] _operationCount;
        private readonly (int Member, int Position)[] _undatedLocks;
        private readonly (int From, int To, int[] Slots)[] _segments;
        private readonly bool _hopeless;
        private readonly int[,] _keeps;
        private readonly long? _previousDays;
        private long _kept;

        private readonly Progress[] _progress;
        private readonly int[] _held;
        private readonly int[,] _heldOnPosition;
        private readonly long[] _coverage = new long[Levels];
        private decimal _spent;
        private long _loadSum;
        private long _nodes;
        private ObjectiveValues? _best;
        private int[]? _bestHeld;
        private ImmutableArray<Training> _bestTraining = [];

        public Search(DeploymentProblem problem, bool bound, long maxNodes, IReadOnlyList<Assignment>? previous)
        {
            _problem = problem;
            _bound = bound;
            _maxNodes = maxNodes;
            _members = [.. problem.Members];
            _positions = [.. problem.Operations.SelectMany(o => o.Positions.Select(p => (p, o.Id)))];
            if (_members.Length > MaxMembers)
                throw new ArgumentException($"At most {MaxMembers} members, got {_members.Length}.", nameof(problem));
            var operations = problem.Operations.Select(o => o.Id).ToList();
            _origin = _positions.Length == 0 ? 0 : _positions.Min(p => p.Position.Window.Start.DayNumber);
            _slots = [.. _positions.SelectMany((p, i) => SlotsOf(i, operations.IndexOf(p.Operation))).OrderBy(s => s.Start).ThenBy(s => s.Position)];
            if (_slots.Length > MaxSlots)
                throw new ArgumentException($"At most {MaxSlots} slots in all, got {_slots.Length}.", nameof(problem));

            _maxTour = [.. _members.Select(problem.MaxTourDays)];
            _cost = [.. _members.Select(problem.DailyCost)];
            _loadPerDay = [.. _members.Select(m => m.DeployedDaysLast365)];

            var horizon = _slots.Length == 0 ? 0 : _slots.Max(s => s.End) + 1;
            _limits = [.. problem.Policy.Surge.Select(limit => (limit, operations.IndexOf(limit.Operation ?? ""), ShareCapacity(limit), ScopeMask(limit)))];
            _surgeCount = [.. _limits.Select(_ => new int[horizon])];
            _operationCount = [.. operations.Select(_ => new int[horizon])];

            _forced = new int[_slots.Length];
            var undated = new List<(int, int)>();
            foreach (var @lock in problem.Locks)
            {
                var member = Array.FindIndex(_members, m => m.Id == @lock.Member);
                var position = Array.FindIndex(_positions, p => p.Position.Id == @lock.Position);
                if (member < 0 || position < 0)
                {
                    _hopeless = true;
                    continue;
                }

                if ((@lock.Start ?? @lock.End, @lock.End ?? @lock.Start) is not (DateOnly from, DateOnly to))
                {
                    undated.Add((member, position));
                    continue;
                }

                // A tour covers the lock's days exactly when the member holds every slot meeting them, inside the window.
                if (!_positions[position].Position.Window.Covers(new DateRange(from, to)))
                    _hopeless = true;
                for (var s = 0; s < _slots.Length; s++)
                {
                    if (_slots[s].Position == position && _slots[s].Start <= Offset(to) && Offset(from) <= _slots[s].End)
                        _forced[s] |= 1 << member;
                }
            }

            // Eligibility after the locks: the slots a dated lock forces are exempt from the member's lead time.
            _eligible = new bool[_members.Length, _slots.Length];
            for (var m = 0; m < _members.Length; m++)
                for (var s = 0; s < _slots.Length; s++)
                    _eligible[m, s] = Eligible(m, _slots[s], leadTimeExempt: (_forced[s] & (1 << m)) != 0);

            // The previous roster's days each member would keep by holding each slot: the same member, position and day.
            var previousDays = (previous ?? []).SelectMany(a => Enumerable.Range(a.Start.DayNumber, Math.Max(0, a.End.DayNumber - a.Start.DayNumber + 1))
                .Select(day => (a.Member, a.Position, day))).ToHashSet();
            _previousDays = previous is null ? null : previousDays.Count;
            _keeps = new int[_members.Length, _slots.Length];
            for (var m = 0; m < _members.Length; m++)
                for (var s = 0; s < _slots.Length; s++)
                    for (var day = _slots[s].Start; day <= _slots[s].End; day++)
                        _keeps[m, s] += previousDays.Contains((_members[m].Id, _positions[_slots[s].Position].Position.Id, day + _origin)) ? 1 : 0;

            _undatedLocks = [.. undated];
            // Each team's k-th slots, one per position of the team (their windows and rotations are the same).
            var teamSlots = problem.Operations.SelectMany(o => o.Teams).SelectMany(team =>
            {
                var positions = team.Positions.Select(id => Array.FindIndex(_positions, p => p.Position.Id == id)).ToArray();
                var count = _slots.Count(s => s.Position == positions[0]);
                return Enumerable.Range(0, count).Select(k => (Slots: positions.Select(p => Array.FindIndex(_slots, s => s.Position == p && s.Index == k)).ToArray(),
                    Least: team.MinAgencies ?? 0));
            }).ToArray();
            _teamSlots = Array.ConvertAll(teamSlots, x => x.Slots);
            _teamLeast = Array.ConvertAll(teamSlots, x => x.Least);
            _hopeless |= problem.Policy.Budget < 0;
            _choices = [.. _slots.Select(Choices)];
            var bounds = _slots.SelectMany(s => new[] { s.Start, s.End + 1 }).Distinct().Order().ToArray();
            _segments = [.. bounds.Zip(bounds.Skip(1), (from, to) =>
                (from, to, Enumerable.Range(0, _slots.Length).Where(s => _slots[s].Start <= from && to - 1 <= _slots[s].End).ToArray()))];

            _progress = [.. _members.Select(_ => new Progress(-1, int.MinValue / 2, 0, 0))];
            _held = new int[_slots.Length];
            _heldOnPosition = new int[_members.Length, _positions.Length];
        }

        public OracleResult Run()
        {
            if (!_hopeless)
                Decide(0);
            return _best is null || _bestHeld is null ? new OracleResult(null, [], _nodes, []) : new OracleResult(_best, Roster(_bestHeld), _nodes, _bestTraining);
        }

        private int Offset(DateOnly day) => day.DayNumber - _origin;

        private IEnumerable<Slot> SlotsOf(int index, int operation)
        {
            var position = _positions[index].Position;
            int start = Offset(position.Window.Start), end = Offset(position.Window.End);
            var rotation = _problem.RotationDays(position) ?? end - start + 1;
            if (rotation <= 0)
                throw new ArgumentException($"Position '{position.Id}' has a non-positive rotation or window.", nameof(position));
            for (var from = start; from <= end; from += rotation)
            {
                var to = Math.Min(from + rotation - 1, end);
                yield return new Slot(index, (from - start) / rotation, from, to, operation, position.Priority, position.Headcount, to == end);
            }
        }

        /// <summary>Whether member <paramref name="m"/> may hold <paramref name="slot"/> regardless of its other tours.</summary>
        private bool Eligible(int m, Slot slot, bool leadTimeExempt)
        {
            var member = _members[m];
            var (position, operation) = _positions[slot.Position];
            var skills = member.Skills.GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Max(s => s.Value), StringComparer.OrdinalIgnoreCase);
            var languages = member.Languages.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var days = new DateRange(DateOnly.FromDayNumber(slot.Start + _origin), DateOnly.FromDayNumber(slot.End + _origin));
            return position.Requires.All(r => skills.GetValueOrDefault(r.Key) >= r.Value)
                && position.Languages.All(languages.Contains)
                && member.Clearance >= position.Clearance
                && (position.AllowedComponents.IsEmpty || position.AllowedComponents.Contains(member.Component))
                && (leadTimeExempt || days.Start >= _problem.PlanningDate.AddDays(_problem.LeadTimeDays(member)))
                && !member.Unavailable.Any(u => u.Overlaps(days))
                // A tour's last slot ends last: each slot within the credentials' last days is the tour within them.
                // A slot within a credential's last day, or one a session could give it for (whether one does is
                // decided on the complete roster, tour by tour: Training).
                && position.Credentials.All(c => Holds(member, c, days.End) || Sessions(member, c).Any(x => x.Session.Days.End < days.Start && days.End <= x.Through))
                && slot.Days <= _maxTour[m]
                && !_problem.Exclusions.Any(e => e.Covers(member.Id, position.Id, operation));
        }

        /// <summary>Members counted by a limit's agency and component (its operation is matched per slot).</summary>
        private int ScopeMask(SurgeLimit limit) =>
            Enumerable.Range(0, _members.Length)
                .Where(m => (limit.Agency is null || _members[m].Agency == limit.Agency) && (limit.Component is null || _members[m].Component == limit.Component))
                .Sum(m => 1 << m);

        /// <summary>The fixed daily capacity of a limit; a share of an operation is checked on complete rosters instead.</summary>
        private double ShareCapacity(SurgeLimit limit)
        {
            var capacity = limit.MaxConcurrent ?? double.PositiveInfinity;
            if (limit is { MaxShare: { } share, Operation: null })
                capacity = Math.Min(capacity, Math.Floor(share * BitOperations.PopCount((uint)ScopeMask(limit)) + RosterValidator.ShareTolerance));
            return capacity;
        }

        private bool Counts(int limit, int member, Slot slot) =>
            (_limits[limit].Scope & (1 << member)) != 0 && (_limits[limit].Limit.Operation is null || _limits[limit].Operation == slot.Operation);

        private void Decide(int index)
        {
            if (++_nodes > _maxNodes)
                throw new InvalidOperationException($"The exhaustive search visited more than {_maxNodes} nodes; the problem is too large for it.");
            if (index == _slots.Length)
            {
                Complete();
                return;
            }

            if (_bound && _best is not null && !CanImprove(index))
                return;

            var slot = _slots[index];
            foreach (var members in _choices[index])
            {
                if (!TryHold(index, members, out var saved))
                    continue;
                if (!slot.LastOfPosition || _undatedLocks.All(l => l.Position != slot.Position || _heldOnPosition[l.Member, l.Position] > 0))
                    Decide(index + 1);
                Release(index, members, saved);
            }
        }

        /// <summary>The sets of members that may hold a slot's seats, larger and cheaper sets first so good rosters come early.</summary>
        private int[] Choices(Slot slot, int index)
        {
            var possible = 0;
            for (var m = 0; m < _members.Length; m++)
            {
                if (_eligible[m, index])
                    possible |= 1 << m;
            }

            return Enumerable.Range(0, 1 << _members.Length)
                .Where(set => (set & ~possible) == 0 && (set & _forced[index]) == _forced[index] && BitOperations.PopCount((uint)set) <= slot.Headcount)
                .OrderByDescending(set => BitOperations.PopCount((uint)set))
                .ThenBy(set => Members(set).Sum(m => _cost[m]))
                .ThenBy(set => set)
                .ToArray();
        }

        private static IEnumerable<int> Members(int set) => Enumerable.Range(0, 32).Where(m => (set & (1 << m)) != 0);

        /// <summary>Adds the members to the slot when every rule allows it; on failure nothing is changed.</summary>
        private bool TryHold(int index, int members, out Progress[] saved)
        {
            saved = (Progress[])_progress.Clone();
            var slot = _slots[index];
            var added = new List<int>();
            foreach (var m in Members(members))
            {
                if (!Extend(m, index) || !WithinSurge(m, slot) || _problem.Policy.Budget is { } budget && _spent + slot.Days * _cost[m] > budget)
                {
                    Release(index, added.Sum(a => 1 << a), saved);
                    return false;
                }

                Count(m, slot, +1);
                CountKept(m, index, +1);
                added.Add(m);
            }

            _held[index] = members;
            return true;
        }

        private void Release(int index, int members, Progress[] saved)
        {
            foreach (var m in Members(members))
            {
                Count(m, _slots[index], -1);
                CountKept(m, index, -1);
            }
            saved.CopyTo(_progress, 0);
            _held[index] = 0;
        }

        /// <summary>Moves member <paramref name="m"/> onto the slot when the rules of its sequence of tours allow it.</summary>
        private bool Extend(int m, int index)
        {
            var slot = _slots[index];
            var progress = _progress[m];
            var restDays = _problem.Policy.RestDays;
            var continues = progress.LastSlot >= 0 && _slots[progress.LastSlot] is var last
                && last.Position == slot.Position && last.Index == slot.Index - 1;
            Progress next;
            if (continues)
                next = progress with { LastSlot = index, LastEnd = slot.End };
            else
            {
                var gap = slot.Start - progress.LastEnd - 1;
                if (gap < 0 || gap < restDays)
                    return false;
                next = new Progress(index, slot.End, slot.Start, restDays <= 0 && gap == 0 ? progress.DeploymentStart : slot.Start);
            }

            if (slot.End - next.TourStart + 1 > _maxTour[m] || slot.End - next.DeploymentStart + 1 > _maxTour[m])
                return false;
            _progress[m] = next;
            return true;
        }

        private bool WithinSurge(int m, Slot slot)
        {
            for (var l = 0; l < _limits.Length; l++)
            {
                if (!Counts(l, m, slot))
                    continue;
                for (var day = slot.Start; day <= slot.End; day++)
                {
                    if (_surgeCount[l][day] + 1 > _limits[l].Capacity + RosterValidator.ShareTolerance)
                        return false;
                }
            }

            return true;
        }

        /// <summary>Adds (or with -1 removes) member <paramref name="m"/> on the slot to every running total.</summary>
        private void Count(int m, Slot slot, int sign)
        {
            for (var l = 0; l < _limits.Length; l++)
            {
                if (Counts(l, m, slot))
                    for (var day = slot.Start; day <= slot.End; day++)
                        _surgeCount[l][day] += sign;
            }

            for (var day = slot.Start; day <= slot.End; day++)
                _operationCount[slot.Operation][day] += sign;
            _coverage[(int)slot.Priority] += sign * slot.Days;
            _spent += sign * slot.Days * _cost[m];
            _loadSum += sign * (long)slot.Days * _loadPerDay[m];
            _heldOnPosition[m, slot.Position] += sign;
        }

        private void CountKept(int m, int index, int sign) => _kept += sign * _keeps[m, index];

        private void Complete()
        {
            // A team is staffed whole or not at all on each of its slots.
            for (var t = 0; t < _teamSlots.Length; t++)
            {
                var slots = _teamSlots[t];
                if (slots.All(s => _held[s] == 0)) continue;
                if (!slots.All(s => BitOperations.PopCount((uint)_held[s]) == _slots[s].Headcount)) return;
                var agencies = slots.SelectMany(s => Members(_held[s])).Select(m => _members[m].Agency).OfType<string>().Distinct().Count();
                if (agencies < _teamLeast[t]) return;
            }

            for (var l = 0; l < _limits.Length; l++)
            {
                if (_limits[l].Limit is not { MaxShare: { } share, Operation: not null })
                    continue;
                var operation = _limits[l].Operation;
                for (var day = 0; day < _surgeCount[l].Length; day++)
                {
                    var total = operation < 0 ? 0 : _operationCount[operation][day];
                    if (_surgeCount[l][day] > share * total + RosterValidator.ShareTolerance)
                        return;
                }
            }

            if (Training() is not var (training, trainings)) return;
            var objective = new ObjectiveValues(_coverage[0], _coverage[1], _coverage[2], _coverage[3], _spent + training, _loadSum)
            {
                Changes = _previousDays - _kept,
            };
            if (_best is null || Compare(objective, _best) > 0)
            {
                _best = objective;
                _bestHeld = (int[])_held.Clone();
                _bestTraining = trainings;
            }
        }

        private static bool Holds(Member member, string credential, DateOnly through) =>
            member.Credentials.Any(h => string.Equals(h.Key, credential, StringComparison.OrdinalIgnoreCase) && through <= h.Value);

        /// <summary>The sessions that can train <paramref name="member"/> for <paramref name="credential"/>: on or after the planning date, the member free on their days.</summary>
        private IEnumerable<(CourseSession Session, DateOnly Through, decimal Cost)> Sessions(Member member, string credential) =>
            _problem.Policy.Courses.Where(c => string.Equals(c.Credential, credential, StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c.Sessions.Select(s => (Session: s, Through: s.Days.End.AddDays(c.ValidDays), c.CostPerSeat)))
                .Where(x => x.Session.Days.Start >= _problem.PlanningDate && !member.Unavailable.Any(u => u.Overlaps(x.Session.Days)));

        /// <summary>
        /// The least cost of the trainings the complete roster's tours need, or <see langword="null"/> when none can give
        /// them: every subset of the (member, session) pairs that some tour could use, each tour needing, for each credential
        /// of its position not held through its end, one of its member's trainings that ends before it starts and is valid
        /// through its end; sessions within their seats; no training on a day its member serves a tour.
        /// </summary>
        private (decimal Cost, ImmutableArray<Training> Trainings)? Training()
        {
            if (_problem.Policy.Courses.IsEmpty) return (0, []);
            // The roster's tours: each member's runs of consecutive slots of one position.
            var tours = new List<(int Member, DateRange Days, ImmutableArray<string> Credentials)>();
            for (var s = 0; s < _slots.Length; s++)
            {
                foreach (var m in Members(_held[s]))
                {
                    var previous = Array.FindIndex(_slots, x => x.Position == _slots[s].Position && x.Index == _slots[s].Index - 1);
                    if (previous >= 0 && (_held[previous] & (1 << m)) != 0) continue;
                    var last = s;
                    for (var next = s; next >= 0 && (_held[next] & (1 << m)) != 0;
                         next = Array.FindIndex(_slots, x => x.Position == _slots[last].Position && x.Index == _slots[last].Index + 1))
                        last = next;
                    tours.Add((m, new DateRange(DateOnly.FromDayNumber(_slots[s].Start + _origin), DateOnly.FromDayNumber(_slots[last].End + _origin)),
                        _positions[_slots[s].Position].Position.Credentials));
                }
            }
            var needs = new List<(int Member, (CourseSession Session, DateOnly Through, decimal Cost)[] Options)>();
            foreach (var (m, days, credentials) in tours)
            {
                foreach (var c in credentials.Where(c => !Holds(_members[m], c, days.End)))
                    needs.Add((m, [.. Sessions(_members[m], c).Where(x => x.Session.Days.End < days.Start && days.End <= x.Through)]));
            }
            if (needs.Count == 0) return (0, []);
            var pairs = needs.SelectMany(n => n.Options.Select(o => (n.Member, o.Session, o.Cost))).Distinct().ToArray();
            (decimal Cost, ImmutableArray<Training> Trainings)? best = null;
            // Fewest trainings first at equal cost: a roster trains a member only where needed.
            foreach (var set in Enumerable.Range(0, 1 << pairs.Length).OrderBy(x => BitOperations.PopCount((uint)x)))
            {
                var chosen = Enumerable.Range(0, pairs.Length).Where(k => (set & (1 << k)) != 0).Select(k => pairs[k]).ToArray();
                var cost = chosen.Sum(x => x.Cost);
                if (best is { } b && cost >= b.Cost) continue;
                // The trainings count against the budget with the tours (a roster over it is no roster).
                if (_problem.Policy.Budget is { } budget && _spent + cost > budget) continue;
                if (!needs.All(n => n.Options.Any(o => chosen.Any(x => x.Member == n.Member && x.Session == o.Session)))) continue;
                if (chosen.GroupBy(x => x.Session).Any(g => g.Count() > g.Key.Seats)) continue;
                if (chosen.Any(x => tours.Any(t => t.Member == x.Member && t.Days.Overlaps(x.Session.Days)))) continue;
                var credential = (CourseSession session) => _problem.Policy.Courses.First(c => c.Sessions.Contains(session)).Credential;
                best = (cost, [.. chosen.Select(x => new Training(_members[x.Member].Id, credential(x.Session), x.Session.Id, x.Session.Days.Start, x.Session.Days.End))]);
            }
            return best;
        }

        /// <summary>Whether some completion of the slots before <paramref name="index"/> could beat the best roster (see the remarks of the class).</summary>
        private bool CanImprove(int index)
        {
            var best = _best!;
            Span<long> bound = stackalloc long[Levels];
            _coverage.CopyTo(bound);
            decimal cost = _spent;
            long load = _loadSum;
            var kept = _kept;
            Span<int> seats = stackalloc int[Levels];
            foreach (var (from, to, slots) in _segments)
            {
                seats.Clear();
                var members = 0;
                var covered = 0;
                var open = 0;
                for (var level = 0; level < Levels; level++)
                {
                    foreach (var s in slots)
                    {
                        if (s < index || (int)_slots[s].Priority != level)
                            continue;
                        var able = Able(s);
                        members |= able;
                        // At most the slot's headcount of members can hold it: the ones keeping the most previous days.
                        if (from == _slots[s].Start)
                            kept += Members(able).Select(m => (long)_keeps[m, s]).OrderDescending().Take(_slots[s].Headcount).Sum();
                        seats[level] += Math.Min(_slots[s].Headcount, BitOperations.PopCount((uint)able));
                    }

                    open += seats[level];
                    var reachable = Math.Min(open, BitOperations.PopCount((uint)members));
                    var extra = Math.Min(seats[level], reachable - covered);
                    bound[level] += (long)(to - from) * extra;
                    covered += extra;
                }

                // If the bound only ties, each of these days has `covered` distinct members at work: the cheapest ones at least.
                cost += (to - from) * Members(members).Select(m => _cost[m]).Order().Take(covered).Sum();
                load += (long)(to - from) * Members(members).Select(m => (long)_loadPerDay[m]).Order().Take(covered).Sum();
            }

            var coverage = CompareCoverage(bound, [best.Critical, best.High, best.Normal, best.Low]);
            var changes = _previousDays - kept;
            return coverage > 0 || coverage == 0 && (changes < best.Changes
                || changes == best.Changes && (cost < best.Cost || cost == best.Cost && load < best.Load));
        }

        /// <summary>Members who could still hold slot <paramref name="s"/>: eligible and free from its first day on.</summary>
        private int Able(int s)
        {
            var able = 0;
            for (var m = 0; m < _members.Length; m++)
            {
                if (_eligible[m, s] && _progress[m].LastEnd < _slots[s].Start)
                    able |= 1 << m;
            }

            return able;
        }

        /// <summary>The tours of a choice of slot holders: each member's maximal runs of consecutive slots on a position.</summary>
        private ImmutableArray<Assignment> Roster(int[] held)
        {
            var tours = new List<Assignment>();
            for (var m = 0; m < _members.Length; m++)
            {
                for (var p = 0; p < _positions.Length; p++)
                {
                    var run = Enumerable.Range(0, _slots.Length)
                        .Where(s => _slots[s].Position == p && (held[s] & (1 << m)) != 0)
                        .Select(s => _slots[s])
                        .OrderBy(s => s.Index)
                        .ToList();
                    for (var i = 0; i < run.Count;)
                    {
                        var j = i;
                        while (j + 1 < run.Count && run[j + 1].Index == run[j].Index + 1)
                            j++;
                        tours.Add(new Assignment(_members[m].Id, _positions[p].Operation, _positions[p].Position.Id,
                            DateOnly.FromDayNumber(run[i].Start + _origin), DateOnly.FromDayNumber(run[j].End + _origin)));
                        i = j + 1;
                    }
                }
            }

            return [.. tours.OrderBy(t => t.Operation, StringComparer.Ordinal).ThenBy(t => t.Position, StringComparer.Ordinal)
                .ThenBy(t => t.Start).ThenBy(t => t.Member, StringComparer.Ordinal)];
        }
    }
}
