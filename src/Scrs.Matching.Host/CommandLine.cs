using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
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

/// <summary>
/// The <c>scrs-matching</c> command line, on System.CommandLine: solve, validate, respond, recommend, advise, report,
/// demo, generate, import, serve, simulate, completion, help; <c>--help</c> on each, response files (<c>@FILE.rsp</c>, one
/// word or option a line) and shell completion through the <c>[suggest]</c> directive.
/// </summary>
/// <remarks>
/// Exit codes: 0 success (and <c>--help</c>); 1 a roster that breaks a rule (<c>validate</c>) or an infeasible problem
/// (<c>solve</c>); 2 a bad command line, an input that cannot be read or is invalid, or an output that cannot be written;
/// 3 a solver engine that is not available on this platform; 130, 131, 143 a <c>simulate</c> or <c>solve</c> stopped by
/// SIGINT (Ctrl+C), SIGQUIT or SIGTERM: the finished replications written, marked partial, or the best roster found,
/// marked cancelled. Every option is checked before any input is read.
/// </remarks>
internal static class CommandLine
{
    /// <summary>
    /// The time the demo allows: its four coverage levels are proven in seconds; with <c>--levels all</c>, the cost level,
    /// where trainings are fixed charges competing for seats, takes minutes (benchmarks/README.md).
    /// </summary>
    private const double DemoTimeLimitSeconds = 600;

    /// <summary>Runs the command line <paramref name="args"/>, writing results to <paramref name="output"/> and errors and progress to <paramref name="error"/>.</summary>
    /// <returns>The exit code (see the class remarks).</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var result = Root().Parse(args);
        try
        {
            if (result.Action is ParseErrorAction) throw new UsageException(string.Join(Environment.NewLine + "error: ", Usage.Errors(result)));
            // Exceptions come here, to be said as errors; simulate takes the stop signals over itself.
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine(Usage.Of(result.CommandResult.Command));
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

    /// <summary>Every command, each with its options and what it does.</summary>
    private static RootCommand Root()
    {
        var root = new RootCommand("Plans deployments of civilian responders exactly, strictly by priority, and checks, explains, re-plans and simulates them.")
        {
            Solve(), Validate(), Respond(), Recommend(), Advise(), Report(), Demo(), Generate(), Import(), Serve(), Simulate(), CompletionCommand(),
        };
        root.Add(Help(root));
        root.Options.OfType<HelpOption>().Single().Action = Usage.HelpAction();
        root.SetAction(NoCommand);
        return root;
    }

    private static int NoCommand(ParseResult result) => throw new UsageException("no command given");

    private static TextWriter Output(ParseResult result) => result.InvocationConfiguration.Output;

    private static TextWriter Error(ParseResult result) => result.InvocationConfiguration.Error;

    private static Command Help(RootCommand root)
    {
        var name = new Argument<string?>("COMMAND") { Description = "the command whose arguments and options to print (default: the usage of every command)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Prints the usage of every command, or the arguments and options of one.") { name };
        command.SetAction(result =>
        {
            var names = root.Subcommands.Select(c => c.Name).ToArray();
            if (result.GetValue(name) is not { } target) return root.Parse(["--help"]).Invoke(result.InvocationConfiguration);
            return names.Contains(target)
                ? root.Parse([target, "--help"]).Invoke(result.InvocationConfiguration)
                : throw new UsageException($"unknown command '{target}'{Spelling.Suggest(target, names)}");
        });
        return command;
    }

    private static Command CompletionCommand()
    {
        var shell = new Argument<string>("SHELL") { Description = $"the shell: {string.Join(", ", Completion.Shells)}" };
        shell.CompletionSources.Add(Completion.Shells);
        shell.Validators.Add(argument =>
        {
            if (argument.Tokens is [var given] && !Completion.Shells.Contains(given.Value))
                argument.AddError($"argument SHELL must be one of {string.Join(", ", Completion.Shells)}, got '{given.Value}'");
        });
        var command = new Command("completion",
            "Prints a script that completes this command's commands and options in the shell; load it in the shell's profile, "
            + "for bash: source <(scrs-matching completion bash).") { shell };
        command.SetAction(result =>
        {
            Output(result).WriteLine(Completion.Script(result.GetRequiredValue(shell)));
            return 0;
        });
        return command;
    }

    private static Command Solve()
    {
        var problem = Cli.Argument("PROBLEM.json", "the problem (docs/problem-format.md)");
        var rosterOut = Cli.Text("--out", "ROSTER.json", "where to write the roster (docs/roster-format.md); checked before the solve", required: true);
        var planner = new PlannerSymbols(PlannerOptions.Default.TimeLimit, "the whole solve", all: true);
        var exportMps = Cli.Text("--export-mps", "MODEL.mps", "also write the last level's model in free MPS format, earlier levels fixed as rows");
        var previous = Cli.Text("--previous", "ROSTER.json", "re-plan from this roster: after coverage, keep as much of it as possible; its tours under way stay (docs/replanning.md)");
        var csvOut = Cli.Text("--csv", "ROSTER.csv", "also write the tours as a spreadsheet, one row each (docs/csv-format.md); checked before the solve");
        var unfilledOut = Cli.Text("--unfilled-csv", "UNFILLED.csv", "also write the unfilled positions with their gaps and reasons as a spreadsheet; checked before the solve");
        var quiet = Cli.Quiet();
        var command = new Command("solve",
            "Solves the problem exactly, strictly by priority, writes the roster and prints its summary. Exit code 0 with a roster, "
            + "1 when the problem is infeasible (the roster then has no tours and says why). Ctrl+C or SIGTERM stops the search: "
            + "the best roster found is written, marked cancelled, and the exit code is 130 or 143.")
        {
            problem, rosterOut, planner.TimeLimit, planner.Gap!, planner.Seed!, planner.Threads!, planner.Engine, exportMps, previous, csvOut, unfilledOut, quiet,
        };
        command.SetAction(result =>
        {
            var options = planner.From(result) with { ModelExportPath = result.GetValue(exportMps) };
            // Ctrl+C, SIGQUIT or SIGTERM stop the search: the best roster found is written, marked cancelled.
            using var signals = new StopSignals();
            using var outputs = new OutputFiles();
            var rosterPath = outputs.Reserve("--out", result.GetRequiredValue(rosterOut));
            if (options.ModelExportPath is { } model) options = options with { ModelExportPath = outputs.Reserve("--export-mps", model) };
            var csvPath = result.GetValue(csvOut) is { } csv ? outputs.Reserve("--csv", csv) : null;
            var unfilledPath = result.GetValue(unfilledOut) is { } unfilled ? outputs.Reserve("--unfilled-csv", unfilled) : null;
            var deployment = ReadProblem(result.GetRequiredValue(problem));
            if (result.GetValue(previous) is { } before && ReadRoster(before) is var (tours, trainings)) options = options with { Previous = tours, PreviousTraining = trainings };
            Roster roster;
            using (var progress = ProgressLine.OnError(Error(result), result.GetValue(quiet)))
                roster = RosterPlanner.Plan(deployment, options with { Progress = progress?.Plan() }, signals.Token);
            outputs.Write(rosterPath, RosterJson.Write(roster));
            if (csvPath is not null) outputs.Write(csvPath, RosterCsv.WriteAssignments(deployment, roster));
            if (unfilledPath is not null) outputs.Write(unfilledPath, RosterCsv.WriteUnfilled(deployment, roster));
            outputs.Keep();
            Output(result).WriteLine(RosterSummary.ToText(deployment, roster));
            Output(result).WriteLine($"roster written to {result.GetValue(rosterOut)}");
            if (roster.Status == RosterStatus.Cancelled) return signals.ExitCode;
            return roster.Status == RosterStatus.Infeasible ? 1 : 0;
        });
        return command;
    }

    private static Command Validate()
    {
        var problem = Cli.Argument("PROBLEM.json", "the problem (docs/problem-format.md)");
        var rosterIn = Cli.Argument("ROSTER.json", "the roster (docs/roster-format.md)");
        var previousIn = Cli.Text("--previous", "ROSTER.json", "the roster it was re-planned from: its tours under way on the planning date are decisions, exempt from the lead time");
        var command = new Command("validate",
            "Checks a roster against every rule of the problem and prints its objective. Exit code 0 when it keeps every rule, "
            + "1 when it breaks one (each violation is listed).") { problem, rosterIn, previousIn };
        command.SetAction(result =>
        {
            var output = Output(result);
            var deployment = ReadProblem(result.GetRequiredValue(problem));
            var (assignments, training) = ReadRoster(result.GetRequiredValue(rosterIn));
            var before = result.GetValue(previousIn) is { } path ? ReadRoster(path) : ((ImmutableArray<Assignment> Assignments, ImmutableArray<Training> Training)?)null;
            var (previous, previousTraining) = (before?.Assignments, before?.Training);
            var violations = RosterValidator.Validate(deployment, assignments, previous, training, previousTraining);
            if (violations.IsEmpty)
            {
                output.WriteLine($"valid: {assignments.Length} assignments keep every rule");
                output.WriteLine();
                output.WriteLine(RosterSummary.ToText(RosterEvaluator.Evaluate(deployment, assignments, previous, training)));
                return 0;
            }
            output.WriteLine($"invalid: {violations.Length} violation(s)");
            foreach (var v in violations) output.WriteLine($"  {v}");
            return 1;
        });
        return command;
    }

    private static Command Respond()
    {
        var problem = Cli.Argument("PROBLEM.json", "the problem the roster was planned for");
        var rosterIn = Cli.Argument("ROSTER.json", "the roster whose offers were answered");
        var nextOut = Cli.Text("--out", "NEXT.json", "where to write the next problem; checked before anything is read", required: true);
        var accept = Offers("--accept", "an offer accepted (repeat the option, or separate offers by commas)");
        var decline = Offers("--decline", "an offer declined, or a release the agency refused");
        var command = new Command("respond",
            "Writes the next problem from the answers to a roster's offers: each accepted offer becomes a dated lock per tour of the "
            + "member on the position, each declined one an exclusion (docs/replanning.md). Re-plan it with solve --previous ROSTER.json.")
        {
            problem, rosterIn, nextOut, accept, decline,
        };
        command.SetAction(result =>
        {
            var output = Output(result);
            var accepted = result.GetValue(accept) ?? [];
            var declined = result.GetValue(decline) ?? [];
            if (accepted.Length + declined.Length == 0) throw new UsageException("give at least one --accept or --decline");
            var rosterPath = result.GetRequiredValue(rosterIn);
            var next = result.GetRequiredValue(nextOut);
            using var outputs = new OutputFiles();
            var path = outputs.Reserve("--out", next);
            var deployment = ReadProblem(result.GetRequiredValue(problem));
            var (roster, rosterTraining) = ReadRoster(rosterPath);
            DeploymentProblem answered;
            try
            {
                answered = OfferResponses.Apply(deployment, roster, accepted, declined);
            }
            catch (InvalidProblemException e)
            {
                throw new FileException($"{e.Errors.Length} answer(s) cannot be applied to {rosterPath}", e.Errors.Select(x => x.ToString()));
            }
            outputs.Write(path, ProblemJson.Write(answered));
            outputs.Keep();
            output.WriteLine($"wrote {next}: {accepted.Length} offer(s) accepted as {answered.Locks.Length - deployment.Locks.Length} new lock(s), "
                + $"{declined.Length} declined as exclusions; re-plan with: solve {next} --previous {rosterPath} --out ROSTER.json");
            // The trainings the accepted tours rely on: the re-plan keeps a credential for each locked tour, in these sessions
            // unless it must move them (its trainingChanges say so), and those begun by then are history.
            var trainings = rosterTraining.Where(t => accepted.Any(o => o.Member == t.Member)).ToList();
            if (trainings.Count > 0)
                output.WriteLine($"the accepted members' trainings in the roster: {string.Join(", ", trainings.Select(t => $"{t.Member} in {t.Credential} session {t.Session} ({t.Days})"))}");
            var dropped = rosterTraining.Where(t => declined.Any(o => o.Member == t.Member) && !accepted.Any(o => o.Member == t.Member)).ToList();
            if (dropped.Count > 0)
                output.WriteLine($"trainings of members who declined, which the re-plan drops unless another tour needs them: {string.Join(", ", dropped.Select(t => $"{t.Member} in {t.Session}"))}");
            return 0;
        });
        return command;
    }

    private static Option<Offer[]> Offers(string name, string description) =>
        Cli.Repeated(name, "MEMBER:POSITION", description, "takes MEMBER:POSITION", Offer.Parse);

    private static Command Recommend()
    {
        var problem = Cli.Argument("PROBLEM.json", "the problem");
        var rosterIn = Cli.Argument("ROSTER.json", "the roster planned for it");
        var position = Cli.Text("--position", "P", "the position whose seat to fill", required: true);
        var start = Cli.Date("--start", "a day of the seat's rotation slot, yyyy-MM-dd (default: the first slot the roster leaves a seat of empty)");
        var top = Cli.Int("--top", "N", "how many candidates to rank, at least 1 (default 5)");
        var member = Cli.Text("--member", "M", "also say why this member is not in the seat, or what putting them there would cost");
        var recommendationsOut = Cli.Text("--out", "RECOMMENDATIONS.json", "also write the ranking as JSON");
        var planner = new PlannerSymbols(PlannerOptions.Default.TimeLimit, "each re-plan", all: false);
        var quiet = Cli.Quiet();
        var command = new Command("recommend",
            "Ranks the members for a seat of a position by the exact effect on every level of giving it to them (each locked in "
            + "and the problem re-planned from the roster), and with --member says why that member is not there (docs/replanning.md).")
        {
            problem, rosterIn, position, start, top, member, recommendationsOut, planner.TimeLimit, planner.Engine, quiet,
        };
        command.SetAction(result =>
        {
            var options = planner.From(result);
            var request = new RecommendationRequest(result.GetRequiredValue(position))
            {
                Start = result.GetValue(start),
                Top = result.GetValue(top) ?? 5,
                Member = result.GetValue(member),
            };
            using var outputs = new OutputFiles();
            var path = result.GetValue(recommendationsOut) is { } o ? outputs.Reserve("--out", o) : null;
            var deployment = ReadProblem(result.GetRequiredValue(problem));
            var (roster, training) = ReadRoster(result.GetRequiredValue(rosterIn));
            request = request with { Training = training };
            // Each field of the request is an option of the same name.
            var errors = Recommender.Check(deployment, request);
            if (!errors.IsEmpty) throw new UsageException(string.Join(Environment.NewLine + "error: ", errors.Select(e => $"option --{e.Field} {e.Message}")));
            Recommendations recommendations;
            using (var progress = ProgressLine.OnError(Error(result), result.GetValue(quiet)))
                recommendations = Recommender.Recommend(deployment, roster, request, options with { Progress = progress?.Plan() });
            if (path is not null)
            {
                outputs.Write(path, RecommendationsJson.Write(recommendations));
                outputs.Keep();
            }
            Output(result).WriteLine(RecommendationsText.ToText(recommendations));
            if (path is not null) Output(result).WriteLine($"recommendations written to {result.GetValue(recommendationsOut)}");
            return 0;
        });
        return command;
    }

    private static Command Advise()
    {
        var problem = Cli.Argument("PROBLEM.json", "the problem");
        var adviceOut = Cli.Text("--out", "ADVICE.json", "where to write the advice; checked before anything is solved", required: true);
        var rosterIn = Cli.Text("--roster", "ROSTER.json", "a roster planned for the problem, whose empty seats to target (default: plan one, coverage only)");
        var top = Cli.Int("--top", "N", $"how many pieces of advice, at least 1 (default {AdviceOptions.Default.Top})", min: 1);
        var planner = new PlannerSymbols(PlannerOptions.Default.TimeLimit, "each solve", all: false);
        var quiet = Cli.Quiet();
        var command = new Command("advise",
            "Advises whom to recruit and which surge limit to raise so that fewer seats stay empty, each with the seat-days per "
            + "priority it gains, proven by solving the problem with the change applied (docs/advice.md).")
        {
            problem, adviceOut, rosterIn, top, planner.TimeLimit, planner.Engine, quiet,
        };
        command.SetAction(result =>
        {
            var options = new AdviceOptions { Top = result.GetValue(top) ?? AdviceOptions.Default.Top, Planner = planner.From(result) };
            using var outputs = new OutputFiles();
            var path = outputs.Reserve("--out", result.GetRequiredValue(adviceOut));
            var deployment = ReadProblem(result.GetRequiredValue(problem));
            var roster = result.GetValue(rosterIn) is { } rosterPath ? ReadAssignments(rosterPath) : (ImmutableArray<Assignment>?)null;
            AdviceReport report;
            using (var progress = ProgressLine.OnError(Error(result), result.GetValue(quiet)))
                report = Advisor.Advise(deployment, roster, options with { Planner = options.Planner with { Progress = progress?.Plan() } });
            outputs.Write(path, AdviceJson.Write(report));
            outputs.Keep();
            Output(result).WriteLine(AdviceText.ToText(report));
            Output(result).WriteLine($"advice written to {result.GetValue(adviceOut)}");
            return 0;
        });
        return command;
    }

    private static Command Report()
    {
        var problem = Cli.Argument("PROBLEM.json", "the problem (docs/problem-format.md)");
        var rosterIn = Cli.Argument("ROSTER.json", "the roster as solve writes it (docs/roster-format.md)");
        var htmlOut = Cli.Text("--html", "ROSTER.html", "where to write the page; checked before anything is read", required: true);
        var previousIn = Cli.Text("--previous", "ROSTER.json", "the roster it was re-planned from: its tours under way on the planning date are decisions, exempt from the lead time");
        var command = new Command("report",
            "Draws a roster as one self-contained HTML page (docs/report.md): a Gantt chart per operation, the fill, each surge "
            + "limit's daily use, the unfilled positions with their reasons, the objective, bound and gap. A roster that breaks a "
            + "rule is still drawn, its violations listed at the top; the exit code is then 1 (as validate's), else 0.")
        {
            problem, rosterIn, htmlOut, previousIn,
        };
        command.SetAction(result =>
        {
            using var outputs = new OutputFiles();
            var path = outputs.Reserve("--html", result.GetRequiredValue(htmlOut));
            var deployment = ReadProblem(result.GetRequiredValue(problem));
            var rosterPath = result.GetRequiredValue(rosterIn);
            var read = RosterJson.Read(ReadFile(rosterPath));
            if (!read.Ok) throw new FileException($"{rosterPath} is not a valid roster", read.Errors.Select(e => e.ToString()));
            var previous = result.GetValue(previousIn) is { } p ? ReadAssignments(p) : (ImmutableArray<Assignment>?)null;
            var violations = RosterValidator.Validate(deployment, read.Value!.Assignments, previous, read.Value.Training);
            outputs.Write(path, RosterHtml.Write(deployment, read.Value, previous));
            outputs.Keep();
            Output(result).WriteLine($"wrote {result.GetValue(htmlOut)}: {read.Value.Assignments.Length} tours, {read.Value.Unfilled.Length} unfilled position(s)"
                + (violations.IsEmpty ? "" : $"; the roster breaks {violations.Length} rule(s), listed at the top of the page"));
            return violations.IsEmpty ? 0 : 1;
        });
        return command;
    }

    private static Command Demo()
    {
        var planner = new PlannerSymbols(TimeSpan.FromSeconds(DemoTimeLimitSeconds), "the whole solve", all: false);
        var levels = Cli.Choice("--levels", ["coverage", "all"], "the four coverage levels (default), or cost and load too", name => name);
        var command = new Command("demo",
            "Solves the embedded sample corps, corps-ready (4,550 members, 3 operations, 317 positions with 7 teams, FACT and medical "
            + "credentials and courses), with progress, and prints the summary.")
        {
            planner.TimeLimit, planner.Engine, levels,
        };
        command.SetAction(result =>
        {
            var output = Output(result);
            // The demo shows its progress with its results, as the README shows them.
            var options = planner.From(result) with { Progress = ProgressLine.Lines(output).Plan(), CoverageOnly = (result.GetValue(levels) ?? "coverage") == "coverage" };
            var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.CorpsReady));
            output.WriteLine($"Sample corps {SampleCorps.Families.CorpsReady} (seed {SampleCorpsOptions.Default.Seed}): {problem.Members.Length} members, "
                + $"{problem.Operations.Length} operations, {problem.Operations.Sum(o => o.Positions.Length)} positions in "
                + $"{problem.Operations.Sum(o => o.Teams.Length)} teams and alone, {problem.Policy.Courses.Sum(c => c.Sessions.Length)} course sessions");
            var roster = RosterPlanner.Plan(problem, options);
            output.WriteLine(RosterSummary.ToText(problem, roster));
            return 0;
        });
        return command;
    }

    private static Command Generate()
    {
        var problemOut = Cli.Text("--out", "PROBLEM.json", "where to write the problem");
        var csvFolder = Cli.Text("--csv", "FOLDER", "also, or instead, write it as spreadsheets into this folder: members.csv, positions.csv, policy.json (docs/csv-format.md)");
        var family = Cli.Choice<SampleCorpsOptions?>("--family", SampleCorps.Families.Names, "the sizes to start from (default corps)", SampleCorps.Families.ForFamily);
        var seed = Cli.Int("--seed", "N", $"seed of every random choice (default {SampleCorpsOptions.Default.Seed})");
        var active = Cli.Int("--active", "N", "active members");
        var standby = Cli.Int("--standby", "N", "standby members");
        var reserve = Cli.Int("--reserve", "N", "reserve members");
        var contractors = Cli.Int("--contractors", "N", "contractors");
        var operations = Cli.Int("--operations", "N", "concurrent operations");
        var positions = Cli.Int("--positions", "N", "positions per operation");
        var properties = new Dictionary<string, Option>
        {
            [nameof(SampleCorpsOptions.Seed)] = seed,
            [nameof(SampleCorpsOptions.ActiveMembers)] = active,
            [nameof(SampleCorpsOptions.StandbyMembers)] = standby,
            [nameof(SampleCorpsOptions.ReserveMembers)] = reserve,
            [nameof(SampleCorpsOptions.Contractors)] = contractors,
            [nameof(SampleCorpsOptions.Operations)] = operations,
            [nameof(SampleCorpsOptions.PositionsPerOperation)] = positions,
        };
        var command = new Command("generate", "Writes a seeded sample problem (docs/sample-corps.md): a family, with any size changed by the options.")
        {
            problemOut, csvFolder, family, seed, active, standby, reserve, contractors, operations, positions,
        };
        command.SetAction(result =>
        {
            var sample = result.GetValue(family) ?? SampleCorpsOptions.Default;
            sample = sample with
            {
                Seed = result.GetValue(seed) ?? sample.Seed,
                ActiveMembers = result.GetValue(active) ?? sample.ActiveMembers,
                StandbyMembers = result.GetValue(standby) ?? sample.StandbyMembers,
                ReserveMembers = result.GetValue(reserve) ?? sample.ReserveMembers,
                Contractors = result.GetValue(contractors) ?? sample.Contractors,
                Operations = result.GetValue(operations) ?? sample.Operations,
                PositionsPerOperation = result.GetValue(positions) ?? sample.PositionsPerOperation,
            };
            try
            {
                SampleCorps.Check(sample);
            }
            catch (ArgumentException e)
            {
                throw Cli.Explain(e, result, properties);
            }
            var json = result.GetValue(problemOut);
            var folder = result.GetValue(csvFolder);
            if (json is null && folder is null) throw new UsageException("give --out PROBLEM.json, --csv FOLDER or both");
            using var outputs = new OutputFiles();
            var path = json is null ? null : outputs.Reserve("--out", json);
            var problem = SampleCorps.Generate(sample);
            if (path is not null) outputs.Write(path, ProblemJson.Write(problem));
            // Which files there are depends on the problem (a policy file only when it is not the default), so they are reserved once it is made.
            var sheets = folder is null ? [] : ProblemCsv.Write(problem).All.Select(f => (Name: Path.Combine(folder, f.Name), f.Text)).ToList();
            var sheetPaths = sheets.Select(s => outputs.Reserve("--csv", s.Name)).ToList();
            foreach (var (sheetPath, sheet) in sheetPaths.Zip(sheets)) outputs.Write(sheetPath, sheet.Text);
            outputs.Keep();
            var written = string.Join(", ", new[] { json }.Concat(sheets.Select(s => s.Name)).OfType<string>());
            Output(result).WriteLine($"wrote {written}: {problem.Members.Length} members, {problem.Operations.Length} operations, "
                + $"{problem.Operations.Sum(o => o.Positions.Length)} positions");
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var members = Cli.Text("--members", "MEMBERS.csv", "the members, one a row", required: true);
        var positions = Cli.Text("--positions", "POSITIONS.csv", "the positions, one a row", required: true);
        var locks = Cli.Text("--locks", "LOCKS.csv", "assignments the roster must keep, one a row");
        var exclusions = Cli.Text("--exclusions", "EXCLUSIONS.csv", "places members must not be assigned, one a row");
        var policy = Cli.Text("--policy", "POLICY.json", "the problem format's policy object (default: the default policy)");
        var planningDate = Cli.Date("--planning-date", "the day the plan is made, yyyy-MM-dd (default: today's date in UTC)");
        var problemOut = Cli.Text("--out", "PROBLEM.json", "where to write the problem; checked before anything is read", required: true);
        var command = new Command("import",
            "Reads a problem from spreadsheets (docs/csv-format.md) and writes it in the problem format: one row per member, one per "
            + "position (grouped into operations by their operation column), and optional locks, exclusions and policy. Every error of "
            + "every file is listed at once, with its file, line and column; then nothing is written and the exit code is 2.")
        {
            members, positions, locks, exclusions, policy, planningDate, problemOut,
        };
        command.SetAction(result =>
        {
            // Today, as a planner importing this morning's sheets expects; a plan for another day says so.
            var date = result.GetValue(planningDate) ?? DateOnly.FromDateTime(DateTime.UtcNow);
            using var outputs = new OutputFiles();
            var path = outputs.Reserve("--out", result.GetRequiredValue(problemOut));
            TextFile? Input(Option<string> option) => result.GetValue(option) is { } file ? new TextFile(file, ReadFile(file)) : null;
            var files = new ProblemCsvFiles(Input(members)!, Input(positions)!, Input(locks), Input(exclusions), Input(policy));
            var read = ProblemCsv.Read(files, date);
            if (!read.Ok) throw new FileException($"the spreadsheets have {read.Errors.Length} error(s)", read.Errors.Select(e => e.ToString()));
            var problem = read.Value!;
            outputs.Write(path, ProblemJson.Write(problem));
            outputs.Keep();
            Output(result).WriteLine($"wrote {result.GetValue(problemOut)}: {problem.Members.Length} members, {problem.Operations.Length} operations, "
                + $"{problem.Operations.Sum(o => o.Positions.Length)} positions, planning date {problem.PlanningDate:yyyy-MM-dd}");
            return 0;
        });
        return command;
    }

    private static Command Simulate()
    {
        var scenarioIn = Cli.Argument("SCENARIO.json", "the scenario (docs/scenario-format.md)");
        var resultsOut = Cli.Text("--out", "RESULTS.json", "where to write the results; checked before the run", required: true);
        var replications = Cli.Int("--replications", "N", "replications to run, at least 1 (default: the scenario's)", min: 1);
        var seed = Cli.Int("--seed", "S", "the seed (default: the scenario's); replication i depends only on the scenario and (seed, i)");
        var mode = Cli.Choice<SimulationMode?>("--mode", [.. Enum.GetValues<SimulationMode>().Select(JsonNames.Modes.Name)],
            "plan each replication once with its future known, or re-plan as time moves (default: the scenario's)",
            name => JsonNames.Modes.TryParse(name, out var parsed) ? parsed : null);
        var parallel = Cli.Int("--parallel", "N", $"replications solved at once, from 1 to {Cli.MaxParallel} (default 1); the results do not depend on it",
            min: 1, max: Cli.MaxParallel);
        var precision = Cli.Number("--precision", "W", "stop once every priority's 95% interval of the mean fill rate is at most W wide (checked every 10 replications)",
            positive: true);
        var htmlOut = Cli.Text("--html", "REPORT.html", "also write a self-contained page: the monthly fill bands per priority, the positions most likely unfilled");
        var quiet = Cli.Quiet();
        var command = new Command("simulate",
            "Runs a scenario's replications (docs/scenario-format.md): each draws declines, departures, absences and arriving "
            + "operations, is planned on the four coverage levels, and is measured; writes the statistics and prints their summary. Ctrl+C or "
            + "SIGTERM stops it: the replications finished are written, marked partial, and the exit code is 130 or 143.")
        {
            scenarioIn, resultsOut, replications, seed, mode, parallel, precision, htmlOut, quiet,
        };
        command.SetAction(result =>
        {
            var output = Output(result);
            // Taken over before the output is reserved, so that no signal leaves it empty.
            using var signals = new StopSignals();
            using var outputs = new OutputFiles();
            var resultsPath = outputs.Reserve("--out", result.GetRequiredValue(resultsOut));
            var htmlPath = result.GetValue(htmlOut) is { } html ? outputs.Reserve("--html", html) : null;
            var path = result.GetRequiredValue(scenarioIn);
            var read = ScenarioJson.Read(ReadFile(path));
            if (!read.Ok) throw new FileException($"{path} has {read.Errors.Length} error(s)", read.Errors.Select(e => e.ToString()));
            var scenario = read.Value! with
            {
                Replications = result.GetValue(replications) ?? read.Value!.Replications,
                Seed = result.GetValue(seed) ?? read.Value!.Seed,
                Mode = result.GetValue(mode) ?? read.Value!.Mode,
            };
            SimulationResults results;
            // A signal cuts the replications under way short (they are dropped); those finished before are written, marked partial.
            using (var progress = ProgressLine.OnError(Error(result), result.GetValue(quiet)))
            {
                var options = SimulationOptions.Default with
                {
                    Parallel = result.GetValue(parallel) ?? SimulationOptions.Default.Parallel,
                    Precision = result.GetValue(precision),
                    Progress = progress?.Simulation(),
                };
                results = Simulator.Run(scenario, options, signals.Token);
            }
            outputs.Write(resultsPath, ScenarioJson.WriteResults(results, scenario));
            if (htmlPath is not null) outputs.Write(htmlPath, SimulationHtml.Write(results, scenario));
            outputs.Keep();
            output.WriteLine();
            output.WriteLine(SimulationSummary.ToText(results, scenario));
            output.WriteLine($"results written to {result.GetValue(resultsOut)}" + (htmlPath is null ? "" : $", report to {result.GetValue(htmlOut)}"));
            if (!results.Partial) return 0;
            output.WriteLine($"stopped by {signals.Received}: {results.Replications} of {scenario.Replications} replication(s) done and written, marked partial");
            return signals.ExitCode;
        });
        return command;
    }

    private static Command Serve()
    {
        var urlsOption = Cli.Text("--urls", "URL[;URL]", $"where to listen (default {ServeOptions.DefaultUrl}); an address other than this machine's needs --api-key-file");
        var store = Cli.Text("--store", "PATH.db", $"the SQLite file of the jobs (default {ServeOptions.DefaultStore} in the working folder)");
        var postgres = Cli.Text("--postgres", "CONNECTION", "share jobs with other hosts in this PostgreSQL database instead (a connection string)");
        var workers = Cli.Int("--workers", "N", $"solves at once on this host, from 1 to {Cli.MaxWorkers} (default: one per core)", min: 1, max: Cli.MaxWorkers);
        var keyFile = Cli.Text("--api-key-file", "FILE", "a file holding the key every request but /health and /alive must carry (X-Api-Key or Authorization: Bearer)");
        var maxBody = Cli.Int("--max-body-mb", "N", $"largest request body in MB, at least 1 (default {ServeOptions.DefaultMaxBodyMb})", min: 1);
        var submissions = Cli.Int("--max-submissions-per-minute", "N",
            $"POSTs a minute per API key, or per client address without one, before 429; 0 for no limit (default {ServeOptions.DefaultMaxSubmissionsPerMinute})", min: 0);
        var command = new Command("serve",
            "Runs the worker host: roster jobs over HTTP (README, 'Worker host'), stored before they are accepted, run by "
            + "Quartz.NET's job engine, and kept across crashes and restarts. Serves until Ctrl+C or SIGTERM; exit code 0 then.")
        {
            urlsOption, store, postgres, workers, keyFile, maxBody, submissions,
        };
        command.SetAction(result =>
        {
            var urls = (result.GetValue(urlsOption) ?? ServeOptions.DefaultUrl).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" ? uri
                    : throw new UsageException($"option --urls takes http:// or https:// addresses without a path, got '{u}'"))
                .ToList();
            if (urls.Count == 0) throw new UsageException("option --urls needs at least one address");
            if (result.GetValue(store) is not null && result.GetValue(postgres) is not null)
                throw new UsageException("options --store and --postgres exclude each other: the jobs are in one place");
            string? key = null;
            if (result.GetValue(keyFile) is { } file)
            {
                key = ReadFile(file).Trim();
                if (key.Length == 0) throw new FileException($"cannot use --api-key-file {file}: it is empty", []);
            }
            if (key is null && urls.FirstOrDefault(u => !ServeOptions.IsLoopback(u)) is { } open)
                throw new UsageException($"listening on {open} reaches beyond this machine: give --api-key-file too");
            var options = new ServeOptions(urls, Path.GetFullPath(result.GetValue(store) ?? ServeOptions.DefaultStore), result.GetValue(postgres),
                result.GetValue(workers) ?? ServeOptions.DefaultWorkers, key, (result.GetValue(maxBody) ?? ServeOptions.DefaultMaxBodyMb) * 1024L * 1024L)
            {
                MaxSubmissionsPerMinute = result.GetValue(submissions) ?? ServeOptions.DefaultMaxSubmissionsPerMinute,
            };
            return Server.WorkerHost.Serve(options, Error(result));
        });
        return command;
    }

    /// <summary>The planner's options of a command (<c>solve</c> has them all, the others the time limit and the engine), checked by the library before any input is read.</summary>
    private sealed class PlannerSymbols
    {
        private static readonly string[] EngineNames = [.. Enum.GetNames<SolverEngine>().Select(n => n.ToLowerInvariant())];

        private readonly TimeSpan _defaultLimit;
        private readonly Dictionary<string, Option> _properties;

        /// <param name="defaultLimit">The time limit without <c>--time-limit</c>.</param>
        /// <param name="limitOf">What the time limit bounds, for the help: the whole solve, each re-plan.</param>
        /// <param name="all">Also <c>--gap</c>, <c>--seed</c> and <c>--threads</c>.</param>
        public PlannerSymbols(TimeSpan defaultLimit, string limitOf, bool all)
        {
            _defaultLimit = defaultLimit;
            TimeLimit = Cli.Seconds("--time-limit", string.Create(CultureInfo.InvariantCulture,
                $"wall-time limit of {limitOf} (default {defaultLimit.TotalSeconds}; at most {Cli.MaxSeconds:#,0})"));
            Engine = Cli.Choice<SolverEngine?>("--engine", EngineNames, "solver engine (default auto: the fastest measured)", name => Enum.Parse<SolverEngine>(name, ignoreCase: true));
            _properties = new() { [nameof(PlannerOptions.TimeLimit)] = TimeLimit, [nameof(PlannerOptions.Engine)] = Engine };
            if (!all) return;
            Gap = Cli.Number("--gap", "G", "relative gap at which a level may stop unproven, in [0, 1) (default 0: prove every level)");
            Seed = Cli.Int("--seed", "N", "seed of the solver's random choices (default 0)");
            Threads = Cli.Int("--threads", "N", $"solver threads, from 1 to {Cli.MaxThreads} (default 1; more makes the roster depend on timing)", max: Cli.MaxThreads);
            _properties[nameof(PlannerOptions.RelativeGap)] = Gap;
            _properties[nameof(PlannerOptions.Seed)] = Seed;
            _properties[nameof(PlannerOptions.Threads)] = Threads;
        }

        /// <summary><c>--time-limit SECONDS</c>.</summary>
        public Option<TimeSpan?> TimeLimit { get; }

        /// <summary><c>--engine auto|cpsat|highs|cbc</c>.</summary>
        public Option<SolverEngine?> Engine { get; }

        /// <summary><c>--gap G</c>, when the command has it.</summary>
        public Option<double?>? Gap { get; }

        /// <summary><c>--seed N</c>, when the command has it.</summary>
        public Option<int?>? Seed { get; }

        /// <summary><c>--threads N</c>, when the command has it; at least 1 is the library's rule, at most <see cref="Cli.MaxThreads"/> the command line's.</summary>
        public Option<int?>? Threads { get; }

        /// <summary>The planner options the command line gives, checked by the library; its complaint names the options.</summary>
        public PlannerOptions From(ParseResult result)
        {
            var defaults = PlannerOptions.Default;
            var options = defaults with
            {
                TimeLimit = result.GetValue(TimeLimit) ?? _defaultLimit,
                RelativeGap = (Gap is null ? null : result.GetValue(Gap)) ?? defaults.RelativeGap,
                Seed = (Seed is null ? null : result.GetValue(Seed)) ?? defaults.Seed,
                Threads = (Threads is null ? null : result.GetValue(Threads)) ?? defaults.Threads,
                Engine = result.GetValue(Engine) ?? defaults.Engine,
            };
            try
            {
                RosterPlanner.Validate(options);
            }
            catch (ArgumentException e)
            {
                throw Cli.Explain(e, result, _properties);
            }
            return options;
        }
    }

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

    /// <summary>A roster file's tours and trainings, read and parsed once.</summary>
    private static (ImmutableArray<Assignment> Assignments, ImmutableArray<Training> Training) ReadRoster(string path)
    {
        var read = RosterJson.ReadTours(ReadFile(path));
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

}

/// <summary>A file that cannot be read or written, or an input that is invalid; <see cref="Lines"/> lists every problem.</summary>
internal sealed class FileException(string message, IEnumerable<string> lines) : Exception(message)
{
    /// <summary>The problems found, one a line (for an invalid input, every error with its field and id).</summary>
    public IReadOnlyList<string> Lines { get; } = [.. lines];
}
