using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Sessions;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Simulation;

/// <summary>One plan of a rolling replication: the day, the problem as known that day, and the roster planned for it.</summary>
/// <param name="Day">The day of the plan (the problem's planning date).</param>
/// <param name="Problem">
/// What was known that day: tours under way and accepted offers as dated locks, the trainings of sessions begun held
/// (<see cref="History.Trained"/>: the credential, and the member in the session until it ends), the past cut off.
/// </param>
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
/// on the day a member leaves while holding a tour, on the day an absence starts that a planned tour cannot keep, and on
/// the first day of a cancelled course session (the day it becomes known: until then plans may train in it).</para>
/// <para>An offer goes out when a planned tour must be confirmed before the next monthly plan (it starts before the first
/// of next month plus the member's lead time); the member then declines with the scenario's probability (drawn once per
/// member, at the first offer: declining means not released for the horizon), and the engine plans again that day.
/// Accepted offers are decisions: they are kept as dated locks, which the lead time does not hold back. A tour whose
/// training starts before the first of next month is offered too (a member is sent to a course only for a tour agreed).</para>
/// <para>The trainings of tours agreed are decisions as well. Until its session starts, a training is a plan: the tour's lock
/// makes every plan train the member, in the session it finds best, and the last plan on or before its first day is the
/// one that happens. From the first plan after that day it is history (<see cref="PlannerOptions.PreviousTraining"/>):
/// the member holds the credential through the session's end plus the course's valid days, and its cost is spent. A
/// session cancelled is known on its first day, so a training in it never becomes history; an absence does not undo a
/// training, as it does not undo a tour agreed.</para>
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
    private readonly CancellationToken _cancellationToken;
    private readonly int _horizonEnd;
    private readonly Dictionary<string, int> _memberIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Position Position, string Operation)> _positions = new(StringComparer.Ordinal);
    private readonly List<Committed> _committed = [];
    private readonly bool?[] _accepts;
    private readonly int?[] _declinedOn;
    private readonly bool[] _leaveApplied;
    private readonly List<RollingPlan> _plans = [];
    private List<Assignment> _planned = [];
    private int _arrived;
    /// <summary>The cancelled sessions, by the day each becomes known (its first day, or the planning date if later); how many are told.</summary>
    private readonly (int Day, string Session)[] _cancellations;
    private int _cancelled;
    private bool _proven = true;

    // One session per replication, told what happens as it happens; what follows is what it holds, to say what changed.
    private PlanningSession _session;
    private readonly List<ProblemEdit> _edits = [];
    /// <summary>The positions the session plans, each with the first day of its window there (the rotation slot holding the day on).</summary>
    private readonly Dictionary<string, int> _firstDay = new(StringComparer.Ordinal);
    /// <summary>The positions in the order they came (the base's, then each arrival's).</summary>
    private readonly List<Position> _positionOrder = [];
    /// <summary>Each scenario lock as the session holds it (its days cut to the plan's), or <see langword="null"/> once lifted.</summary>
    private readonly AssignmentLock?[] _baseLocks;
    /// <summary>The members whose days may have changed since the last plan.</summary>
    private readonly SortedSet<int> _touched = [];
    private int _day;
    private int _absencesRevealed = int.MinValue;
    /// <summary>The trainings for tours agreed in the last plan, in sessions not yet started: plans until their session starts.</summary>
    private List<Training> _training = [];
    /// <summary>The trainings for tours agreed whose session has started: history, the session's <see cref="PlannerOptions.PreviousTraining"/>.</summary>
    private readonly List<Training> _trained = [];
    private bool _trainedChanged;

    /// <summary>A tour the member agreed to: its days as planned, and the last day actually served (before leaving).</summary>
    private sealed class Committed(int member, string position, int start, int end)
    {
        public int Member { get; } = member;
        public string Position { get; } = position;
        public int Start { get; } = start;
        public int End { get; set; } = end;
        public int ServedEnd { get; set; } = end;
        /// <summary>The lock the session holds for the tour (its days from the plan's slot on), or <see langword="null"/>.</summary>
        public AssignmentLock? Lock { get; set; }
    }

    private RollingReplication(Scenario scenario, int replication, PlannerOptions planner, CancellationToken cancellationToken)
    {
        _future = ReplicationSampler.Future(scenario, replication);
        _base = scenario.Problem;
        _cancellationToken = cancellationToken;
        _horizonEnd = scenario.HorizonEnd.DayNumber;
        for (var m = 0; m < _base.Members.Length; m++) _memberIndex.TryAdd(_base.Members[m].Id, m);
        foreach (var operation in _base.Operations) AddPositions(operation);
        _accepts = new bool?[_base.Members.Length];
        _declinedOn = new int?[_base.Members.Length];
        _leaveApplied = new bool[_base.Members.Length];
        _baseLocks = [.. _base.Locks];
        _day = _base.PlanningDate.DayNumber;
        _cancellations = [.. _future.CancelledSessions.Select(c => (Math.Max(c.Days.Start.DayNumber, _day), c.Id)).OrderBy(c => c.Item1)];
        _session = PlanningSession.Create(_base, planner);
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
        foreach (var p in operation.Positions)
        {
            if (!_positions.TryAdd(p.Id, (p, operation.Id))) continue;
            _firstDay[p.Id] = p.Window.Start.DayNumber;
            _positionOrder.Add(p);
        }
    }

    /// <summary>
    /// Takes in what becomes known on <paramref name="day"/>: arrivals, sessions cancelled, absences, and departures
    /// (which end tours).
    /// </summary>
    private void Reveal(int day)
    {
        if (day != _day)
        {
            // Time passes: the past is cut off the positions (below), and tours under way are kept by their locks.
            _edits.Add(new PlanningDateMoved(DateOnly.FromDayNumber(day), KeepsHistory: false));
            _day = day;
        }
        for (; _arrived < _future.Arrivals.Length && _future.Arrivals[_arrived].Day.DayNumber <= day; _arrived++)
        {
            _edits.Add(new OperationAdded(_future.Arrivals[_arrived].Operation));
            AddPositions(_future.Arrivals[_arrived].Operation);
        }
        // A session is known cancelled on the day it was due to start, at the latest: until then plans may train in it.
        for (; _cancelled < _cancellations.Length && _cancellations[_cancelled].Day <= day; _cancelled++)
            _edits.Add(new SessionCancelled(_cancellations[_cancelled].Session));
        for (var m = 0; m < _base.Members.Length; m++)
        {
            if (_future.Absences[m].Any(a => a.Start.DayNumber > _absencesRevealed && a.Start.DayNumber <= day)) _touched.Add(m);
            if (_leaveApplied[m] || _future.Leaves[m] is not { } leaves || leaves.DayNumber > day) continue;
            _leaveApplied[m] = true;
            _touched.Add(m);
            var left = leaves.DayNumber;
            Withdraw(t => t.Member == m && t.Start >= left);
            foreach (var tour in _committed.Where(t => t.Member == m && t.End >= left))
            {
                tour.ServedEnd = left - 1;
                tour.End = SlotEnd(_positions[tour.Position].Position, left - 1);
            }
        }
        _absencesRevealed = day;
        KeepTrainingsBegun(day);
        CutPast(day);
    }

    /// <summary>
    /// The trainings for tours agreed whose session started before <paramref name="day"/> happened: they become history,
    /// unless their session was cancelled (known on its first day) or no tour agreed needs them any more (their member
    /// left before it, or the tour was withdrawn), which means nobody went.
    /// </summary>
    private void KeepTrainingsBegun(int day)
    {
        var cancelled = _cancellations.Take(_cancelled).Select(c => c.Session).ToHashSet(StringComparer.Ordinal);
        foreach (var t in _training.Where(t => t.Start.DayNumber < day))
        {
            if (cancelled.Contains(t.Session) || !_committed.Any(c => Trains(t, c.Member, c.Position, c.Start, c.End))) continue;
            _trained.Add(t);
            _trainedChanged = true;
        }
        _training.RemoveAll(t => t.Start.DayNumber < day);
    }

    /// <summary>
    /// Whether training <paramref name="t"/> gives member <paramref name="m"/> a credential of <paramref name="position"/>
    /// for the tour of days <paramref name="start"/> to <paramref name="end"/>: the member's, a course for one of the
    /// position's credentials, ending before the tour starts and valid through its end.
    /// </summary>
    private bool Trains(Training t, int m, string position, int start, int end)
    {
        if (t.Member != _base.Members[m].Id || TrainingRules.Session(_base, t.Session) is not var (course, session)) return false;
        return _positions[position].Position.Credentials.Any(c => string.Equals(c, course.Credential, StringComparison.OrdinalIgnoreCase))
            && session.Days.End.DayNumber < start && end <= session.Days.End.DayNumber + course.ValidDays;
    }

    /// <summary>
    /// The positions from the rotation slot holding <paramref name="day"/> on (so slots stay where they were), those past
    /// removed with their locks and exclusions.
    /// </summary>
    private void CutPast(int day)
    {
        foreach (var p in _positionOrder)
        {
            if (!_firstDay.TryGetValue(p.Id, out var first)) continue;
            if (p.Window.End.DayNumber < day)
            {
                _edits.Add(new PositionRemoved(p.Id));
                _firstDay.Remove(p.Id);
                // Its locks went with it.
                foreach (var t in _committed.Where(t => t.Position == p.Id)) t.Lock = null;
                for (var i = 0; i < _baseLocks.Length; i++)
                {
                    if (_baseLocks[i]?.Position == p.Id) _baseLocks[i] = null;
                }
                continue;
            }
            var from = SlotStart(p, day);
            if (from == first) continue;
            _edits.Add(new PositionChanged(p.Id, Window: Range(from, p.Window.End.DayNumber)));
            _firstDay[p.Id] = from;
        }
    }

    /// <summary>Removes the tours agreed that <paramref name="match"/> accepts: their locks are lifted, their members' days change.</summary>
    private int Withdraw(Predicate<Committed> match)
    {
        foreach (var t in _committed.Where(t => match(t)))
        {
            if (t.Lock is { } held) _edits.Add(new LockRemoved(held));
            _touched.Add(t.Member);
        }
        return _committed.RemoveAll(match);
    }

    /// <summary>Plans on <paramref name="day"/>, makes the offers that cannot wait, and plans again while some are declined.</summary>
    private void PlanOn(int day)
    {
        var nextMonth = FirstOfNextMonth(day);
        while (true)
        {
            var roster = FeasiblePlan(day);
            _plans.Add(new RollingPlan(DateOnly.FromDayNumber(day), History.Trained(_session.Problem, _session.Options.PreviousTraining), roster));
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
                // A training for the tour that starts before the next monthly plan cannot wait either: the member is asked first.
                if (tour.Start.DayNumber >= nextMonth + _base.LeadTimeDays(_base.Members[m])
                    && !roster.Training.Any(t => t.Start.DayNumber < nextMonth && Trains(t, m, tour.Position, tour.Start.DayNumber, tour.End.DayNumber)))
                {
                    _planned.Add(tour);
                    continue;
                }
                // The offer: the member's answer is drawn once, at the first offer.
                _accepts[m] ??= !_future.Declines[m];
                _touched.Add(m);
                if (_accepts[m] == true)
                    _committed.Add(new Committed(m, tour.Position, tour.Start.DayNumber, tour.End.DayNumber));
                else
                {
                    _declinedOn[m] ??= day;
                    declined = true;
                }
            }
            // The plan's trainings for the tours agreed (a declined member's go with the re-plan); each is the one that
            // happens if no later plan moves it before its session starts.
            _training = [.. roster.Training.Where(t => _committed.Any(c => Trains(t, c.Member, c.Position, c.Start, c.End)))];
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
    private Roster FeasiblePlan(int day)
    {
        var roster = Solve(capped: false);
        if (roster.Status != RosterStatus.Infeasible) return roster;
        _proven = false;
        roster = Solve(capped: true);
        if (roster.Status != RosterStatus.Infeasible || Withdraw(t => t.Start > day) == 0) return roster;
        return Solve(capped: true);
    }

    /// <summary>
    /// Tells the session what changed since the last plan, as edits applied together: the day's events (above), the
    /// locks of the tours agreed, the days of the members they touched, the budget left, the surge limits (capped or
    /// not); then solves from the last plan.
    /// </summary>
    private Roster Solve(bool capped)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        SyncLocks();
        foreach (var m in _touched) SyncDays(m);
        _touched.Clear();
        var budget = _base.Policy.Budget is { } total ? Math.Max(0, total - Spent()) : (decimal?)null;
        if (budget != _session.Problem.Policy.Budget) _edits.Add(new BudgetChanged(budget));
        var surge = capped ? SharesCapped() : _base.Policy.Surge;
        var held = _session.Problem.Policy.Surge;
        for (var i = 0; i < surge.Length; i++)
        {
            if (surge[i] != held[i]) _edits.Add(new SurgeLimitChanged(i, surge[i]));
        }
        if (_edits.Count > 0) _session.Apply([.. _edits]);
        _edits.Clear();
        if (_trainedChanged)
        {
            // The trainings begun are options of the solve, not edits of the problem (as for a re-plan with a previous
            // roster): the fork is this session with them, its last solve the warm start.
            _session = _session.Fork(_session.Options with { PreviousTraining = [.. _trained] });
            _trainedChanged = false;
        }
        var roster = _session.Solve(_cancellationToken);
        return roster.Status == RosterStatus.Cancelled ? throw new OperationCanceledException(_cancellationToken) : roster;
    }

    /// <summary>
    /// Each tour agreed as a dated lock from the plan's slot on (none once it is past), and the scenario's own locks while
    /// their member can keep them, as in the static mode; each change is a lock lifted and one added.
    /// </summary>
    private void SyncLocks()
    {
        foreach (var t in _committed)
        {
            var start = _firstDay.TryGetValue(t.Position, out var first) ? Math.Max(t.Start, first) : int.MaxValue;
            var wanted = start <= t.End
                ? new AssignmentLock(_base.Members[t.Member].Id, t.Position, DateOnly.FromDayNumber(start), DateOnly.FromDayNumber(t.End))
                : null;
            if (wanted == t.Lock) continue;
            if (t.Lock is { } old) _edits.Add(new LockRemoved(old));
            if (wanted is not null) _edits.Add(new LockAdded(wanted));
            t.Lock = wanted;
            _touched.Add(t.Member);
        }
        for (var i = 0; i < _baseLocks.Length; i++)
        {
            if (_baseLocks[i] is not { } held) continue;
            var wanted = BaseLock(_base.Locks[i]);
            if (wanted == held) continue;
            _edits.Add(new LockRemoved(held));
            if (wanted is not null) _edits.Add(new LockAdded(wanted));
            _baseLocks[i] = wanted;
        }
    }

    /// <summary>Scenario lock <paramref name="l"/> as the day's plan holds it, or <see langword="null"/> once its member cannot keep it.</summary>
    private AssignmentLock? BaseLock(AssignmentLock l)
    {
        if (!_firstDay.TryGetValue(l.Position, out var first) || l.End is { } last && last.DayNumber < first) return null;
        var m = _memberIndex[l.Member];
        if (_declinedOn[m] is not null || _future.Leaves[m] is { } leaves && leaves.DayNumber <= _day && (l.End is not { } e || e >= leaves)) return null;
        if (l is not { Start: { } start, End: { } end }) return l;
        var days = Range(Math.Max(start.DayNumber, first), end.DayNumber);
        if (_future.Absences[m].Any(a => a.Start.DayNumber <= _day && a.Overlaps(days))) return null;
        return l with { Start = days.Start, End = days.End };
    }

    /// <summary>
    /// Member <paramref name="m"/>'s days from the plan's day on made what they are now: unavailable when away (an absence
    /// begun), gone (left, or declined: not released for the horizon), or resting beside a tour agreed; available on the
    /// days of its locked tours, which are served whatever else happens on them. Days before the plan's do not matter.
    /// </summary>
    private void SyncDays(int m)
    {
        var blocked = new List<DateRange>(_base.Members[m].Unavailable);
        var held = new List<DateRange>();
        void Block(int from, int to)
        {
            from = Math.Max(from, _day);
            if (from <= Math.Min(to, _horizonEnd)) blocked.Add(Range(from, Math.Min(to, _horizonEnd)));
        }
        // Rest after the tour (kept once the tour and its lock are past); and a day's margin on both sides, so the lock
        // keeps exactly this tour. Before it, one day is enough: the rest there is the model's own rule while the lock
        // holds, which it does until after the tour, and rest days do not keep a member from a course session.
        var margin = Math.Max(_base.Policy.RestDays, 1);
        foreach (var t in _committed.Where(t => t.Member == m))
        {
            Block(t.End + 1, t.End + margin);
            if (t.Lock is not { Start: { } start }) continue;
            Block(t.Start - 1, t.Start - 1);
            held.Add(Range(start.DayNumber, t.End));
        }
        var gone = _declinedOn[m] ?? (_future.Leaves[m] is { } leaves && leaves.DayNumber <= _day ? leaves.DayNumber : null);
        if (gone is { } from) Block(from, _horizonEnd);
        foreach (var away in _future.Absences[m])
        {
            if (away.Start.DayNumber <= _day) Block(away.Start.DayNumber, away.End.DayNumber);
        }
        var wanted = DateRanges.Without(DateRanges.Merged(blocked), held);
        var now = _session.Problem.Members[m].Unavailable;
        var id = _base.Members[m].Id;
        var future = Range(_day, _horizonEnd);
        // What changed from the day on, either way.
        foreach (var days in DateRanges.Without(DateRanges.Within(wanted, future), now)) _edits.Add(new MemberUnavailable(id, days));
        foreach (var days in DateRanges.Without(DateRanges.Within(now, future), wanted)) _edits.Add(new MemberAvailable(id, days));
    }

    /// <summary>
    /// What the tours agreed cost before the plan's slots, and the trainings begun (history, which a plan does not cost
    /// again): the budget the plan has is what is left.
    /// </summary>
    private decimal Spent()
    {
        decimal spent = _trained.Sum(t => TrainingRules.Session(_base, t.Session)!.Value.Course.CostPerSeat);
        foreach (var t in _committed)
        {
            var start = _firstDay.TryGetValue(t.Position, out var first) ? Math.Max(t.Start, first) : int.MaxValue;
            spent += (Math.Min(start, t.End + 1) - t.Start) * _base.DailyCost(_base.Members[t.Member]);
        }
        return spent;
    }

    /// <summary>The base's surge limits with each operation's share replaced by a cap at the peak its locks reach.</summary>
    private ImmutableArray<SurgeLimit> SharesCapped()
    {
        // The engine's own resolution of who a limit counts, so the cap counts exactly what the share did.
        var edited = Edits.ApplyAll(_session.Problem, _edits);
        var problem = edited with { Policy = edited.Policy with { Surge = _base.Policy.Surge } };
        var index = new PlanningIndex(problem);
        var limits = ImmutableArray.CreateBuilder<SurgeLimit>();
        foreach (var scope in SurgeScope.Resolve(index))
        {
            if (scope.OperationShare is null)
            {
                limits.Add(scope.Limit);
                continue;
            }
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
            limits.Add(scope.Limit with { MaxShare = null, MaxConcurrent = peak });
        }
        return limits.ToImmutable();
    }

    /// <summary>
    /// The next day to plan on: the first of next month, an arrival, a session's cancellation made known, a departure of
    /// a member holding a tour, or the start of an absence that a planned (not yet agreed) tour cannot keep, whichever
    /// comes first.
    /// </summary>
    private int NextPlanDay(int day)
    {
        var next = FirstOfNextMonth(day);
        if (_arrived < _future.Arrivals.Length) next = Math.Min(next, _future.Arrivals[_arrived].Day.DayNumber);
        if (_cancelled < _cancellations.Length) next = Math.Min(next, _cancellations[_cancelled].Day);
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

    private RollingRun Result()
    {
        var served = ImmutableArray.CreateBuilder<(string, DateRange)>();
        foreach (var t in _committed)
        {
            if (t.ServedEnd < t.Start) continue;
            foreach (var days in DateRanges.Without([Range(t.Start, t.ServedEnd)], _future.Absences[t.Member])) served.Add((t.Position, days));
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
}
