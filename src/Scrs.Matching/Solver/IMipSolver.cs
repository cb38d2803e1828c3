namespace Scrs.Matching.Solver;

/// <summary>How a mixed-integer solve ended.</summary>
internal enum MipStatus
{
    /// <summary>Proven optimal (within the absolute tolerance of an integral objective).</summary>
    Optimal,
    /// <summary>Stopped with a solution because the requested relative gap was reached.</summary>
    GapReached,
    /// <summary>Stopped by the time limit; <see cref="MipSolution.Values"/> holds the best solution if one was found.</summary>
    TimeLimit,
    /// <summary>Proven infeasible.</summary>
    Infeasible,
    /// <summary>Stopped by the cancellation token; <see cref="MipSolution.Values"/> holds the best solution if one was found.</summary>
    Cancelled,
    /// <summary>Stopped at a solution reaching <see cref="MipOptions.Target"/>, which the caller's bound proves optimal.</summary>
    TargetReached,
    /// <summary>The solver failed (numerical trouble, unbounded, abandoned); nothing it returned is trusted.</summary>
    Failed,
}

/// <summary>How far pricing may branch (<see cref="MipOptions.Branch"/>).</summary>
internal enum Branching
{
    /// <summary>Never.</summary>
    None,

    /// <summary>Up to 1,000 branches: the planner's coverage levels, where an integrality gap of a slot blocks the proof.</summary>
    Full,

    /// <summary>
    /// Up to 1,000 branches, and at most as many LP rounds as the search had solved when branching started: the planner's cost
    /// and load levels. There the LP bound is often the optimum and the searches cannot find a roster at it among the
    /// tours priced at zero (interchangeable members of one daily rate), which a few branches find; where the bound is
    /// not the optimum, those same interchangeable members leave every branch's bound where it was.
    /// </summary>
    Bounded,
}

/// <summary>Options of one solve.</summary>
/// <param name="TimeLimit">Wall-time limit; <see langword="null"/> for none.</param>
/// <param name="RelativeGap">Stop when (|bound - incumbent| / max(1,|incumbent|)) is at most this; 0 proves optimality.</param>
/// <param name="Threads">Solver threads.</param>
/// <param name="Seed">Seed of the solver's random choices.</param>
/// <param name="WarmStart">A feasible value for every column to start from; <see langword="null"/> for none.</param>
/// <param name="Log">Receives solver log lines; <see langword="null"/> to keep the solver quiet.</param>
/// <param name="Progress">Receives a line per milestone of the search (far fewer than log lines); <see langword="null"/> for none.</param>
internal sealed record MipOptions(
    TimeSpan? TimeLimit = null,
    double RelativeGap = 0,
    int Threads = 1,
    int Seed = 0,
    double[]? WarmStart = null,
    Action<string>? Log = null,
    Action<string>? Progress = null)
{
    /// <summary>
    /// Columns worth having in an LP relaxation from the start (the last LP of an earlier solve of a similar model), for a
    /// solver that grows its LP by pricing; others ignore them. Default none.
    /// </summary>
    public IReadOnlyList<int>? Columns { get; init; }

    /// <summary>
    /// A point to start the LP relaxation from, one value per column (the last LP optimum of an earlier solve of a similar
    /// model, within or near this model's bounds), for a solver that grows its LP by pricing; others ignore it. Default
    /// none: the LP starts from <see cref="WarmStart"/>.
    /// </summary>
    public double[]? LinearProgramStart { get; init; }

    /// <summary>
    /// An objective value (offset included) no solution can beat, known to the caller from a bound of its own: a solver
    /// may stop at the first solution reaching it, with <see cref="MipStatus.TargetReached"/>, instead of proving it
    /// optimal itself; solvers that cannot stop there ignore it. Default none.
    /// </summary>
    public double? Target { get; init; }

    /// <summary>
    /// Whether an LP grown by pricing may shed the columns its optimum leaves nonbasic at zero once it is big (see
    /// <c>PricingSolver</c>); others ignore it. Default no; the planner's levels all shed.
    /// </summary>
    public bool ShedColumns { get; init; }

    /// <summary>
    /// Whether and how long pricing may branch when the LP bound and the searches do not meet (see
    /// <c>PricingSolver.Branch</c>); others ignore it. Default <see cref="Branching.None"/>.
    /// </summary>
    public Branching Branch { get; init; }

    /// <summary>
    /// Whether the model is a restricted search of column generation (<c>PricingSolver</c>): the columns that could still
    /// improve, over every row of the whole model that they touch, with an LP bound known to be near. Solvers may skip
    /// root work whose cost grows with the model rather than with the gap (CBC's zero-half cuts). Default no.
    /// </summary>
    public bool Restricted { get; init; }
}

/// <summary>The result of one solve.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Values">Column values of the best solution (integers rounded), or <see langword="null"/> when there is none.</param>
/// <param name="Objective">Objective value of <paramref name="Values"/> (including the model's offset); NaN without a solution.</param>
/// <param name="Bound">Proven bound on the objective (including the offset); NaN when unknown.</param>
/// <param name="Elapsed">Wall time of the solve.</param>
/// <param name="Nodes">Branch-and-bound nodes explored.</param>
/// <param name="Unusable">
/// With <see cref="MipStatus.Optimal"/>, columns that the solver proved zero in every solution whose objective is at
/// least as good as <paramref name="Objective"/> (empty when it proved none): a later stage that keeps this objective at
/// its optimum may fix them at zero.
/// </param>
internal sealed record MipSolution(MipStatus Status, double[]? Values, double Objective, double Bound, TimeSpan Elapsed, long Nodes,
    IReadOnlyList<int>? Unusable = null)
{
    /// <summary>The columns of the last LP relaxation, from a solver that prices columns; else <see langword="null"/>.</summary>
    public IReadOnlyList<int>? Columns { get; init; }

    /// <summary>The last LP relaxation's value of each of <see cref="Columns"/>, in the same order.</summary>
    public double[]? ColumnValues { get; init; }

    /// <summary>
    /// With <see cref="MipStatus.Optimal"/>, restrictions whose solutions are exactly the solutions at the optimum
    /// (see <see cref="OptimalFace"/>), when the solver proved them; else <see langword="null"/>.
    /// </summary>
    public OptimalFace? Face { get; init; }

    public bool HasSolution => Values is not null;
}

/// <summary>
/// The optimal face of a proven optimum: the solutions of the model that fix <paramref name="Fixed"/> and keep
/// <paramref name="TightRows"/> at their right-hand side are exactly its solutions at the optimum. A later stage that
/// keeps the objective at its optimum may apply these instead of a row holding the objective: a face of the LP
/// relaxation has no vertex the relaxation lacked, while a row through the relaxation adds fractional ones.
/// </summary>
/// <param name="Fixed">Columns and the value each takes in every optimal solution.</param>
/// <param name="TightRows">Inequality rows that every optimal solution keeps at equality.</param>
internal sealed record OptimalFace(IReadOnlyList<(int Column, double Value)> Fixed, IReadOnlyList<int> TightRows);

/// <summary>
/// A mixed-integer solver backend. The roster engine depends only on this interface, so that another backend
/// (for example CP-SAT) can be added without touching the model or the planner.
/// </summary>
internal interface IMipSolver
{
    /// <summary>Short name, for reports (for example <c>cbc</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Solves <paramref name="model"/>. Outcomes are statuses; only a broken installation throws. A solver may add cuts to
    /// the model (<see cref="LinearModel.AddCut"/>): rows every integer solution keeps, which hold for later stages too.
    /// </summary>
    /// <exception cref="SolverUnavailableException">The native solver library cannot be loaded.</exception>
    MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken);
}

/// <summary>The native solver cannot be loaded; the message names the package to install.</summary>
public sealed class SolverUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
