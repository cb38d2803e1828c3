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

[Description("A problem: the corps, the concurrent operations, the policy and the locks (docs/problem-format.md).")]
internal sealed record ProblemDocument(
    [property: Description("The day the plan is made (yyyy-MM-dd)."), JsonRequired] DateOnly PlanningDate,
    [property: Description("The corps."), JsonRequired] MemberDocument[] Members,
    [property: Description("The concurrent operations."), JsonRequired] OperationDocument[] Operations,
    [property: Description("Rules for the whole plan.")] PolicyDocument? Policy,
    [property: Description("Assignments the roster must keep.")] LockDocument[]? Locks);

[Description("A member of the corps.")]
internal sealed record MemberDocument(
    [property: Description("Unique id."), JsonRequired] string Id,
    [property: Description("Display name (default: the id).")] string? Name,
    [property: Description("The part of the corps."), JsonRequired] ComponentName Component,
    [property: Description("Home agency, if any.")] string? Agency,
    [property: Description("Skill name to level 1..5.")] Dictionary<string, int>? Skills,
    [property: Description("Languages spoken.")] string[]? Languages,
    [property: Description("Security clearance (default none).")] ClearanceName? Clearance,
    [property: Description("Days the member cannot serve.")] DateRangeDocument[]? Unavailable,
    [property: Description("Earliest start, in days after planningDate (default: the component's).")] int? LeadTimeDays,
    [property: Description("Longest tour in days (default: the component's).")] int? MaxTourDays,
    [property: Description("Cost of one deployed day (default: the component's).")] decimal? DailyCost,
    [property: Description("Days deployed in the 365 days before planningDate (0..365).")] int? DeployedDaysLast365);

[Description("A range of days, both ends included.")]
internal sealed record DateRangeDocument(
    [property: Description("First day."), JsonRequired] DateOnly Start,
    [property: Description("Last day."), JsonRequired] DateOnly End);

[Description("An operation and its positions.")]
internal sealed record OperationDocument(
    [property: Description("Unique id."), JsonRequired] string Id,
    [property: Description("Display name (default: the id).")] string? Name,
    [property: Description("The positions to staff."), JsonRequired] PositionDocument[] Positions);

[Description("A position to staff over a window of days.")]
internal sealed record PositionDocument(
    [property: Description("Unique id across all operations."), JsonRequired] string Id,
    [property: Description("Display title (default: the id).")] string? Title,
    [property: Description("Skill name to minimum level 1..5.")] Dictionary<string, int>? Requires,
    [property: Description("Languages a member needs.")] string[]? Languages,
    [property: Description("Minimum clearance (default none).")] ClearanceName? Clearance,
    [property: Description("Seats (default 1).")] int? Headcount,
    [property: Description("First day of the window."), JsonRequired] DateOnly Start,
    [property: Description("Last day of the window."), JsonRequired] DateOnly End,
    [property: Description("Length of a rotation slot in days (default: policy.defaultRotationDays).")] int? RotationDays,
    [property: Description("Priority (default normal).")] PriorityName? Priority,
    [property: Description("Components that may fill it (default: all).")] ComponentName[]? AllowedComponents);

[Description("Rules for the whole plan.")]
internal sealed record PolicyDocument(
    [property: Description("Defaults per component.")] ComponentDefaultsByNameDocument? Components,
    [property: Description("Full days of rest between two tours (default 30).")] int? RestDays,
    [property: Description("Rotation length of positions that give none.")] int? DefaultRotationDays,
    [property: Description("Limits on how many members may be deployed at once.")] SurgeLimitDocument[]? Surge,
    [property: Description("Upper bound on the total cost of all tours.")] decimal? Budget);

[Description("The defaults of each component.")]
internal sealed record ComponentDefaultsByNameDocument(
    ComponentDefaultsDocument? Active, ComponentDefaultsDocument? Standby, ComponentDefaultsDocument? Reserve, ComponentDefaultsDocument? Contractor);

[Description("A component's defaults.")]
internal sealed record ComponentDefaultsDocument(
    [property: Description("Earliest start after planningDate, in days.")] int? LeadTimeDays,
    [property: Description("Longest tour in days.")] int? MaxTourDays,
    [property: Description("Cost of one deployed day.")] decimal? DailyCost);

[Description("A surge limit: exactly one of maxConcurrent and maxShare.")]
internal sealed record SurgeLimitDocument(
    [property: Description("Only members of this home agency count.")] string? Agency,
    [property: Description("Only members of this component count.")] ComponentName? Component,
    [property: Description("Only tours on this operation count.")] string? Operation,
    [property: Description("At most this many members in scope deployed on any day.")] int? MaxConcurrent,
    [property: Description("At most this share (0..1) of the members in scope, or of the operation's deployed members.")] double? MaxShare);

[Description("An assignment the roster must keep.")]
internal sealed record LockDocument(
    [property: Description("The member."), JsonRequired] string Member,
    [property: Description("The position."), JsonRequired] string Position,
    [property: Description("First day the tour must cover (with end).")] DateOnly? Start,
    [property: Description("Last day the tour must cover (with start).")] DateOnly? End);
