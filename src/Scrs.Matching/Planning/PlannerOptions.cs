namespace Scrs.Matching.Planning;

/// <summary>Progress of a solve, reported through <see cref="PlannerOptions.Progress"/>.</summary>
/// <param name="Stage">The stage running (for example <c>eligibility</c>, <c>model</c>, <c>critical</c>, <c>cost</c>, <c>verification</c>).</param>
/// <param name="Message">What happened.</param>
/// <param name="Elapsed">Time since planning started.</param>
public sealed record PlanProgress(string Stage, string Message, TimeSpan Elapsed)
{
    /// <summary>At the end of a level's stage: the value the roster reached on that level, in the roster's units (cost in
    /// money, as in <see cref="Report.ObjectiveValues"/>); else <see langword="null"/>.</summary>
    public double? Objective { get; init; }

    /// <summary>At the end of a level's stage: the bound proved on that level (equal to <see cref="Objective"/> when the
    /// level is optimal); else <see langword="null"/>.</summary>
    public double? Bound { get; init; }
}

/// <summary>The solver engine that proves the roster; every engine proves the same optimum on every level.</summary>
public enum SolverEngine
{
    /// <summary>The fastest exact engine measured on the benchmark families for this platform (see the benchmarks' README).</summary>
    Auto,
    /// <summary>Google OR-Tools CP-SAT, as the integer solver of the LP pricing (HiGHS prices the columns).</summary>
    CpSat,
    /// <summary>HiGHS: its simplex prices the columns, its branch and bound searches the restricted programs.</summary>
    Highs,
    /// <summary>COIN-OR CBC, with HiGHS pricing the columns (not shipped for Windows).</summary>
    Cbc,
}

/// <summary>Options of <see cref="RosterPlanner"/>; every property has a documented default.</summary>
public sealed record PlannerOptions
{
    /// <summary>Wall-time limit for the whole solve, all stages together. Default: 300 seconds.</summary>
    /// <remarks>
    /// The default is what proves the library's own sample, the demo corps (4,550 members, 300 positions), with room to
    /// spare: the <see cref="SolverEngine.Auto"/> engine proved all six levels in 53-156 s on a shared 2-core machine
    /// (see the benchmarks' README). A planner who needs an answer sooner sets a shorter limit and reads the gap: when the
    /// limit is reached the best roster found is returned with status <c>TimeLimit</c>, its proven bound and its gap.
    /// </remarks>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Relative gap at which a stage may stop without proving optimality. Default: 0 (prove optimality).</summary>
    public double RelativeGap { get; init; }

    /// <summary>Solver threads. Default: 1.</summary>
    /// <remarks>More than one thread makes the search order, and so the roster among equally good ones, depend on timing.</remarks>
    public int Threads { get; init; } = 1;

    /// <summary>Seed of the solver's random choices. Default: 0. The same input and seed give the same roster.</summary>
    public int Seed { get; init; }

    /// <summary>The solver engine. Default: <see cref="SolverEngine.Auto"/>.</summary>
    public SolverEngine Engine { get; init; } = SolverEngine.Auto;

    /// <summary>
    /// Whether to solve only the four coverage levels (critical, high, normal, low), and the changes level with a
    /// <see cref="Previous"/> roster, and leave cost and load as that search left them. Default: <see langword="false"/>
    /// (every level).
    /// </summary>
    /// <remarks>
    /// For questions about coverage alone, such as a scenario simulation's fill rates, where the cost and load levels
    /// would take most of the time. The roster's coverage levels are proven as usual; its <c>Bound</c> has no cost or
    /// load, and its reasons say that they were not optimized.
    /// </remarks>
    public bool CoverageOnly { get; init; }

    /// <summary>The roster to re-plan from: its assignments, as an earlier plan returned them (default none).</summary>
    /// <remarks>
    /// <para>With a previous roster the objective gains a level after the four coverage levels and before cost:
    /// <b>changes</b>, the person-days of the previous roster not kept (the same member, on the same position, on the same
    /// day). Coverage is never traded for stability; among the rosters with the best coverage, the one that keeps most of
    /// the previous roster wins, and only then cost and load count.</para>
    /// <para>Its tours that started on or before the planning date are history: they are kept as dated locks, cut short only
    /// where the problem now rules their days out (the member left or is unavailable, the position was removed or
    /// shortened, an exclusion, a lock elsewhere, the maximum tour). Tours naming a member or position the problem no longer
    /// has are changes the problem forces. The roster's <see cref="Report.Roster.Changes"/> lists what changed and why.</para>
    /// </remarks>
    public IReadOnlyList<Report.Assignment>? Previous { get; init; }

    /// <summary>The previous roster's trainings (its <see cref="Report.Roster.Training"/>; default none).</summary>
    /// <remarks>
    /// Those whose session started before the planning date are history, as tours under way are: the member holds the
    /// course's credential through the session's end plus its valid days, and is in the session (unavailable) until it
    /// ends. They are not listed or costed again. Trainings in later sessions are plans, made again with the rest; the
    /// roster's <see cref="Report.Roster.TrainingChanges"/> lists what changed.
    /// </remarks>
    public IReadOnlyList<Report.Training>? PreviousTraining { get; init; }

    /// <summary>
    /// Whether an infeasible problem's reasons name the smallest set of locks that conflict, found by further searches
    /// (within the time left). Default: <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// Without it, an infeasible roster's reasons are those the model shows at once (a lock no allowed tour can keep),
    /// or a general one. For callers that only need to know, such as a simulation's plans.
    /// </remarks>
    public bool ExplainInfeasibility { get; init; } = true;

    /// <summary>Whether to start the exact search from the greedy roster. Default: <see langword="true"/>.</summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>Receives progress messages; <see langword="null"/> (the default) for none.</summary>
    public IProgress<PlanProgress>? Progress { get; init; }

    /// <summary>
    /// When set, the model of the last stage solved is written to this path in free MPS format, with the earlier levels
    /// fixed at their optima as rows, so that any solver can check the result. Default: <see langword="null"/> (no export).
    /// </summary>
    public string? ModelExportPath { get; init; }

    /// <summary>
    /// Whether tours stay implicit until an LP or a search takes them (<see cref="Pool.ImplicitTours"/>):
    /// <see langword="null"/> (the default) decides by the pool's size (<see cref="RosterPlanner.ImplicitFrom"/>); tests
    /// set it to solve one problem both ways.
    /// </summary>
    internal bool? ImplicitTours { get; init; }

    /// <summary>The defaults.</summary>
    public static PlannerOptions Default { get; } = new();
}
