using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Scrs.Matching.Host.Server.Schema;

// The re-planning bodies (docs/replanning.md), for the OpenAPI document. The host reads the requests with its own
// readers (every error at once) and writes recommendations with the library's writer; a test deserializes what
// RecommendationsJson.Write writes into these records, unknown members disallowed, so they cannot drift from it.

[Description("A re-plan submitted whole: a problem and the roster to re-plan from (solve --previous).")]
internal sealed record ReplanDocument(
    [property: JsonRequired, Description("The problem to plan.")] ProblemDocument Problem,
    [property: JsonRequired, Description("The previous roster; only its assignments are read. After coverage, the re-plan keeps as much of it as it can.")]
    RosterDocument Previous);

[Description("The answers to a roster's offers (respond): at least one, in either list.")]
internal sealed record ResponsesDocument(
    [property: Description("Offers the members accepted: each becomes a lock per tour the roster gives the member on the position.")] OfferDocument[]? Accepted,
    [property: Description("Offers declined (or the member not released): each becomes an exclusion of the member from the position.")] OfferDocument[]? Declined);

[Description("An offer of the roster: its member on its position (every tour of the member there).")]
internal sealed record OfferDocument(
    [property: JsonRequired, Description("The member's id.")] string Member,
    [property: JsonRequired, Description("The position's id.")] string Position);

[Description("Ranked candidates for a seat of a position, each with the exact effect of giving it to them (recommend --out).")]
internal sealed record RecommendationsDocument(
    [property: Description("The position.")] string Position,
    [property: Description("The seat's rotation slot.")] SeatDocument Seat,
    [property: Description("Members holding the seat in the roster (not ranked).")] string[] HeldBy,
    [property: Description("How many members could hold the seat on their own (the ones ranked among).")] int Considered,
    [property: Description("The roster's objective (its changes: 0).")] ObjectiveDocument Baseline,
    [property: Description("The best top of them, best first.")] CandidateDocument[] Candidates,
    [property: Description("The answer for the member asked about; absent when none was."),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MemberAnswerDocument? Member);

[Description("A seat's rotation slot.")]
internal sealed record SeatDocument(DateOnly Start, DateOnly End);

[Description("A member for the seat, with the effect of giving it to them.")]
internal sealed record CandidateDocument(
    [property: Description("The member's id.")] string Member,
    [property: Description("The effect on each level of the best re-plan with the member in the seat.")] EffectDocument Effect,
    [property: Description("Whether that re-plan was proven optimal (else the effect is of the best roster found).")] bool Proven,
    [property: Description("What the re-plan changes in the roster to make room (entries other than kept).")] ChangeDocument[] Changes);

[Description("Why a member is not in the seat: the first rule against them, or what giving them the seat would cost.")]
internal sealed record MemberAnswerDocument(
    [property: Description("The member's id.")] string Member,
    [property: Description("Whether the member may hold the seat on their own (skills, availability, lead time, exclusions ...).")] bool Eligible,
    [property: Description("The first rule that rules them out, or why the re-plan with them fails; null when they can have it.")] string? Reason,
    [property: Description("When eligible and a roster exists with them in the seat: its effect.")] EffectDocument? Effect,
    [property: Description("The member's tours in the roster: what they do instead.")] TourDocument[] Instead,
    [property: Description("The rules the roster would break with the member added to the seat as it is.")] string[] Conflicts,
    [property: Description("What the re-plan with the member in the seat changes (entries other than kept).")] ChangeDocument[] Changes);

[Description("The change on each level from the roster to a re-plan: person-days gained, changes made, cost and load added.")]
internal sealed record EffectDocument(long Critical, long High, long Normal, long Low, long Changes, decimal Cost, long Load);
