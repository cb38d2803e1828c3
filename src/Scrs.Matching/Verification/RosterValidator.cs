using System.Collections.Immutable;
using System.Globalization;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;

namespace Scrs.Matching.Verification;

/// <summary>
/// Re-checks every rule of a roster from the input alone, independently of the model builder and the candidate generator.
/// </summary>
/// <remarks>
/// Dates are whole days and every range includes both ends. Surge limits and seat capacity are checked on every day by sweeping
/// only the days on which some count changes, so rosters of tens of thousands of tours are checked in milliseconds.
/// </remarks>
public static class RosterValidator
{
    /// <summary>
    /// Tolerance of the share comparisons: <c>floor(maxShare x n + 1e-9)</c> and <c>count &lt;= maxShare x total + 1e-9</c>,
    /// so that a share such as 0.3, stored as 0.29999999999999998, still allows 3 of 10.
    /// </summary>
    public const double ShareTolerance = 1e-9;

    /// <summary>Lists every rule of the roster that <paramref name="assignments"/> break.</summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <returns>
    /// The violations, empty when the roster keeps every rule: first those of single tours in input order, then those of each
    /// member's sequence of tours, seat capacity, surge limits (in policy order), the budget and the locks.
    /// </returns>
    /// <remarks>
    /// A tour naming an unknown member or position, or ending before it starts, is reported and then left out of the rules that
    /// combine tours. A lock with only one of its dates must be covered on that day.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ImmutableArray<RuleViolation> Validate(DeploymentProblem problem, IReadOnlyList<Assignment> assignments) =>
        Validate(problem, assignments, null);

    /// <summary>Lists every rule of a re-planned roster that <paramref name="assignments"/> break.</summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <param name="previous">The roster it was re-planned from, or <see langword="null"/>.</param>
    /// <returns>The violations, as <see cref="Validate(DeploymentProblem, IReadOnlyList{Assignment})"/> lists them.</returns>
    /// <remarks>
    /// A tour of <paramref name="previous"/> that started on or before the planning date is a decision already taken, like a
    /// dated lock: the rotation slots that meet its days are exempt from the member's lead time on its position.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> or <paramref name="assignments"/> is <see langword="null"/>.</exception>
    public static ImmutableArray<RuleViolation> Validate(DeploymentProblem problem, IReadOnlyList<Assignment> assignments,
        IReadOnlyList<Assignment>? previous) => Validate(problem, assignments, previous, []);

    /// <summary>Lists every rule of a roster that trains members that <paramref name="assignments"/> and <paramref name="training"/> break.</summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <param name="previous">The roster it was re-planned from, or <see langword="null"/>.</param>
    /// <param name="training">The roster's trainings: a tour's credential may be gained in one of its member's.</param>
    /// <returns>
    /// The violations, as <see cref="Validate(DeploymentProblem, IReadOnlyList{Assignment})"/> lists them, then those of the
    /// trainings: each of a known member in a known session of a course for its credential, on the session's days, the
    /// session starting on or after the planning date, the member free on its days and serving no tour on them, no
    /// session over its seats, and each training needed by some tour (the budget counts their cost).
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="previous"/> is <see langword="null"/>.</exception>
    public static ImmutableArray<RuleViolation> Validate(DeploymentProblem problem, IReadOnlyList<Assignment> assignments,
        IReadOnlyList<Assignment>? previous, IReadOnlyList<Training> training) => Validate(problem, assignments, previous, training, null);

    /// <summary>Lists every rule of a re-planned roster that trains members that it breaks, with the previous roster's trainings as history.</summary>
    /// <param name="problem">The problem the roster is for.</param>
    /// <param name="assignments">The tours of the roster.</param>
    /// <param name="previous">The roster it was re-planned from, or <see langword="null"/>.</param>
    /// <param name="training">The roster's trainings.</param>
    /// <param name="previousTraining">
    /// The previous roster's trainings, or <see langword="null"/>: those whose session started before the planning date are
    /// history (<c>PlannerOptions.PreviousTraining</c>), their credentials held and their members in the session until it ends.
    /// </param>
    /// <returns>The violations, as <see cref="Validate(DeploymentProblem, IReadOnlyList{Assignment}, IReadOnlyList{Assignment}, IReadOnlyList{Training})"/> lists them.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="previous"/> and <paramref name="previousTraining"/> is <see langword="null"/>.</exception>
    public static ImmutableArray<RuleViolation> Validate(DeploymentProblem problem, IReadOnlyList<Assignment> assignments,
        IReadOnlyList<Assignment>? previous, IReadOnlyList<Training> training, IReadOnlyList<Training>? previousTraining)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem = Replanning.History.Trained(problem, previousTraining);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(training);
        var index = new RosterIndex(problem);
        var violations = new List<RuleViolation>();
        var tours = new List<Tour>(assignments.Count);
        var trainingOf = training.ToLookup(t => t.Member, StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            if (CheckTour(problem, index, assignment, previous, trainingOf, violations) is { } tour)
                tours.Add(tour);
        }

        tours.Sort(static (a, b) =>
            string.CompareOrdinal(a.Member.Id, b.Member.Id) is var byMember and not 0 ? byMember
            : a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.End.CompareTo(b.End));
        var byMember = Runs(tours, static t => t.Member.Id);
        foreach (var memberTours in byMember)
            CheckSequence(problem, memberTours, violations);
        CheckSeats(tours, violations);
        CheckTeams(problem, tours, violations);
        for (var i = 0; i < problem.Policy.Surge.Length; i++)
            CheckSurge(problem, i, byMember, violations);
        CheckBudget(problem, assignments, training, violations);
        CheckLocks(problem, tours, violations);
        CheckTraining(problem, index, assignments, training, violations);
        return [.. violations];
    }

    /// <summary>Checks the rules of one tour alone; returns it resolved when the rules combining tours can use it.</summary>
    private static Tour? CheckTour(DeploymentProblem problem, RosterIndex index, Assignment assignment, IReadOnlyList<Assignment>? previous,
        ILookup<string, Training> training, List<RuleViolation> violations)
    {
        var member = index.Member(assignment.Member);
        var position = index.Position(assignment.Position);
        if (member is null)
            violations.Add(new(Rule.UnknownMember, assignment.Member, assignment.Position, $"tour {assignment.Days}: no member has this id"));
        if (position is null)
            violations.Add(new(Rule.UnknownPosition, assignment.Member, assignment.Position, $"tour {assignment.Days}: no position has this id"));
        if (member is null || position is not { } found)
            return null;

        var tour = new Tour(assignment, member, found.Position, found.Operation);
        void Add(Rule rule, string message) => violations.Add(new(rule, member.Id, found.Position.Id, $"tour {assignment.Days}: {message}"));

        if (!string.Equals(assignment.Operation, found.Operation, StringComparison.Ordinal))
            Add(Rule.WrongOperation, $"names operation '{assignment.Operation}' but the position belongs to '{found.Operation}'");
        if (tour.End < tour.Start)
        {
            Add(Rule.Slots, "ends before it starts");
            return null;
        }

        if (SlotError(problem, tour) is { } slotError)
            Add(Rule.Slots, slotError);
        CheckEligibility(problem, tour, previous, training[member.Id], Add);
        foreach (var exclusion in index.ExclusionsOf(member.Id).Where(e => e.Covers(member.Id, found.Position.Id, found.Operation)))
            Add(Rule.Exclusion, $"the member is excluded from the position by exclusion '{exclusion.Describe()}'");
        return tour;
    }

    /// <summary>Why the tour is not a run of whole slots of its position, or <see langword="null"/> when it is.</summary>
    private static string? SlotError(DeploymentProblem problem, Tour tour)
    {
        var window = tour.Position.Window;
        int first = window.Start.DayNumber, last = window.End.DayNumber;
        if (tour.Start < first || tour.End > last)
            return $"lies outside the position's window {window}";
        var rotation = Rotation(problem, tour.Position);
        if ((tour.Start - first) % rotation != 0)
            return $"does not start at the start of a rotation slot ({rotation}-day slots from {window.Start:yyyy-MM-dd})";
        if (tour.End != last && (tour.End - first + 1) % rotation != 0)
            return $"does not end at the end of a rotation slot ({rotation}-day slots from {window.Start:yyyy-MM-dd})";
        return null;
    }

    /// <summary>The length of the position's rotation slots: without a (positive) rotation the whole window is one slot.</summary>
    private static int Rotation(DeploymentProblem problem, Position position) =>
        problem.RotationDays(position) is int days and > 0 ? days : Math.Max(1, position.Window.Days);

    /// <summary>Checks that the member may serve the position on the tour's days.</summary>
    private static void CheckEligibility(DeploymentProblem problem, Tour tour, IReadOnlyList<Assignment>? previous, IEnumerable<Training> training,
        Action<Rule, string> add)
    {
        var (member, position) = (tour.Member, tour.Position);

        var missingSkills = position.Requires
            .Select(required => (required.Key, Level: required.Value, Has: SkillLevel(member, required.Key)))
            .Where(s => s.Has < s.Level)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"'{s.Key}' {s.Level} (has {s.Has})")
            .ToList();
        if (missingSkills.Count > 0)
            add(Rule.Skills, $"member lacks skill {string.Join(", ", missingSkills)}");

        var missingLanguages = OrEmpty(position.Languages)
            .Where(language => !OrEmpty(member.Languages).Contains(language, StringComparer.OrdinalIgnoreCase))
            .Select(language => $"'{language}'")
            .ToList();
        if (missingLanguages.Count > 0)
            add(Rule.Languages, $"member lacks language {string.Join(", ", missingLanguages)}");

        if (member.Clearance < position.Clearance)
            add(Rule.Clearance, $"member's clearance {member.Clearance} is below the required {position.Clearance}");

        foreach (var credential in OrEmpty(position.Credentials))
        {
            if (TrainingRules.Covers(problem, member, credential, tour.Assignment.Days, training)) continue;
            var trained = training.Any(t => string.Equals(t.Credential, credential, StringComparison.OrdinalIgnoreCase)) ? "; no training of the member gives it in time" : "";
            if (member.HoldsThrough([credential]) is not { } last) add(Rule.Credentials, $"member lacks credential '{credential}'{trained}");
            else
                add(Rule.Credentials, $"member's credential '{credential}' is valid until {last:yyyy-MM-dd}, the tour ends {tour.Assignment.End:yyyy-MM-dd}{trained}");
        }

        var allowed = OrEmpty(position.AllowedComponents);
        if (allowed.Length > 0 && !allowed.Contains(member.Component))
            add(Rule.Component, $"component {member.Component} is not among the allowed {string.Join(", ", allowed)}");

        var earliest = problem.PlanningDate.AddDays(problem.LeadTimeDays(member));
        if (tour.Assignment.Start < earliest && !DecidedBeforeLeadTime(problem, tour, earliest.DayNumber, previous))
            add(Rule.LeadTime, $"starts before {earliest:yyyy-MM-dd}, the planning date plus the member's lead time of {problem.LeadTimeDays(member)} days");

        var maxTour = problem.MaxTourDays(member);
        if (tour.Days > maxTour)
            add(Rule.MaxTour, $"lasts {tour.Days} days, more than the member's maximum tour of {maxTour}");

        var clashes = OrEmpty(member.Unavailable).Where(range => range.Overlaps(tour.Assignment.Days)).ToList();
        if (clashes.Count > 0)
            add(Rule.Availability, $"member is unavailable on {string.Join(", ", clashes)}");
    }

    /// <summary>
    /// Whether every rotation slot of the tour that starts before <paramref name="earliest"/> meets the days of a dated lock
    /// of the tour's member on its position, or of a tour of <paramref name="previous"/> under way on the planning date: both
    /// are decisions already taken, exempt from the lead time.
    /// </summary>
    private static bool DecidedBeforeLeadTime(DeploymentProblem problem, Tour tour, int earliest, IReadOnlyList<Assignment>? previous)
    {
        var locked = problem.Locks
            .Where(l => l is { Start: not null, End: not null } && l.Member == tour.Member.Id && l.Position == tour.Position.Id)
            .Select(l => new DateRange(l.Start!.Value, l.End!.Value))
            .Concat((previous ?? []).Where(a => a.Start <= problem.PlanningDate && a.Start <= a.End && a.Member == tour.Member.Id && a.Position == tour.Position.Id)
                .Select(a => a.Days))
            .ToList();
        if (locked.Count == 0) return false;
        var window = tour.Position.Window;
        var rotation = Rotation(problem, tour.Position);
        for (var start = tour.Start; start < earliest && start <= tour.End; start += rotation)
        {
            var slot = new DateRange(DateOnly.FromDayNumber(start), DateOnly.FromDayNumber(Math.Min(start + rotation - 1, window.End.DayNumber)));
            if (!locked.Exists(l => l.Overlaps(slot))) return false;
        }
        return true;
    }

    /// <summary>The member's level of <paramref name="skill"/> (names compared case-insensitively), 0 when absent.</summary>
    private static int SkillLevel(Member member, string skill) =>
        member.Skills.Where(s => string.Equals(s.Key, skill, StringComparison.OrdinalIgnoreCase)).Select(s => s.Value).DefaultIfEmpty(0).Max();

    /// <summary>Checks overlap, rest, merging and continuous deployments over one member's tours, sorted by start.</summary>
    private static void CheckSequence(DeploymentProblem problem, IReadOnlyList<Tour> tours, List<RuleViolation> violations)
    {
        var member = tours[0].Member;
        var restDays = problem.Policy.RestDays;
        var maxTour = problem.MaxTourDays(member);
        // The tour reaching furthest so far; a later tour must start after it ends.
        var previous = tours[0];
        var deploymentStart = previous.Start;
        var deploymentReported = false;
        foreach (var tour in tours.Skip(1))
        {
            void Add(Rule rule, string message) => violations.Add(new(rule, member.Id, tour.Position.Id, message));
            if (tour.Start <= previous.End)
            {
                Add(Rule.Overlap, $"tour {tour.Assignment.Days} overlaps tour {previous.Assignment.Days} on position '{previous.Position.Id}'");
                if (tour.End > previous.End)
                    previous = tour;
                continue;
            }

            var gap = tour.Start - previous.End - 1;
            if (gap == 0 && tour.Position.Id == previous.Position.Id)
                Add(Rule.BackToBack, $"tours {previous.Assignment.Days} and {tour.Assignment.Days} follow day after day on the same position and must be merged");
            else if (gap < restDays)
                Add(Rule.Rest, $"tour {tour.Assignment.Days} starts {gap} days after tour {previous.Assignment.Days} ends; {restDays} rest days are required");

            // With no rest days, tours that follow day after day are one continuous deployment bounded by the maximum tour.
            if (restDays <= 0 && gap == 0)
            {
                var days = tour.End - deploymentStart + 1;
                if (days > maxTour && !deploymentReported)
                {
                    Add(Rule.MaxTour, $"continuous deployment {new DateRange(DateOnly.FromDayNumber(deploymentStart), tour.Assignment.End)} lasts {days} days, more than the member's maximum tour of {maxTour}");
                    deploymentReported = true;
                }
            }
            else
            {
                deploymentStart = tour.Start;
                deploymentReported = false;
            }

            previous = tour;
        }
    }

    /// <summary>Checks that no position has more members than its headcount on any day.</summary>
    private static void CheckSeats(List<Tour> tours, List<RuleViolation> violations)
    {
        var byPosition = tours.GroupBy(t => t.Position.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byPosition)
        {
            var position = group.First().Position;
            var changes = new List<Change>();
            foreach (var tour in group)
                AddSpan(changes, tour.Start, tour.End, count: 1, total: 0);
            var excess = Spans(changes).Where(s => s.Count > position.Headcount).ToList();
            if (excess.Count > 0)
            {
                var peak = excess.MaxBy(s => s.Count);
                violations.Add(new(Rule.SeatCapacity, null, position.Id,
                    $"{peak.Count} members serve on {Day(peak.From)} but the headcount is {position.Headcount}; too many on {excess.Sum(s => s.To - s.From)} day(s) from {Day(excess[0].From)}"));
            }
        }
    }

    /// <summary>
    /// Checks that every team is staffed whole or not at all on each rotation slot of its window: on each slot, the members
    /// serving each of its positions on every day of the slot number its headcount, or none serves any on any day; and
    /// that a staffed slot's members come from at least the team's least number of agencies.
    /// </summary>
    private static void CheckTeams(DeploymentProblem problem, List<Tour> tours, List<RuleViolation> violations)
    {
        var positions = problem.Operations.SelectMany(o => o.Positions).GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byPosition = tours.ToLookup(t => t.Position.Id, StringComparer.Ordinal);
        foreach (var team in problem.Operations.SelectMany(o => o.Teams))
        {
            var members = team.Positions.Where(positions.ContainsKey).Select(id => positions[id]).ToArray();
            if (members.Length == 0) continue;
            var window = members[0].Window;
            var rotation = Rotation(problem, members[0]);
            for (var from = window.Start.DayNumber; from <= window.End.DayNumber; from += rotation)
            {
                var to = Math.Min(from + rotation - 1, window.End.DayNumber);
                // Per position, the fewest and the most members serving on a day of the slot.
                var served = members.Select(p =>
                {
                    var days = Enumerable.Range(from, to - from + 1).Select(d => byPosition[p.Id].Count(t => t.Start <= d && d <= t.End)).ToArray();
                    return (Position: p, Least: days.Min(), Most: days.Max());
                }).ToArray();
                var whole = served.All(x => x.Least == x.Position.Headcount && x.Most == x.Position.Headcount);
                if (whole && team.MinAgencies is { } least)
                {
                    var agencies = members.SelectMany(p => byPosition[p.Id]).Where(t => t.Start <= to && from <= t.End)
                        .Select(t => t.Member.Agency).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                    if (agencies.Length < least)
                        violations.Add(new(Rule.Team, null, null,
                            $"team {team.Id}, slot {Day(from)}..{Day(to)}: {agencies.Length} agenc{(agencies.Length == 1 ? "y" : "ies")} among its members"
                            + $"{(agencies.Length == 0 ? "" : $" ({string.Join(", ", agencies)})")}, {least} required"));
                }
                if (whole || served.All(x => x.Most == 0)) continue;
                violations.Add(new(Rule.Team, null, null,
                    $"team {team.Id}, slot {Day(from)}..{Day(to)}: staffed in part ("
                    + string.Join(", ", served.Select(x => $"{x.Position.Id} {(x.Least == x.Most ? $"{x.Most}" : $"{x.Least}-{x.Most}")} of {x.Position.Headcount}"))
                    + "); a team deploys all together or not at all"));
            }
        }
    }

    /// <summary>Checks surge limit <paramref name="index"/> on every day.</summary>
    private static void CheckSurge(DeploymentProblem problem, int index, List<List<Tour>> byMember, List<RuleViolation> violations)
    {
        var limit = problem.Policy.Surge[index];
        bool InScope(Member m) =>
            (limit.Agency is null || string.Equals(m.Agency, limit.Agency, StringComparison.Ordinal))
            && (limit.Component is null || m.Component == limit.Component);
        var sharesOperation = limit.Operation is not null && limit.MaxShare is not null;
        var scopeSize = problem.Members.Count(InScope);

        var changes = new List<Change>();
        foreach (var tours in byMember)
        {
            if (InScope(tours[0].Member))
                AddDistinct(changes, tours.Where(t => limit.Operation is null || t.Operation == limit.Operation), count: 1, total: 0);
            if (sharesOperation)
                AddDistinct(changes, tours.Where(t => t.Operation == limit.Operation), count: 0, total: 1);
        }

        double Capacity(int total)
        {
            var capacity = double.PositiveInfinity;
            if (limit.MaxConcurrent is { } max)
                capacity = max;
            if (limit.MaxShare is { } share)
                capacity = Math.Min(capacity, limit.Operation is null ? Math.Floor(share * scopeSize + ShareTolerance) : share * total);
            return capacity;
        }

        var excess = Spans(changes).Where(s => s.Count > Capacity(s.Total) + ShareTolerance).ToList();
        if (excess.Count > 0)
        {
            var first = excess[0];
            violations.Add(new(Rule.Surge, null, null, string.Create(CultureInfo.InvariantCulture,
                $"surge limit #{index} ({limit.Describe()}): {first.Count} members deployed on {Day(first.From)}, capacity {Capacity(first.Total):0.###}; exceeded on {excess.Sum(s => s.To - s.From)} day(s)")));
        }
    }

    /// <summary>Checks the total cost against the budget.</summary>
    private static void CheckBudget(DeploymentProblem problem, IReadOnlyList<Assignment> assignments, IReadOnlyList<Training> training, List<RuleViolation> violations)
    {
        if (problem.Policy.Budget is not { } budget)
            return;
        var cost = RosterEvaluator.Evaluate(problem, assignments, null, training).Cost;
        if (cost > budget)
            violations.Add(new(Rule.Budget, null, null, string.Create(CultureInfo.InvariantCulture, $"total cost {cost} exceeds the budget {budget}")));
    }

    /// <summary>Checks every training on its own, the sessions' seats, and that each is needed.</summary>
    private static void CheckTraining(DeploymentProblem problem, RosterIndex index, IReadOnlyList<Assignment> assignments, IReadOnlyList<Training> training,
        List<RuleViolation> violations)
    {
        var known = new List<Training>();
        foreach (var t in training)
        {
            void Add(string message) => violations.Add(new(Rule.Training, t.Member, null, $"training in session {t.Session}: {message}"));
            if (index.Member(t.Member) is not { } member)
            {
                violations.Add(new(Rule.UnknownMember, t.Member, null, $"training in session {t.Session}: unknown member"));
                continue;
            }
            if (TrainingRules.Session(problem, t.Session) is not var (course, session))
            {
                Add("unknown session");
                continue;
            }
            known.Add(t);
            if (!string.Equals(course.Credential, t.Credential, StringComparison.OrdinalIgnoreCase))
                Add($"the session's course gives {course.Credential}, not {t.Credential}");
            if (t.Days != session.Days) Add($"the session runs {session.Days}, not {t.Days}");
            if (session.Days.Start < problem.PlanningDate) Add($"the session starts before the planning date {problem.PlanningDate:yyyy-MM-dd}");
            foreach (var away in member.Unavailable.Where(u => u.Overlaps(session.Days))) Add($"the member is unavailable on {away}");
            if (assignments.FirstOrDefault(a => a.Member == t.Member && a.Days.Overlaps(session.Days)) is { } busy)
                Add($"the member serves {busy.Position} on {busy.Days}, which meets the session's days");
            var others = training.Where(x => !ReferenceEquals(x, t) && x.Member == t.Member);
            if (!TrainingRules.IsNeeded(problem, member, t, assignments, id => index.Position(id)?.Position, others)) Add($"no tour of the member needs it (its own {t.Credential} or its other trainings cover them): a member is trained only where needed");
        }
        foreach (var session in known.GroupBy(t => t.Session, StringComparer.Ordinal))
        {
            var seats = TrainingRules.Session(problem, session.Key)!.Value.Session.Seats;
            if (session.Count() > seats)
                violations.Add(new(Rule.Training, null, null, $"session {session.Key} trains {session.Count()} members, its seats are {seats}"));
        }
    }

    /// <summary>Checks that every lock is kept by some tour of its member on its position.</summary>
    private static void CheckLocks(DeploymentProblem problem, List<Tour> tours, List<RuleViolation> violations)
    {
        var byPair = tours.ToLookup(t => (t.Member.Id, t.Position.Id));
        foreach (var @lock in problem.Locks)
        {
            var days = (@lock.Start ?? @lock.End, @lock.End ?? @lock.Start) is (DateOnly from, DateOnly to) ? new DateRange(from, to) : (DateRange?)null;
            if (byPair[(@lock.Member, @lock.Position)].Any(t => days is not { } d || t.Assignment.Days.Covers(d)))
                continue;
            violations.Add(new(Rule.Lock, @lock.Member, @lock.Position,
                days is { } range ? $"locked on {range}, but no tour of the member on the position covers those days" : "locked, but the member has no tour on the position"));
        }
    }

    /// <summary>A change of the counts on <see cref="Day"/>: members in scope, and members in the reference total.</summary>
    private readonly record struct Change(int Day, int Count, int Total);

    /// <summary>The counts in force on the days from <see cref="From"/> up to, not including, <see cref="To"/>.</summary>
    private readonly record struct Span(int From, int To, int Count, int Total);

    private static void AddSpan(List<Change> changes, int start, int end, int count, int total)
    {
        changes.Add(new(start, count, total));
        changes.Add(new(end + 1, -count, -total));
    }

    /// <summary>Adds one member's tours (sorted by start) so that days shared by overlapping tours count the member once.</summary>
    private static void AddDistinct(List<Change> changes, IEnumerable<Tour> tours, int count, int total)
    {
        int? start = null;
        var end = 0;
        foreach (var tour in tours)
        {
            if (start is not null && tour.Start <= end + 1)
            {
                end = Math.Max(end, tour.End);
                continue;
            }

            if (start is { } done)
                AddSpan(changes, done, end, count, total);
            (start, end) = (tour.Start, tour.End);
        }

        if (start is { } last)
            AddSpan(changes, last, end, count, total);
    }

    /// <summary>Sweeps the changes in day order, yielding each run of days with constant counts.</summary>
    private static IEnumerable<Span> Spans(List<Change> changes)
    {
        changes.Sort(static (a, b) => a.Day.CompareTo(b.Day));
        int count = 0, total = 0;
        for (var i = 0; i < changes.Count;)
        {
            var day = changes[i].Day;
            for (; i < changes.Count && changes[i].Day == day; i++)
                (count, total) = (count + changes[i].Count, total + changes[i].Total);
            if (i < changes.Count)
                yield return new Span(day, changes[i].Day, count, total);
        }
    }

    /// <summary>Splits a sorted list into runs of equal keys.</summary>
    private static List<List<Tour>> Runs(List<Tour> sorted, Func<Tour, string> key)
    {
        var runs = new List<List<Tour>>();
        foreach (var tour in sorted)
        {
            if (runs.Count == 0 || key(runs[^1][0]) != key(tour))
                runs.Add([]);
            runs[^1].Add(tour);
        }

        return runs;
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static string Day(int dayNumber) => DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
