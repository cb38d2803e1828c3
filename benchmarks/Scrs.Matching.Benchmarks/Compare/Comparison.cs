using System.Collections.Immutable;
using System.Diagnostics;
using Scrs.Matching.Baseline;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Input;
using Scrs.Matching.Model;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Solver;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Benchmarks.Compare;

/// <summary>Options of one comparison.</summary>
/// <param name="Family">Sample-corps family (<see cref="SampleCorps.Families"/>).</param>
/// <param name="TimeLimit">Time limit of every solver (the library's whole plan, each external process).</param>
/// <param name="WorkDirectory">Where the MPS file and the external solutions are written.</param>
/// <param name="WarmStart">Whether the library starts from the greedy roster (its default).</param>
/// <param name="Engines">The library's engines to run, one row each; default (empty): <see cref="Comparison.AllEngines"/>.</param>
internal sealed record ComparisonOptions(string Family, TimeSpan TimeLimit, string WorkDirectory, bool WarmStart = true,
    ImmutableArray<SolverEngine> Engines = default);

/// <summary>One solver's row of the comparison.</summary>
/// <param name="Solver">Name (library-cpsat, library-highs, library-cbc, library-auto, cbc-cli, glpsol, greedy).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Values">Every objective level of its roster, evaluated from the input by <see cref="RosterEvaluator"/>; <see langword="null"/> without a roster.</param>
/// <param name="Bound">Its proven bound on the exported model's objective level, in that level's units; <see langword="null"/> when unknown.</param>
/// <param name="Violations">Rule violations of its roster found by the independent validator (any at all means the model is wrong).</param>
/// <param name="Detail">A short note.</param>
/// <param name="Statistics">Sizes and stage timings, for the library's rows; <see langword="null"/> for the others.</param>
internal sealed record SolverRun(string Solver, RunStatus Status, TimeSpan Elapsed, ObjectiveValues? Values, double? Bound,
    ImmutableArray<RuleViolation> Violations, string Detail, SolveStatistics? Statistics = null)
{
    /// <summary>Person-days covered over all priority classes.</summary>
    public long? Coverage => Values is null ? null : Values.Critical + Values.High + Values.Normal + Values.Low;
}

/// <summary>The outcome of a comparison: every solver's row and every disagreement found.</summary>
/// <param name="Family">The family compared.</param>
/// <param name="Statistics">Sizes and stage timings of the library's first solve.</param>
/// <param name="ExportedLevel">The objective level of the exported model (the last stage), or <see langword="null"/> when it matches none.</param>
/// <param name="ExportMillis">Time to format the model as MPS (no disk), included in the library's time.</param>
/// <param name="Runs">The library with each engine, cbc-cli, glpsol, greedy, in that order.</param>
/// <param name="Disagreements">Every failed check; empty when all solvers that proved optimality agree.</param>
/// <param name="Notes">Facts the reader must know (for example solvers excluded from the check).</param>
internal sealed record ComparisonResult(
    string Family,
    SolveStatistics Statistics,
    string? ExportedLevel,
    long ExportMillis,
    ImmutableArray<SolverRun> Runs,
    ImmutableArray<string> Disagreements,
    ImmutableArray<string> Notes)
{
    public bool Agrees => Disagreements.IsEmpty;

    public SolverRun Run(string solver) => Runs.Single(r => r.Solver == solver);

    /// <summary>The library's rows, one per engine, in the order they ran.</summary>
    public IEnumerable<SolverRun> LibraryRuns => Runs.Where(r => r.Solver.StartsWith(Comparison.Library, StringComparison.Ordinal));

    /// <summary><paramref name="library"/>'s time over <paramref name="solver"/>'s time.</summary>
    public double TimeRatio(SolverRun library, string solver) => library.Elapsed / Run(solver).Elapsed;

    /// <summary>Greedy coverage over the library's coverage (person-days, all priority classes).</summary>
    public double? GreedyCoverageRatio =>
        Run(Comparison.Greedy).Coverage is { } g && LibraryRuns.First().Coverage is { } l and > 0 ? (double)g / l : null;
}

/// <summary>
/// Runs the library end to end on a sample-corps family (JSON text in, verified roster out) with the model export on,
/// solves the exported MPS with the <c>cbc</c> and <c>glpsol</c> command lines, runs the greedy baseline, and checks
/// that every solver that proved optimality reached the same value on every objective level.
/// </summary>
/// <remarks>
/// External solutions are mapped back to tours through the column names of the model rebuilt here with the same
/// (deterministic) candidate generator and model builder, then re-checked by the independent validator and evaluated
/// from the input alone, so all rows of the table are measured by the same yardstick.
/// </remarks>
internal static class Comparison
{
    public const string Library = "library";

    /// <summary>Every engine the library has; <see cref="SolverEngine.Auto"/> is one of them, so its row shows what it picks.</summary>
    public static readonly ImmutableArray<SolverEngine> AllEngines = [SolverEngine.CpSat, SolverEngine.Highs, SolverEngine.Cbc, SolverEngine.Auto];

    /// <summary>The row name of the library with <paramref name="engine"/>.</summary>
    public static string LibraryRun(SolverEngine engine) => $"{Library}-{engine.ToString().ToLowerInvariant()}";
    public const string CbcCli = "cbc-cli";
    public const string Glpsol = "glpsol";
    public const string Greedy = "greedy";

    public static ComparisonResult Run(ComparisonOptions options, TextWriter progress)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var json = ProblemJson.Write(SampleCorps.Generate(SampleCorps.Families.ForFamily(options.Family)));
        var mpsPath = Path.Combine(options.WorkDirectory, $"{options.Family}.mps");

        var engines = options.Engines.IsDefaultOrEmpty ? AllEngines : options.Engines;
        var libraryRuns = new List<SolverRun>();
        var problem = default(DeploymentProblem);
        var bounds = new List<ObjectiveBound>();
        foreach (var engine in engines)
        {
            // The model is the same whichever engine solves it: the first run exports it for the external solvers.
            var export = libraryRuns.Count == 0 ? mpsPath : null;
            progress.WriteLine($"[{options.Family}] library, engine {engine}: JSON in, verified roster out" + (export is null ? "" : $", model exported to {export}"));
            var run = Stopwatch.StartNew();
            var read = ProblemJson.Read(json);
            if (!read.Ok) throw new InvalidOperationException("The generated sample corps does not read back: " + read.Errors[0]);
            problem = read.Value!;
            var roster = RosterPlanner.Plan(problem, new PlannerOptions
            {
                TimeLimit = options.TimeLimit, WarmStart = options.WarmStart, Engine = engine, ModelExportPath = export,
                Progress = new StageLog($"{options.Family} {engine}", progress),
            });
            var elapsed = run.Elapsed;
            bounds.Add(roster.Bound);
            libraryRuns.Add(new SolverRun(LibraryRun(engine), LibraryStatus(roster.Status), elapsed, roster.Objective, null,
                RosterValidator.Validate(problem, roster.Assignments), $"{roster.Statistics.Columns} columns, {roster.Statistics.Rows} rows", roster.Statistics));
        }

        progress.WriteLine($"[{options.Family}] rebuilding the model and running the greedy baseline");
        var clock = Stopwatch.StartNew();
        var candidates = CandidateGenerator.Generate(new PlanningIndex(problem!));
        var greedyTours = GreedyRoster.Solve(candidates);
        var greedyTime = clock.Elapsed;
        var model = RosterModelBuilder.Build(candidates);
        clock.Restart();
        using (var sink = new StreamWriter(Stream.Null)) MpsWriter.Write(model.Linear, sink);
        var exportMillis = clock.ElapsedMilliseconds;

        var evaluation = new Evaluation(problem!, model, MpsFile.Read(mpsPath));
        var greedy = greedyTours is null
            ? new SolverRun(Greedy, RunStatus.Failed, greedyTime, null, null, [], "the locks cannot all be placed greedily")
            : evaluation.Run(Greedy, RunStatus.Heuristic, greedyTime, ToValues(greedyTours, model.Linear.ColumnCount), null, "eligibility + greedy");

        progress.WriteLine($"[{options.Family}] cbc command line, default settings, sec {options.TimeLimit.TotalSeconds}");
        var cbc = evaluation.External(CbcCli, ExternalSolvers.Cbc(mpsPath, options.TimeLimit, options.WorkDirectory));
        progress.WriteLine($"[{options.Family}] glpsol --freemps, --tmlim {options.TimeLimit.TotalSeconds}");
        var glpsol = evaluation.External(Glpsol, ExternalSolvers.Glpsol(mpsPath, evaluation.File, options.TimeLimit, options.WorkDirectory));

        ImmutableArray<SolverRun> runs =
            [.. libraryRuns.Select((run, k) => run with { Bound = evaluation.LibraryBound(bounds[k]) }), cbc, glpsol, greedy];
        var (disagreements, notes) = Check(runs, evaluation.Problems);
        return new ComparisonResult(options.Family, libraryRuns[0].Statistics!, evaluation.Level?.Name(), exportMillis, runs, disagreements, notes);
    }

    /// <summary>Writes the planner's progress as it happens (<see cref="Progress{T}"/> would post it to the thread pool, out of order).</summary>
    private sealed class StageLog(string family, TextWriter output) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) =>
            output.WriteLine($"[{family}]   {value.Elapsed.TotalSeconds,7:F2} s  {value.Stage}: {value.Message}");
    }

    private static RunStatus LibraryStatus(RosterStatus status) => status switch
    {
        RosterStatus.Optimal => RunStatus.Optimal,
        RosterStatus.Feasible => RunStatus.Feasible,
        RosterStatus.TimeLimit => RunStatus.TimeLimit,
        RosterStatus.Infeasible => RunStatus.Infeasible,
        _ => RunStatus.Failed,
    };

    private static double[] ToValues(int[] tours, int columns)
    {
        var values = new double[columns];
        foreach (var j in tours) values[j] = 1;
        return values;
    }

    /// <summary>
    /// The checks: no roster breaks a rule; the solvers that proved optimality agree on every level; no roster is
    /// lexicographically better than a proven optimum; plus the <paramref name="problems"/> found while reading the solutions.
    /// </summary>
    internal static (ImmutableArray<string> Disagreements, ImmutableArray<string> Notes) Check(ImmutableArray<SolverRun> runs, IEnumerable<string> problems)
    {
        var disagreements = ImmutableArray.CreateBuilder<string>();
        var notes = ImmutableArray.CreateBuilder<string>();
        disagreements.AddRange(problems);
        foreach (var run in runs.Where(r => !r.Violations.IsEmpty))
            disagreements.Add($"{run.Solver}'s roster breaks {run.Violations.Length} rule(s), first: {run.Violations[0]}");

        var proven = runs.Where(r => r.Status == RunStatus.Optimal && r.Values is not null).ToList();
        foreach (var run in runs.Where(r => r.Status is not (RunStatus.Optimal or RunStatus.Heuristic)))
            notes.Add($"{run.Solver} ended with status {Describe(run.Status)}: excluded from the agreement check");
        if (proven.Count < 2) notes.Add($"only {proven.Count} solver(s) proved optimality: nothing to agree on");
        if (proven.Count > 0)
        {
            var reference = proven[0];
            foreach (var other in proven.Skip(1))
            {
                foreach (var ((level, a, _), (_, b, _)) in Levels(reference.Values!).Zip(Levels(other.Values!)))
                {
                    if (a != b) disagreements.Add($"{level}: {reference.Solver} proved {a} but {other.Solver} proved {b}");
                }
            }
            foreach (var run in runs.Where(r => r.Values is not null && r.Violations.IsEmpty && !proven.Contains(r)))
            {
                if (LexicographicCompare(run.Values!, reference.Values!) > 0)
                    disagreements.Add($"{run.Solver}'s roster is better than the optimum {reference.Solver} proved");
            }
        }
        return (disagreements.ToImmutable(), notes.ToImmutable());
    }

    public static string Describe(RunStatus status) => status switch
    {
        RunStatus.TimeLimit => "time limit",
        RunStatus.Heuristic => "heuristic",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The levels in priority order with their values and whether each is maximized.</summary>
    public static IEnumerable<(string Level, decimal Value, bool Maximized)> Levels(ObjectiveValues v) =>
    [
        ("critical", v.Critical, true), ("high", v.High, true), ("normal", v.Normal, true), ("low", v.Low, true),
        ("cost", v.Cost, false), ("load", v.Load, false),
    ];

    /// <summary>Positive when <paramref name="a"/> is strictly better than <paramref name="b"/> by the lexicographic objective.</summary>
    private static int LexicographicCompare(ObjectiveValues a, ObjectiveValues b)
    {
        foreach (var ((_, x, max), (_, y, _)) in Levels(a).Zip(Levels(b)))
        {
            if (x != y) return (x > y) == max ? 1 : -1;
        }
        return 0;
    }

    /// <summary>Maps solutions of the exported file back to rosters of the rebuilt model and evaluates them.</summary>
    private sealed class Evaluation
    {
        private readonly DeploymentProblem _problem;
        private readonly RosterModel _model;
        private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
        private readonly List<string> _problems = [];

        public Evaluation(DeploymentProblem problem, RosterModel model, MpsFile file)
        {
            _problem = problem;
            _model = model;
            File = file;
            for (var j = 0; j < model.Linear.ColumnCount; j++) _columns[model.Linear.ColumnName(j)] = j;
            var unknown = file.Columns.Where(c => !_columns.ContainsKey(c)).ToList();
            if (unknown.Count > 0)
                _problems.Add($"{unknown.Count} exported column(s) are not in the rebuilt model (first: {unknown[0]}): the builder is not deterministic, or the names changed");
            Level = ObjectiveLevels.InOrder.Reverse().Cast<ObjectiveLevel?>().FirstOrDefault(l => ExportedObjectiveIs(l!.Value));
        }

        public MpsFile File { get; }

        /// <summary>The level whose coefficients the exported objective carries; <see langword="null"/> for none (a weighted objective).</summary>
        public ObjectiveLevel? Level { get; }

        public IReadOnlyList<string> Problems => _problems;

        public SolverRun External(string solver, ExternalResult result)
        {
            var detail = result.Detail;
            if (result.Values is null)
                return new SolverRun(solver, result.Status, result.Elapsed, null, Bound(result.FileBound), [], detail);
            var values = new double[_model.Linear.ColumnCount];
            var fileObjective = 0.0;
            foreach (var (name, value) in result.Values)
            {
                if (_columns.TryGetValue(name, out var j)) values[j] = value;
                fileObjective += File.Objective.GetValueOrDefault(name) * value;
            }
            if (result.FileObjective is { } reported && Math.Abs(reported - fileObjective) > 1e-6 * Math.Max(1, Math.Abs(reported)))
                _problems.Add($"{solver} reports objective {reported} but its solution gives {fileObjective}: its solution was misread");
            return Run(solver, result.Status, result.Elapsed, values, result.FileBound, detail);
        }

        public SolverRun Run(string solver, RunStatus status, TimeSpan elapsed, double[] values, double? fileBound, string detail)
        {
            var assignments = RosterPlanner.ToAssignments(_model, values);
            return new SolverRun(solver, status, elapsed, RosterEvaluator.Evaluate(_problem, assignments), Bound(fileBound),
                RosterValidator.Validate(_problem, assignments), detail);
        }

        /// <summary>The library's bound on the exported level.</summary>
        public double? LibraryBound(ObjectiveBound bound) => Level switch
        {
            ObjectiveLevel.Critical => bound.Critical,
            ObjectiveLevel.High => bound.High,
            ObjectiveLevel.Normal => bound.Normal,
            ObjectiveLevel.Low => bound.Low,
            ObjectiveLevel.Cost => bound.Cost,
            ObjectiveLevel.Load => bound.Load,
            _ => null,
        };

        /// <summary>A bound on the file's minimization in the exported level's units (cost in currency, not model units).</summary>
        private double? Bound(double? fileBound)
        {
            if (fileBound is not { } b || Level is not { } level) return null;
            var value = File.FromFile(b);
            return level == ObjectiveLevel.Cost ? value / (double)_model.CostScale : value;
        }

        private bool ExportedObjectiveIs(ObjectiveLevel level)
        {
            var coefficients = _model.Objectives[(int)level];
            var sign = File.Negated ? -1 : 1;
            var any = false;
            foreach (var name in File.Columns)
            {
                if (!_columns.TryGetValue(name, out var j)) return false;
                var c = sign * File.Objective.GetValueOrDefault(name);
                // Objectives cover the tour columns; auxiliary columns (after the tours) carry none.
                if (c != (j < coefficients.Length ? coefficients[j] : 0)) return false;
                any |= c != 0;
            }
            return any;
        }
    }
}
