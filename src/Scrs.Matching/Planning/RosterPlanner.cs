using System.Collections.Immutable;
using System.Diagnostics;
using Scrs.Matching.Baseline;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Pool;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Sessions;
using Scrs.Matching.Solver;
using Scrs.Matching.Telemetry;
using Scrs.Matching.Validation;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Planning;

/// <summary>Plans an optimal, verified deployment roster for a <see cref="DeploymentProblem"/>.</summary>
/// <remarks>
/// Data flows one way: validation, eligibility (candidate tours), the greedy baseline (warm start), the model, the
/// lexicographic search, the independent validator, the report. The objective is strictly by priority: critical,
/// high, normal and low person-days are maximized in turn, then cost and then load are minimized, each level fixed at
/// its optimum before the next is optimized.
/// </remarks>
public static class RosterPlanner
{
    /// <summary>Solves <paramref name="problem"/> exactly, strictly by priority, and returns the verified roster with its report.</summary>
    /// <param name="problem">The problem; it must be valid (see <see cref="ProblemValidator"/>).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="PlannerOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the search promptly; the best roster found so far is returned with status <see cref="RosterStatus.Cancelled"/>.</param>
    /// <returns>The roster, its status, bound, gap and report.</returns>
    /// <exception cref="InvalidProblemException">The problem has input errors; all of them are listed.</exception>
    /// <exception cref="SolverUnavailableException">The native solver library is not installed.</exception>
    /// <exception cref="ArgumentException">An option is out of range (time limit not positive, gap outside [0, 1), threads below 1).</exception>
    public static Roster Plan(DeploymentProblem problem, PlannerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return PlanningSession.Create(problem, options).Solve(cancellationToken);
    }

    internal static Roster Plan(DeploymentProblem problem, PlannerOptions options, IMipSolver solver, CancellationToken cancellationToken) =>
        Solve(problem, options, solver, null, cancellationToken).Roster;

    /// <summary>
    /// The pipeline: validation done, eligibility, the model, the search, the validator, the report. From a session's
    /// solved state when <paramref name="from"/> is given: its roster is the warm start, and its optima prove the levels
    /// an edit that only narrows the problem cannot improve (<see cref="Narrowing"/>). Every solve goes through here: it is
    /// one <c>solve</c> span and one count of the solves counter (<see cref="MatchingTelemetry"/>).
    /// </summary>
    internal static SolvedState Solve(DeploymentProblem problem, PlannerOptions options, IMipSolver solver, SolvedState? from, CancellationToken cancellationToken)
    {
        using var span = MatchingTelemetry.StartSolve(problem, solver.Name);
        try
        {
            var solved = Pipeline(problem, options, solver, from, cancellationToken);
            MatchingTelemetry.Solved(span, solved.Roster.Status);
            return solved;
        }
        catch (Exception e)
        {
            MatchingTelemetry.Failed(span, e);
            throw;
        }
    }

    /// <summary>The pipeline of <see cref="Solve"/>, without its span.</summary>
    private static SolvedState Pipeline(DeploymentProblem problem, PlannerOptions options, IMipSolver solver, SolvedState? from, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        var previous = options.Previous is { } given ? new PreviousRoster(given) : null;
        // The tours under way are history: the problem planned is the given one with them locked.
        var (planned, cuts) = previous is null ? (History.Trained(problem, options.PreviousTraining), []) : History.Lock(problem, previous.Assignments, options.PreviousTraining);
        var patched = from?.Built is { } wider ? ModelPatch.Apply(planned, wider, previous) : null;
        CandidateSet candidates;
        RosterModel model;
        BuiltModel? built;
        long eligibilityMillis;
        // A re-plan starts from the previous roster, a session from its last roster: what the problem still allows of
        // it, completed greedily.
        var repaired = from is not null ? new PreviousRoster(from.Roster.Assignments) : previous;
        int[]? greedy;
        if (patched is { } patch)
        {
            (candidates, model) = patch;
            built = from!.Built!;
            eligibilityMillis = phase.ElapsedMilliseconds;
            Progress(options, clock, "eligibility", $"{candidates.Tours.Length} candidate tours (the last model's, patched)");
            phase.Restart();
            greedy = options.WarmStart ? GreedyRoster.Solve(candidates, repaired?.Closest(candidates)) : null;
        }
        else
        {
            // Recruits added to a solved problem: only they are scanned.
            var widened = from?.Built is { } narrower && CandidateGenerator.OnlyAddsMembers(planned, narrower.Problem) ? narrower.Candidates : null;
            var plannedIndex = new PlanningIndex(planned);
            candidates = widened is null ? CandidateGenerator.Generate(plannedIndex) : CandidateGenerator.Widen(widened, plannedIndex);
            eligibilityMillis = phase.ElapsedMilliseconds;
            Progress(options, clock, "eligibility", $"{candidates.Tours.Length} candidate tours{(widened is null ? "" : " (the last model's, with the added members')")}");
            phase.Restart();
            greedy = options.WarmStart ? GreedyRoster.Solve(candidates, repaired?.Closest(candidates)) : null;
            var stored = ImplicitToursFor(candidates, options, greedy);
            model = RosterModelBuilder.Build(candidates, previous, stored);
            if (stored is not null && ImplicitTours.Attach(model) is null)
                throw new InvalidOperationException("Internal error: a model with implicit tours has rows no key describes.");
            // A copy for later patches, where its memory is small beside the solve's own (ModelPatch.KeptTours).
            built = stored is null && candidates.Tours.Length <= ModelPatch.KeptTours ? new BuiltModel(planned, candidates, model.Clone()) : null;
        }
        var index = candidates.Index;
        var modelMillis = phase.ElapsedMilliseconds;
        Progress(options, clock, "model", $"{model.Linear.ColumnCount} columns, {model.Linear.RowCount} rows, {model.Linear.NonZeros} non-zeros"
            + (model.Linear.Implicit is null ? "" : $" (the tours of the starting roster; the other tours' are implicit)"));

        SearchResult search;
        phase.Restart();
        if (!model.Infeasible.IsEmpty)
        {
            search = new SearchResult(RosterStatus.Infeasible, null, new double?[ObjectiveLevels.InOrder.Length], double.NaN, []);
        }
        else
        {
            var start = greedy is null ? null : model.ColumnValues(greedy);
            // The changes level counts against the previous roster: with another one, only the coverage levels (before
            // it) keep the solved optima comparable.
            var narrowed = from is not null && Narrowing.Narrows(planned, from.Planned)
                ? from.Optima(model, coverageOnly: !ReferenceEquals(from.Previous, options.Previous)) : null;
            search = new LexicographicSearch(solver).Run(model, start, options, clock, cancellationToken, narrowed, from?.LinearProgramsIn(model));
        }
        if (options.ModelExportPath is { } path)
        {
            // The export is for other solvers to check the result on their own: without the cuts and the fixings this
            // search derived (every tour column is built 0-1, so one fixed at zero is a fixing), only the rules and levels.
            LexicographicSearch.HoldByRows(model, search.Faces);
            for (var j = 0; j < model.TourCount; j++)
            {
                if (model.Linear.Upper(j) == 0) model.Linear.SetColumnBounds(j, 0, 1);
            }
            using var writer = new StreamWriter(path);
            MpsWriter.Write(model.Linear, writer, cuts: false);
        }
        var solveMillis = phase.ElapsedMilliseconds;
        // A patched model that has no roster is built anew, so that the explanation is the full build's own (its rules
        // are numbered by the problem's locks).
        if (patched is not null && search.Status == RosterStatus.Infeasible)
            return Pipeline(problem, options, solver, from! with { Built = null }, cancellationToken);
        // So is one whose tours were implicit: the explanation takes the rows whole.
        if (model.Linear.Implicit is not null && search.Status == RosterStatus.Infeasible)
            return Pipeline(problem, options with { ImplicitTours = false }, solver, from, cancellationToken);

        phase.Restart();
        var assignments = search.Values is null ? ImmutableArray<Assignment>.Empty : ToAssignments(model, search.Values);
        var training = search.Values is null ? ImmutableArray<Training>.Empty : ToTraining(model, search.Values, planned, assignments);
        // With no roster (infeasible, or stopped before any was found) there is nothing to verify.
        // Against the problem planned: the history's locks are checked too.
        var violations = search.Values is null ? [] : RosterValidator.Validate(planned, assignments, null, training);
        if (!violations.IsEmpty)
            throw new InvalidOperationException("Internal error: the roster failed independent validation:" + Environment.NewLine
                + string.Join(Environment.NewLine, violations.Take(20)));
        var verifyMillis = phase.ElapsedMilliseconds;

        var report = RosterReportBuilder.Build(candidates, search.Values is null ? null : assignments);
        var objective = search.Values is null ? null : RosterEvaluator.Evaluate(problem, assignments, options.Previous, training);
        var reasons = search.Status switch
        {
            RosterStatus.Infeasible when !model.Infeasible.IsEmpty => model.Infeasible,
            RosterStatus.Infeasible when options.ExplainInfeasibility => InfeasibilityExplainer.Explain(model, options.TimeLimit - clock.Elapsed, cancellationToken),
            RosterStatus.Infeasible => ["no roster keeps every lock together with the rest days, the surge limits and the budget (not explained further)"],
            RosterStatus.TimeLimit => [$"the time limit of {options.TimeLimit.TotalSeconds:0.###} s ended the search"],
            RosterStatus.Cancelled => ["the search was cancelled"],
            _ when search.Failure is { } failure => [failure],
            RosterStatus.Optimal or RosterStatus.Feasible when options.CoverageOnly => ["cost and load were not optimized (coverage only)"],
            _ => ImmutableArray<string>.Empty,
        };
        var b = search.Bounds;
        double? Cost(double? v) => v / (double)model.CostScale;
        var statistics = new SolveStatistics(problem.Members.Length, index.Positions.Length, candidates.Tours.Length,
            model.Linear.ColumnCount, model.Linear.RowCount, model.Linear.NonZeros, eligibilityMillis, modelMillis, solveMillis,
            verifyMillis, search.Stages);
        Progress(options, clock, "done", $"{search.Status}");
        var roster = new Roster(search.Status, objective,
            new ObjectiveBound(b[0], b[1], b[2], b[3], Cost(b[5]), b[6]) { Changes = b[4] is { } kept ? model.Reported(ObjectiveLevel.Changes, kept) : null },
            objective is null || double.IsNaN(search.Gap) ? null : search.Gap, clock.ElapsedMilliseconds,
            assignments, report.Unfilled, report.OperationFill, report.PriorityFill, report.SurgeUse, reasons, statistics)
        {
            Changes = previous is null || search.Values is null ? [] : ChangeList.Build(problem, previous.Assignments, assignments, cuts),
            Training = training,
            TrainingChanges = options.PreviousTraining is not { } before || search.Values is null ? [] : ChangeList.Build(problem, before, training),
        };
        var lps = search.Columns.Select((list, level) => list is null || search.ColumnValues[level] is not { } values ? null
            : list.Select((j, k) => (Column: j, Value: values[k])).Where(x => x.Column < model.TourCount)
                .Select(x => new LinearProgramColumn(TourKey.Of(model, x.Column), x.Value)).ToArray()).ToArray();
        return new SolvedState(planned, roster, options.Previous, lps, built);
    }

    /// <summary>
    /// The trainings of a solution: its training columns at 1, each as its member, credential and session, kept only where
    /// a tour needs them (<see cref="TrainingRules.Needed"/>), by member then session start.
    /// </summary>
    private static ImmutableArray<Training> ToTraining(RosterModel model, double[] values, DeploymentProblem problem, IReadOnlyList<Assignment> assignments)
    {
        if (model.Trainings is not { Columns.Length: > 0 } columns) return [];
        var index = model.Candidates.Index;
        var chosen = new List<Training>();
        for (var k = 0; k < columns.Columns.Length; k++)
        {
            if (values[columns.First + k] < 0.5) continue;
            var (m, s) = columns.Columns[k];
            var (course, session) = index.Sessions[s];
            chosen.Add(new Training(index.Members[m].Id, course.Credential, session.Id, session.Days.Start, session.Days.End));
        }
        return [.. TrainingRules.Needed(problem, assignments, chosen).OrderBy(t => t.Member, StringComparer.Ordinal).ThenBy(t => t.Start).ThenBy(t => t.Session, StringComparer.Ordinal)];
    }

    /// <summary>Throws when an option is out of range; the command line calls it before reading the problem.</summary>
    internal static void Validate(PlannerOptions options)
    {
        if (options.TimeLimit <= TimeSpan.Zero) throw new ArgumentException("TimeLimit must be positive.", nameof(options));
        if (options.RelativeGap is < 0 or >= 1 || double.IsNaN(options.RelativeGap))
            throw new ArgumentException("RelativeGap must be in [0, 1).", nameof(options));
        if (options.Threads < 1) throw new ArgumentException("Threads must be at least 1.", nameof(options));
        if (!Enum.IsDefined(options.Engine)) throw new ArgumentException($"Engine {(int)options.Engine} is not a solver engine.", nameof(options));
        if (options.Previous is { } previous)
        {
            for (var i = 0; i < previous.Count; i++)
            {
                if (previous[i] is not { } a || a.Member is null || a.Position is null || a.End < a.Start)
                    throw new ArgumentException($"Previous[{i}] must name a member and a position, and end on or after its start.", nameof(options));
            }
        }
    }

    /// <summary>
    /// The chosen tours (tour columns only; auxiliary values are ignored) as assignments, back-to-back tours of a member on
    /// one position merged, in a stable order.
    /// </summary>
    internal static ImmutableArray<Assignment> ToAssignments(RosterModel model, double[] values)
    {
        var index = model.Candidates.Index;
        var chosen = new List<CandidateTour>();
        for (var j = 0; j < model.TourCount; j++)
        {
            if (values[j] > 0.5) chosen.Add(model.Tours[j]);
        }
        chosen.Sort((a, b) => a.Member != b.Member ? a.Member.CompareTo(b.Member)
            : a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Start.CompareTo(b.Start));
        var merged = new List<CandidateTour>();
        foreach (var t in chosen)
        {
            if (merged.Count > 0 && merged[^1].Member == t.Member && merged[^1].Position == t.Position && merged[^1].End + 1 == t.Start)
                merged[^1] = merged[^1] with { LastSlot = t.LastSlot, End = t.End };
            else
                merged.Add(t);
        }
        return [.. merged
            .OrderBy(t => index.PositionOperation[t.Position]).ThenBy(t => t.Position).ThenBy(t => t.Start)
            .ThenBy(t => index.Members[t.Member].Id, StringComparer.Ordinal)
            .Select(t => new Assignment(index.Members[t.Member].Id, index.OperationOf(t.Position).Id, index.Positions[t.Position].Id,
                PlanningIndex.Day(t.Start), PlanningIndex.Day(t.End)))];
    }

    /// <summary>From this many candidate tours on, tours stay implicit unless the options say otherwise (<see cref="ImplicitTours"/>).</summary>
    internal const int ImplicitFrom = 1_000_000;

    /// <summary>
    /// The tours whose entries the model writes from the start when the others stay implicit (those of the starting
    /// roster), or <see langword="null"/> to write them all: without a starting roster (the search then takes the model
    /// whole), with an export (which writes the model whole), with training or agency-mixed teams (whose rows no key
    /// describes), or when the pool is small enough to write.
    /// </summary>
    private static bool[]? ImplicitToursFor(CandidateSet candidates, PlannerOptions options, int[]? start)
    {
        var index = candidates.Index;
        var supported = start is not null && options.ModelExportPath is null && index.Sessions.Length == 0
            && index.Problem.Operations.All(o => o.Teams.All(t => t.MinAgencies is null));
        if (!supported || !(options.ImplicitTours ?? candidates.Tours.Length >= ImplicitFrom)) return null;
        var stored = new bool[candidates.Tours.Length];
        foreach (var j in start!) stored[j] = true;
        return stored;
    }

    private static void Progress(PlannerOptions options, Stopwatch clock, string stage, string message) =>
        options.Progress?.Report(new PlanProgress(stage, message, clock.Elapsed));
}
