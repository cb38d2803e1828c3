using System.Collections.Immutable;

namespace Scrs.Matching.Domain;

/// <summary>Everything the engine needs to plan a roster: the corps, the operations, the rules, the locks and the exclusions.</summary>
/// <param name="PlanningDate">The day the plan is made; lead times count from it.</param>
/// <param name="Members">The corps.</param>
/// <param name="Operations">The concurrent operations.</param>
/// <param name="Policy">Rules that apply to the whole plan.</param>
/// <param name="Locks">Assignments the roster must keep.</param>
public sealed record DeploymentProblem(
    DateOnly PlanningDate,
    ImmutableArray<Member> Members,
    ImmutableArray<Operation> Operations,
    Policy Policy,
    ImmutableArray<AssignmentLock> Locks)
{
    /// <summary>Places members must not be assigned; empty when there are none.</summary>
    /// <remarks>An init property rather than a parameter, so that the many problems built without exclusions need not say so.</remarks>
    public ImmutableArray<Exclusion> Exclusions { get; init; } = [];

    /// <summary>Lead time of <paramref name="member"/>: its override, else its component's.</summary>
    /// <param name="member">The member.</param>
    /// <returns>Days after <see cref="PlanningDate"/> before the member can start.</returns>
    public int LeadTimeDays(Member member) => member.LeadTimeDays ?? Policy.For(member.Component).LeadTimeDays;

    /// <summary>Maximum tour of <paramref name="member"/>: its override, else its component's.</summary>
    /// <param name="member">The member.</param>
    /// <returns>The longest tour, in days.</returns>
    public int MaxTourDays(Member member) => member.MaxTourDays ?? Policy.For(member.Component).MaxTourDays;

    /// <summary>Daily cost of <paramref name="member"/>: its override, else its component's.</summary>
    /// <param name="member">The member.</param>
    /// <returns>Cost of one deployed day.</returns>
    public decimal DailyCost(Member member) => member.DailyCost ?? Policy.For(member.Component).DailyCost;

    /// <summary>Rotation length of <paramref name="position"/>: its own, else the policy default, else none (one slot).</summary>
    /// <param name="position">The position.</param>
    /// <returns>Days per rotation slot, or <see langword="null"/> when the whole window is one slot.</returns>
    public int? RotationDays(Position position) => position.RotationDays ?? Policy.DefaultRotationDays;
}
