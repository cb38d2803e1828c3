using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Sessions;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Advice;

/// <summary>Seat-days by priority: what a change to the corps or the policy gains.</summary>
/// <param name="Critical">Critical seat-days.</param>
/// <param name="High">High-priority seat-days.</param>
/// <param name="Normal">Normal-priority seat-days.</param>
/// <param name="Low">Low-priority seat-days.</param>
public sealed record SeatDays(long Critical, long High, long Normal, long Low)
{
    /// <summary>Nothing on any level.</summary>
    public static SeatDays Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Orders seat-days best first: more critical, then more high, normal, low.</summary>
    public static int Compare(SeatDays a, SeatDays b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return b.Critical != a.Critical ? b.Critical.CompareTo(a.Critical)
            : b.High != a.High ? b.High.CompareTo(a.High)
            : b.Normal != a.Normal ? b.Normal.CompareTo(a.Normal)
            : b.Low.CompareTo(a.Low);
    }

    internal static SeatDays Of(ObjectiveValues o) => new(o.Critical, o.High, o.Normal, o.Low);

    internal static SeatDays Between(ObjectiveValues from, ObjectiveValues to) =>
        new(to.Critical - from.Critical, to.High - from.High, to.Normal - from.Normal, to.Low - from.Low);
}

/// <summary>What a piece of advice changes.</summary>
public enum AdviceKind
{
    /// <summary>Add members of a profile to the corps.</summary>
    Recruit,
    /// <summary>Raise one surge limit by one person.</summary>
    Release,
    /// <summary>Train more members: more seats in a course session, or a new session.</summary>
    Train,
}

/// <summary>One piece of advice: the change, the seat-days it gains (proven by re-solving with it), and a sentence.</summary>
/// <param name="Kind">Recruit or release.</param>
/// <param name="Gain">Seat-days gained per priority, from the roster's proven coverage to the proven coverage with the change.</param>
/// <param name="Sentence">The advice in words, with its gain.</param>
/// <param name="Proven">Whether both solves were proven optimal, so that the gain is exact.</param>
public sealed record AdviceItem(AdviceKind Kind, SeatDays Gain, string Sentence, bool Proven)
{
    /// <summary>For a recruit: the hypothetical members, in the problem format; add them to the problem and re-solve to check the gain.</summary>
    public ImmutableArray<Member> Members { get; init; } = [];

    /// <summary>For a release: the policy's index of the surge limit raised.</summary>
    public int? LimitIndex { get; init; }

    /// <summary>For a release: the limit as it is.</summary>
    public SurgeLimit? From { get; init; }

    /// <summary>For a release: the limit raised by one person.</summary>
    public SurgeLimit? To { get; init; }

    /// <summary>For a training: the credential of the course.</summary>
    public string? Credential { get; init; }

    /// <summary>For a training: the session as proposed (the new one, or an existing one with more seats).</summary>
    public CourseSession? Session { get; init; }

    /// <summary>For a training: whether <see cref="Session"/> is a new session rather than more seats in one the course has.</summary>
    public bool NewSession { get; init; }

    /// <summary>For a training: the members the re-plan with the change trains in the session beyond those the roster trains there.</summary>
    public ImmutableArray<Training> Trainings { get; init; } = [];
}

/// <summary>Options of <see cref="Advisor.Advise"/>.</summary>
public sealed record AdviceOptions
{
    /// <summary>How many pieces of advice to return, at least 1 (default 10).</summary>
    public int Top { get; init; } = 10;

    /// <summary>Most members one recruit advice adds, at least 1 (default 5).</summary>
    public int MaxRecruits { get; init; } = 5;

    /// <summary>
    /// The planner's options for every solve (default <see cref="PlannerOptions.Default"/>); only coverage is solved. Its
    /// <see cref="PlannerOptions.Progress"/> receives the baseline's levels, then each change solved (stage <c>advice</c>).
    /// </summary>
    public PlannerOptions Planner { get; init; } = PlannerOptions.Default;

    /// <summary>The defaults.</summary>
    public static AdviceOptions Default { get; } = new();
}

/// <summary>The advice for a problem: the coverage it starts from and the pieces, best first.</summary>
/// <param name="Baseline">The roster's coverage, proven optimal when <see cref="BaselineProven"/>.</param>
/// <param name="BaselineProven">Whether the starting coverage was proven the best the problem allows.</param>
/// <param name="Considered">How many changes were considered: each solved, or stopped once proven unable to enter the list.</param>
/// <param name="Advice">The best <see cref="AdviceOptions.Top"/> changes with a gain, best first.</param>
public sealed record AdviceReport(SeatDays Baseline, bool BaselineProven, int Considered, ImmutableArray<AdviceItem> Advice);

/// <summary>
/// Advises what to change so that fewer seats stay empty: whom to recruit, which surge limit to raise, each with the
/// exact gain of seat-days per priority, proven by solving the problem with the change applied.
/// </summary>
/// <remarks>
/// <para><b>Candidates.</b> Recruits come from the unfilled seats' requirements: each unfilled position asks for a member
/// of exactly its skills and levels, languages and clearance (and its credentials, valid through its window), of the quickest component it allows (active, then standby,
/// reserve, contractor) and also of standby when it allows standby, a standby one of the agency with most room under its
/// limits. Positions asking for the same member share one piece of advice, with as many members as they have seats empty
/// on one day (at most <see cref="AdviceOptions.MaxRecruits"/>). Releases come from the surge limits the roster holds at
/// their capacity: each raised by one person. Trainings come from the credentials of the unfilled positions that a course
/// gives: each session of the course whose seats the roster fills gets as many more seats as those positions have seats
/// empty on one day (at most <see cref="AdviceOptions.MaxRecruits"/>), and the course gets a new session, as long and with
/// as many seats as its longest and largest, ending three days before the first gap those positions have that no session
/// ends before (when it can start on or after the planning date).</para>
/// <para><b>Proof.</b> Every candidate is solved with the change applied (the coverage levels, a fork of the baseline's
/// session warm-started from its roster; one fork per processor at a time); its gain is the coverage reached minus the
/// roster's, both proven optimal. None is ruled out unsolved: a recruit may also fill seats of other profiles, or free a
/// member for one, so no bound short of all the empty seats holds. Once <see cref="AdviceOptions.Top"/> pieces are
/// listed, a change's solve is stopped at the first level it ends proven worse than the last one listed (every level
/// before tied): it cannot enter the list, and the list is the same as with every change solved to the end.</para>
/// </remarks>
public static class Advisor
{
    private static readonly Component[] Quickest = [Component.Active, Component.Standby, Component.Reserve, Component.Contractor];

    /// <summary>Advises on <paramref name="problem"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="roster">A roster planned for it, whose empty seats the advice targets; <see langword="null"/>: one is planned (coverage only).</param>
    /// <param name="options">The options; default <see cref="AdviceOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the advice; the pieces proven so far are returned.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Top or MaxRecruits below 1, or the planner's options are invalid.</exception>
    /// <exception cref="InvalidProblemException">The problem has input errors.</exception>
    public static AdviceReport Advise(DeploymentProblem problem, IReadOnlyList<Assignment>? roster = null, AdviceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        options ??= AdviceOptions.Default;
        if (options.Top < 1) throw new ArgumentException($"Top must be at least 1, got {options.Top}.", nameof(options));
        if (options.MaxRecruits < 1) throw new ArgumentException($"MaxRecruits must be at least 1, got {options.MaxRecruits}.", nameof(options));
        var errors = ProblemValidator.Validate(problem);
        if (!errors.IsEmpty) throw new InvalidProblemException(errors);
        var planner = options.Planner with { CoverageOnly = true, ExplainInfeasibility = false, Progress = null, ModelExportPath = null, Previous = null };
        // The baseline: the roster given, re-planned from it so that its coverage is proven and its unfilled seats are
        // the targets; or planned. Each change forks its session, so every re-plan starts from the baseline roster; the
        // forks plan coverage alone (no previous roster: the baseline's optima prove their coverage levels whatever it is).
        // The baseline's solve reports its levels; the forks, each change solved.
        var session = PlanningSession.Create(problem, (roster is null ? planner : planner with { Previous = roster }) with { Progress = options.Planner.Progress });
        var baseline = session.Solve(cancellationToken);
        if (baseline.Objective is not { } start) return new AdviceReport(SeatDays.Zero, false, 0, []);
        var candidates = RecruitCandidates(problem, baseline, options.MaxRecruits).Concat(Releases(problem, baseline))
            .Concat(TrainingCandidates(problem, baseline, options.MaxRecruits)).ToList();

        // The pieces so far, best first. Once Top are ranked, a change proven worse than the last of them on a level
        // where it ties the levels before is stopped there: whatever its later levels, it cannot enter the list. The
        // last ranked only gets better, so the list is the same whatever order the forks end in.
        var advice = new List<AdviceItem>();
        var gate = new object();
        // The changes that target the most empty seat-days (critical first) are solved first: the list fills with good
        // pieces early, and more of the others stop early. The order changes only the time taken.
        var order = candidates.OrderBy(c => c.Targets, Comparer<SeatDays>.Create(SeatDays.Compare)).ToList();
        var considered = ForkRunner.Run(order, candidate =>
        {
            if (cancellationToken.IsCancellationRequested) return false;
            var gains = new long[4];
            using var cutoff = new LevelCutoff((stage, reached) =>
            {
                var level = Array.IndexOf(CoverageStages, stage);
                if (level < 0) return 0;
                gains[level] = (long)reached - Level(start, level);
                SeatDays? last;
                lock (gate) last = advice.Count >= options.Top ? advice[options.Top - 1].Gain : null;
                if (last is null) return 0;
                for (var k = 0; k <= level; k++)
                {
                    if (gains[k] != Level(last, k)) return gains[k] - Level(last, k);
                }
                return 0;
            }, cancellationToken);
            var fork = session.Fork(planner with { Progress = cutoff });
            fork.Apply([.. candidate.Edits]);
            var changed = fork.Solve(cutoff.Token);
            if (cutoff.Abandoned || changed.Objective is not { } reached) return true;
            var gain = SeatDays.Between(start, reached);
            if (SeatDays.Compare(gain, SeatDays.Zero) >= 0) return true;
            var item = candidate.Advice(gain, baseline.Status == RosterStatus.Optimal && changed.Status == RosterStatus.Optimal, changed);
            lock (gate)
            {
                advice.Add(item);
                advice.Sort((a, b) => SeatDays.Compare(a.Gain, b.Gain) is var c and not 0 ? c : string.CompareOrdinal(a.Sentence, b.Sentence));
            }
            return true;
        }, ForkRunner.Width, options.Planner.Progress, clock, "advice", "changes solved");
        return new AdviceReport(SeatDays.Of(start), baseline.Status == RosterStatus.Optimal, considered.Count(c => c), [.. advice.Take(options.Top)]);
    }

    private static readonly string[] CoverageStages = ["critical", "high", "normal", "low"];

    /// <summary>Level <paramref name="level"/> (0 critical .. 3 low) of coverage values or gains.</summary>
    private static long Level(ObjectiveValues o, int level) => level switch { 0 => o.Critical, 1 => o.High, 2 => o.Normal, _ => o.Low };

    private static long Level(SeatDays s, int level) => level switch { 0 => s.Critical, 1 => s.High, 2 => s.Normal, _ => s.Low };

    /// <summary>A change to try: its edits, how to say it once its gain is known, and the empty seat-days it targets (none known: zero).</summary>
    private sealed record Candidate(IReadOnlyList<ProblemEdit> Edits, Func<SeatDays, bool, Roster, AdviceItem> Advice, SeatDays Targets);

    private static IEnumerable<Candidate> RecruitCandidates(DeploymentProblem problem, Roster baseline, int maxRecruits)
    {
        var positions = problem.Operations.SelectMany(o => o.Positions).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var ids = problem.Members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        // Positions whose recruit would be the same member (the same component, agency, skills, languages and clearance) share them.
        var agencies = Quickest.ToDictionary(c => c, c => Agency(problem, baseline, c));
        var groups = baseline.Unfilled.SelectMany(u => Recruits(agencies, positions[u.Position]).Select(r => (Unfilled: u, Recruit: r)))
            .GroupBy(x => Profile(x.Recruit), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        var number = 0;
        foreach (var group in groups)
        {
            number++;
            var recruit = group.First().Recruit;
            var count = Math.Min(maxRecruits, EmptyAtOnce(group.SelectMany(x => x.Unfilled.Gaps)));
            var members = Enumerable.Range(1, count).Select(i =>
            {
                var id = $"recruit-{number}-{i}";
                while (ids.Contains(id)) id += "x";
                return recruit with { Id = id, Name = $"Recruit {number}.{i}" };
            }).ToImmutableArray();
            var targets = group.Select(x => x.Unfilled).DistinctBy(u => u.Position).ToList();
            long Empty(Priority priority) => targets.Where(u => u.Priority == priority).Sum(u => u.UncoveredSeatDays);
            yield return new Candidate([.. members.Select(m => new MemberAdded(m))],
                (gain, proven, _) => new AdviceItem(AdviceKind.Recruit, gain, $"{RecruitPhrase(members)}: {Gains(gain)}", proven) { Members = members },
                new SeatDays(Empty(Priority.Critical), Empty(Priority.High), Empty(Priority.Normal), Empty(Priority.Low)));
        }
    }

    /// <summary>The most seats empty on one day across <paramref name="gaps"/> (of one or more positions).</summary>
    private static int EmptyAtOnce(IEnumerable<UncoveredRange> gaps)
    {
        var changes = new SortedDictionary<int, int>();
        foreach (var gap in gaps)
        {
            changes[gap.Days.Start.DayNumber] = changes.GetValueOrDefault(gap.Days.Start.DayNumber) + gap.EmptySeats;
            changes[gap.Days.End.DayNumber + 1] = changes.GetValueOrDefault(gap.Days.End.DayNumber + 1) - gap.EmptySeats;
        }
        var (peak, empty) = (0, 0);
        foreach (var change in changes.Values) peak = Math.Max(peak, empty += change);
        return peak;
    }

    /// <summary>
    /// The members a position asks for: its skills, languages and clearance, of the quickest component it allows, and a
    /// standby one too when it allows standby (the partner agencies are where most recruits come from).
    /// </summary>
    private static IEnumerable<Member> Recruits(Dictionary<Component, string?> agencies, Position position)
    {
        bool Allowed(Component c) => position.AllowedComponents.IsEmpty || position.AllowedComponents.Contains(c);
        var quickest = Quickest.First(Allowed);
        // A recruit holds the position's credentials through its window: one who would still need a session's seat is
        // not what the position asks for.
        var credentials = position.Credentials.Distinct(StringComparer.OrdinalIgnoreCase)
            .ToImmutableDictionary(c => c, _ => position.Window.End, StringComparer.OrdinalIgnoreCase);
        foreach (var component in new[] { quickest, Component.Standby }.Distinct().Where(Allowed))
            yield return new Member("", "", component, agencies[component], position.Requires, position.Languages, position.Clearance, []) { Credentials = credentials };
    }

    /// <summary>A recruit's profile as text: the key that groups positions asking for the same member.</summary>
    private static string Profile(Member m) => string.Join('|', m.Component, m.Agency,
        string.Join(',', m.Skills.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).Select(r => $"{r.Key.ToLowerInvariant()}:{r.Value}")),
        string.Join(',', m.Languages.Select(l => l.ToLowerInvariant()).Order(StringComparer.Ordinal)),
        m.Clearance,
        string.Join(',', m.Credentials.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase).Select(c => $"{c.Key.ToLowerInvariant()}:{c.Value:yyyy-MM-dd}")));

    /// <summary>The agency of a recruit: for standby, the one with most room under its limits; otherwise the corps' most common one for the component.</summary>
    private static string? Agency(DeploymentProblem problem, Roster baseline, Component component)
    {
        var agencies = problem.Members.Where(m => m.Component == component && m.Agency is not null).GroupBy(m => m.Agency!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        if (agencies.Count == 0) return null;
        if (component != Component.Standby) return agencies[0];
        double Room(string agency) => problem.Policy.Surge
            .Select((limit, i) => (limit, use: baseline.SurgeUse.FirstOrDefault(u => u.Index == i)))
            .Where(x => x.limit.Agency == agency && x.limit.Component is null or Component.Standby && x.use is not null)
            .Select(x => x.use!.Capacity - x.use.Peak).DefaultIfEmpty(double.PositiveInfinity).Min();
        return agencies.OrderByDescending(Room).ThenBy(a => a, StringComparer.Ordinal).First();
    }

    private static IEnumerable<Candidate> Releases(DeploymentProblem problem, Roster baseline)
    {
        foreach (var use in baseline.SurgeUse.Where(u => u.Binding))
        {
            var from = problem.Policy.Surge[use.Index];
            var to = Raised(problem, from, use);
            if (to is null) continue;
            var index = use.Index;
            yield return new Candidate([new SurgeLimitChanged(index, to)],
                (gain, proven, _) => new AdviceItem(AdviceKind.Release, gain, $"{LimitPhrase(from, to)}: {Gains(gain)}", proven) { LimitIndex = index, From = from, To = to },
                SeatDays.Zero);
        }
    }

    private static IEnumerable<Candidate> TrainingCandidates(DeploymentProblem problem, Roster baseline, int maxSeats)
    {
        var positions = problem.Operations.SelectMany(o => o.Positions).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var ids = problem.Policy.Courses.SelectMany(c => c.Sessions).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var course in problem.Policy.Courses)
        {
            var blocked = baseline.Unfilled.Where(u => positions[u.Position].Credentials.Any(c => string.Equals(c, course.Credential, StringComparison.OrdinalIgnoreCase))).ToList();
            if (blocked.Count == 0) continue;
            long Empty(Priority priority) => blocked.Where(u => u.Priority == priority).Sum(u => u.UncoveredSeatDays);
            var targets = new SeatDays(Empty(Priority.Critical), Empty(Priority.High), Empty(Priority.Normal), Empty(Priority.Low));
            var gaps = blocked.SelectMany(u => u.Gaps).ToList();
            var more = Math.Min(maxSeats, EmptyAtOnce(gaps));
            foreach (var session in course.Sessions.Where(s => baseline.Training.Count(t => t.Session == s.Id) >= s.Seats))
            {
                var wider = session with { Seats = session.Seats + more };
                yield return new Candidate([new SessionSeatsChanged(session.Id, wider.Seats)], (gain, proven, roster) =>
                {
                    var trained = Extra(baseline, roster, session.Id);
                    return new AdviceItem(AdviceKind.Train, gain,
                        $"train {trained.Length} more member(s) in {course.Credential} session {session.Id} ({session.Days}), seats {session.Seats} -> {wider.Seats}: {Gains(gain)}", proven)
                    { Credential = course.Credential, Session = wider, Trainings = trained };
                }, targets);
            }
            // A session in time for the first gap that no session of the course ends before.
            var first = gaps.Select(g => g.Days.Start).Where(d => !course.Sessions.Any(s => s.Days.End < d && d.AddDays(-14) <= s.Days.End)).DefaultIfEmpty(DateOnly.MaxValue).Min();
            var length = course.Sessions.Max(s => s.Days.Days);
            if (first == DateOnly.MaxValue || first.DayNumber - 3 - length < problem.PlanningDate.DayNumber) continue;
            var end = first.AddDays(-3);
            var id = $"{course.Credential.ToLowerInvariant()}-new-{end.AddDays(1 - length):yyyy-MM-dd}";
            while (ids.Contains(id)) id += "x";
            var added = new CourseSession(id, new DateRange(end.AddDays(1 - length), end), course.Sessions.Max(s => s.Seats));
            yield return new Candidate([new SessionAdded(course.Credential, added)], (gain, proven, roster) =>
            {
                var trained = Extra(baseline, roster, added.Id);
                return new AdviceItem(AdviceKind.Train, gain,
                    $"a new {course.Credential} session {added.Days} with {added.Seats} seats, training {trained.Length} member(s): {Gains(gain)}", proven)
                { Credential = course.Credential, Session = added, NewSession = true, Trainings = trained };
            }, targets);
        }
    }

    /// <summary>The trainings <paramref name="changed"/> has in session <paramref name="session"/> that <paramref name="baseline"/> does not.</summary>
    private static ImmutableArray<Training> Extra(Roster baseline, Roster changed, string session) =>
        [.. changed.Training.Where(t => t.Session == session && !baseline.Training.Contains(t))];

    /// <summary>The limit allowing one more person at its peak, or <see langword="null"/> when a share is already 100 %.</summary>
    private static SurgeLimit? Raised(DeploymentProblem problem, SurgeLimit limit, SurgeUse use)
    {
        if (limit.MaxConcurrent is { } cap) return limit with { MaxConcurrent = cap + 1 };
        var share = limit.MaxShare!.Value;
        if (share >= 1) return null;
        // Members counted: the limit's scope (a share of the members in it), or those deployed on the operation at the peak.
        var counted = limit.Operation is null
            ? problem.Members.Count(m => (limit.Agency is null || m.Agency == limit.Agency) && (limit.Component is null || m.Component == limit.Component))
            : (int)Math.Round(use.Capacity / share);
        if (counted <= 0) return null;
        var allowed = Math.Floor(share * counted + 1e-9);
        return limit with { MaxShare = Math.Min(1, (allowed + 1) / counted) };
    }

    private static string RecruitPhrase(ImmutableArray<Member> members)
    {
        var m = members[0];
        var who = $"{members.Length} {m.Component.ToString().ToLowerInvariant()} member{(members.Length == 1 ? "" : "s")}{(m.Agency is null ? "" : $" of {m.Agency}")}";
        var with = m.Skills.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => $"{s.Key} {s.Value}").Concat(m.Languages).ToList();
        if (m.Clearance != Clearance.None) with.Add($"{Input.JsonNames.Clearances.Name(m.Clearance)} clearance");
        foreach (var (credential, last) in m.Credentials.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase)) with.Add($"{credential} valid through {last:yyyy-MM-dd}");
        return with.Count == 0 ? who : $"{who} with {Join(with)}";
    }

    private static string LimitPhrase(SurgeLimit from, SurgeLimit to)
    {
        var scope = string.Join(' ', new[] { from.Agency, from.Component?.ToString().ToLowerInvariant(), from.Operation is null ? null : $"on {from.Operation}" }.OfType<string>());
        return from.MaxConcurrent is { } cap
            ? $"{(scope.Length == 0 ? "surge" : scope)} limit from {cap} to {to.MaxConcurrent} at once"
            : string.Create(CultureInfo.InvariantCulture, $"{(scope.Length == 0 ? "surge" : scope)} share from {100 * from.MaxShare!.Value:0.#} % to {100 * to.MaxShare!.Value:0.#} %");
    }

    private static string Gains(SeatDays gain)
    {
        var parts = new[] { (gain.Critical, "critical"), (gain.High, "high"), (gain.Normal, "normal"), (gain.Low, "low") }
            .Where(x => x.Item1 != 0).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Item1:+#,0;-#,0} {x.Item2}"));
        return $"{string.Join(", ", parts)} seat-days";
    }

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
