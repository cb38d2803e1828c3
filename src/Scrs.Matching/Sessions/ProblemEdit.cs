using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Sessions;

/// <summary>
/// A small typed change to the problem of a <see cref="PlanningSession"/>: the questions a planner asks of a solved roster
/// (a member away or gone, an offer declined, an operation arriving, a limit raised).
/// </summary>
/// <remarks>
/// An edit names members, positions and operations by id. <see cref="PlanningSession.Apply(ProblemEdit[])"/> checks every
/// edit of a call before it changes anything, and reports every problem at once, each naming the edit
/// (<c>edits[2].member</c>).
/// </remarks>
public abstract record ProblemEdit
{
    private protected ProblemEdit()
    {
    }

    /// <summary>The problem with this edit applied, or the reasons it cannot be, each located under <paramref name="field"/>.</summary>
    internal abstract DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors);
}

/// <summary>What an edit may need besides the problem: the session's last roster (for offers).</summary>
internal sealed record EditContext(IReadOnlyList<Assignment>? Roster);

/// <summary>The member cannot serve on <paramref name="Days"/> (ill, on leave, not released for that time).</summary>
/// <param name="Member">Id of the member.</param>
/// <param name="Days">The days, inclusive.</param>
public sealed record MemberUnavailable(string Member, DateRange Days) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) =>
        Edits.Unavailable(problem, [(field, this)], errors);
}

/// <summary>The member can serve on <paramref name="Days"/> after all (a leave cancelled, a release granted): those days are no longer unavailable.</summary>
/// <param name="Member">Id of the member.</param>
/// <param name="Days">The days, inclusive.</param>
public sealed record MemberAvailable(string Member, DateRange Days) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        var k = Edits.Find(problem.Members, m => m.Id == Member);
        if (k < 0)
        {
            errors.Add(new InputError(ErrorLocation.Property(field, "member"), Member, $"no member has id '{Member}'"));
            return problem;
        }
        var member = problem.Members[k];
        return problem with { Members = problem.Members.SetItem(k, member with { Unavailable = DateRanges.Without(member.Unavailable, [Days]) }) };
    }
}

/// <summary>The member leaves the corps: removed from the problem with its locks and exclusions.</summary>
/// <param name="Member">Id of the member.</param>
public sealed record MemberRemoved(string Member) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        if (!Edits.HasMember(problem, Member, field, errors)) return problem;
        return problem with
        {
            Members = problem.Members.RemoveAll(m => m.Id == Member),
            Locks = problem.Locks.RemoveAll(l => l.Member == Member),
            Exclusions = problem.Exclusions.RemoveAll(e => e.Member == Member),
        };
    }
}

/// <summary>A member joins the corps (a recruit, a contractor put on retainer).</summary>
/// <param name="Member">The member; its id must be new.</param>
public sealed record MemberAdded(Member Member) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) =>
        problem with { Members = problem.Members.Add(Member) };
}

/// <summary>A member must not be assigned somewhere: a declined offer, an agency that does not release the member.</summary>
/// <param name="Exclusion">The exclusion.</param>
public sealed record ExclusionAdded(Exclusion Exclusion) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) =>
        problem with { Exclusions = problem.Exclusions.Add(Exclusion) };
}

/// <summary>A member must serve on a position (over the given days, when they are given).</summary>
/// <param name="Lock">The lock.</param>
public sealed record LockAdded(AssignmentLock Lock) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) =>
        problem with { Locks = problem.Locks.Add(Lock) };
}

/// <summary>A lock is lifted.</summary>
/// <param name="Lock">The lock, equal to one of the problem's.</param>
public sealed record LockRemoved(AssignmentLock Lock) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        if (problem.Locks.Contains(Lock)) return problem with { Locks = problem.Locks.Remove(Lock) };
        errors.Add(new InputError(ErrorLocation.Property(field, "lock"), Lock.Member, $"the problem has no lock of member '{Lock.Member}' on position '{Lock.Position}' with these days"));
        return problem;
    }
}

/// <summary>
/// The answer to an offer of the session's last roster: accepted, the member's tours on the position become dated locks;
/// declined, the member is excluded from the position (as <see cref="OfferResponses"/> does).
/// </summary>
/// <param name="Member">Id of the member offered the position.</param>
/// <param name="Position">Id of the position.</param>
/// <param name="Accepted">Whether the member accepted.</param>
public sealed record OfferAnswered(string Member, string Position, bool Accepted) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        if (context.Roster is not { } roster)
        {
            errors.Add(new InputError(field, Member, "an offer can be answered only once the session has solved a roster"));
            return problem;
        }
        var offer = new Offer(Member, Position);
        try
        {
            return Accepted ? OfferResponses.Apply(problem, roster, [offer], []) : OfferResponses.Apply(problem, roster, [], [offer]);
        }
        catch (InvalidProblemException e)
        {
            // Its errors name accepted[0] or declined[0]: this edit is the one offer.
            foreach (var error in e.Errors)
            {
                var rest = error.Field[(error.Field.IndexOf(']', StringComparison.Ordinal) + 1)..];
                errors.Add(error with { Field = field + rest });
            }
            return problem;
        }
    }
}

/// <summary>A position is added to an operation.</summary>
/// <param name="Operation">Id of the operation.</param>
/// <param name="Position">The position; its id must be new.</param>
public sealed record PositionAdded(string Operation, Position Position) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        var k = Edits.Find(problem.Operations, o => o.Id == Operation);
        if (k < 0)
        {
            errors.Add(new InputError(ErrorLocation.Property(field, "operation"), Operation, $"no operation has id '{Operation}'"));
            return problem;
        }
        return problem with { Operations = problem.Operations.SetItem(k, problem.Operations[k] with { Positions = problem.Operations[k].Positions.Add(Position) }) };
    }
}

/// <summary>A position is closed: removed with its locks and exclusions, and from its team (a team left with one position goes).</summary>
/// <param name="Position">Id of the position.</param>
public sealed record PositionRemoved(string Position) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        var edited = Edits.WithPosition(problem, Position, field, errors, _ => null);
        return ReferenceEquals(edited, problem) ? problem : edited with
        {
            Operations = [.. edited.Operations.Select(o => o.Teams.Any(t => t.Positions.Contains(Position))
                ? o with
                {
                    Teams = [.. o.Teams.Select(t => t with { Positions = t.Positions.Remove(Position) }).Where(t => t.Positions.Length >= 2)],
                }
                : o)],
            Locks = edited.Locks.RemoveAll(l => l.Position == Position),
            Exclusions = edited.Exclusions.RemoveAll(e => e.Position == Position),
        };
    }
}

/// <summary>A position's headcount or window changes; what is left out stays as it is.</summary>
/// <param name="Position">Id of the position.</param>
/// <param name="Headcount">The new headcount, or <see langword="null"/> to keep it.</param>
/// <param name="Window">The new window, or <see langword="null"/> to keep it.</param>
public sealed record PositionChanged(string Position, int? Headcount = null, DateRange? Window = null) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) =>
        Edits.WithPosition(problem, Position, field, errors, p => p with { Headcount = Headcount ?? p.Headcount, Window = Window ?? p.Window });
}

/// <summary>An operation arrives.</summary>
/// <param name="Operation">The operation; its id and its positions' ids must be new.</param>
public sealed record OperationAdded(Operation Operation) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) =>
        problem with { Operations = problem.Operations.Add(Operation) };
}

/// <summary>A surge limit is changed, added or removed.</summary>
/// <param name="Index">The index of the limit in the policy's surge limits; the count of limits to add one.</param>
/// <param name="Limit">The new limit, or <see langword="null"/> to remove the limit at <paramref name="Index"/>.</param>
public sealed record SurgeLimitChanged(int Index, SurgeLimit? Limit) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        var limits = problem.Policy.Surge;
        if (Index < 0 || Index > limits.Length || (Index == limits.Length && Limit is null))
        {
            errors.Add(new InputError(ErrorLocation.Property(field, "index"), null,
                $"must name one of the {limits.Length} surge limits (0..{limits.Length - 1}), or {limits.Length} to add one, got {Index}"));
            return problem;
        }
        var changed = Limit is null ? limits.RemoveAt(Index) : Index == limits.Length ? limits.Add(Limit) : limits.SetItem(Index, Limit);
        return problem with { Policy = problem.Policy with { Surge = changed } };
    }
}

/// <summary>The budget changes.</summary>
/// <param name="Budget">The new budget, or <see langword="null"/> for none.</param>
public sealed record BudgetChanged(decimal? Budget) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) =>
        problem with { Policy = problem.Policy with { Budget = Budget } };
}

/// <summary>
/// A course session is cancelled: it goes from its course, and a course left without sessions goes too (a course has at
/// least one). Nobody is trained in it: the next solve plans the trainings, and the tours that needed them, without it.
/// </summary>
/// <param name="SessionId">Id of the session, one of <see cref="Policy.Courses"/>' sessions.</param>
/// <remarks>It only narrows the problem: a roster without the session is a roster with it (<see cref="Narrowing"/>).</remarks>
public sealed record SessionCancelled(string SessionId) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        var courses = problem.Policy.Courses.IsDefault ? [] : problem.Policy.Courses;
        for (var k = 0; k < courses.Length; k++)
        {
            if (courses[k]?.Sessions is not { IsDefault: false } sessions) continue;
            var i = Edits.Find(sessions, s => s?.Id == SessionId);
            if (i < 0) continue;
            var left = sessions.RemoveAt(i);
            var changed = left.IsEmpty ? courses.RemoveAt(k) : courses.SetItem(k, courses[k] with { Sessions = left });
            return problem with { Policy = problem.Policy with { Courses = changed } };
        }
        errors.Add(new InputError(ErrorLocation.Property(field, "sessionId"), SessionId, $"no course session has id '{SessionId}'"));
        return problem;
    }
}

/// <summary>A course offers one more session (advice that adds one checks its gain with it).</summary>
/// <param name="Credential">The credential of the course, one of <see cref="Policy.Courses"/> (compared ignoring case).</param>
/// <param name="Session">The session; its id must be new, and the validator's rules for sessions apply.</param>
/// <remarks>It widens the problem: the session's trainings are new choices.</remarks>
public sealed record SessionAdded(string Credential, CourseSession Session) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        var courses = problem.Policy.Courses.IsDefault ? [] : problem.Policy.Courses;
        var k = Edits.Find(courses, c => string.Equals(c?.Credential, Credential, StringComparison.OrdinalIgnoreCase));
        if (k < 0)
        {
            errors.Add(new InputError(ErrorLocation.Property(field, "credential"), Credential, $"no course gives '{Credential}'"));
            return problem;
        }
        if (Session is null)
        {
            errors.Add(new InputError(ErrorLocation.Property(field, "session"), null, "the session is missing"));
            return problem;
        }
        var sessions = courses[k].Sessions.IsDefault ? [] : courses[k].Sessions;
        return problem with { Policy = problem.Policy with { Courses = courses.SetItem(k, courses[k] with { Sessions = sessions.Add(Session) }) } };
    }
}

/// <summary>A course session gets another number of seats.</summary>
/// <param name="SessionId">Id of the session, one of <see cref="Policy.Courses"/>' sessions.</param>
/// <param name="Seats">Its seats, at least 1.</param>
/// <remarks>Fewer seats narrow the problem, more widen it.</remarks>
public sealed record SessionSeatsChanged(string SessionId, int Seats) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        var courses = problem.Policy.Courses.IsDefault ? [] : problem.Policy.Courses;
        for (var k = 0; k < courses.Length; k++)
        {
            if (courses[k]?.Sessions is not { IsDefault: false } sessions) continue;
            var i = Edits.Find(sessions, s => s?.Id == SessionId);
            if (i < 0) continue;
            var changed = courses.SetItem(k, courses[k] with { Sessions = sessions.SetItem(i, sessions[i] with { Seats = Seats }) });
            return problem with { Policy = problem.Policy with { Courses = changed } };
        }
        errors.Add(new InputError(ErrorLocation.Property(field, "sessionId"), SessionId, $"no course session has id '{SessionId}'"));
        return problem;
    }
}

/// <summary>
/// Time passes: the planning date moves forward, and the tours of the session's last roster that have started by then
/// are history, kept as <c>PlannerOptions.Previous</c> keeps them (re-planned with the fewest changes).
/// </summary>
/// <param name="Date">The new planning date, on or after the current one.</param>
/// <param name="KeepsHistory">
/// Whether the last roster becomes the previous roster (default <see langword="true"/>; the session must then have
/// solved one). <see langword="false"/> for a caller that keeps its decisions itself, as locks (a rolling simulation
/// locks the offers accepted): the options stay as they are.
/// </param>
public sealed record PlanningDateMoved(DateOnly Date, bool KeepsHistory = true) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors)
    {
        if (Date < problem.PlanningDate)
        {
            errors.Add(new InputError(ErrorLocation.Property(field, "date"), null,
                $"must be on or after the planning date {problem.PlanningDate:yyyy-MM-dd}, got {Date:yyyy-MM-dd}"));
            return problem;
        }
        return problem with { PlanningDate = Date };
    }
}

/// <summary>
/// The problem as now known, whole: for a caller that holds the edited problem but not the edits (the worker host's
/// re-plan job, which stores the answered problem) and still wants the session's warm start and proofs, which are judged
/// on the problems, not on the edits.
/// </summary>
/// <param name="Problem">The problem that replaces the session's.</param>
internal sealed record ProblemReplaced(DeploymentProblem Problem) : ProblemEdit
{
    internal override DeploymentProblem Apply(DeploymentProblem problem, EditContext context, string field, List<InputError> errors) => Problem;
}

/// <summary>Helpers shared by the edits.</summary>
internal static class Edits
{
    public static bool HasMember(DeploymentProblem problem, string member, string field, List<InputError> errors)
    {
        if (problem.Members.Any(m => m.Id == member)) return true;
        errors.Add(new InputError(ErrorLocation.Property(field, "member"), member, $"no member has id '{member}'"));
        return false;
    }

    /// <summary>The problem with position <paramref name="position"/> changed, or removed where <paramref name="change"/> gives null.</summary>
    public static DeploymentProblem WithPosition(DeploymentProblem problem, string position, string field, List<InputError> errors, Func<Position, Position?> change)
    {
        for (var k = 0; k < problem.Operations.Length; k++)
        {
            var positions = problem.Operations[k].Positions;
            var i = Find(positions, p => p.Id == position);
            if (i < 0) continue;
            var changed = change(positions[i]) is { } p ? positions.SetItem(i, p) : positions.RemoveAt(i);
            return problem with { Operations = problem.Operations.SetItem(k, problem.Operations[k] with { Positions = changed }) };
        }
        errors.Add(new InputError(ErrorLocation.Property(field, "position"), position, $"no position has id '{position}'"));
        return problem;
    }

    /// <summary>
    /// <paramref name="problem"/> with <paramref name="edits"/> applied in order (the problem is not validated), or the
    /// errors of every edit that cannot be applied.
    /// </summary>
    public static DeploymentProblem Apply(DeploymentProblem problem, IReadOnlyList<ProblemEdit?> edits, IReadOnlyList<Assignment>? roster,
        List<InputError> errors)
    {
        var context = new EditContext(roster);
        for (var i = 0; i < edits.Count; i++)
        {
            var field = ErrorLocation.Index("edits", i);
            if (edits[i] is MemberUnavailable away)
            {
                // A run of members away is applied in one pass.
                var run = new List<(string, MemberUnavailable)> { (field, away) };
                while (i + 1 < edits.Count && edits[i + 1] is MemberUnavailable next) run.Add((ErrorLocation.Index("edits", ++i), next));
                problem = Unavailable(problem, run, errors);
            }
            else if (edits[i] is not { } edit) errors.Add(new InputError(field, null, "is null"));
            else problem = edit.Apply(problem, context, field, errors);
        }
        return problem;
    }

    /// <summary>
    /// <see cref="MemberUnavailable"/> edits, each with its field, in one pass over the members: the same problem as one
    /// at a time (days merge in any order), without a copy of the members per edit (a simulated replication of the demo
    /// corps has about 1,500 such edits: 0.25 s one at a time).
    /// </summary>
    public static DeploymentProblem Unavailable(DeploymentProblem problem, IReadOnlyList<(string Field, MemberUnavailable Edit)> edits, List<InputError> errors)
    {
        var at = new Dictionary<string, int>(problem.Members.Length, StringComparer.Ordinal);
        for (var m = 0; m < problem.Members.Length; m++) at.TryAdd(problem.Members[m].Id, m);
        var days = new Dictionary<int, List<DateRange>>();
        foreach (var (field, edit) in edits)
        {
            if (!at.TryGetValue(edit.Member, out var m))
            {
                errors.Add(new InputError(ErrorLocation.Property(field, "member"), edit.Member, $"no member has id '{edit.Member}'"));
                continue;
            }
            if (!days.TryGetValue(m, out var list)) days[m] = list = [.. problem.Members[m].Unavailable];
            list.Add(edit.Days);
        }
        if (days.Count == 0) return problem;
        var members = problem.Members.ToBuilder();
        foreach (var (m, list) in days) members[m] = members[m] with { Unavailable = DateRanges.Merged(list) };
        return problem with { Members = members.ToImmutable() };
    }

    /// <summary><paramref name="problem"/> with <paramref name="edits"/> applied, which must all apply (an internal caller's own edits).</summary>
    /// <exception cref="InvalidProblemException">An edit cannot be applied.</exception>
    public static DeploymentProblem ApplyAll(DeploymentProblem problem, IReadOnlyList<ProblemEdit> edits)
    {
        var errors = new List<InputError>();
        var edited = Apply(problem, edits, null, errors);
        return errors.Count == 0 ? edited : throw new InvalidProblemException([.. errors]);
    }

    /// <summary>The index of the first item that <paramref name="match"/> accepts, or -1.</summary>
    public static int Find<T>(ImmutableArray<T> items, Func<T, bool> match)
    {
        for (var k = 0; k < items.Length; k++)
        {
            if (match(items[k])) return k;
        }
        return -1;
    }
}
