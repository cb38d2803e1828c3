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
/// <remarks>Skill, language and credential names are compared case-insensitively (ordinal).</remarks>
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
    int DeployedDaysLast365 = 0)
{
    /// <summary>Credentials the member holds (a course such as FACT, a medical clearance), each with the last day it is valid; empty when none.</summary>
    /// <remarks>
    /// Names are compared ignoring case, like skills. An init property rather than a parameter, so that the many members
    /// built without credentials need not say so.
    /// </remarks>
    public ImmutableDictionary<string, DateOnly> Credentials { get; init; } = NoCredentials;

    /// <summary>The empty credential map, comparing names ignoring case.</summary>
    internal static ImmutableDictionary<string, DateOnly> NoCredentials { get; } =
        ImmutableDictionary.Create<string, DateOnly>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The last day on which the member holds every credential of <paramref name="names"/>: the earliest of their last
    /// valid days; <see cref="DateOnly.MaxValue"/> for none; <see langword="null"/> when the member lacks one.
    /// </summary>
    /// <param name="names">The credential names (a position's).</param>
    /// <returns>The last day a tour needing them may end on.</returns>
    public DateOnly? HoldsThrough(IEnumerable<string> names)
    {
        var through = DateOnly.MaxValue;
        foreach (var name in names)
        {
            if (Last(name) is not { } last) return null;
            if (last < through) through = last;
        }
        return through;
    }

    /// <summary>The last valid day of credential <paramref name="name"/>, ignoring case even in a map built with another comparer.</summary>
    private DateOnly? Last(string name)
    {
        if (Credentials.TryGetValue(name, out var last)) return last;
        foreach (var (key, value) in Credentials)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        }
        return null;
    }
}
