using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Sessions;

namespace Scrs.Matching.Simulation;

/// <summary>One plan of a rolling replication: the day, the problem as known that day, and the roster planned for it.</summary>
/// <param name="Day">The day of the plan (the problem's planning date).</param>
/// <param name="Problem">What was known that day: tours under way and accepted offers as dated locks, the past cut off.</param>
/// <param name="Roster">The roster the planner returned.</param>
internal sealed record RollingPlan(DateOnly Day, DeploymentProblem Problem, Roster Roster);

/// <summary>What a rolling replication did: the tours served, the problem they are measured against, and its plans.</summary>
/// <param name="Measured">The scenario's problem with every operation that arrived, whole windows.</param>
/// <param name="Served">Each position's days actually served by someone (absences and departures taken out).</param>
/// <param name="Proven">Whether every plan's coverage was proven optimal.</param>
/// <param name="Plans">Every plan, in order.</param>
internal sealed record RollingRun(DeploymentProblem Measured, ImmutableArray<(string Position, DateRange Days)> Served, bool Proven,
    ImmutableArray<RollingPlan> Plans);

/// <summary>
/// Runs one replication of a rolling scenario: time moves forward and the engine re-plans from each event's day with only
/// the past known, the tours under way and the offers accepted kept as locks.
/// </summary>
/// <remarks>
/// <para>The future is the one <see cref="ReplicationSampler.Future"/> gives (the same as the static mode's); it is revealed
/// day by day. The engine plans on the planning date, on the first day of every month, on the day an operation arrives,
/// on the day a member leaves while holding a tour, and on the day an absence starts that a planned tour cannot keep.</para>
/// <para>An offer goes out when a planned tour must be confirmed before the next monthly plan (it starts before the first
/// of next month plus the member's lead time); the member then declines with the scenario's probability (drawn once per
/// member, at the first offer: declining means not released for the horizon), and the engine plans again that day.
/// Accepted offers are decisions: they are kept as dated locks, which the lead time does not hold back.</para>
/// <para>A member who leaves serves up to the day before; the seat stays taken to the end of its rotation slot, since a
/// slot is the unit a seat is planned in. A member away during a tour under way, or an accepted one, misses those days and
/// comes back to it. Both are measured as what was actually covered.</para>
/// <para>Each plan sees the positions from the rotation slot holding its day on (so slots stay where they were); tours
/// entirely before that are gone from it, and leave only the rest days they impose.</para>
/// </remarks>
internal sealed class RollingReplication
{
    private readonly ReplicationFuture _future;
    private readonly DeploymentProblem _base;
    private readonly PlannerOptions _planner;
    private readonly CancellationToken _cancellationToken;
    private readonly int _horizonEnd;
    private readonly Dictionary<string, int> _memberIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Position Position, string Operation)> _positions = new(StringComparer.Ordinal);
    private readonly List<Operation> _operations;
    private readonly List<Committed> _committed = [];
    private readonly bool?[] _accepts;
    private readonly int?[] _declinedOn;
    private readonly bool[] _leaveApplied;
    private readonly List<RollingPlan> _plans = [];
    private List<Assignment> _planned = [];
    private int _arrived;
    private bool _proven = true;

    /// <summary>A tour the member agreed to: its days as planned, and the last day actually served (before leaving).</summary>
    private sealed class Committed(int member, string position, int start, int end)
    {
        public int Member { get; } = member;
        public string Position { get; } = position;
        public int Start { get; } = start;
        public int End { get; set; } = end;
        public int ServedEnd { get; set; } = end;
    }

    private PlanningSession? _session;

    private RollingReplication(Scenario scenario, int replication, PlannerOptions planner, CancellationToken cancellationToken)
    {
        _future = ReplicationSampler.Future(scenario, replication);
        _base = scenario.Problem;
        _planner = planner;
        _cancellationToken = cancellationToken;
        _horizonEnd = scenario.HorizonEnd.DayNumber;
        for (var m = 0; m < _base.Members.Length; m++) _memberIndex.TryAdd(_base.Members[m].Id, m);
        _operations = [.. _base.Operations];
        foreach (var operation in _operations) AddPositions(operation);
        _accepts = new bool?[_base.Members.Length];
        _declinedOn = new int?[_base.Members.Length];
        _leaveApplied = new bool[_base.Members.Length];
    }

    /// <summary>Runs replication <paramref name="replication"/> of <paramref name="scenario"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RollingRun Run(Scenario scenario, int replication, PlannerOptions planner, CancellationToken cancellationToken)
    {
        var run = new RollingReplication(scenario, replication, planner, cancellationToken);
        for (var day = run._base.PlanningDate.DayNumber; day <= run._horizonEnd; day = run.NextPlanDay(day))
        {
            run.Reveal(day);
            run.PlanOn(day);
        }
        return run.Result();
    }

    private void AddPositions(Operation operation)
    {
        foreach (var p in operation.Positions) _positions.TryAdd(p.Id, (p, operation.Id));
    }

    /// <summary>Takes in what becomes known on <paramref name="day"/>: arrivals, and departures (which end tours).</summary>
    private void Reveal(int day)
    {
        for (; _arrived < _future.Arrivals.Length && _future.Arrivals[_arrived].Day.DayNumber <= day; _arrived++)
        {
            _operations.Add(_future.Arrivals[_arrived].Operation);
            AddPositions(_future.Arrivals[_arrived].Operation);
        }
        for (var m = 0; m < _leaveApplied.Length; m++)
        {
            if (_leaveApplied[m] || _future.Leaves[m] is not { } leaves || leaves.DayNumber > day) continue;
            _leaveApplied[m] = true;
            var left = leaves.DayNumber;
            _committed.RemoveAll(t => t.Member == m && t.Start >= left);
            foreach (var tour in _committed.Where(t => t.Member == m && t.End >= left))
            {
                tour.ServedEnd = left - 1;
                tour.End = SlotEnd(_positions[tour.Position].Position, left - 1);
            }
        }
    }

    /// <summary>Plans on <paramref name="day"/>, makes the offers that cannot wait, and plans again while some are declined.</summary>
    private void PlanOn(int day)
    {
        var nextMonth = FirstOfNextMonth(day);
        while (true)
        {
            var (problem, roster) = FeasiblePlan(day);
            _plans.Add(new RollingPlan(DateOnly.FromDayNumber(day), problem, roster));
            _proven &= roster.Status == RosterStatus.Optimal;
            // A plan that cannot keep even the tours under way changes nothing: they go on.
            if (roster.Status == RosterStatus.Infeasible) return;

            var agreed = _committed.Select(t => (t.Member, t.Position, t.End)).ToHashSet();
            var declined = false;
            _planned = [];
            foreach (var tour in roster.Assignments)
            {
                var m = _memberIndex[tour.Member];
                if (agreed.Contains((m, tour.Position, tour.End.DayNumber))) continue;
                if (tour.Start.DayNumber >= nextMonth + _base.LeadTimeDays(_base.Members[m]))
                {
                    _planned.Add(tour);
                    continue;
                }
                // The offer: the member's answer is drawn once, at the first offer.
                _accepts[m] ??= !_future.Declines[m];
                if (_accepts[m] == true)
                    _committed.Add(new Committed(m, tour.Position, tour.Start.DayNumber, tour.End.DayNumber));
                else
                {
                    _declinedOn[m] ??= day;
                    declined = true;
                }
            }
            if (!declined) return;
        }
    }

    /// <summary>
    /// The plan of <paramref name="day"/>. A departure or a decline can leave the tours agreed breaking an operation's
    /// share (of contractors, say) that the others beside them kept. Then the day is planned with each such share
    /// replaced by a cap at the most members of its scope the locks hold on the operation on any day, so that the breach
    /// does not grow; failing that, the accepted offers not yet started are withdrawn too. Either way the replication is
    /// not proven.
    /// </summary>
    private (DeploymentProblem Problem, Roster Roster) FeasiblePlan(int day)
    {
        var problem = ProblemOn(day);
        var roster = Solve(problem);
        if (roster.Status != RosterStatus.Infeasible) return (problem, roster);
        _proven = false;
        problem = WithSharesCapped(problem);
        roster = Solve(problem);
        if (roster.Status != RosterStatus.Infeasible || _committed.RemoveAll(t => t.Start > day) == 0) return (problem, roster);
        problem = WithSharesCapped(ProblemOn(day));
        return (problem, Solve(problem));
    }

    /// <summary><paramref name="problem"/> with each operation's share replaced by a cap at the peak its locks reach.</summary>
    private static DeploymentProblem WithSharesCapped(DeploymentProblem problem)
    {
        // The engine's own resolution of who a limit counts, so the cap counts exactly what the share did.
        var index = new PlanningIndex(problem);
        var scopes = SurgeScope.Resolve(index);
        var surge = scopes.Select(scope =>
        {
            if (scope.OperationShare is null) return scope.Limit;
            var changes = new SortedDictionary<int, int>();
            foreach (var l in problem.Locks)
            {
                if (l is not { Start: { } start, End: { } end }
                    || !scope.Counts(index.MemberIndex[l.Member], index.PositionOperation[index.PositionIndex[l.Position]])) continue;
                changes[start.DayNumber] = changes.GetValueOrDefault(start.DayNumber) + 1;
                changes[end.DayNumber + 1] = changes.GetValueOrDefault(end.DayNumber + 1) - 1;
            }
            var (peak, count) = (0, 0);
            foreach (var change in changes.Values) peak = Math.Max(peak, count += change);
            return scope.Limit with { MaxShare = null, MaxConcurrent = peak };
        });
        return problem with { Policy = problem.Policy with { Surge = [.. surge] } };
    }

    private Roster Solve(DeploymentProblem problem)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        // One session per replication: each day's plan starts from the day before's roster, repaired.
        if (_session is null) _session = PlanningSession.Create(problem, _planner);
        else _session.Apply(new ProblemReplaced(problem));
        var roster = _session.Solve(_cancellationToken);
        return roster.Status == RosterStatus.Cancelled ? throw new OperationCanceledException(_cancellationToken) : roster;
    }

    /// <summary>
    /// The next day to plan on: the first of next month, an arrival, a departure of a member holding a tour, or the start
    /// of an absence that a planned (not yet agreed) tour cannot keep, whichever comes first.
    /// </summary>
    private int NextPlanDay(int day)
    {
        var next = FirstOfNextMonth(day);
        if (_arrived < _future.Arrivals.Length) next = Math.Min(next, _future.Arrivals[_arrived].Day.DayNumber);
        var holdsUntil = new Dictionary<int, int>();
        foreach (var t in _committed) holdsUntil[t.Member] = Math.Max(holdsUntil.GetValueOrDefault(t.Member, int.MinValue), t.End);
        foreach (var a in _planned)
        {
            var m = _memberIndex[a.Member];
            holdsUntil[m] = Math.Max(holdsUntil.GetValueOrDefault(m, int.MinValue), a.End.DayNumber);
            foreach (var away in _future.Absences[m])
            {
                if (away.Start.DayNumber > day && away.Overlaps(a.Days)) next = Math.Min(next, away.Start.DayNumber);
            }
        }
        foreach (var (m, until) in holdsUntil)
        {
            if (_future.Leaves[m] is { } leaves && leaves.DayNumber > day && leaves.DayNumber <= until) next = Math.Min(next, leaves.DayNumber);
        }
        return next;
    }

    /// <summary>The problem as known on <paramref name="day"/>.</summary>
    private DeploymentProblem ProblemOn(int day)
    {
        var rest = _base.Policy.RestDays;
        var firstDay = new Dictionary<string, int>(StringComparer.Ordinal);
        var operations = ImmutableArray.CreateBuilder<Operation>(_operations.Count);
        foreach (var operation in _operations)
        {
            var positions = ImmutableArray.CreateBuilder<Position>(operation.Positions.Length);
            foreach (var p in operation.Positions)
            {
                if (p.Window.End.DayNumber < day) continue;
                var from = SlotStart(p, day);
                firstDay[p.Id] = from;
                positions.Add(from == p.Window.Start.DayNumber ? p : p with { Window = new DateRange(DateOnly.FromDayNumber(from), p.Window.End) });
            }
            // An operation keeps its place (surge limits may name it) when all its positions are past.
            operations.Add(operation with { Positions = positions.ToImmutable() });
        }

        var locks = ImmutableArray.CreateBuilder<AssignmentLock>();
        var blocked = new List<DateRange>?[_base.Members.Length];
        var held = new List<DateRange>?[_base.Members.Length];
        decimal spent = 0;
        void Block(int m, int from, int to)
        {
            from = Math.Max(from, day);
            if (from <= Math.Min(to, _horizonEnd)) (blocked[m] ??= []).Add(Range(from, Math.Min(to, _horizonEnd)));
        }
        foreach (var t in _committed)
        {
            var member = _base.Members[t.Member];
            var start = firstDay.TryGetValue(t.Position, out var first) ? Math.Max(t.Start, first) : int.MaxValue;
            spent += (Math.Min(start, t.End + 1) - t.Start) * _base.DailyCost(member);
            // Rest after the tour; and a day's margin on both sides, so the lock keeps exactly this tour.
            var margin = Math.Max(rest, 1);
            Block(t.Member, t.End + 1, t.End + margin);
            if (start > t.End) continue;
            Block(t.Member, t.Start - margin, t.Start - 1);
            locks.Add(new AssignmentLock(member.Id, t.Position, DateOnly.FromDayNumber(start), DateOnly.FromDayNumber(t.End)));
            (held[t.Member] ??= []).Add(Range(start, t.End));
        }

        var members = ImmutableArray.CreateBuilder<Member>(_base.Members.Length);
        for (var m = 0; m < _base.Members.Length; m++)
        {
            var member = _base.Members[m];
            var gone = _declinedOn[m] ?? (_future.Leaves[m] is { } leaves && leaves.DayNumber <= day ? leaves.DayNumber : null);
            if (gone is { } from) Block(m, from, _horizonEnd);
            foreach (var away in _future.Absences[m])
            {
                if (away.Start.DayNumber <= day) Block(m, away.Start.DayNumber, away.End.DayNumber);
            }
            if (blocked[m] is not { } ranges) members.Add(member);
            else
            {
                ranges.AddRange(member.Unavailable);
                // Days of the member's locked tours are served whatever else happens on them.
                members.Add(member with { Unavailable = Without(ReplicationSampler.Merged(ranges), held[m]) });
            }
        }

        // The scenario's own locks hold while their member can keep them, as in the static mode.
        foreach (var l in _base.Locks)
        {
            if (!firstDay.TryGetValue(l.Position, out var first) || l.End is { } last && last.DayNumber < first) continue;
            var m = _memberIndex[l.Member];
            if (_declinedOn[m] is not null || _future.Leaves[m] is { } leaves && leaves.DayNumber <= day && (l.End is not { } e || e >= leaves)) continue;
            if (l is not { Start: { } start, End: { } end })
            {
                locks.Add(l);
                continue;
            }
            var days = Range(Math.Max(start.DayNumber, first), end.DayNumber);
            if (_future.Absences[m].Any(a => a.Start.DayNumber <= day && a.Overlaps(days))) continue;
            locks.Add(l with { Start = days.Start, End = days.End });
        }

        var policy = _base.Policy.Budget is { } budget ? _base.Policy with { Budget = Math.Max(0, budget - spent) } : _base.Policy;
        return _base with
        {
            PlanningDate = DateOnly.FromDayNumber(day),
            Members = members.MoveToImmutable(),
            Operations = operations.ToImmutable(),
            Policy = policy,
            Locks = locks.ToImmutable(),
            // An exclusion from a position that is past goes with it: the validator would find its position unknown.
            Exclusions = _base.Exclusions.RemoveAll(e => e.Position is not null && !firstDay.ContainsKey(e.Position)),
        };
    }

    private RollingRun Result()
    {
        var served = ImmutableArray.CreateBuilder<(string, DateRange)>();
        foreach (var t in _committed)
        {
            if (t.ServedEnd < t.Start) continue;
            foreach (var days in Without([Range(t.Start, t.ServedEnd)], [.. _future.Absences[t.Member]])) served.Add((t.Position, days));
        }
        var measured = _base with { Operations = _base.Operations.AddRange(_future.Arrivals.Select(a => a.Operation)) };
        return new RollingRun(measured, served.ToImmutable(), _proven, [.. _plans]);
    }

    /// <summary>The first day of the rotation slot of <paramref name="position"/> holding <paramref name="day"/> (its window's start before it).</summary>
    private int SlotStart(Position position, int day)
    {
        var start = position.Window.Start.DayNumber;
        if (day <= start || _base.RotationDays(position) is not int r || r <= 0) return start;
        return start + (day - start) / r * r;
    }

    /// <summary>The last day of the rotation slot of <paramref name="position"/> holding <paramref name="day"/>.</summary>
    private int SlotEnd(Position position, int day)
    {
        var end = position.Window.End.DayNumber;
        if (_base.RotationDays(position) is not int r || r <= 0) return end;
        return Math.Min(end, SlotStart(position, day) + r - 1);
    }

    private static int FirstOfNextMonth(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return new DateOnly(date.Year, date.Month, 1).AddMonths(1).DayNumber;
    }

    private static DateRange Range(int from, int to) => new(DateOnly.FromDayNumber(from), DateOnly.FromDayNumber(to));

    /// <summary>The days of <paramref name="ranges"/> (sorted, disjoint) that no range of <paramref name="removed"/> holds.</summary>
    private static ImmutableArray<DateRange> Without(IReadOnlyList<DateRange> ranges, List<DateRange>? removed)
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
            result.AddRange(pieces.Select(p => Range(p.From, p.To)));
        }
        return result.ToImmutable();
    }
}
