using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Replanning;

/// <summary>An offer a roster made: its member on its position (every tour of that member there).</summary>
/// <param name="Member">The member's id.</param>
/// <param name="Position">The position's id.</param>
public sealed record Offer(string Member, string Position)
{
    /// <summary>Reads <c>MEMBER:POSITION</c>, split at the last colon (ids may hold colons; a position id rarely ends with one).</summary>
    /// <returns>The offer, or <see langword="null"/> when the text has no colon or an empty side.</returns>
    public static Offer? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        return colon <= 0 || colon == text.Length - 1 ? null : new Offer(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Member}:{Position}";
}

/// <summary>Turns the answers to a roster's offers into the next problem, so that a re-plan from that roster keeps them.</summary>
/// <remarks>
/// <para>An accepted offer becomes one dated lock per tour the roster gives its member on its position: a decision already
/// taken, which the lead time does not hold back. A declined offer (the member said no, or the agency did not release
/// them) becomes an exclusion of the member from the position, and any lock of the member there is dropped.</para>
/// <para>Re-plan with <c>PlannerOptions.Previous</c> set to the roster: the changes level then keeps the rest of it.</para>
/// </remarks>
public static class OfferResponses
{
    /// <summary>The problem with <paramref name="accepted"/> locked and <paramref name="declined"/> excluded.</summary>
    /// <param name="problem">The problem the roster was planned for.</param>
    /// <param name="roster">The roster's assignments: the offers.</param>
    /// <param name="accepted">Offers the members accepted.</param>
    /// <param name="declined">Offers declined.</param>
    /// <returns>The next problem; locks and exclusions it already had are kept, and none is added twice.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidProblemException">
    /// Every answer that cannot be applied, at once, each naming <c>accepted[i]</c> or <c>declined[i]</c> and the offer:
    /// an unknown member or position, an offer the roster did not make (for an acceptance), an offer both accepted and
    /// declined, an acceptance that an exclusion of the problem forbids.
    /// </exception>
    public static DeploymentProblem Apply(DeploymentProblem problem, IReadOnlyList<Assignment> roster, IReadOnlyList<Offer> accepted,
        IReadOnlyList<Offer> declined)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(declined);
        var members = problem.Members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var positions = problem.Operations.SelectMany(o => o.Positions).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<InputError>();
        void Check(string field, int i, Offer offer)
        {
            var location = ErrorLocation.Index(field, i);
            if (!members.Contains(offer.Member)) errors.Add(new InputError(ErrorLocation.Property(location, "member"), offer.ToString(), $"no member has id '{offer.Member}'"));
            if (!positions.Contains(offer.Position)) errors.Add(new InputError(ErrorLocation.Property(location, "position"), offer.ToString(), $"no position has id '{offer.Position}'"));
        }
        var locks = problem.Locks.ToList();
        for (var i = 0; i < accepted.Count; i++)
        {
            var offer = accepted[i];
            Check("accepted", i, offer);
            var tours = roster.Where(a => a.Member == offer.Member && a.Position == offer.Position).ToList();
            if (tours.Count == 0)
                errors.Add(new InputError(ErrorLocation.Index("accepted", i), offer.ToString(), $"the roster offers member '{offer.Member}' no tour on position '{offer.Position}'"));
            for (var k = 0; k < problem.Exclusions.Length; k++)
            {
                if (!Forbids(problem, problem.Exclusions[k], offer)) continue;
                errors.Add(new InputError(ErrorLocation.Index("accepted", i), offer.ToString(), $"exclusions[{k}] keeps member '{offer.Member}' off position '{offer.Position}'"));
                break;
            }
            foreach (var tour in tours)
            {
                var @lock = new AssignmentLock(offer.Member, offer.Position, tour.Start, tour.End);
                if (!locks.Contains(@lock)) locks.Add(@lock);
            }
        }
        var exclusions = problem.Exclusions.ToList();
        for (var i = 0; i < declined.Count; i++)
        {
            var offer = declined[i];
            Check("declined", i, offer);
            if (accepted.Contains(offer))
                errors.Add(new InputError(ErrorLocation.Index("declined", i), offer.ToString(), "the same offer is also accepted"));
            locks.RemoveAll(l => l.Member == offer.Member && l.Position == offer.Position);
            var exclusion = new Exclusion(offer.Member, offer.Position);
            if (!exclusions.Contains(exclusion)) exclusions.Add(exclusion);
        }
        if (errors.Count > 0) throw new InvalidProblemException(errors.ToImmutable());
        return problem with { Locks = [.. locks], Exclusions = [.. exclusions] };
    }

    private static bool Forbids(DeploymentProblem problem, Exclusion exclusion, Offer offer) =>
        problem.Operations.FirstOrDefault(o => o.Positions.Any(p => p.Id == offer.Position)) is { } operation
        && exclusion.Covers(offer.Member, offer.Position, operation.Id);
}
