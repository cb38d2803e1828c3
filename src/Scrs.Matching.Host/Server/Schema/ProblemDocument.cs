using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Scrs.Matching.Host.Server.Schema;

// The problem format (docs/problem-format.md) field by field, for the OpenAPI document only: the host reads problems
// with the library's own reader, which reports every error with its field and id. A test deserializes what
// ProblemJson.Write writes into these records, unknown members disallowed, so they cannot drift from the format.

/// <summary>A member's component.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComponentName>))]
internal enum ComponentName
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("standby")] Standby,
    [JsonStringEnumMemberName("reserve")] Reserve,
    [JsonStringEnumMemberName("contractor")] Contractor,
}

/// <summary>A security clearance, lowest first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClearanceName>))]
internal enum ClearanceName
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("confidential")] Confidential,
    [JsonStringEnumMemberName("secret")] Secret,
    [JsonStringEnumMemberName("top-secret")] TopSecret,
}

/// <summary>A position's priority.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PriorityName>))]
internal enum PriorityName
{
    [JsonStringEnumMemberName("critical")] Critical,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("normal")] Normal,
    [JsonStringEnumMemberName("low")] Low,
}

[Description("A problem: the corps, the concurrent operations, the policy, the locks and the exclusions (docs/problem-format.md).")]
internal sealed record ProblemDocument
{
    [Description("The day the plan is made (yyyy-MM-dd).")]
    public required DateOnly PlanningDate { get; init; }

    [Description("The corps.")]
    public required MemberDocument[] Members { get; init; }

    [Description("The concurrent operations.")]
    public required OperationDocument[] Operations { get; init; }

    [Description("Rules for the whole plan.")]
    public PolicyDocument? Policy { get; init; }

    [Description("Assignments the roster must keep.")]
    public LockDocument[]? Locks { get; init; }

    [Description("Places members must not be assigned (declined offers, agencies' refusals to release).")]
    public ExclusionDocument[]? Exclusions { get; init; }
}

[Description("A member of the corps.")]
internal sealed record MemberDocument
{
    [Description("Unique id.")]
    public required string Id { get; init; }

    [Description("Display name (default: the id).")]
    public string? Name { get; init; }

    [Description("The part of the corps.")]
    public required ComponentName Component { get; init; }

    [Description("Home agency, if any.")]
    public string? Agency { get; init; }

    [Description("Skill name to level 1..5.")]
    public Dictionary<string, int>? Skills { get; init; }

    [Description("Languages spoken.")]
    public string[]? Languages { get; init; }

    [Description("Security clearance (default none).")]
    public ClearanceName? Clearance { get; init; }

    [Description("Days the member cannot serve.")]
    public DateRangeDocument[]? Unavailable { get; init; }

    [Description("Earliest start, in days after planningDate (default: the component's).")]
    public int? LeadTimeDays { get; init; }

    [Description("Longest tour in days (default: the component's).")]
    public int? MaxTourDays { get; init; }

    [Description("Cost of one deployed day (default: the component's).")]
    public decimal? DailyCost { get; init; }

    [Description("Days deployed in the 365 days before planningDate (0..365).")]
    public int? DeployedDaysLast365 { get; init; }

    [Description("Credential name to the last day it is valid.")]
    public Dictionary<string, DateOnly>? Credentials { get; init; }
}

[Description("A range of days, both ends included.")]
internal sealed record DateRangeDocument
{
    [Description("First day.")]
    public required DateOnly Start { get; init; }

    [Description("Last day.")]
    public required DateOnly End { get; init; }
}

[Description("An operation and its positions.")]
internal sealed record OperationDocument
{
    [Description("Unique id.")]
    public required string Id { get; init; }

    [Description("Display name (default: the id).")]
    public string? Name { get; init; }

    [Description("The positions to staff.")]
    public required PositionDocument[] Positions { get; init; }

    [Description("Positions of this operation that deploy together, all or nothing slot by slot.")]
    public TeamDocument[]? Teams { get; init; }
}

[Description("Positions that deploy together.")]
internal sealed record TeamDocument
{
    [Description("Unique among all teams.")]
    public required string Id { get; init; }

    [Description("Display name (default: the id).")]
    public string? Name { get; init; }

    [Description("At least 2 positions of the operation, with the same window and rotation.")]
    public required string[] Positions { get; init; }

    [Description("On a staffed slot, members of at least this many home agencies.")]
    public int? MinAgencies { get; init; }
}

[Description("A position to staff over a window of days.")]
internal sealed record PositionDocument
{
    [Description("Unique id across all operations.")]
    public required string Id { get; init; }

    [Description("Display title (default: the id).")]
    public string? Title { get; init; }

    [Description("Skill name to minimum level 1..5.")]
    public Dictionary<string, int>? Requires { get; init; }

    [Description("Languages a member needs.")]
    public string[]? Languages { get; init; }

    [Description("Minimum clearance (default none).")]
    public ClearanceName? Clearance { get; init; }

    [Description("Seats (default 1).")]
    public int? Headcount { get; init; }

    [Description("First day of the window.")]
    public required DateOnly Start { get; init; }

    [Description("Last day of the window.")]
    public required DateOnly End { get; init; }

    [Description("Length of a rotation slot in days (default: policy.defaultRotationDays).")]
    public int? RotationDays { get; init; }

    [Description("Priority (default normal).")]
    public PriorityName? Priority { get; init; }

    [Description("Components that may fill it (default: all).")]
    public ComponentName[]? AllowedComponents { get; init; }

    [Description("Credentials a tour here needs valid on every one of its days.")]
    public string[]? Credentials { get; init; }
}

[Description("Rules for the whole plan.")]
internal sealed record PolicyDocument
{
    [Description("Defaults per component.")]
    public ComponentDefaultsByNameDocument? Components { get; init; }

    [Description("Full days of rest between two tours (default 30).")]
    public int? RestDays { get; init; }

    [Description("Rotation length of positions that give none.")]
    public int? DefaultRotationDays { get; init; }

    [Description("Limits on how many members may be deployed at once.")]
    public SurgeLimitDocument[]? Surge { get; init; }

    [Description("Upper bound on the total cost of all tours and trainings.")]
    public decimal? Budget { get; init; }

    [Description("Courses that give credentials, with their sessions.")]
    public CourseDocument[]? Courses { get; init; }
}

[Description("A course that gives a credential.")]
internal sealed record CourseDocument
{
    [Description("The credential it gives.")]
    public required string Credential { get; init; }

    [Description("Days the credential stays valid after a session ends.")]
    public required int ValidDays { get; init; }

    [Description("Cost of training one member (default 0).")]
    public decimal? CostPerSeat { get; init; }

    [Description("Its sessions, at least one.")]
    public required SessionDocument[] Sessions { get; init; }
}

[Description("A session of a course.")]
internal sealed record SessionDocument
{
    [Description("Unique among all sessions.")]
    public required string Id { get; init; }

    [Description("First day.")]
    public required DateOnly Start { get; init; }

    [Description("Last day.")]
    public required DateOnly End { get; init; }

    [Description("Members it trains at most.")]
    public required int Seats { get; init; }
}

[Description("The defaults of each component.")]
internal sealed record ComponentDefaultsByNameDocument
{
    public ComponentDefaultsDocument? Active { get; init; }

    public ComponentDefaultsDocument? Standby { get; init; }

    public ComponentDefaultsDocument? Reserve { get; init; }

    public ComponentDefaultsDocument? Contractor { get; init; }
}

[Description("A component's defaults.")]
internal sealed record ComponentDefaultsDocument
{
    [Description("Earliest start after planningDate, in days.")]
    public int? LeadTimeDays { get; init; }

    [Description("Longest tour in days.")]
    public int? MaxTourDays { get; init; }

    [Description("Cost of one deployed day.")]
    public decimal? DailyCost { get; init; }
}

[Description("A surge limit: exactly one of maxConcurrent and maxShare.")]
internal sealed record SurgeLimitDocument
{
    [Description("Only members of this home agency count.")]
    public string? Agency { get; init; }

    [Description("Only members of this component count.")]
    public ComponentName? Component { get; init; }

    [Description("Only tours on this operation count.")]
    public string? Operation { get; init; }

    [Description("At most this many members in scope deployed on any day.")]
    public int? MaxConcurrent { get; init; }

    [Description("At most this share (0..1) of the members in scope, or of the operation's deployed members.")]
    public double? MaxShare { get; init; }
}

[Description("An assignment the roster must keep.")]
internal sealed record LockDocument
{
    [Description("The member.")]
    public required string Member { get; init; }

    [Description("The position.")]
    public required string Position { get; init; }

    [Description("First day the tour must cover (with end).")]
    public DateOnly? Start { get; init; }

    [Description("Last day the tour must cover (with start).")]
    public DateOnly? End { get; init; }
}

[Description("A place a member must not be assigned: only member, anywhere; with operation, nowhere in it; with position, not on it.")]
internal sealed record ExclusionDocument
{
    [Description("The member.")]
    public required string Member { get; init; }

    [Description("The position the member must not serve (of the operation, when both are given).")]
    public string? Position { get; init; }

    [Description("The operation none of whose positions the member may serve.")]
    public string? Operation { get; init; }
}
