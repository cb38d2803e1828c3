using System.Collections.Immutable;
using System.Globalization;
using Scrs.Matching.Advice;
using Scrs.Matching.Domain;
using Scrs.Matching.Host.Server;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Simulation;
using Scrs.Matching.Solver;
using Scrs.Matching.Validation;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Host;

/// <summary>The <c>scrs-matching</c> command line: solve, validate, respond, recommend, advise, report, demo, generate, import, serve, simulate, help.</summary>
/// <remarks>
/// Exit codes: 0 success (and <c>--help</c>); 1 a roster that breaks a rule (<c>validate</c>) or an infeasible problem
/// (<c>solve</c>); 2 a bad command line, an input that cannot be read or is invalid, or an output that cannot be written;
/// 3 a solver engine that is not available on this platform; 130, 131, 143 a <c>simulate</c> stopped by SIGINT (Ctrl+C),
/// SIGQUIT or SIGTERM, its finished replications written, marked partial. Every option is checked before any input is read.
/// </remarks>
internal static class CommandLine
{
    /// <summary>
    /// The time the demo allows: its four coverage levels are proven in seconds; with <c>--levels all</c>, the cost level,
    /// where trainings are fixed charges competing for seats, takes minutes (benchmarks/README.md).
    /// </summary>
    private const double DemoTimeLimitSeconds = 600;

    private static readonly string EngineNames = string.Join('|', Enum.GetNames<SolverEngine>().Select(n => n.ToLowerInvariant()));

    private static readonly OptionSpec EngineOption = new("--engine", EngineNames, "solver engine (default auto: the fastest measured)", nameof(PlannerOptions.Engine));

    private static readonly CommandSpec SolveCommand = new("solve",
        "Solves the problem exactly, strictly by priority, writes the roster and prints its summary. Exit code 0 with a roster, "
        + "1 when the problem is infeasible (the roster then has no tours and says why).",
        [new("PROBLEM.json", "the problem (docs/problem-format.md)")],
        [
            new("--out", "ROSTER.json", "where to write the roster (docs/roster-format.md); checked before the solve", Required: true),
            new("--time-limit", "SECONDS", string.Create(CultureInfo.InvariantCulture,
                $"wall-time limit of the whole solve (default {PlannerOptions.Default.TimeLimit.TotalSeconds}; at most {Arguments.MaxSeconds:#,0})"),
                nameof(PlannerOptions.TimeLimit)),
            new("--gap", "G", "relative gap at which a level may stop unproven, in [0, 1) (default 0: prove every level)", nameof(PlannerOptions.RelativeGap)),
            new("--seed", "N", "seed of the solver's random choices (default 0)", nameof(PlannerOptions.Seed)),
            new("--threads", "N", "solver threads, at least 1 (default 1; more makes the roster depend on timing)", nameof(PlannerOptions.Threads)),
            EngineOption,
            new("--export-mps", "MODEL.mps", "also write the last level's model in free MPS format, earlier levels fixed as rows", nameof(PlannerOptions.ModelExportPath)),
            new("--previous", "ROSTER.json", "re-plan from this roster: after coverage, keep as much of it as possible; its tours under way stay (docs/replanning.md)"),
            new("--csv", "ROSTER.csv", "also write the tours as a spreadsheet, one row each (docs/csv-format.md); checked before the solve"),
            new("--unfilled-csv", "UNFILLED.csv", "also write the unfilled positions with their gaps and reasons as a spreadsheet; checked before the solve"),
        ]);

    private static readonly CommandSpec ValidateCommand = new("validate",
        "Checks a roster against every rule of the problem and prints its objective. Exit code 0 when it keeps every rule, "
        + "1 when it breaks one (each violation is listed).",
        [new("PROBLEM.json", "the problem (docs/problem-format.md)"), new("ROSTER.json", "the roster (docs/roster-format.md)")],
        [new("--previous", "ROSTER.json", "the roster it was re-planned from: its tours under way on the planning date are decisions, exempt from the lead time")]);

    private static readonly CommandSpec ReportCommand = new("report",
        "Draws a roster as one self-contained HTML page (docs/report.md): a Gantt chart per operation, the fill, each surge "
        + "limit's daily use, the unfilled positions with their reasons, the objective, bound and gap. A roster that breaks a "
        + "rule is still drawn, its violations listed at the top; the exit code is then 1 (as validate's), else 0.",
        [new("PROBLEM.json", "the problem (docs/problem-format.md)"), new("ROSTER.json", "the roster as solve writes it (docs/roster-format.md)")],
        [
            new("--html", "ROSTER.html", "where to write the page; checked before anything is read", Required: true),
            new("--previous", "ROSTER.json", "the roster it was re-planned from: its tours under way on the planning date are decisions, exempt from the lead time"),
        ]);

    private static readonly CommandSpec DemoCommand = new("demo",
        "Solves the embedded sample corps, corps-ready (4,550 members, 3 operations, 317 positions with 7 teams, FACT and medical credentials and courses), with progress, and prints the summary.",
        [],
        [
            new("--time-limit", "SECONDS", string.Create(CultureInfo.InvariantCulture,
                $"wall-time limit of the whole solve (default {DemoTimeLimitSeconds}; at most {Arguments.MaxSeconds:#,0})"),
                nameof(PlannerOptions.TimeLimit)),
            EngineOption,
            new("--levels", "coverage|all", "the four coverage levels (default), or cost and load too", nameof(PlannerOptions.CoverageOnly)),
        ]);

    private static readonly CommandSpec GenerateCommand = new("generate",
        "Writes a seeded sample problem (docs/sample-corps.md): a family, with any size changed by the options.",
        [],
        [
            new("--out", "PROBLEM.json", "where to write the problem"),
            new("--csv", "FOLDER", "also, or instead, write it as spreadsheets into this folder: members.csv, positions.csv, policy.json (docs/csv-format.md)"),
            new("--family", string.Join('|', SampleCorps.Families.Names), "the sizes to start from (default corps)"),
            new("--seed", "N", $"seed of every random choice (default {SampleCorpsOptions.Default.Seed})", nameof(SampleCorpsOptions.Seed)),
            new("--active", "N", "active members", nameof(SampleCorpsOptions.ActiveMembers)),
            new("--standby", "N", "standby members", nameof(SampleCorpsOptions.StandbyMembers)),
            new("--reserve", "N", "reserve members", nameof(SampleCorpsOptions.ReserveMembers)),
            new("--contractors", "N", "contractors", nameof(SampleCorpsOptions.Contractors)),
            new("--operations", "N", "concurrent operations", nameof(SampleCorpsOptions.Operations)),
            new("--positions", "N", "positions per operation", nameof(SampleCorpsOptions.PositionsPerOperation)),
        ]);

    private static readonly CommandSpec ServeCommand = new("serve",
        "Runs the worker host: roster jobs over HTTP (README, 'Worker host'), stored before they are accepted, run by "
        + "Quartz.NET's job engine, and kept across crashes and restarts. Serves until Ctrl+C or SIGTERM; exit code 0 then.",
        [],
        [
            new("--urls", "URL[;URL]", $"where to listen (default {ServeOptions.DefaultUrl}); an address other than this machine's needs --api-key-file"),
            new("--store", "PATH.db", $"the SQLite file of the jobs (default {ServeOptions.DefaultStore} in the working folder)"),
            new("--postgres", "CONNECTION", "share jobs with other hosts in this PostgreSQL database instead (a connection string)"),
            new("--workers", "N", "solves at once on this host, at least 1 (default: one per core)"),
            new("--api-key-file", "FILE", "a file holding the key every request but /health must carry (X-Api-Key or Authorization: Bearer)"),
            new("--max-body-mb", "N", $"largest request body in MB, at least 1 (default {ServeOptions.DefaultMaxBodyMb})"),
        ]);

    private static readonly CommandSpec SimulateCommand = new("simulate",
        "Runs a scenario's replications (docs/scenario-format.md): each draws declines, departures, absences and arriving "
        + "operations, is planned on the four coverage levels, and is measured; writes the statistics and prints their summary. Ctrl+C or "
        + "SIGTERM stops it: the replications finished are written, marked partial, and the exit code is 130 or 143.",
        [new("SCENARIO.json", "the scenario (docs/scenario-format.md)")],
        [
            new("--out", "RESULTS.json", "where to write the results; checked before the run", Required: true),
            new("--replications", "N", "replications to run, at least 1 (default: the scenario's)"),
            new("--seed", "S", "the seed (default: the scenario's); replication i depends only on the scenario and (seed, i)"),
            new("--mode", "static|rolling", "plan each replication once with its future known, or re-plan as time moves (default: the scenario's)"),
            new("--parallel", "N", "replications solved at once, at least 1 (default 1); the results do not depend on it", nameof(SimulationOptions.Parallel)),
            new("--precision", "W", "stop once every priority's 95% interval of the mean fill rate is at most W wide (checked every 10 replications)",
                nameof(SimulationOptions.Precision)),
            new("--html", "REPORT.html", "also write a self-contained page: the monthly fill bands per priority, the positions most likely unfilled"),
        ]);

    private static readonly CommandSpec RespondCommand = new("respond",
        "Writes the next problem from the answers to a roster's offers: each accepted offer becomes a dated lock per tour of the "
        + "member on the position, each declined one an exclusion (docs/replanning.md). Re-plan it with solve --previous ROSTER.json.",
        [new("PROBLEM.json", "the problem the roster was planned for"), new("ROSTER.json", "the roster whose offers were answered")],
        [
            new("--out", "NEXT.json", "where to write the next problem; checked before anything is read", Required: true),
            new("--accept", "MEMBER:POSITION", "an offer accepted (repeat the option, or separate offers by commas)", Repeatable: true),
            new("--decline", "MEMBER:POSITION", "an offer declined, or a release the agency refused", Repeatable: true),
        ]);

    private static readonly CommandSpec RecommendCommand = new("recommend",
        "Ranks the members for a seat of a position by the exact effect on every level of giving it to them (each locked in "
        + "and the problem re-planned from the roster), and with --member says why that member is not there (docs/replanning.md).",
        [new("PROBLEM.json", "the problem"), new("ROSTER.json", "the roster planned for it")],
        [
            new("--position", "P", "the position whose seat to fill", Required: true),
            new("--start", "DATE", "a day of the seat's rotation slot (default: the first slot the roster leaves a seat of empty)"),
            new("--top", "N", "how many candidates to rank, at least 1 (default 5)", nameof(RecommendationRequest.Top)),
            new("--member", "M", "also say why this member is not in the seat, or what putting them there would cost"),
            new("--out", "RECOMMENDATIONS.json", "also write the ranking as JSON"),
            new("--time-limit", "SECONDS", string.Create(CultureInfo.InvariantCulture,
                $"wall-time limit of each re-plan (default {PlannerOptions.Default.TimeLimit.TotalSeconds})"), nameof(PlannerOptions.TimeLimit)),
            EngineOption,
        ]);

    private static readonly CommandSpec AdviseCommand = new("advise",
        "Advises whom to recruit and which surge limit to raise so that fewer seats stay empty, each with the seat-days per "
        + "priority it gains, proven by solving the problem with the change applied (docs/advice.md).",
        [new("PROBLEM.json", "the problem")],
        [
            new("--out", "ADVICE.json", "where to write the advice; checked before anything is solved", Required: true),
            new("--roster", "ROSTER.json", "a roster planned for the problem, whose empty seats to target (default: plan one, coverage only)"),
            new("--top", "N", "how many pieces of advice, at least 1 (default 10)", nameof(AdviceOptions.Top)),
            new("--time-limit", "SECONDS", string.Create(CultureInfo.InvariantCulture,
                $"wall-time limit of each solve (default {PlannerOptions.Default.TimeLimit.TotalSeconds})"), nameof(PlannerOptions.TimeLimit)),
            EngineOption,
        ]);

    private static readonly CommandSpec ImportCommand = new("import",
        "Reads a problem from spreadsheets (docs/csv-format.md) and writes it in the problem format: one row per member, one per "
        + "position (grouped into operations by their operation column), and optional locks, exclusions and policy. Every error of "
        + "every file is listed at once, with its file, line and column; then nothing is written and the exit code is 2.",
        [],
        [
            new("--members", "MEMBERS.csv", "the members, one a row", Required: true),
            new("--positions", "POSITIONS.csv", "the positions, one a row", Required: true),
            new("--locks", "LOCKS.csv", "assignments the roster must keep, one a row"),
            new("--exclusions", "EXCLUSIONS.csv", "places members must not be assigned, one a row"),
            new("--policy", "POLICY.json", "the problem format's policy object (default: the default policy)"),
            new("--planning-date", "DATE", "the day the plan is made, yyyy-MM-dd (default: today's date in UTC)"),
            new("--out", "PROBLEM.json", "where to write the problem; checked before anything is read", Required: true),
        ]);

    private static readonly CommandSpec[] Commands =
        [SolveCommand, ValidateCommand, RespondCommand, RecommendCommand, AdviseCommand, ReportCommand, DemoCommand, GenerateCommand, ImportCommand, ServeCommand, SimulateCommand];

    /// <summary>The usage of every command.</summary>
    public static string Usage { get; } = "usage:" + Environment.NewLine
        + string.Join(Environment.NewLine, Commands.Select(c => "  " + c.Synopsis)) + Environment.NewLine
        + "  scrs-matching help [COMMAND]    (or COMMAND --help)";

    /// <summary>Runs the command line <paramref name="args"/>, writing results to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    /// <returns>The exit code (see the class remarks).</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length == 0) throw new UsageException("no command given");
            if (args[0] is "help" or "--help" or "-h") return Help(args[1..], output);
            var command = Commands.FirstOrDefault(c => c.Name == args[0])
                ?? throw new UsageException($"unknown command '{args[0]}'{Spelling.Suggest(args[0], Commands.Select(c => c.Name).ToArray())}");
            if (args.Skip(1).Any(a => a is "--help" or "-h"))
            {
                output.WriteLine(command.Help);
                return 0;
            }
            var arguments = Arguments.Parse(command, args[1..]);
            return command.Name switch
            {
                "solve" => Solve(arguments, output),
                "validate" => Validate(arguments, output),
                "respond" => Respond(arguments, output),
                "recommend" => Recommend(arguments, output),
                "advise" => Advise(arguments, output),
                "report" => Report(arguments, output),
                "demo" => Demo(arguments, output),
                "serve" => Serve(arguments, error),
                "simulate" => Simulate(arguments, output),
                "import" => Import(arguments, output),
                _ => Generate(arguments, output),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine(e.Command is { } command ? $"usage: {command.Synopsis}{Environment.NewLine}(scrs-matching {command.Name} --help for details)" : Usage);
            return 2;
        }
        catch (FileException e)
        {
            error.WriteLine($"error: {e.Message}");
            foreach (var line in e.Lines) error.WriteLine($"  {line}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The model export, written by the library: its path was checked before the solve, so the disk filled up since.
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (SolverUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 3;
        }
    }

    private static int Help(string[] args, TextWriter output)
    {
        if (args.Length > 1) throw new UsageException($"unexpected argument '{args[1]}' (help takes at most one command)");
        if (args.Length == 0)
        {
            output.WriteLine(Usage);
            return 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]) ?? throw new UsageException($"unknown command '{args[0]}'");
        output.WriteLine(command.Help);
        return 0;
    }

    private static int Solve(Arguments args, TextWriter output)
    {
        var options = PlannerOptionsFrom(args, PlannerOptions.Default.TimeLimit) with { ModelExportPath = args.Value("--export-mps") };
        // Ctrl+C, SIGQUIT or SIGTERM stop the search: the best roster found is written, marked cancelled.
        using var signals = new StopSignals();
        using var outputs = new OutputFiles();
        var rosterPath = outputs.Reserve("--out", args.Required("--out"));
        if (options.ModelExportPath is { } model) options = options with { ModelExportPath = outputs.Reserve("--export-mps", model) };
        var csvPath = args.Value("--csv") is { } csv ? outputs.Reserve("--csv", csv) : null;
        var unfilledPath = args.Value("--unfilled-csv") is { } unfilled ? outputs.Reserve("--unfilled-csv", unfilled) : null;
        var problem = ReadProblem(args.Positional(0));
        if (args.Value("--previous") is { } previous) options = options with { Previous = ReadAssignments(previous), PreviousTraining = ReadTraining(previous) };
        var roster = RosterPlanner.Plan(problem, options, signals.Token);
        outputs.Write(rosterPath, RosterJson.Write(roster));
        if (csvPath is not null) outputs.Write(csvPath, RosterCsv.WriteAssignments(problem, roster));
        if (unfilledPath is not null) outputs.Write(unfilledPath, RosterCsv.WriteUnfilled(problem, roster));
        outputs.Keep();
        output.WriteLine(RosterSummary.ToText(problem, roster));
        output.WriteLine($"roster written to {args.Required("--out")}");
        if (roster.Status == RosterStatus.Cancelled) return signals.ExitCode;
        return roster.Status == RosterStatus.Infeasible ? 1 : 0;
    }

    private static int Validate(Arguments args, TextWriter output)
    {
        var problem = ReadProblem(args.Positional(0));
        var assignments = ReadAssignments(args.Positional(1));
        var previous = args.Value("--previous") is { } path ? ReadAssignments(path) : (ImmutableArray<Assignment>?)null;
        var training = ReadTraining(args.Positional(1));
        var previousTraining = args.Value("--previous") is { } before ? ReadTraining(before) : (ImmutableArray<Training>?)null;
        var violations = RosterValidator.Validate(problem, assignments, previous, training, previousTraining);
        if (violations.IsEmpty)
        {
            output.WriteLine($"valid: {assignments.Length} assignments keep every rule");
            output.WriteLine();
            output.WriteLine(RosterSummary.ToText(RosterEvaluator.Evaluate(problem, assignments, previous, training)));
            return 0;
        }
        output.WriteLine($"invalid: {violations.Length} violation(s)");
        foreach (var v in violations) output.WriteLine($"  {v}");
        return 1;
    }

    private static int Respond(Arguments args, TextWriter output)
    {
        var accepted = Offers(args, "--accept");
        var declined = Offers(args, "--decline");
        if (accepted.Count + declined.Count == 0) throw new UsageException("give at least one --accept or --decline", args.Command);
        using var outputs = new OutputFiles();
        var path = outputs.Reserve("--out", args.Required("--out"));
        var problem = ReadProblem(args.Positional(0));
        var roster = ReadAssignments(args.Positional(1));
        DeploymentProblem next;
        try
        {
            next = OfferResponses.Apply(problem, roster, accepted, declined);
        }
        catch (InvalidProblemException e)
        {
            throw new FileException($"{e.Errors.Length} answer(s) cannot be applied to {args.Positional(1)}", e.Errors.Select(x => x.ToString()));
        }
        outputs.Write(path, ProblemJson.Write(next));
        outputs.Keep();
        output.WriteLine($"wrote {args.Required("--out")}: {accepted.Count} offer(s) accepted as {next.Locks.Length - problem.Locks.Length} new lock(s), "
            + $"{declined.Count} declined as exclusions; re-plan with: solve {args.Required("--out")} --previous {args.Positional(1)} --out ROSTER.json");
        // The trainings the accepted tours rely on: the re-plan keeps a credential for each locked tour, in these sessions
        // unless it must move them (its trainingChanges say so), and those begun by then are history.
        var rosterTraining = ReadTraining(args.Positional(1));
        var trainings = rosterTraining.Where(t => accepted.Any(o => o.Member == t.Member)).ToList();
        if (trainings.Count > 0)
            output.WriteLine($"the accepted members' trainings in the roster: {string.Join(", ", trainings.Select(t => $"{t.Member} in {t.Credential} session {t.Session} ({t.Days})"))}");
        var dropped = rosterTraining.Where(t => declined.Any(o => o.Member == t.Member) && !accepted.Any(o => o.Member == t.Member)).ToList();
        if (dropped.Count > 0)
            output.WriteLine($"trainings of members who declined, which the re-plan drops unless another tour needs them: {string.Join(", ", dropped.Select(t => $"{t.Member} in {t.Session}"))}");
        return 0;
    }

    private static int Recommend(Arguments args, TextWriter output)
    {
        var options = PlannerOptionsFrom(args, PlannerOptions.Default.TimeLimit);
        var request = new RecommendationRequest(args.Required("--position"))
        {
            Start = args.Date("--start"),
            Top = args.Int("--top") ?? 5,
            Member = args.Value("--member"),
        };
        using var outputs = new OutputFiles();
        var path = args.Value("--out") is { } o ? outputs.Reserve("--out", o) : null;
        var problem = ReadProblem(args.Positional(0));
        var roster = ReadAssignments(args.Positional(1));
        request = request with { Training = ReadTraining(args.Positional(1)) };
        // Each field of the request is an option of the same name.
        var errors = Recommender.Check(problem, request);
        if (!errors.IsEmpty)
            throw new UsageException(string.Join(Environment.NewLine + "error: ", errors.Select(e => $"option --{e.Field} {e.Message}")), args.Command);
        var recommendations = Recommender.Recommend(problem, roster, request, options);
        if (path is not null)
        {
            outputs.Write(path, RecommendationsJson.Write(recommendations));
            outputs.Keep();
        }
        output.WriteLine(RecommendationsText.ToText(recommendations));
        if (path is not null) output.WriteLine($"recommendations written to {args.Value("--out")}");
        return 0;
    }

    private static int Advise(Arguments args, TextWriter output)
    {
        var options = new AdviceOptions { Top = args.Int("--top") ?? AdviceOptions.Default.Top, Planner = PlannerOptionsFrom(args, PlannerOptions.Default.TimeLimit) };
        if (options.Top < 1) throw new UsageException($"option --top must be at least 1, got '{options.Top}'", args.Command);
        using var outputs = new OutputFiles();
        var path = outputs.Reserve("--out", args.Required("--out"));
        var problem = ReadProblem(args.Positional(0));
        var roster = args.Value("--roster") is { } rosterPath ? ReadAssignments(rosterPath) : (ImmutableArray<Assignment>?)null;
        var report = Advisor.Advise(problem, roster, options);
        outputs.Write(path, AdviceJson.Write(report));
        outputs.Keep();
        output.WriteLine(AdviceText.ToText(report));
        output.WriteLine($"advice written to {args.Required("--out")}");
        return 0;
    }

    private static int Report(Arguments args, TextWriter output)
    {
        using var outputs = new OutputFiles();
        var path = outputs.Reserve("--html", args.Required("--html"));
        var problem = ReadProblem(args.Positional(0));
        var read = RosterJson.Read(ReadFile(args.Positional(1)));
        if (!read.Ok) throw new FileException($"{args.Positional(1)} is not a valid roster", read.Errors.Select(e => e.ToString()));
        var previous = args.Value("--previous") is { } p ? ReadAssignments(p) : (ImmutableArray<Assignment>?)null;
        var violations = RosterValidator.Validate(problem, read.Value!.Assignments, previous, read.Value.Training);
        outputs.Write(path, RosterHtml.Write(problem, read.Value, previous));
        outputs.Keep();
        output.WriteLine($"wrote {args.Required("--html")}: {read.Value.Assignments.Length} tours, {read.Value.Unfilled.Length} unfilled position(s)"
            + (violations.IsEmpty ? "" : $"; the roster breaks {violations.Length} rule(s), listed at the top of the page"));
        return violations.IsEmpty ? 0 : 1;
    }

    private static List<Offer> Offers(Arguments args, string option) =>
        [.. args.Values(option).Select(text => Offer.Parse(text)
            ?? throw new UsageException($"option {option} takes MEMBER:POSITION, got '{text}'", args.Command))];

    private static int Demo(Arguments args, TextWriter output)
    {
        var levels = args.Value("--levels") ?? "coverage";
        if (levels is not ("coverage" or "all")) throw new UsageException($"option --levels must be coverage or all, got '{levels}'", args.Command);
        var options = PlannerOptionsFrom(args, TimeSpan.FromSeconds(DemoTimeLimitSeconds)) with { Progress = new ConsoleProgress(output), CoverageOnly = levels == "coverage" };
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.CorpsReady));
        output.WriteLine($"Sample corps {SampleCorps.Families.CorpsReady} (seed {SampleCorpsOptions.Default.Seed}): {problem.Members.Length} members, "
            + $"{problem.Operations.Length} operations, {problem.Operations.Sum(o => o.Positions.Length)} positions in "
            + $"{problem.Operations.Sum(o => o.Teams.Length)} teams and alone, {problem.Policy.Courses.Sum(c => c.Sessions.Length)} course sessions");
        var roster = RosterPlanner.Plan(problem, options);
        output.WriteLine(RosterSummary.ToText(problem, roster));
        return 0;
    }

    private static int Generate(Arguments args, TextWriter output)
    {
        var sample = args.Value("--family") is { } family ? Family(family, args.Command) : SampleCorpsOptions.Default;
        sample = sample with
        {
            Seed = args.Int("--seed") ?? sample.Seed,
            ActiveMembers = args.Int("--active") ?? sample.ActiveMembers,
            StandbyMembers = args.Int("--standby") ?? sample.StandbyMembers,
            ReserveMembers = args.Int("--reserve") ?? sample.ReserveMembers,
            Contractors = args.Int("--contractors") ?? sample.Contractors,
            Operations = args.Int("--operations") ?? sample.Operations,
            PositionsPerOperation = args.Int("--positions") ?? sample.PositionsPerOperation,
        };
        try
        {
            SampleCorps.Check(sample);
        }
        catch (ArgumentException e)
        {
            throw args.Explain(e);
        }
        var folder = args.Value("--csv");
        if (args.Value("--out") is null && folder is null) throw new UsageException("give --out PROBLEM.json, --csv FOLDER or both", args.Command);
        using var outputs = new OutputFiles();
        var path = args.Value("--out") is { } json ? outputs.Reserve("--out", json) : null;
        var problem = SampleCorps.Generate(sample);
        if (path is not null) outputs.Write(path, ProblemJson.Write(problem));
        // Which files there are depends on the problem (a policy file only when it is not the default), so they are reserved once it is made.
        var sheets = folder is null ? [] : ProblemCsv.Write(problem).All.Select(f => (Name: Path.Combine(folder, f.Name), f.Text)).ToList();
        var sheetPaths = sheets.Select(s => outputs.Reserve("--csv", s.Name)).ToList();
        foreach (var (sheetPath, sheet) in sheetPaths.Zip(sheets)) outputs.Write(sheetPath, sheet.Text);
        outputs.Keep();
        var written = string.Join(", ", new[] { args.Value("--out") }.Concat(sheets.Select(s => s.Name)).OfType<string>());
        output.WriteLine($"wrote {written}: {problem.Members.Length} members, {problem.Operations.Length} operations, "
            + $"{problem.Operations.Sum(o => o.Positions.Length)} positions");
        return 0;
    }

    private static int Import(Arguments args, TextWriter output)
    {
        // Today, as a planner importing this morning's sheets expects; a plan for another day says so.
        var planningDate = args.Date("--planning-date") ?? DateOnly.FromDateTime(DateTime.UtcNow);
        using var outputs = new OutputFiles();
        var path = outputs.Reserve("--out", args.Required("--out"));
        TextFile? Input(string option) => args.Value(option) is { } file ? new TextFile(file, ReadFile(file)) : null;
        var files = new ProblemCsvFiles(Input("--members")!, Input("--positions")!, Input("--locks"), Input("--exclusions"), Input("--policy"));
        var read = ProblemCsv.Read(files, planningDate);
        if (!read.Ok) throw new FileException($"the spreadsheets have {read.Errors.Length} error(s)", read.Errors.Select(e => e.ToString()));
        var problem = read.Value!;
        outputs.Write(path, ProblemJson.Write(problem));
        outputs.Keep();
        output.WriteLine($"wrote {args.Required("--out")}: {problem.Members.Length} members, {problem.Operations.Length} operations, "
            + $"{problem.Operations.Sum(o => o.Positions.Length)} positions, planning date {problem.PlanningDate:yyyy-MM-dd}");
        return 0;
    }

    private static int Simulate(Arguments args, TextWriter output)
    {
        var replications = args.Int("--replications");
        if (replications is < 1) throw new UsageException($"option --replications must be at least 1, got '{replications}'", args.Command);
        var mode = args.Value("--mode") is { } modeName
            ? JsonNames.Modes.TryParse(modeName, out var parsed) ? parsed
                : throw new UsageException($"option --mode must be static or rolling, got '{modeName}'", args.Command)
            : (SimulationMode?)null;
        var options = SimulationOptions.Default with
        {
            Parallel = args.Int("--parallel") ?? SimulationOptions.Default.Parallel,
            Precision = args.Double("--precision"),
            Progress = new SimulationConsoleProgress(output),
        };
        if (options.Parallel < 1) throw new UsageException($"option --parallel must be at least 1, got '{options.Parallel}'", args.Command);
        if (options.Precision is { } precision && !(precision > 0 && double.IsFinite(precision)))
            throw new UsageException($"option --precision must be a number above 0, got '{args.Value("--precision")}'", args.Command);
        // Taken over before the output is reserved, so that no signal leaves it empty.
        using var signals = new StopSignals();
        using var outputs = new OutputFiles();
        var resultsPath = outputs.Reserve("--out", args.Required("--out"));
        var htmlPath = args.Value("--html") is { } html ? outputs.Reserve("--html", html) : null;
        var path = args.Positional(0);
        var read = ScenarioJson.Read(ReadFile(path));
        if (!read.Ok) throw new FileException($"{path} has {read.Errors.Length} error(s)", read.Errors.Select(e => e.ToString()));
        var scenario = read.Value! with
        {
            Replications = replications ?? read.Value!.Replications,
            Seed = args.Int("--seed") ?? read.Value!.Seed,
            Mode = mode ?? read.Value!.Mode,
        };
        // A signal cuts the replications under way short (they are dropped); those finished before are written, marked partial.
        var results = Simulator.Run(scenario, options, signals.Token);
        outputs.Write(resultsPath, ScenarioJson.WriteResults(results, scenario));
        if (htmlPath is not null) outputs.Write(htmlPath, SimulationHtml.Write(results, scenario));
        outputs.Keep();
        output.WriteLine();
        output.WriteLine(SimulationSummary.ToText(results, scenario));
        output.WriteLine($"results written to {args.Required("--out")}" + (htmlPath is null ? "" : $", report to {args.Value("--html")}"));
        if (!results.Partial) return 0;
        output.WriteLine($"stopped by {signals.Received}: {results.Replications} of {scenario.Replications} replication(s) done and written, marked partial");
        return signals.ExitCode;
    }

    private static int Serve(Arguments args, TextWriter error)
    {
        var urls = (args.Value("--urls") ?? ServeOptions.DefaultUrl).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" ? uri
                : throw new UsageException($"option --urls takes http:// or https:// addresses without a path, got '{u}'", args.Command))
            .ToList();
        if (urls.Count == 0) throw new UsageException("option --urls needs at least one address", args.Command);
        if (args.Value("--store") is not null && args.Value("--postgres") is not null)
            throw new UsageException("options --store and --postgres exclude each other: the jobs are in one place", args.Command);
        var workers = args.Int("--workers") ?? ServeOptions.DefaultWorkers;
        if (workers < 1) throw new UsageException($"option --workers must be at least 1, got '{workers}'", args.Command);
        var maxBody = args.Int("--max-body-mb") ?? ServeOptions.DefaultMaxBodyMb;
        if (maxBody < 1) throw new UsageException($"option --max-body-mb must be at least 1, got '{maxBody}'", args.Command);
        string? key = null;
        if (args.Value("--api-key-file") is { } keyFile)
        {
            key = ReadFile(keyFile).Trim();
            if (key.Length == 0) throw new FileException($"cannot use --api-key-file {keyFile}: it is empty", []);
        }
        if (key is null && urls.FirstOrDefault(u => !ServeOptions.IsLoopback(u)) is { } open)
            throw new UsageException($"listening on {open} reaches beyond this machine: give --api-key-file too", args.Command);
        var options = new ServeOptions(urls, Path.GetFullPath(args.Value("--store") ?? ServeOptions.DefaultStore), args.Value("--postgres"),
            workers, key, maxBody * 1024L * 1024L);
        return Server.WorkerHost.Serve(options, error);
    }

    private static SampleCorpsOptions Family(string name, CommandSpec command) =>
        SampleCorps.Families.Names.Contains(name.ToLowerInvariant())
            ? SampleCorps.Families.ForFamily(name)
            : throw new UsageException($"option --family must be one of {string.Join(", ", SampleCorps.Families.Names)}, got '{name}'", command);

    /// <summary>The planner options the command line gives, checked by the library before any input is read.</summary>
    private static PlannerOptions PlannerOptionsFrom(Arguments args, TimeSpan defaultTimeLimit)
    {
        var defaults = PlannerOptions.Default;
        var options = defaults with
        {
            TimeLimit = args.Seconds("--time-limit") ?? defaultTimeLimit,
            RelativeGap = args.Double("--gap") ?? defaults.RelativeGap,
            Seed = args.Int("--seed") ?? defaults.Seed,
            Threads = args.Int("--threads") ?? defaults.Threads,
            Engine = args.Value("--engine") is { } engine ? ParseEngine(engine, args.Command) : defaults.Engine,
        };
        try
        {
            RosterPlanner.Validate(options);
        }
        catch (ArgumentException e)
        {
            throw args.Explain(e);
        }
        return options;
    }

    private static SolverEngine ParseEngine(string name, CommandSpec command) =>
        Enum.GetValues<SolverEngine>().Cast<SolverEngine?>().FirstOrDefault(e => e.ToString()!.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"option --engine must be one of {EngineNames.Replace("|", ", ", StringComparison.Ordinal)}, got '{name}'", command);

    private static DeploymentProblem ReadProblem(string path)
    {
        var read = ProblemJson.Read(ReadFile(path));
        if (!read.Ok) throw new FileException($"{path} has {read.Errors.Length} error(s)", read.Errors.Select(e => e.ToString()));
        return read.Value!;
    }

    private static ImmutableArray<Assignment> ReadAssignments(string path)
    {
        var read = RosterJson.ReadAssignments(ReadFile(path));
        if (!read.Ok) throw new FileException($"{path} is not a valid roster", read.Errors.Select(e => e.ToString()));
        return read.Value;
    }

    private static ImmutableArray<Training> ReadTraining(string path)
    {
        var read = RosterJson.ReadTraining(ReadFile(path));
        if (!read.Ok) throw new FileException($"{path} is not a valid roster", read.Errors.Select(e => e.ToString()));
        return read.Value;
    }

    private static string ReadFile(string path)
    {
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal)) throw new FileException($"cannot read '{path}': that is not a file name", []);
        if (Directory.Exists(path)) throw new FileException($"cannot read {path}: it is a folder", []);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileException($"cannot read {path}: {e.Message}", []);
        }
    }

    private sealed class SimulationConsoleProgress(TextWriter output) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            var left = value.Remaining is { } r && value.Done < value.Total ? string.Create(CultureInfo.InvariantCulture, $", about {r.TotalSeconds:F0} s left") : "";
            var width = value.WidestInterval is { } w ? string.Create(CultureInfo.InvariantCulture, $", widest 95% interval {w:F4}") : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{value.Elapsed.TotalSeconds,7:F1} s] {value.Done}/{value.Total} replications{left}{width}"));
        }
    }

    private sealed class ConsoleProgress(TextWriter output) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{value.Elapsed.TotalSeconds,7:F2} s] {value.Stage}: {value.Message}"));
    }
}

/// <summary>A file that cannot be read or written, or an input that is invalid; <see cref="Lines"/> lists every problem.</summary>
internal sealed class FileException(string message, IEnumerable<string> lines) : Exception(message)
{
    /// <summary>The problems found, one a line (for an invalid input, every error with its field and id).</summary>
    public IReadOnlyList<string> Lines { get; } = [.. lines];
}
