using System.Collections.Immutable;

namespace Scrs.Matching.Domain;

/// <summary>A responder of the corps.</summary>
/// <param name="Id">Unique id of the member.</param>
/// <param name="Name">Display name.</param>
/// <param name="Component">The component the member belongs to.</param>
/// <param name="Agency">Home agency (for example <c>State</c> or <c>USAID</c>); <see langword="null"/> when the member has none.</param>
/// <param name="Skills">Skill name to proficiency level (1 to 5).</param>
/// <param name="Languages">Languages the member speaks.</param>
/// <param name="Clearance">Security clearance.</param>
/// <param name="Unavailable">Ranges of days on which the member cannot be deployed.</param>
/// <param name="LeadTimeDays">Override of the component's lead time: the member can start no earlier than the planning date plus this many days.</param>
/// <param name="MaxTourDays">Override of the component's maximum tour length in days.</param>
/// <param name="DailyCost">Override of the component's daily cost.</param>
/// <param name="DeployedDaysLast365">Days the member was deployed in the 365 days before the planning date; weights the load objective.</param>
/// <remarks>Skill and language names are compared case-insensitively (ordinal).</remarks>
public sealed record Member(
    string Id,
    string Name,
    Component Component,
    string? Agency,
    ImmutableDictionary<string, int> Skills,
    ImmutableArray<string> Languages,
    Clearance Clearance,
    ImmutableArray<DateRange> Unavailable,
    int? LeadTimeDays = null,
    int? MaxTourDays = null,
    decimal? DailyCost = null,
    int DeployedDaysLast365 = 0);
