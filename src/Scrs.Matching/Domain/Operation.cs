using System.Collections.Immutable;

namespace Scrs.Matching.Domain;

/// <summary>A stabilization and reconstruction operation and the positions it needs filled.</summary>
/// <param name="Id">Unique id of the operation.</param>
/// <param name="Name">Display name.</param>
/// <param name="Positions">The positions of the operation; position ids are unique across all operations.</param>
public sealed record Operation(string Id, string Name, ImmutableArray<Position> Positions)
{
    /// <summary>Teams of this operation's positions that deploy together; empty when there are none.</summary>
    /// <remarks>An init property rather than a parameter, so that the many operations built without teams need not say so.</remarks>
    public ImmutableArray<Team> Teams { get; init; } = [];
}

/// <summary>
/// Positions of one operation that deploy together, slot by slot: on each rotation slot of the team's window either
/// every seat of every one of its positions is filled, or none is.
/// </summary>
/// <param name="Id">Unique id of the team, among all teams.</param>
/// <param name="Name">Display name.</param>
/// <param name="Positions">Ids of the team's positions (at least 2), all of the same operation, with the same window and rotation; a position belongs to at most one team.</param>
/// <param name="MinAgencies">
/// When given, on every slot the team is staffed its members come from at least this many distinct home agencies (a
/// member without an agency counts towards none); <see langword="null"/> for no such rule.
/// </param>
public sealed record Team(string Id, string Name, ImmutableArray<string> Positions, int? MinAgencies = null);

/// <summary>A position of an operation: a role with requirements, a headcount and a date window.</summary>
/// <param name="Id">Unique id of the position, across all operations.</param>
/// <param name="Title">Display title.</param>
/// <param name="Requires">Required skill name to minimum level (1 to 5); a member needs every one.</param>
/// <param name="Languages">Required languages; a member needs all of them.</param>
/// <param name="Clearance">Minimum clearance.</param>
/// <param name="Headcount">Number of seats: members serving the position at the same time.</param>
/// <param name="Window">The days the position must be staffed.</param>
/// <param name="RotationDays">Length of a rotation slot in days; <see langword="null"/> uses <see cref="Policy.DefaultRotationDays"/>.</param>
/// <param name="Priority">Priority class.</param>
/// <param name="AllowedComponents">Components that may fill the position; empty means all.</param>
/// <remarks>
/// The window is cut into rotation slots of <see cref="RotationDays"/> days (the last one may be shorter); with no rotation length at all,
/// the whole window is one slot. A tour covers a run of consecutive whole slots.
/// </remarks>
public sealed record Position(
    string Id,
    string Title,
    ImmutableDictionary<string, int> Requires,
    ImmutableArray<string> Languages,
    Clearance Clearance,
    int Headcount,
    DateRange Window,
    int? RotationDays,
    Priority Priority,
    ImmutableArray<Component> AllowedComponents)
{
    /// <summary>
    /// Credentials a member needs valid on every day of a tour here (held through the tour's end); empty when none.
    /// Names are compared ignoring case.
    /// </summary>
    /// <remarks>An init property rather than a parameter, so that the many positions built without credentials need not say so.</remarks>
    public ImmutableArray<string> Credentials { get; init; } = [];
}
