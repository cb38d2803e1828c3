using System.ComponentModel;
using System.Text.Json.Serialization;
using Scrs.Matching.Report;

namespace Scrs.Matching.Host.Server.Schema;

// The roster format (docs/roster-format.md) and the job API's bodies, for the OpenAPI document. The host writes rosters
// with the library's writer; a test deserializes what RosterJson.Write writes into these records, unknown members
// disallowed, so they cannot drift from the format.

/// <summary>How a solve ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RosterStatusName>))]
internal enum RosterStatusName
{
    [JsonStringEnumMemberName("optimal")] Optimal,
    [JsonStringEnumMemberName("feasible")] Feasible,
    [JsonStringEnumMemberName("infeasible")] Infeasible,
    [JsonStringEnumMemberName("timeLimit")] TimeLimit,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

[Description("A roster as solve --out writes it (docs/roster-format.md).")]
internal sealed record RosterDocument(
    [property: Description("How the solve ended.")] RosterStatusName Status,
    [property: Description("The roster's value on each level; null without a roster.")] ObjectiveDocument? Objective,
    [property: Description("The proven bound of each level; null for a level not reached.")] BoundDocument? Bound,
    [property: Description("Relative gap of the roster to its bound.")] double? Gap,
    [property: Description("Wall time of the solve in milliseconds.")] long SolveMillis,
    [property: Description("The tours.")] TourDocument[] Assignments,
    [property: Description("Members trained in course sessions, only where a tour needs it.")] TrainingDocument[] Training,
    [property: Description("Every position with a seat left empty on some day.")] UnfilledDocument[] Unfilled,
    [property: Description("Fill per operation.")] FillDocument[] OperationFill,
    [property: Description("Fill per priority, critical first.")] FillDocument[] PriorityFill,
    [property: Description("Use of each surge limit.")] SurgeUseDocument[] SurgeUse,
    [property: Description("Why the roster is not optimal.")] string[] Reasons,
    [property: Description("A re-plan's changes to its previous roster, one per tour of either (docs/replanning.md); absent for a plain solve."),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChangeDocument[]? Changes,
    [property: Description("A re-plan's changes to the previous roster's planned trainings (docs/roster-format.md#training-change); absent when there are none."),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TrainingChangeDocument[]? TrainingChanges,
    [property: Description("Sizes and timings.")] StatisticsDocument? Statistics);

[Description("Values of the objective levels; changes only for a re-plan.")]
internal sealed record ObjectiveDocument(long Critical, long High, long Normal, long Low,
    [property: Description("A re-plan's person-days of the previous roster not kept; absent for a plain solve."),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Changes,
    decimal Cost, long Load)
{
    public static ObjectiveDocument From(ObjectiveValues v) => new(v.Critical, v.High, v.Normal, v.Low, v.Changes, v.Cost, v.Load);
}

[Description("Proven bounds of the objective levels; null for a level the search did not reach; changes only for a re-plan.")]
internal sealed record BoundDocument(double? Critical, double? High, double? Normal, double? Low,
    [property: Description("A re-plan's bound on its changes; absent for a plain solve."),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Changes,
    double? Cost, double? Load);

/// <summary>What a re-plan did with a tour.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeKindName>))]
internal enum ChangeKindName
{
    [JsonStringEnumMemberName("kept")] Kept,
    [JsonStringEnumMemberName("shortened")] Shortened,
    [JsonStringEnumMemberName("extended")] Extended,
    [JsonStringEnumMemberName("moved")] Moved,
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
}

[Description("What a re-plan did with a tour (docs/roster-format.md#change): the new tour, or the previous one when removed.")]
internal sealed record ChangeDocument(
    [property: Description("kept, shortened, extended, moved, added or removed.")] ChangeKindName Kind,
    string Member, string Position, DateOnly Start, DateOnly End,
    [property: Description("The previous tour, when it changed (not for kept, added or removed)."),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousTourDocument? Previous,
    [property: Description("Why; null for kept.")] string? Reason,
    [property: Description("Whether the problem alone ruled the previous days out (else the planner chose to).")] bool Forced);

[Description("What a re-plan did with a planned training: kept, moved (another session), added or removed.")]
internal sealed record TrainingChangeDocument(ChangeKindName Kind, string Member, string Credential, string Session, DateOnly Start, DateOnly End,
    [property: Description("The previous training's session and days, for moved."),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousTrainingDocument? Previous,
    [property: Description("Why; absent for kept."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);

[Description("The previous session of a moved training.")]
internal sealed record PreviousTrainingDocument(string Session, DateOnly Start, DateOnly End);

[Description("A previous tour of a change.")]
internal sealed record PreviousTourDocument(string Position, DateOnly Start, DateOnly End);

[Description("A tour: a member serving a position from start to end.")]
internal sealed record TourDocument(string Member, string Operation, string Position, DateOnly Start, DateOnly End);

[Description("A member trained in a course session.")]
internal sealed record TrainingDocument(string Member, string Credential, string Session, DateOnly Start, DateOnly End);

[Description("A position with empty seat-days, and why.")]
internal sealed record UnfilledDocument(string Operation, string Position, PriorityName Priority, long UncoveredSeatDays, GapDocument[] Gaps, string Reason);

[Description("Days with empty seats.")]
internal sealed record GapDocument(DateOnly Start, DateOnly End, int EmptySeats);

[Description("Covered over required seat-days.")]
internal sealed record FillDocument(string Key, long CoveredSeatDays, long RequiredSeatDays, double? Rate);

[Description("A surge limit's peak use.")]
internal sealed record SurgeUseDocument(int Index, string Limit, int Peak, DateOnly? PeakDay, double? Capacity, bool Binding);

[Description("Sizes and timings of a solve.")]
internal sealed record StatisticsDocument(int Members, int Positions, long CandidateTours, long Columns, long Rows, long NonZeros,
    long EligibilityMillis, long ModelMillis, long SolveMillis, long VerifyMillis, StageDocument[] Stages);

[Description("One level's stage of the solve.")]
internal sealed record StageDocument(string Level, RosterStatusName Status, double? Value, double? Bound, long Millis, long Nodes);
