using System.Collections.Immutable;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Report;

/// <summary>How a solve ended.</summary>
/// <remarks>Like OR-Tools' <c>CpSolverStatus</c>, an outcome is a status, never an exception.</remarks>
public enum RosterStatus
{
    /// <summary>The roster is proven optimal for every level of the objective.</summary>
    Optimal,
    /// <summary>The roster keeps every rule; the requested relative gap was reached but optimality is not proven.</summary>
    Feasible,
    /// <summary>No roster keeps every rule (only locks or a budget can cause this); <see cref="Roster.Reasons"/> says why.</summary>
    Infeasible,
    /// <summary>The time limit ended the search; the roster is the best found, with its proven bound and gap.</summary>
    TimeLimit,
    /// <summary>The caller cancelled; the roster is the best found before the search stopped.</summary>
    Cancelled,
}

/// <summary>The value of each level of the lexicographic objective.</summary>
/// <param name="Critical">Person-days covered on critical positions (maximized first).</param>
/// <param name="High">Person-days covered on high-priority positions.</param>
/// <param name="Normal">Person-days covered on normal-priority positions.</param>
/// <param name="Low">Person-days covered on low-priority positions.</param>
/// <param name="Cost">Total cost: tour days times the member's daily cost (minimized after coverage and changes).</param>
/// <param name="Load">Tour days times the member's days deployed in the last 365 (minimized last).</param>
public sealed record ObjectiveValues(long Critical, long High, long Normal, long Low, decimal Cost, long Load)
{
    /// <summary>
    /// Person-days of the previous roster that this one does not keep (the same member, on the same position, on the same
    /// day); minimized after coverage and before cost. <see langword="null"/> when there was no previous roster.
    /// </summary>
    public long? Changes { get; init; }
}

/// <summary>Proven bounds of each objective level; a level is <see langword="null"/> when the search stopped before reaching it.</summary>
/// <param name="Critical">Upper bound on critical person-days.</param>
/// <param name="High">Upper bound on high-priority person-days, given the critical level reached.</param>
/// <param name="Normal">Upper bound on normal-priority person-days, given the levels before.</param>
/// <param name="Low">Upper bound on low-priority person-days, given the levels before.</param>
/// <param name="Cost">Lower bound on cost, given the coverage and changes reached.</param>
/// <param name="Load">Lower bound on load, given coverage, changes and cost.</param>
public sealed record ObjectiveBound(double? Critical, double? High, double? Normal, double? Low, double? Cost, double? Load)
{
    /// <summary>Lower bound on <see cref="ObjectiveValues.Changes"/>, given the coverage reached; <see langword="null"/> without a previous roster.</summary>
    public double? Changes { get; init; }
}

/// <summary>What happened to an assignment between the previous roster and this one.</summary>
public enum ChangeKind
{
    /// <summary>The same member on the same position on the same days.</summary>
    Kept,
    /// <summary>The same member and position, on fewer of the same days.</summary>
    Shortened,
    /// <summary>The same member and position, on every day it had and more.</summary>
    Extended,
    /// <summary>The same member, on another position or on other days.</summary>
    Moved,
    /// <summary>A tour the previous roster did not have.</summary>
    Added,
    /// <summary>A tour of the previous roster with nothing in its place for that member.</summary>
    Removed,
}

/// <summary>One entry of the difference between the previous roster and this one: one per assignment of either roster.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Member">The member.</param>
/// <param name="Position">The position of this roster's tour; for <see cref="ChangeKind.Removed"/>, the previous one's.</param>
/// <param name="Start">This roster's first day of the tour; for <see cref="ChangeKind.Removed"/>, the previous one's.</param>
/// <param name="End">This roster's last day of the tour; for <see cref="ChangeKind.Removed"/>, the previous one's.</param>
/// <param name="Reason">Why it changed; <see langword="null"/> for <see cref="ChangeKind.Kept"/>.</param>
/// <remarks>
/// A change is <see cref="Forced"/> when the problem alone rules out keeping the previous days (the member left or is
/// unavailable, the position was removed or shortened, an exclusion, a lock, the lead time); otherwise the planner chose
/// it, which it does only for more coverage: changes are minimized right after the four coverage levels.
/// </remarks>
public sealed record RosterChange(ChangeKind Kind, string Member, string Position, DateOnly Start, DateOnly End, string? Reason)
{
    /// <summary>The previous roster's tour this entry replaces (for shortened, extended and moved tours); otherwise <see langword="null"/>.</summary>
    public Assignment? Previous { get; init; }

    /// <summary>Whether the problem alone ruled out keeping the previous tour's days (rather than the planner choosing to).</summary>
    public bool Forced { get; init; }
}

/// <summary>One tour of the roster: a member serving a position from <see cref="Start"/> to <see cref="End"/>.</summary>
/// <param name="Member">Id of the member.</param>
/// <param name="Operation">Id of the operation.</param>
/// <param name="Position">Id of the position.</param>
/// <param name="Start">First day of the tour.</param>
/// <param name="End">Last day of the tour (inclusive).</param>
public sealed record Assignment(string Member, string Operation, string Position, DateOnly Start, DateOnly End)
{
    /// <summary>The tour's days as a range.</summary>
    public DateRange Days => new(Start, End);
}

/// <summary>A position whose seats are not all covered on every day of its window.</summary>
/// <param name="Operation">Id of the operation.</param>
/// <param name="Position">Id of the position.</param>
/// <param name="Priority">Priority class of the position.</param>
/// <param name="UncoveredSeatDays">Seat-days of the window left uncovered.</param>
/// <param name="Gaps">The uncovered ranges of days with the number of empty seats in each.</param>
/// <param name="Reason">Why it could not be filled, in a planner's words.</param>
public sealed record UnfilledPosition(
    string Operation,
    string Position,
    Priority Priority,
    long UncoveredSeatDays,
    ImmutableArray<UncoveredRange> Gaps,
    string Reason);

/// <summary>Days of a position on which <see cref="EmptySeats"/> seats are empty.</summary>
/// <param name="Days">The range of days.</param>
/// <param name="EmptySeats">Seats empty on each of those days.</param>
public sealed record UncoveredRange(DateRange Days, int EmptySeats);

/// <summary>Share of required seat-days that the roster covers, for one operation or one priority class.</summary>
/// <param name="Key">The operation id or the priority name.</param>
/// <param name="CoveredSeatDays">Seat-days covered.</param>
/// <param name="RequiredSeatDays">Seat-days required (headcount times window days).</param>
public sealed record FillRate(string Key, long CoveredSeatDays, long RequiredSeatDays)
{
    /// <summary>Covered over required; 1 when nothing is required.</summary>
    public double Rate => RequiredSeatDays == 0 ? 1.0 : (double)CoveredSeatDays / RequiredSeatDays;
}

/// <summary>The peak use of one surge limit by the roster.</summary>
/// <param name="Index">Position of the limit in <see cref="Policy.Surge"/>.</param>
/// <param name="Limit">The limit, described.</param>
/// <param name="Peak">Most members deployed within the limit's scope on one day.</param>
/// <param name="PeakDay">First day of the peak; <see langword="null"/> when nobody in scope is deployed.</param>
/// <param name="Capacity">The limit's capacity on the tightest day (for a share of an operation, the share of that day's deployed members).</param>
/// <param name="Binding">Whether one more member in scope would break the limit on some day a position in its scope is open.</param>
public sealed record SurgeUse(int Index, string Limit, int Peak, DateOnly? PeakDay, double Capacity, bool Binding);

/// <summary>One stage of the lexicographic solve.</summary>
/// <param name="Level">The objective level optimized (for example <c>critical</c> or <c>cost</c>).</param>
/// <param name="Status">How the stage ended.</param>
/// <param name="Value">Value reached.</param>
/// <param name="Bound">Proven bound.</param>
/// <param name="Millis">Wall time of the stage.</param>
/// <param name="Nodes">Branch-and-bound nodes explored.</param>
public sealed record StageReport(string Level, RosterStatus Status, double Value, double Bound, long Millis, long Nodes);

/// <summary>Sizes and timings of a solve, for tuning and for the benchmarks.</summary>
/// <param name="Members">Members in the input.</param>
/// <param name="Positions">Positions in the input.</param>
/// <param name="CandidateTours">Tours the eligibility stage generated before reductions.</param>
/// <param name="Columns">Decision variables of the model solved.</param>
/// <param name="Rows">Constraints of the model solved.</param>
/// <param name="NonZeros">Non-zero coefficients of the model solved.</param>
/// <param name="EligibilityMillis">Time to generate candidate tours.</param>
/// <param name="ModelMillis">Time to build the model.</param>
/// <param name="SolveMillis">Time in the solver, all stages.</param>
/// <param name="VerifyMillis">Time in the independent validator.</param>
/// <param name="Stages">The stages of the lexicographic solve.</param>
public sealed record SolveStatistics(
    int Members,
    int Positions,
    int CandidateTours,
    int Columns,
    int Rows,
    long NonZeros,
    long EligibilityMillis,
    long ModelMillis,
    long SolveMillis,
    long VerifyMillis,
    ImmutableArray<StageReport> Stages);

/// <summary>The result of planning: the roster with its proof of quality and its report.</summary>
/// <param name="Status">How the solve ended.</param>
/// <param name="Objective">Value of each objective level; <see langword="null"/> when there is no roster.</param>
/// <param name="Bound">Proven bound of each level.</param>
/// <param name="Gap">Relative gap of the first level not proven optimal; 0 when optimal; <see langword="null"/> without a roster, or when the search stopped before any level had a bound.</param>
/// <param name="SolveMillis">Wall time from the start of planning to the verified roster.</param>
/// <param name="Assignments">The tours, ordered by operation, position, start and member.</param>
/// <param name="Unfilled">Positions not fully covered, with the reason.</param>
/// <param name="OperationFill">Fill rate per operation.</param>
/// <param name="PriorityFill">Fill rate per priority class.</param>
/// <param name="SurgeUse">Peak use of every surge limit.</param>
/// <param name="Reasons">Why the problem is infeasible, or why the search stopped; empty otherwise.</param>
/// <param name="Statistics">Model sizes and timings.</param>
/// <remarks>Every roster the library returns has passed the independent validator (<c>Verification.RosterValidator</c>).</remarks>
public sealed record Roster(
    RosterStatus Status,
    ObjectiveValues? Objective,
    ObjectiveBound Bound,
    double? Gap,
    long SolveMillis,
    ImmutableArray<Assignment> Assignments,
    ImmutableArray<UnfilledPosition> Unfilled,
    ImmutableArray<FillRate> OperationFill,
    ImmutableArray<FillRate> PriorityFill,
    ImmutableArray<SurgeUse> SurgeUse,
    ImmutableArray<string> Reasons,
    SolveStatistics Statistics)
{
    /// <summary>
    /// Against the previous roster (<c>PlannerOptions.Previous</c>): one entry per assignment of either roster, in the
    /// order of this roster's assignments, then the removed ones; empty when there was no previous roster.
    /// </summary>
    public ImmutableArray<RosterChange> Changes { get; init; } = [];

    /// <summary>The members trained so that their tours have their positions' credentials, by member then session start; empty when none.</summary>
    public ImmutableArray<Training> Training { get; init; } = [];

    /// <summary>
    /// Against the previous roster's trainings (<c>PlannerOptions.PreviousTraining</c>): one entry per training of either,
    /// those begun before the planning date (history) left out; empty when there were none.
    /// </summary>
    public ImmutableArray<TrainingChange> TrainingChanges { get; init; } = [];
}

/// <summary>One entry of the difference between the previous roster's trainings and this roster's.</summary>
/// <param name="Kind">
/// What happened: <see cref="ChangeKind.Kept"/>, <see cref="ChangeKind.Moved"/> (the same member and credential, another
/// session), <see cref="ChangeKind.Added"/> or <see cref="ChangeKind.Removed"/>.
/// </param>
/// <param name="Member">The member.</param>
/// <param name="Credential">The credential the training gives.</param>
/// <param name="Session">This roster's session; for <see cref="ChangeKind.Removed"/>, the previous one's.</param>
/// <param name="Start">The session's first day.</param>
/// <param name="End">The session's last day.</param>
/// <param name="Reason">Why it changed; <see langword="null"/> for <see cref="ChangeKind.Kept"/>.</param>
public sealed record TrainingChange(ChangeKind Kind, string Member, string Credential, string Session, DateOnly Start, DateOnly End, string? Reason)
{
    /// <summary>The previous roster's training this entry replaces (for moved ones); otherwise <see langword="null"/>.</summary>
    public Training? Previous { get; init; }
}

/// <summary>A member trained in a course session, which gives the credential from the day after it ends.</summary>
/// <param name="Member">Id of the member.</param>
/// <param name="Credential">The credential the course gives.</param>
/// <param name="Session">Id of the session.</param>
/// <param name="Start">First day of the session.</param>
/// <param name="End">Last day of the session.</param>
public sealed record Training(string Member, string Credential, string Session, DateOnly Start, DateOnly End)
{
    /// <summary>The session's days.</summary>
    public DateRange Days => new(Start, End);
}
