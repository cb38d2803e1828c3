namespace Scrs.Matching.Samples;

/// <summary>
/// Sizes, seed and surge settings of a generated sample corps (see <see cref="SampleCorps.Generate"/>); every property has a
/// documented default, and the defaults give the demo's corps.
/// </summary>
/// <remarks>The same options always give the same problem, on every platform and runtime. <c>docs/sample-corps.md</c> describes every distribution.</remarks>
public sealed record SampleCorpsOptions
{
    /// <summary>Seed of every random choice. Default: 2026.</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>Members of the active component (full-time responders, mostly State and USAID). Default: 250.</summary>
    public int ActiveMembers { get; init; } = 250;

    /// <summary>Members of the standby component, spread over the eight partner agencies. Default: 2,000.</summary>
    public int StandbyMembers { get; init; } = 2000;

    /// <summary>Members of the reserve component (from state and local government and the private sector; no home agency). Default: 2,000.</summary>
    public int ReserveMembers { get; init; } = 2000;

    /// <summary>Contractors on retainer (no home agency). Default: 300.</summary>
    public int Contractors { get; init; } = 300;

    /// <summary>Concurrent operations, each in its own fictional theatre. Default: 3.</summary>
    public int Operations { get; init; } = 3;

    /// <summary>Positions of each operation. Default: 100.</summary>
    public int PositionsPerOperation { get; init; } = 100;

    /// <summary>Length of each operation in months of 30 days. Default: 12 (360 days: four 90-day rotations).</summary>
    public int Months { get; init; } = 12;

    /// <summary>The day the plan is made; operations start three to nine weeks later. Default: Monday 2027-01-04.</summary>
    public DateOnly PlanningDate { get; init; } = new(2027, 1, 4);

    /// <summary>Share of each agency's standby members that may be deployed at once, before <see cref="SurgeTightness"/>. Default: 0.10.</summary>
    public double StandbyAgencyShare { get; init; } = 0.10;

    /// <summary>
    /// Share of the reserve that may be deployed at once, before <see cref="SurgeTightness"/>; the policy states it as a
    /// <c>maxConcurrent</c> limit of <c>floor(share x reserve members)</c>. Default: 0.025 (50 of 2,000).
    /// </summary>
    public double ReserveConcurrentShare { get; init; } = 0.025;

    /// <summary>Largest share of each operation's deployed people that may be contractors. Default: 0.30.</summary>
    public double ContractorOperationShare { get; init; } = 0.30;

    /// <summary>
    /// Divides <see cref="StandbyAgencyShare"/> and <see cref="ReserveConcurrentShare"/>: above 1 the surge limits are tighter,
    /// below 1 looser. Default: 1.0.
    /// </summary>
    public double SurgeTightness { get; init; } = 1.0;

    /// <summary>Full days a member rests between two tours. Default: 30.</summary>
    public int RestDays { get; init; } = 30;

    /// <summary>Rotation length of positions that give none. Default: 90 days.</summary>
    public int DefaultRotationDays { get; init; } = 90;

    /// <summary>Upper bound on the total cost of all tours; <see langword="null"/> (the default) for none.</summary>
    public decimal? Budget { get; init; }

    /// <summary>
    /// Whether each operation gets teams that deploy together: a Field Advance Civilian Team (leader, logistics, security;
    /// critical, from two agencies at least) and a medical support team (high) everywhere, and a rule-of-law team (high, two
    /// agencies at least) where the theatre needs rule of law or security-sector reform. Default: <see langword="false"/>.
    /// </summary>
    /// <remarks>The teams' positions come after the operation's <see cref="PositionsPerOperation"/> others, drawn from a stream of their own.</remarks>
    public bool Teams { get; init; }

    /// <summary>
    /// Whether members hold FACT and medical credentials that expire, positions need them (FACT in high-threat theatres and on
    /// teams, medical on leaders and teams), and the policy offers FACT and medical courses with a few sessions. Default:
    /// <see langword="false"/>.
    /// </summary>
    public bool Credentials { get; init; }

    /// <summary>The defaults: the demo's sample corps.</summary>
    public static SampleCorpsOptions Default { get; } = new();
}
