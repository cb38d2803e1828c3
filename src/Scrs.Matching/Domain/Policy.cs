using System.Collections.Immutable;

namespace Scrs.Matching.Domain;

/// <summary>Defaults that apply to every member of a component unless the member overrides them.</summary>
/// <param name="LeadTimeDays">Days after the planning date before a member can start a tour.</param>
/// <param name="MaxTourDays">Longest tour in days.</param>
/// <param name="DailyCost">Cost of one deployed day.</param>
public sealed record ComponentPolicy(int LeadTimeDays, int MaxTourDays, decimal DailyCost);

/// <summary>A limit on how many members may be deployed at once within a scope.</summary>
/// <param name="Agency">When set, only members of this home agency count.</param>
/// <param name="Component">When set, only members of this component count.</param>
/// <param name="Operation">When set, only tours on this operation count.</param>
/// <param name="MaxConcurrent">At most this many members deployed on any day within the scope.</param>
/// <param name="MaxShare">
/// Without <paramref name="Operation"/>: at most <c>floor(MaxShare x members in the agency/component scope)</c> deployed on any day.
/// With <paramref name="Operation"/>: at most <c>MaxShare x</c> the members deployed on that operation that day.
/// </param>
/// <remarks>Exactly one of <see cref="MaxConcurrent"/> and <see cref="MaxShare"/> is given. All given scope fields must match.</remarks>
public sealed record SurgeLimit(
    string? Agency = null,
    Component? Component = null,
    string? Operation = null,
    int? MaxConcurrent = null,
    double? MaxShare = null)
{
    /// <summary>A short readable name of the limit, such as <c>agency=State component=standby maxShare=0.1</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>(4);
        if (Agency is not null) parts.Add($"agency={Agency}");
        if (Component is { } c) parts.Add($"component={c.ToString().ToLowerInvariant()}");
        if (Operation is not null) parts.Add($"operation={Operation}");
        if (MaxConcurrent is { } n) parts.Add($"maxConcurrent={n}");
        if (MaxShare is { } s) parts.Add(FormattableString.Invariant($"maxShare={s}"));
        return string.Join(' ', parts);
    }
}

/// <summary>Rules that apply to the whole plan.</summary>
/// <param name="Components">Defaults per component; <see cref="Default"/> gives the documented values.</param>
/// <param name="RestDays">Full days a member rests between two tours.</param>
/// <param name="DefaultRotationDays">Rotation length for positions that give none; <see langword="null"/> means a position without its own is one slot.</param>
/// <param name="Surge">Surge limits.</param>
/// <param name="Budget">Upper bound on the total cost of all tours; <see langword="null"/> for none.</param>
public sealed record Policy(
    ImmutableDictionary<Component, ComponentPolicy> Components,
    int RestDays,
    int? DefaultRotationDays,
    ImmutableArray<SurgeLimit> Surge,
    decimal? Budget)
{
    /// <summary>Courses that give credentials, each with its sessions; empty when there are none.</summary>
    /// <remarks>An init property rather than a parameter, so that the many policies built without courses need not say so.</remarks>
    public ImmutableArray<Course> Courses { get; init; } = [];

    /// <summary>Default rest days between two tours of a member: 30.</summary>
    public const int DefaultRestDays = 30;

    /// <summary>The documented component defaults.</summary>
    /// <remarks>
    /// Lead time: active 2 days, standby 30, reserve 60, contractor 14. Maximum tour: active 365, standby 180, reserve 365, contractor 365.
    /// Daily cost: active 300, standby 500, reserve 700, contractor 1200.
    /// </remarks>
    public static ImmutableDictionary<Component, ComponentPolicy> DefaultComponents { get; } =
        ImmutableDictionary.CreateRange(new Dictionary<Component, ComponentPolicy>
        {
            [Component.Active] = new(2, 365, 300m),
            [Component.Standby] = new(30, 180, 500m),
            [Component.Reserve] = new(60, 365, 700m),
            [Component.Contractor] = new(14, 365, 1200m),
        });

    /// <summary>The default policy: documented component defaults, 30 rest days, no default rotation, no surge limits, no budget.</summary>
    public static Policy Default { get; } = new(DefaultComponents, DefaultRestDays, null, [], null);

    /// <summary>The policy of <paramref name="component"/>, falling back to the documented default.</summary>
    /// <param name="component">The component.</param>
    /// <returns>The component's lead time, maximum tour and daily cost.</returns>
    public ComponentPolicy For(Component component) =>
        Components.TryGetValue(component, out var p) ? p : DefaultComponents[component];
}

/// <summary>An assignment the roster must keep.</summary>
/// <param name="Member">Id of the member.</param>
/// <param name="Position">Id of the position.</param>
/// <param name="Start">First day the member must serve the position; with <paramref name="End"/>, the lock covers those days.</param>
/// <param name="End">Last day (inclusive) the member must serve the position.</param>
/// <remarks>Without dates, any tour of the member on the position keeps the lock.</remarks>
public sealed record AssignmentLock(string Member, string Position, DateOnly? Start = null, DateOnly? End = null);

/// <summary>A place a member must not be assigned: a declined offer, or an agency's refusal to release the member.</summary>
/// <param name="Member">Id of the member.</param>
/// <param name="Position">When set, only this position is ruled out.</param>
/// <param name="Operation">When set, only the positions of this operation are ruled out.</param>
/// <remarks>
/// With neither <paramref name="Position"/> nor <paramref name="Operation"/>, the member must not be assigned anywhere. With both,
/// the position must belong to the operation.
/// </remarks>
public sealed record Exclusion(string Member, string? Position = null, string? Operation = null)
{
    /// <summary>Whether the exclusion rules out <paramref name="member"/> on <paramref name="position"/> of <paramref name="operation"/>.</summary>
    /// <param name="member">Id of the member.</param>
    /// <param name="position">Id of the position.</param>
    /// <param name="operation">Id of the operation the position belongs to.</param>
    /// <returns><see langword="true"/> when an assignment there breaks the exclusion.</returns>
    public bool Covers(string member, string position, string operation) =>
        Member == member && (Position is null || Position == position) && (Operation is null || Operation == operation);

    /// <summary>A short readable name of the exclusion, such as <c>member=M1 operation=OP2</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>(3) { $"member={Member}" };
        if (Position is not null) parts.Add($"position={Position}");
        if (Operation is not null) parts.Add($"operation={Operation}");
        return string.Join(' ', parts);
    }
}

/// <summary>A course that gives a credential (FACT, a medical clearance), run in sessions with a few seats each.</summary>
/// <param name="Credential">The credential it gives; names are compared ignoring case.</param>
/// <param name="ValidDays">A member trained holds the credential from the day after the session ends, for this many days.</param>
/// <param name="Sessions">Its sessions, at least one.</param>
/// <param name="CostPerSeat">What training one member costs; it counts in the cost level and against the budget.</param>
public sealed record Course(string Credential, int ValidDays, ImmutableArray<CourseSession> Sessions, decimal CostPerSeat = 0);

/// <summary>One session of a course.</summary>
/// <param name="Id">Unique among all sessions of all courses.</param>
/// <param name="Days">Its days, first and last included: a member trained serves no tour on them.</param>
/// <param name="Seats">At most this many members are trained in it.</param>
public sealed record CourseSession(string Id, DateRange Days, int Seats);
