using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Solver;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Sessions;

/// <summary>
/// A problem planned once and then asked many questions: edited by small typed changes (<see cref="ProblemEdit"/>) and
/// solved again from what the last solve left, or forked so that many variants start from one solved base.
/// </summary>
/// <remarks>
/// <para>Every solve is exact: after any sequence of edits, every level's value equals that of
/// <see cref="RosterPlanner.Plan(DeploymentProblem, PlannerOptions?, CancellationToken)"/> on the edited problem with the
/// session's options, and every roster passed the independent validator. What the session saves is work: the last
/// roster, repaired to what the edited problem allows and completed greedily, is the warm start; and when the edits only
/// narrow the problem (members away or gone, exclusions, locks, a lower budget or headcount), each level whose solved
/// optimum the repaired roster still reaches is proven without a search (see the project's docs/sessions.md).</para>
/// <para>The same base and the same edits give the same roster, whatever other forks ran before or beside it: a session
/// holds nothing but its problem, its options and its last solve, and a fork copies them. A session is not safe for
/// use by several threads at once; its forks are independent of it and of each other.</para>
/// </remarks>
public sealed class PlanningSession
{
    private SolvedState? _solved;

    private PlanningSession(DeploymentProblem problem, PlannerOptions options, SolvedState? solved)
    {
        Problem = problem;
        Options = options;
        _solved = solved;
    }

    /// <summary>A session for <paramref name="problem"/>; nothing is solved until <see cref="Solve"/>.</summary>
    /// <param name="problem">The problem; it must be valid (see <see cref="ProblemValidator"/>).</param>
    /// <param name="options">Planner options for every solve; <see langword="null"/> for <see cref="PlannerOptions.Default"/>.</param>
    /// <exception cref="InvalidProblemException">The problem has input errors; all of them are listed.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static PlanningSession Create(DeploymentProblem problem, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= PlannerOptions.Default;
        RosterPlanner.Validate(options);
        var errors = ProblemValidator.Validate(problem);
        if (!errors.IsEmpty) throw new InvalidProblemException(errors);
        return new PlanningSession(problem, options, null);
    }

    /// <summary>The problem as edited so far.</summary>
    public DeploymentProblem Problem { get; private set; }

    /// <summary>The planner options of every solve; <see cref="PlanningDateMoved"/> (keeping history) sets their <see cref="PlannerOptions.Previous"/>.</summary>
    public PlannerOptions Options { get; private set; }

    /// <summary>The roster of the last <see cref="Solve"/>, or <see langword="null"/> before the first.</summary>
    /// <remarks>It is the roster of the problem as it was then: edits since leave it as it is until the next solve.</remarks>
    public Roster? Roster => _solved?.Roster;

    /// <summary>Applies <paramref name="edits"/> in order, all or none.</summary>
    /// <param name="edits">The edits.</param>
    /// <exception cref="InvalidProblemException">
    /// An edit names something the problem does not have, or the edited problem is not valid: every error is listed, an
    /// edit's errors under <c>edits[i]</c>, and the session is left as it was.
    /// </exception>
    public void Apply(params ProblemEdit[] edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var errors = new List<InputError>();
        var moved = edits.Any(e => e is PlanningDateMoved { KeepsHistory: true });
        if (moved && _solved is null)
            errors.Add(new InputError(ErrorLocation.Index("edits", Array.FindIndex(edits, e => e is PlanningDateMoved { KeepsHistory: true })), null,
                "the planning date can be moved only once the session has solved a roster (its tours under way become history)"));
        var problem = Edits.Apply(Problem, edits, _solved?.Roster.Assignments, errors);
        if (errors.Count == 0) errors.AddRange(ProblemValidator.Validate(problem));
        if (errors.Count > 0) throw new InvalidProblemException([.. errors]);
        Problem = problem;
        // The tours that had started by the new planning date are decisions taken: the last roster is the one to keep. Its
        // trainings begun are history too, with those of the earlier moves (a roster does not list trainings of its history).
        if (moved) Options = Options with { Previous = _solved!.Roster.Assignments, PreviousTraining = [.. Options.PreviousTraining ?? [], .. _solved.Roster.Training] };
    }

    /// <summary>Solves the problem as edited, from the last solve when there was one.</summary>
    /// <param name="cancellationToken">Stops the search promptly; the best roster found so far is returned with status <see cref="RosterStatus.Cancelled"/>.</param>
    /// <returns>The verified roster, with its status, bound, gap and report.</returns>
    /// <exception cref="SolverUnavailableException">The native solver library is not installed.</exception>
    public Roster Solve(CancellationToken cancellationToken = default)
    {
        // A roster with no value (infeasible, stopped before any) gives no warm start and no optima.
        var from = _solved is { Roster.Objective: not null } solved ? solved : null;
        _solved = RosterPlanner.Solve(Problem, Options, SolverEngines.Create(Options.Engine), from, cancellationToken);
        return _solved.Roster;
    }

    /// <summary>
    /// A session whose last solve is <paramref name="roster"/>, planned earlier for <paramref name="problem"/> with
    /// <paramref name="options"/> and kept since (the worker host's stored jobs): its stages' proven optima serve as a
    /// solve's own would. Only for rosters this library returned and that were kept unchanged: a roster claiming an
    /// optimum it does not have would make the next solve claim one too.
    /// </summary>
    /// <param name="problem">The problem the roster was planned for.</param>
    /// <param name="options">The options it was planned with (their previous roster locks its history).</param>
    /// <param name="roster">The roster.</param>
    /// <param name="built">
    /// The candidates and model that solve built, kept (<see cref="Built"/>) from a solve of the same problem and
    /// options, or <see langword="null"/> to build them again: the same either way (both are built from the same input,
    /// and neither is kept when too large, <see cref="ModelPatch.KeptTours"/>), so a later solve patches the same model
    /// and plans the same roster.
    /// </param>
    internal static PlanningSession Resume(DeploymentProblem problem, PlannerOptions options, Roster roster, BuiltModel? built)
    {
        var session = Create(problem, options);
        var previous = options.Previous is { } given ? new PreviousRoster(given) : null;
        var planned = previous is null ? History.Trained(problem, options.PreviousTraining) : History.Lock(problem, previous.Assignments, options.PreviousTraining).Problem;
        if (built is null)
        {
            // As the solve did: a model too large to keep is not built (the next solve builds its own).
            var candidates = CandidateGenerator.Generate(new PlanningIndex(planned));
            built = candidates.Tours.Length <= ModelPatch.KeptTours ? new BuiltModel(planned, candidates, RosterModelBuilder.Build(candidates, previous)) : null;
        }
        session._solved = new SolvedState(planned, roster, options.Previous, new LinearProgramColumn[]?[ObjectiveLevels.InOrder.Length], built);
        return session;
    }

    /// <summary>
    /// The candidates and model the last solve built for its own problem, for <see cref="Resume"/>; <see langword="null"/>
    /// before the first solve and after one that patched an earlier solve's.
    /// </summary>
    internal BuiltModel? Built => _solved is { Built: { } built } solved && ReferenceEquals(built.Problem, solved.Planned) ? built : null;

    /// <summary>A new session with this one's problem, options and last solve, to be edited and solved on its own.</summary>
    /// <returns>The fork; editing or solving it leaves this session as it is, and the other way round.</returns>
    public PlanningSession Fork() => new(Problem, Options, _solved);

    /// <summary>
    /// A fork (as <see cref="Fork()"/>) that solves with other options: a time limit, progress, an engine of its own, or
    /// the last roster as <see cref="PlannerOptions.Previous"/> to re-plan it with the fewest changes. The last solve's
    /// optima prove the coverage levels for it whatever its previous roster, the later levels only while its
    /// <see cref="PlannerOptions.Previous"/> is the same list.
    /// </summary>
    /// <param name="options">The fork's options.</param>
    /// <returns>The fork.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PlanningSession Fork(PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RosterPlanner.Validate(options);
        return new(Problem, options, _solved);
    }
}
