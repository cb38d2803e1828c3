using System.Collections.Immutable;
using System.Diagnostics;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Sessions;
using Scrs.Matching.Validation;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Replanning;

/// <summary>What to recommend: a position's seat, how many candidates, and optionally one member to explain.</summary>
/// <param name="Position">The position's id.</param>
/// <remarks>Defaults: the first rotation slot with an empty seat in the roster (else the first slot), the top 5.</remarks>
public sealed record RecommendationRequest(string Position)
{
    /// <summary>A day of the seat's rotation slot; <see langword="null"/>: the first slot the roster leaves a seat of empty, else the first slot.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>How many candidates to rank, at least 1 (default 5).</summary>
    public int Top { get; init; } = 5;

    /// <summary>A member to explain ("why not this member here"); <see langword="null"/>: none.</summary>
    public string? Member { get; init; }

    /// <summary>
    /// The roster's trainings (its <c>Roster.Training</c>; default none): the baseline's cost counts them, each re-plan starts
    /// from them, and a member without a credential is told whether a session with a free seat could train them in time.
    /// </summary>
    public ImmutableArray<Training> Training { get; init; } = [];
}

/// <summary>The change on each objective level from the given roster to the best re-plan with a member in the seat.</summary>
/// <param name="Critical">Critical person-days gained (negative: lost).</param>
/// <param name="High">High-priority person-days gained.</param>
/// <param name="Normal">Normal-priority person-days gained.</param>
/// <param name="Low">Low-priority person-days gained.</param>
/// <param name="Changes">Person-days of the given roster not kept.</param>
/// <param name="Cost">Cost added (negative: saved).</param>
/// <param name="Load">Load added.</param>
public sealed record ObjectiveEffect(long Critical, long High, long Normal, long Low, long Changes, decimal Cost, long Load)
{
    /// <summary>The effect of going from <paramref name="from"/> to <paramref name="to"/> (whose changes are against <paramref name="from"/>).</summary>
    public static ObjectiveEffect Between(ObjectiveValues from, ObjectiveValues to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return new(to.Critical - from.Critical, to.High - from.High, to.Normal - from.Normal, to.Low - from.Low, to.Changes ?? 0,
            to.Cost - from.Cost, to.Load - from.Load);
    }

    /// <summary>Orders effects best first: more coverage, level by level, then fewer changes, less cost, less load.</summary>
    public static int Compare(ObjectiveEffect a, ObjectiveEffect b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return b.Critical != a.Critical ? b.Critical.CompareTo(a.Critical)
            : b.High != a.High ? b.High.CompareTo(a.High)
            : b.Normal != a.Normal ? b.Normal.CompareTo(a.Normal)
            : b.Low != a.Low ? b.Low.CompareTo(a.Low)
            : a.Changes != b.Changes ? a.Changes.CompareTo(b.Changes)
            : a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost)
            : a.Load.CompareTo(b.Load);
    }
}

/// <summary>A member for the seat, with the exact effect of giving it to them.</summary>
/// <param name="Member">The member's id.</param>
/// <param name="Effect">The effect on each level; proven when <see cref="Proven"/>.</param>
/// <param name="Proven">Whether the re-plan with the member locked in was proven optimal (else the effect is of the best roster found).</param>
/// <param name="Changes">What the re-plan changes in the given roster to make room (its entries other than <see cref="ChangeKind.Kept"/>).</param>
public sealed record Candidate(string Member, ObjectiveEffect Effect, bool Proven, ImmutableArray<RosterChange> Changes);

/// <summary>Why a member is not in the seat: the first rule against them, or what giving them the seat would cost.</summary>
/// <param name="Member">The member's id.</param>
/// <param name="Eligible">Whether the member may hold the seat on their own (skills, languages, clearance, component, lead time, maximum tour, availability, exclusions).</param>
/// <param name="Reason">The first rule that rules the member out, or why the re-plan with them in the seat fails; <see langword="null"/> when they can have it.</param>
/// <param name="Effect">When eligible and a roster exists with them in the seat: its effect on each level.</param>
/// <param name="Instead">The member's tours in the given roster: what they are doing instead.</param>
/// <param name="Conflicts">The rules the given roster would break with the member added to the seat as it is (the seat taken, rest days, a surge limit, the budget).</param>
/// <param name="Changes">What the re-plan with the member in the seat changes in the given roster (its entries other than kept).</param>
public sealed record MemberAnswer(string Member, bool Eligible, string? Reason, ObjectiveEffect? Effect, ImmutableArray<Assignment> Instead,
    ImmutableArray<string> Conflicts, ImmutableArray<RosterChange> Changes);

/// <summary>Ranked candidates for a seat of a position, each with its proven effect, and the answer for one member.</summary>
/// <param name="Position">The position.</param>
/// <param name="Seat">The seat's rotation slot.</param>
/// <param name="Baseline">The given roster's objective (its changes: 0).</param>
/// <param name="HeldBy">Members holding the seat in the given roster (not ranked).</param>
/// <param name="Considered">How many members could hold the seat on their own (the ones ranked among).</param>
/// <param name="Candidates">The best <see cref="RecommendationRequest.Top"/> of them, best first.</param>
/// <param name="Member">The answer for <see cref="RecommendationRequest.Member"/>, when one was asked.</param>
public sealed record Recommendations(string Position, DateRange Seat, ObjectiveValues Baseline, ImmutableArray<string> HeldBy, int Considered,
    ImmutableArray<Candidate> Candidates, MemberAnswer? Member);

/// <summary>
/// Ranks the members for a seat by the exact effect of giving it to them: each is locked into the seat and the problem is
/// re-planned from the roster, proven level by level, not guessed from scores.
/// </summary>
/// <remarks>
/// <para>The members ranked are those who may hold the seat on their own (the eligibility stage gives them a tour
/// covering its rotation slot), less the ones holding it already. Each re-plan is the full pipeline with the member's
/// lock and <c>PlannerOptions.Previous</c> set to the roster, so its changes level counts what it moves to make room.</para>
/// <para>Once the ranking is full, a re-plan is stopped at the first level it ends proven worse than the last one ranked.
/// Re-plans run in the order of a bound on their changes that needs no solve: the days the member must give up
/// elsewhere (within the rest days of the seat), plus the seat's days when it is full. When the roster's coverage is
/// proven the best there is (by a re-plan without the lock), no re-plan covers more, so once the
/// <see cref="RecommendationRequest.Top"/>-th best keeps the coverage with fewer changes than the next bound, no
/// re-plan left can enter the ranking, and none runs.</para>
/// </remarks>
public static class Recommender
{
    /// <summary>Recommends members for a seat of <paramref name="request"/>'s position.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="roster">The roster's assignments, as planned for <paramref name="problem"/>.</param>
    /// <param name="request">The seat and the number of candidates.</param>
    /// <param name="options">The planner's options for each re-plan (its <c>Previous</c> is set to <paramref name="roster"/>); its
    /// <c>Progress</c> receives the levels of the best re-plan, then each candidate re-planned (stage <c>ranking</c>).</param>
    /// <param name="cancellationToken">Stops the ranking; the candidates found so far are returned.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request has an error <see cref="Check"/> reports (every one, a line each).</exception>
    /// <exception cref="InvalidProblemException">The problem has input errors.</exception>
    public static Recommendations Recommend(DeploymentProblem problem, IReadOnlyList<Assignment> roster, RecommendationRequest request,
        PlannerOptions? options = null, CancellationToken cancellationToken = default) =>
        Recommend(problem, roster, request, options, null, cancellationToken);

    /// <summary>As the public overload; <paramref name="replan"/> gives the session of the best re-plan without a lock, unsolved, for the re-plan's options.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="roster">The roster's assignments, as planned for <paramref name="problem"/>.</param>
    /// <param name="request">The seat and the number of candidates.</param>
    /// <param name="options">The planner's options for each re-plan.</param>
    /// <param name="cancellationToken">Stops the ranking.</param>
    /// <param name="replan">
    /// A session whose solve is that re-plan (the worker host's: its job's stored roster resumed, whose proven coverage
    /// holds again without search), or <see langword="null"/> for a new session of <paramref name="problem"/>.
    /// </param>
    internal static Recommendations Recommend(DeploymentProblem problem, IReadOnlyList<Assignment> roster, RecommendationRequest request,
        PlannerOptions? options, Func<PlannerOptions, PlanningSession>? replan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var errors = ProblemValidator.Validate(problem);
        if (!errors.IsEmpty) throw new InvalidProblemException(errors);
        var planner = (options ?? PlannerOptions.Default) with { Previous = roster, PreviousTraining = request.Training, ExplainInfeasibility = false, Progress = null, ModelExportPath = null };
        RosterPlanner.Validate(planner);
        var bad = Check(problem, request);
        if (!bad.IsEmpty) throw new ArgumentException(string.Join(Environment.NewLine, bad), nameof(request));
        var (position, operation) = problem.Operations.SelectMany(o => o.Positions.Select(p => (p, o.Id))).First(x => x.p.Id == request.Position);

        var seat = Seat(problem, position, roster, request.Start);
        var heldBy = roster.Where(a => a.Position == position.Id && a.Days.Overlaps(seat)).Select(a => a.Member).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var baseline = RosterEvaluator.Evaluate(problem, roster, roster, request.Training.IsDefault ? [] : request.Training);
        // Full on every day: whoever enters takes a seat-day a holder had, on each day of the seat.
        var full = Enumerable.Range(seat.Start.DayNumber, seat.Days)
            .All(day => roster.Count(a => a.Position == position.Id && a.Start.DayNumber <= day && day <= a.End.DayNumber) >= position.Headcount);

        var (planned, _) = History.Lock(problem, roster);
        var index = new PlanningIndex(planned);
        var candidates = CandidateGenerator.Generate(index);
        var p = index.PositionIndex[position.Id];
        var slot = Array.FindIndex(candidates.Slots[p], s => s.Start == seat.Start.DayNumber);
        var able = Enumerable.Range(0, index.Members.Length)
            .Where(m => !heldBy.Contains(index.Members[m].Id) && HasTour(candidates, m, p, slot))
            .Select(m => index.Members[m].Id).ToList();
        var rest = problem.Policy.RestDays;
        var queue = able.Select(m => (Member: m, Bound: GivenUp(roster, m, position.Id, seat, rest) + (full ? seat.Days : 0)))
            .OrderBy(x => x.Bound).ThenBy(x => x.Member, StringComparer.Ordinal).ToList();

        // The best re-plan without the lock, when a bound is first needed: if it covers no more than the roster, no
        // re-plan with a lock can.
        // Every re-plan forks this session, solved once: a member locked into the seat only narrows the problem, so its
        // re-plan starts from the best re-plan's roster and proves without search each level that roster still reaches.
        var solved = new Lazy<PlanningSession>(() =>
        {
            // The best re-plan reports its levels; the re-plans with a member locked in, each one done.
            var session = replan?.Invoke(planner) ?? PlanningSession.Create(problem, planner with { Progress = options?.Progress });
            session.Solve(cancellationToken);
            return session;
        });
        var coverageProven = new Lazy<bool>(() => solved.Value.Roster is { Status: RosterStatus.Optimal, Objective: { } o }
            && (o.Critical, o.High, o.Normal, o.Low) == (baseline.Critical, baseline.High, baseline.Normal, baseline.Low));

        var ranked = new List<Candidate>();
        void Rank(Candidate candidate)
        {
            ranked.Add(candidate);
            ranked.Sort((a, b) => ObjectiveEffect.Compare(a.Effect, b.Effect) is var c and not 0 ? c : string.CompareOrdinal(a.Member, b.Member));
            if (ranked.Count > request.Top) ranked.RemoveAt(ranked.Count - 1);
        }
        var decided = full && queue.Any(x => x.Bound == seat.Days) && coverageProven.Value
            ? Swaps(problem, planned, roster, operation, position, seat, baseline, queue.Where(x => x.Bound == seat.Days).Select(x => x.Member), request.Top, Rank)
            : [];
        bool Pruned(long bound) => ranked.Count == request.Top && ranked[^1] is { Proven: true, Effect: var worst }
            && (worst.Critical, worst.High, worst.Normal, worst.Low) == (0, 0, 0, 0) && worst.Changes < bound && coverageProven.Value;
        // Two re-plans at a time on a machine with two cores, each taking the next candidate as soon as it is free: each
        // is one solver thread, and the ranking they give is the same in any order (a re-plan is cut off or skipped only
        // when it cannot enter it, and the ranking only gets better), so it does not depend on timing.
        var pending = queue.Where(x => !decided.Contains(x.Member)).ToList();
        var gate = new object();
        ForkRunner.Run(pending, x =>
        {
            ObjectiveEffect? worst;
            lock (gate)
            {
                if (cancellationToken.IsCancellationRequested || Pruned(x.Bound)) return false;
                worst = ranked.Count == request.Top && ranked[^1].Proven ? ranked[^1].Effect : null;
            }
            using var cutoff = worst is null ? null : new LevelCutoff((stage, reached) => Against(baseline, worst, stage, reached), cancellationToken);
            var result = Replan(solved.Value, position.Id, seat, x.Member, cutoff is null ? planner : planner with { Progress = cutoff }, cutoff?.Token ?? cancellationToken);
            if (cutoff is { Abandoned: true } || result is not { Objective: { } objective }) return true;
            lock (gate)
            {
                Rank(new Candidate(x.Member, ObjectiveEffect.Between(baseline, objective), result.Status == RosterStatus.Optimal,
                    [.. result.Changes.Where(c => c.Kind != ChangeKind.Kept)]));
            }
            return true;
        }, Math.Clamp(Environment.ProcessorCount, 1, 2), options?.Progress, clock, "ranking", "candidates re-planned");

        var answer = request.Member is { } who ? Answer(problem, solved, baseline, operation, position, seat, who, roster, request.Training.IsDefault ? [] : request.Training, planner, cancellationToken) : null;
        return new Recommendations(position.Id, seat, baseline, heldBy, able.Count, [.. ranked], answer);
    }

    /// <summary>Every error of <paramref name="request"/> for <paramref name="problem"/>, at once, each naming its field.</summary>
    /// <returns>
    /// Errors on <c>position</c> (no such position), <c>top</c> (below 1), <c>start</c> (outside the position's window) and
    /// <c>member</c> (no such member); empty when the request can be answered.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ImmutableArray<InputError> Check(DeploymentProblem problem, RecommendationRequest request)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(request);
        var errors = ImmutableArray.CreateBuilder<InputError>();
        var position = problem.Operations.SelectMany(o => o.Positions).FirstOrDefault(p => p.Id == request.Position);
        if (position is null) errors.Add(new InputError("position", request.Position, $"no position has id '{request.Position}'"));
        if (request.Top < 1) errors.Add(new InputError("top", null, $"must be at least 1, got {request.Top}"));
        if (position is not null && request.Start is { } start && !position.Window.Contains(start))
            errors.Add(new InputError("start", null, $"must be within position '{position.Id}''s window {position.Window}, got '{start:yyyy-MM-dd}'"));
        if (request.Member is { } member && !problem.Members.Any(m => m.Id == member))
            errors.Add(new InputError("member", member, $"no member has id '{member}'"));
        return errors.ToImmutable();
    }

    /// <summary>
    /// Ranks the members free around a full seat without a solve: such a member in the seat in place of one holder, all
    /// else kept, is optimal whenever the validator accepts it.
    /// </summary>
    /// <remarks>
    /// The roster's coverage is proven the best there is, and a member in a full seat costs at least the seat's days of
    /// changes (a holder gives them up). Giving one holder's seat days to the member keeps the coverage with exactly
    /// that many changes, and every roster that does so is of this form: more days would add coverage. So among the valid
    /// swaps the cheapest (then the least load) is the member's optimum. Swaps are tried best first; once
    /// <paramref name="top"/> members have one, no other free member can rank above them, and a member with no valid swap
    /// has worse changes or coverage than any that has.
    /// </remarks>
    /// <returns>The members whose place in the ranking is settled (ranked, or unable to enter it).</returns>
    private static HashSet<string> Swaps(DeploymentProblem problem, DeploymentProblem planned, IReadOnlyList<Assignment> roster, string operation,
        Position position, DateRange seat, ObjectiveValues baseline, IEnumerable<string> free, int top, Action<Candidate> rank)
    {
        var members = problem.Members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var holders = roster.Where(a => a.Position == position.Id && a.Days.Overlaps(seat)).ToList();
        // The exact effect of each swap, from the days that change hands: it orders the tries.
        var swaps = (from m in free
                     from h in holders
                     let given = Math.Min(h.End.DayNumber, seat.End.DayNumber) - Math.Max(h.Start.DayNumber, seat.Start.DayNumber) + 1
                     let cost = seat.Days * problem.DailyCost(members[m]) - given * problem.DailyCost(members[h.Member])
                     let load = (long)seat.Days * members[m].DeployedDaysLast365 - (long)given * members[h.Member].DeployedDaysLast365
                     orderby given, cost, load, m, h.Member
                     select (Member: m, Holder: h)).ToList();
        var decided = new HashSet<string>(StringComparer.Ordinal);
        var found = 0;
        var locked = planned.Locks;
        foreach (var (member, holder) in swaps)
        {
            if (found == top) break;
            if (decided.Contains(member)) continue;
            var swapped = Swap(roster, holder, member, operation, position.Id, seat);
            var withLock = planned with { Locks = locked.Add(new AssignmentLock(member, position.Id, seat.Start, seat.End)) };
            if (!RosterValidator.Validate(withLock, swapped).IsEmpty) continue;
            decided.Add(member);
            found++;
            var changes = ChangeList.Build(withLock, roster, [.. swapped], []);
            rank(new Candidate(member, ObjectiveEffect.Between(baseline, RosterEvaluator.Evaluate(problem, swapped, roster)), true,
                [.. changes.Where(c => c.Kind != ChangeKind.Kept)]));
        }
        // Every free member left ranks after these, by the order of the tries (or has no valid swap and worse changes).
        if (found == top) decided.UnionWith(free);
        return decided;
    }

    /// <summary>The roster with <paramref name="holder"/>'s days in the seat given to <paramref name="member"/> (merged with their tour on the position next to it).</summary>
    private static List<Assignment> Swap(IReadOnlyList<Assignment> roster, Assignment holder, string member, string operation, string position, DateRange seat)
    {
        var result = new List<Assignment>(roster.Count + 1);
        var (start, end) = (seat.Start, seat.End);
        foreach (var a in roster)
        {
            if (a == holder)
            {
                if (a.Start < seat.Start) result.Add(a with { End = seat.Start.AddDays(-1) });
                if (a.End > seat.End) result.Add(a with { Start = seat.End.AddDays(1) });
            }
            else if (a.Member == member && a.Position == position && (a.End.AddDays(1) == seat.Start || seat.End.AddDays(1) == a.Start))
            {
                // Back-to-back tours on one position are one tour.
                start = a.Start < start ? a.Start : start;
                end = a.End > end ? a.End : end;
            }
            else result.Add(a);
        }
        result.Add(new Assignment(member, operation, position, start, end));
        return result;
    }

    /// <summary>The re-plan with <paramref name="member"/> locked into the seat: a fork of the solved session.</summary>
    private static Roster Replan(PlanningSession solved, string position, DateRange seat, string member, PlannerOptions planner,
        CancellationToken cancellationToken)
    {
        var fork = solved.Fork(planner);
        fork.Apply(new LockAdded(new AssignmentLock(member, position, seat.Start, seat.End)));
        return fork.Solve(cancellationToken);
    }

    private static MemberAnswer Answer(DeploymentProblem problem, Lazy<PlanningSession> solved, ObjectiveValues baseline, string operation, Position seatPosition, DateRange seat,
        string member, IReadOnlyList<Assignment> roster, ImmutableArray<Training> training, PlannerOptions planner, CancellationToken cancellationToken)
    {
        var position = seatPosition.Id;
        var instead = roster.Where(a => a.Member == member).ToImmutableArray();
        var alone = new Assignment(member, operation, position, seat.Start, seat.End);
        // The rules of one tour alone, in the validator's order: skills, languages, clearance, component, lead time,
        // maximum tour, availability, exclusions. Rest days, surge limits and the budget depend on the roster: conflicts.
        // A credential a session with a free seat can give in time is not one: the re-plan trains the member.
        var untrainable = new Lazy<string?>(() => Untrainable(problem, problem.Members.First(m => m.Id == member), seatPosition, seat, roster, training));
        var own = RosterValidator.Validate(problem, [alone], roster).FirstOrDefault(v => v.Rule.OfOneTour() && (v.Rule != Rule.Credentials || untrainable.Value is not null));
        if (own is { Rule: Rule.Credentials }) return new MemberAnswer(member, false, untrainable.Value, null, instead, [], []);
        if (own is not null) return new MemberAnswer(member, false, $"{own.Rule.Describe()}: {own.Message}", null, instead, [], []);
        var conflicts = RosterValidator.Validate(problem, [.. roster, alone], roster)
            .Where(v => v.Rule != Rule.Lock).Select(v => $"{v.Rule.Describe()}: {v.Message}").ToImmutableArray();
        // One re-plan: worth explaining when no roster has the member in the seat.
        var result = Replan(solved.Value, position, seat, member, planner with { ExplainInfeasibility = true }, cancellationToken);
        if (result.Objective is null)
            return new MemberAnswer(member, true, result.Reasons.FirstOrDefault() ?? "no roster has the member in the seat", null, instead, conflicts, []);
        return new MemberAnswer(member, true, null, ObjectiveEffect.Between(baseline, result.Objective), instead, conflicts,
            [.. result.Changes.Where(c => c.Kind != ChangeKind.Kept)]);
    }

    /// <summary>
    /// Why <paramref name="member"/> cannot have the position's credentials over the seat: for the first credential neither
    /// held through its end nor given in time by a session with a free seat (one on or after the planning date, ending
    /// before the seat starts, valid through its end, the member free on its days), the last day it is held and that no
    /// such session ends before the seat; <see langword="null"/> when every credential is held or can be gained.
    /// </summary>
    private static string? Untrainable(DeploymentProblem problem, Member member, Position position, DateRange seat, IReadOnlyList<Assignment> roster,
        ImmutableArray<Training> training)
    {
        foreach (var credential in position.Credentials)
        {
            var last = member.HoldsThrough([credential]);
            if (last >= seat.End) continue;
            var inTime = problem.Policy.Courses.Where(c => string.Equals(c.Credential, credential, StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c.Sessions.Select(s => (Course: c, Session: s)))
                .Any(x => x.Session.Days.Start >= problem.PlanningDate && TrainingRules.InTime(x.Course, x.Session, seat)
                    && !member.Unavailable.Any(u => u.Overlaps(x.Session.Days))
                    && !roster.Any(a => a.Member == member.Id && a.Days.Overlaps(x.Session.Days))
                    && training.Count(t => t.Session == x.Session.Id && t.Member != member.Id) < x.Session.Seats);
            if (inTime) continue;
            return $"credential {credential} {(last is { } l ? $"valid until {l:yyyy-MM-dd}" : "not held")}, the tour ends {seat.End:yyyy-MM-dd}; "
                + $"no session with a free seat ends before {seat.Start:yyyy-MM-dd}";
        }
        return null;
    }

    /// <summary>
    /// A re-plan against <paramref name="worst"/>, the effect it must beat to enter the ranking, on a level that ended at
    /// <paramref name="reached"/>: positive better (see <see cref="LevelCutoff"/>).
    /// </summary>
    private static double Against(ObjectiveValues baseline, ObjectiveEffect worst, string stage, double reached) => stage switch
    {
        "critical" => reached - baseline.Critical - worst.Critical,
        "high" => reached - baseline.High - worst.High,
        "normal" => reached - baseline.Normal - worst.Normal,
        "low" => reached - baseline.Low - worst.Low,
        "changes" => worst.Changes - reached,
        "cost" => (double)(worst.Cost + baseline.Cost) - reached,
        "load" => worst.Load + baseline.Load - reached,
        _ => 0,
    };

    /// <summary>The seat's rotation slot: the one holding <paramref name="day"/>, else the first with an empty seat, else the first.</summary>
    private static DateRange Seat(DeploymentProblem problem, Position position, IReadOnlyList<Assignment> roster, DateOnly? day)
    {
        var slots = Slots.Cut(position.Window, problem.RotationDays(position));
        var chosen = day is { } d ? Array.FindIndex(slots, s => s.Start <= d.DayNumber && d.DayNumber <= s.End)
            : Array.FindIndex(slots, s => Enumerable.Range(s.Start, s.Days).Any(x =>
                roster.Count(a => a.Position == position.Id && a.Start.DayNumber <= x && x <= a.End.DayNumber) < position.Headcount));
        var slot = slots[Math.Max(0, chosen)];
        return new DateRange(DateOnly.FromDayNumber(slot.Start), DateOnly.FromDayNumber(slot.End));
    }

    private static bool HasTour(CandidateSet candidates, int member, int position, int slot)
    {
        foreach (var t in candidates.ToursOf(member))
        {
            if (t.Position == position && t.FirstSlot <= slot && slot <= t.LastSlot) return true;
        }
        return false;
    }

    /// <summary>The member's days in the roster that a tour in the seat rules out: elsewhere within the rest days of it.</summary>
    private static long GivenUp(IReadOnlyList<Assignment> roster, string member, string position, DateRange seat, int rest)
    {
        long days = 0;
        foreach (var a in roster)
        {
            // A tour on the seat's own position runs into the seat and merges with it.
            if (a.Member != member || a.Position == position) continue;
            days += Math.Max(0, Math.Min(seat.End.DayNumber + rest, a.End.DayNumber) - Math.Max(seat.Start.DayNumber - rest, a.Start.DayNumber) + 1);
        }
        return days;
    }
}
