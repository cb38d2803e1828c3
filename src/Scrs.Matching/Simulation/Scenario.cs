using System.Collections.Immutable;
using Scrs.Matching.Domain;

namespace Scrs.Matching.Simulation;

/// <summary>How a scenario's replications plan.</summary>
public enum SimulationMode
{
    /// <summary>Sample the uncertainties, plan the whole horizon once with everything known, measure.</summary>
    Static,

    /// <summary>Move through time, re-planning at each event with only the past known (<see cref="RollingReplication"/>).</summary>
    Rolling,
}

/// <summary>A value per component of the corps.</summary>
/// <param name="Active">For active members.</param>
/// <param name="Standby">For standby members.</param>
/// <param name="Reserve">For reserve members.</param>
/// <param name="Contractor">For contractors.</param>
public sealed record ComponentValues(double Active, double Standby, double Reserve, double Contractor)
{
    /// <summary>Zero for every component.</summary>
    public static ComponentValues Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The value for <paramref name="component"/>.</summary>
    public double For(Component component) => component switch
    {
        Component.Active => Active,
        Component.Standby => Standby,
        Component.Reserve => Reserve,
        _ => Contractor,
    };
}

/// <summary>The probability that a member declines, or is not released by their agency.</summary>
/// <param name="ByComponent">Per component.</param>
/// <param name="Agencies">Per home agency, overriding the component's (for example Justice 0.5).</param>
public sealed record DeclineProbabilities(ComponentValues ByComponent, ImmutableDictionary<string, double> Agencies)
{
    /// <summary>Nobody declines.</summary>
    public static DeclineProbabilities None { get; } = new(ComponentValues.Zero, ImmutableDictionary<string, double>.Empty);

    /// <summary>The probability for <paramref name="member"/>: their agency's if it has one, else their component's.</summary>
    public double For(Member member) =>
        member.Agency is { } agency && Agencies.TryGetValue(agency, out var p) ? p : ByComponent.For(member.Component);
}

/// <summary>The kind of a distribution of durations in days.</summary>
public enum DurationKind
{
    /// <summary>Always <see cref="DurationDistribution.Days"/>.</summary>
    Fixed,

    /// <summary>Exponential with mean <see cref="DurationDistribution.Days"/>.</summary>
    Exponential,

    /// <summary>Uniform between <see cref="DurationDistribution.MinDays"/> and <see cref="DurationDistribution.MaxDays"/>.</summary>
    Uniform,

    /// <summary>Log-normal with mean <see cref="DurationDistribution.Days"/> and standard deviation <see cref="DurationDistribution.StandardDeviationDays"/>.</summary>
    LogNormal,
}

/// <summary>A distribution of durations (or counts) in whole days; every draw is rounded and at least 1.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Days">The fixed value, or the mean (exponential, log-normal).</param>
/// <param name="MinDays">The least value (uniform).</param>
/// <param name="MaxDays">The largest value (uniform).</param>
/// <param name="StandardDeviationDays">The standard deviation (log-normal).</param>
public sealed record DurationDistribution(DurationKind Kind, double Days, double MinDays = 0, double MaxDays = 0, double StandardDeviationDays = 0);

/// <summary>Short absences: illness, family, training.</summary>
/// <param name="RatePerMemberYear">Absences per member and year (a Poisson process).</param>
/// <param name="Duration">How long each lasts.</param>
public sealed record AbsenceModel(double RatePerMemberYear, DurationDistribution Duration);

/// <summary>Operations that may start during the horizon.</summary>
/// <param name="RatePerYear">Arrivals per year (a Poisson process over the horizon).</param>
/// <param name="Operations">
/// The operations to draw from, each equally likely, its positions moved to start on the arrival day; empty to draw
/// each arrival from the sample generator's skill mix instead.
/// </param>
/// <param name="Positions">
/// How many positions an arrival has: drawn with replacement from the template's, or generated (default 20); null for
/// the template's own.
/// </param>
/// <param name="DurationDays">How long an arrival's positions last; null for their own windows, moved (generated: 180 days).</param>
public sealed record ArrivalModel(double RatePerYear, ImmutableArray<Operation> Operations, DurationDistribution? Positions = null,
    DurationDistribution? DurationDays = null)
{
    /// <summary>Whether arrivals come from the sample generator's skill mix rather than from <see cref="Operations"/>.</summary>
    public bool FromSample => Operations.IsDefaultOrEmpty;
}

/// <summary>A scenario: a problem, its uncertainties, and how many replications of it to plan and measure.</summary>
/// <param name="Problem">The problem every replication starts from.</param>
/// <param name="Replications">How many replications to run (fewer when a precision is reached first).</param>
/// <param name="Seed">The seed: replication i depends only on the scenario and (seed, i).</param>
/// <param name="Mode">How each replication plans.</param>
/// <param name="Declines">Who declines or is not released.</param>
/// <param name="AttritionPerYear">Per component, the rate at which members leave the corps (exponential time to leaving).</param>
/// <param name="Absences">Short absences, or null for none.</param>
/// <param name="Arrivals">Operations that may start during the horizon, or null for none.</param>
/// <param name="Sustain">Per priority, the fill rate that counts as sustained in every month of the horizon.</param>
public sealed record Scenario(
    DeploymentProblem Problem,
    int Replications,
    int Seed,
    SimulationMode Mode,
    DeclineProbabilities Declines,
    ComponentValues AttritionPerYear,
    AbsenceModel? Absences,
    ArrivalModel? Arrivals,
    ImmutableDictionary<Priority, double> Sustain)
{
    /// <summary>
    /// The probability that each course session of the problem (<see cref="Policy.Courses"/>) is cancelled, drawn
    /// independently per session and replication; a cancelled session trains nobody. Default: 0 (no session is cancelled).
    /// </summary>
    /// <remarks>
    /// An init property rather than a parameter, so that the scenarios built without courses need not say so. The draws
    /// come from a random stream of their own, so a scenario without courses, or with 0, replicates as it did before.
    /// </remarks>
    public double SessionCancellation { get; init; }

    /// <summary>The last day measured: the latest end of any position of the problem.</summary>
    public DateOnly HorizonEnd => Problem.Operations.SelectMany(o => o.Positions).Select(p => p.Window.End)
        .DefaultIfEmpty(Problem.PlanningDate).Max();
}
