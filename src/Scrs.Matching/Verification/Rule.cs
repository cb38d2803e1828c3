namespace Scrs.Matching.Verification;

/// <summary>A rule of the roster that the <see cref="RosterValidator"/> re-checks.</summary>
public enum Rule
{
    /// <summary>A tour names a member that is not in the input.</summary>
    UnknownMember,
    /// <summary>A tour names a position that is not in the input.</summary>
    UnknownPosition,
    /// <summary>A tour names an operation other than the one its position belongs to.</summary>
    WrongOperation,
    /// <summary>A tour is not a run of whole rotation slots of its position (or ends before it starts).</summary>
    Slots,
    /// <summary>The member lacks a required skill, or has it below the required level.</summary>
    Skills,
    /// <summary>The member lacks a required language.</summary>
    Languages,
    /// <summary>The member's clearance is below the position's.</summary>
    Clearance,
    /// <summary>The member's component is not among the position's allowed components.</summary>
    Component,
    /// <summary>
    /// The tour starts before the planning date plus the member's lead time, in a rotation slot that no dated lock of the
    /// member on the position meets (a dated lock is a decision already taken, exempt from the lead time).
    /// </summary>
    LeadTime,
    /// <summary>A tour, or a continuous deployment of day-after-day tours when rest days are 0, is longer than the member's maximum tour.</summary>
    MaxTour,
    /// <summary>The tour includes a day on which the member is unavailable.</summary>
    Availability,
    /// <summary>More members serve a position on some day than its headcount.</summary>
    SeatCapacity,
    /// <summary>Two tours of one member share a day.</summary>
    Overlap,
    /// <summary>A member's next tour starts fewer than the policy's rest days after the previous one ends.</summary>
    Rest,
    /// <summary>A surge limit is exceeded on some day.</summary>
    Surge,
    /// <summary>The total cost of the tours exceeds the budget.</summary>
    Budget,
    /// <summary>A lock is not kept.</summary>
    Lock,
    /// <summary>Two tours of one member on one position follow day after day; the roster must list them as one merged tour.</summary>
    BackToBack,
    /// <summary>An exclusion rules the member out of the tour's position (a declined offer, an agency's refusal to release).</summary>
    Exclusion,
    /// <summary>The member lacks a credential the position requires, or holds it until a day before the tour ends.</summary>
    Credentials,
    /// <summary>
    /// A team is staffed in part on some rotation slot (a seat of one of its positions is filled there and another empty),
    /// or staffed by members of fewer home agencies than its least.
    /// </summary>
    Team,
    /// <summary>
    /// A training is not one the problem allows: an unknown session, another credential or other days than its
    /// session's, a session before the planning date or over its seats, a member away or deployed on its days, or a
    /// training no tour needs.
    /// </summary>
    Training,
}

/// <summary>Which rules a tour keeps or breaks on its own, whatever the rest of the roster.</summary>
internal static class Rules
{
    /// <summary>Whether <paramref name="rule"/> is about one tour alone (the member or position known, whole slots, eligibility, the lead time, the maximum tour, availability, exclusions, credentials), not about tours together.</summary>
    public static bool OfOneTour(this Rule rule) => rule is Rule.UnknownMember or Rule.UnknownPosition or Rule.WrongOperation or Rule.Slots
        or Rule.Skills or Rule.Languages or Rule.Clearance or Rule.Component or Rule.LeadTime or Rule.MaxTour or Rule.Availability
        or Rule.Exclusion or Rule.Credentials;

    /// <summary>The rule's name in a sentence: <c>skill level</c>, <c>seat taken</c>, <c>surge limit</c>.</summary>
    public static string Describe(this Rule rule) => rule switch
    {
        Rule.Skills => "skill level",
        Rule.Languages => "language",
        Rule.LeadTime => "lead time",
        Rule.MaxTour => "maximum tour",
        Rule.Availability => "unavailability",
        Rule.SeatCapacity => "seat taken",
        Rule.Surge => "surge limit",
        Rule.Rest => "rest days",
        Rule.Overlap => "another tour",
        _ => rule.ToString().ToLowerInvariant(),
    };
}

/// <summary>One broken rule, naming the member and the position concerned when there is one.</summary>
/// <param name="Rule">The rule broken.</param>
/// <param name="Member">Id of the member concerned; <see langword="null"/> for rules about the whole roster (surge, budget, seats).</param>
/// <param name="Position">Id of the position concerned; <see langword="null"/> when no single position is at fault.</param>
/// <param name="Message">What is wrong, with the days and values involved.</param>
public sealed record RuleViolation(Rule Rule, string? Member, string? Position, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Rule}{(Member is null ? "" : $" member '{Member}'")}{(Position is null ? "" : $" position '{Position}'")}: {Message}";
}
