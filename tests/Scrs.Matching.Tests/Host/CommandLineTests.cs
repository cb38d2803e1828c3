using Scrs.Matching.Host;

namespace Scrs.Matching.Tests.Host;

/// <summary>The command line as a user meets it: <see cref="CommandLine.Run"/> with its output and errors captured.</summary>
public sealed class CommandLineTests : IDisposable
{
    private const string TinyProblem = Server.ServerClient.TinyProblem;

    /// <summary>The tiny problem with M1 locked onto both overlapping positions.</summary>
    private static readonly string ConflictingLocks = TinyProblem.TrimEnd().TrimEnd('}')
        + """, "locks": [ { "member": "M1", "position": "P1" }, { "member": "M1", "position": "P2" } ] }""";

    private readonly string _folder = Directory.CreateTempSubdirectory("scrs-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    /// <summary>The tiny problem written to p.json and solved to r1.json; returns the problem's path.</summary>
    private string SolvedTinyProblem()
    {
        var problem = Write("p.json", TinyProblem);
        Assert.Equal(0, Run("solve", problem, "--out", PathOf("r1.json")).Code);
        return problem;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A failure as the user sees it: exit code 2, an error naming what is wrong, nothing that looks like a crash.</summary>
    private static string AssertUsageError((int Code, string Output, string Error) run, string expected)
    {
        Assert.Equal(2, run.Code);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.Error, StringComparison.Ordinal);
        return run.Error;
    }

    // --- help ---

    [Theory]
    [InlineData("solve", "--help")]
    [InlineData("validate", "--help")]
    [InlineData("respond", "--help")]
    [InlineData("recommend", "--help")]
    [InlineData("advise", "--help")]
    [InlineData("report", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("generate", "--help")]
    [InlineData("import", "--help")]
    [InlineData("serve", "--help")]
    [InlineData("simulate", "--help")]
    [InlineData("completion", "--help")]
    [InlineData("help", "--help")]
    [InlineData("solve", "-h")]
    [InlineData("generate", "-h")]
    public void Help_on_every_command_prints_its_usage_and_exits_0(string command, string flag)
    {
        var (code, output, error) = Run(command, flag);

        Assert.Equal(0, code);
        Assert.StartsWith($"usage: scrs-matching {command}", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Simulate_writes_the_results_and_the_report_prints_the_summary_and_lists_every_scenario_error()
    {
        var scenario = Write("scenario.json", $$"""{ "problem": {{TinyProblem}}, "replications": 12, "seed": 3, "declines": { "active": 0.5 }, "sustain": { "critical": 1 } }""");
        var (code, output, error) = Run("simulate", scenario, "--out", PathOf("results.json"), "--html", PathOf("report.html"), "--parallel", "2");
        Assert.True(code == 0, error);
        Assert.Contains("12 replication(s), seed 3", output, StringComparison.Ordinal);
        Assert.Contains("sustained in every month", output, StringComparison.Ordinal);
        using (var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("results.json"))))
            Assert.Equal(12, results.RootElement.GetProperty("replications").GetInt32());
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(PathOf("report.html")), StringComparison.Ordinal);

        var bad = Write("bad.json", """{ "sample": { "family": "nope" }, "declines": { "standby": 3 }, "replications": 0 }""");
        var (badCode, _, badError) = Run("simulate", bad, "--out", PathOf("bad-results.json"));
        Assert.Equal(2, badCode);
        foreach (var field in new[] { "sample.family", "declines.standby", "replications" }) Assert.Contains(field + ":", badError, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("bad-results.json")));
    }

    [Fact]
    public void Simulate_mode_rolling_overrides_the_scenarios_mode_and_a_bad_mode_is_a_usage_error()
    {
        var scenario = Write("rolling.json", $$"""{ "problem": {{TinyProblem}}, "replications": 4, "seed": 3, "declines": { "active": 0.5 } }""");
        var (code, output, error) = Run("simulate", scenario, "--out", PathOf("rolling-results.json"), "--mode", "rolling");
        Assert.True(code == 0, error);
        Assert.Contains("4 replication(s), seed 3, rolling mode", output, StringComparison.Ordinal);
        using (var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("rolling-results.json"))))
            Assert.Equal("rolling", results.RootElement.GetProperty("mode").GetString());
        var (badCode, _, badError) = Run("simulate", scenario, "--out", PathOf("bad-mode.json"), "--mode", "sometimes");
        Assert.Equal(2, badCode);
        Assert.Contains("option --mode must be static or rolling, got 'sometimes'", badError, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_after_other_arguments_still_prints_the_usage_and_exits_0()
    {
        var (code, output, _) = Run("generate", "--out", "x.json", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--family small|corps|corps-ready|surge|large", output, StringComparison.Ordinal);
        Assert.False(File.Exists("x.json"));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_alone_lists_every_command_and_exits_0(string word)
    {
        var (code, output, _) = Run(word);

        Assert.Equal(0, code);
        foreach (var command in new[] { "solve", "validate", "demo", "generate" })
            Assert.Contains($"scrs-matching {command}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_with_a_command_prints_that_commands_usage()
    {
        var (code, output, _) = Run("help", "validate");

        Assert.Equal(0, code);
        Assert.StartsWith("usage: scrs-matching validate PROBLEM.json ROSTER.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_prints_the_usage_and_exits_2()
    {
        var (code, output, error) = Run();

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("scrs-matching solve PROBLEM.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_command_is_an_error_suggesting_the_nearest() =>
        AssertUsageError(Run("solv", "p.json"), "unknown command 'solv' (did you mean 'solve'?)");

    // --- unknown options, extra arguments ---

    [Fact]
    public void Misspelt_option_is_an_error_naming_it_and_suggesting_the_right_one()
    {
        var error = AssertUsageError(Run("solve", PathOf("missing.json"), "--out", PathOf("r.json"), "--time-limt", "3"),
            "solve has no option '--time-limt' (did you mean '--time-limit'?)");
        Assert.DoesNotContain("cannot read", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo", "--seed", "3")]
    [InlineData("generate", "--out", "x.json", "--threads", "2")]
    [InlineData("solve", "p.json", "--out", "r.json", "--family", "small")]
    public void Option_of_another_command_is_an_error_for_this_one(params string[] args) =>
        AssertUsageError(Run(args), $"{args[0]} has no option '{args[^2]}'");

    [Fact]
    public void Option_of_no_command_lists_the_commands_options() =>
        AssertUsageError(Run("validate", "p.json", "r.json", "--out", "x"), "validate has no option '--out'; its options: --previous");

    [Theory]
    [InlineData("solve", "p.json", "extra.json", "--out", "r.json")]
    [InlineData("validate", "p.json", "r.json", "extra.json")]
    [InlineData("demo", "extra.json")]
    [InlineData("generate", "extra.json", "--out", "x.json")]
    public void Extra_positional_argument_is_an_error_naming_it(params string[] args) =>
        AssertUsageError(Run(args), "unexpected argument 'extra.json'");

    [Fact]
    public void Option_without_its_value_is_an_error() =>
        AssertUsageError(Run("solve", "p.json", "--out", "--seed", "3"), "option --out needs a value (ROSTER.json)");

    [Fact]
    public void Option_given_twice_is_an_error() =>
        AssertUsageError(Run("generate", "--out", "a.json", "--out", "b.json"), "option --out is given twice");

    [Fact]
    public void Missing_required_option_and_argument_are_errors()
    {
        AssertUsageError(Run("solve", "p.json"), "missing option --out ROSTER.json");
        AssertUsageError(Run("validate", "p.json"), "missing argument ROSTER.json");
    }

    // --- option values, checked before the problem is read ---

    [Theory]
    [InlineData("1e300")]
    [InlineData("inf")]
    [InlineData("Infinity")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1e-9")]
    [InlineData("NaN")]
    [InlineData("1000001")]
    [InlineData("soon")]
    public void Time_limit_out_of_range_is_an_error_before_the_problem_is_read(string limit)
    {
        var error = AssertUsageError(Run("solve", PathOf("missing.json"), "--out", PathOf("r.json"), "--time-limit", limit),
            $"option --time-limit must be a number of seconds from 0.001 to 1,000,000, got '{limit}'");
        Assert.DoesNotContain("missing.json", error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("r.json")));
    }

    [Fact]
    public void Demo_time_limit_is_checked_before_the_corps_is_generated() =>
        AssertUsageError(Run("demo", "--time-limit", "1e300"), "option --time-limit must be a number of seconds");

    [Theory]
    [InlineData("--threads", "0", "option --threads must be at least 1, got '0'")]
    [InlineData("--threads", "-4", "option --threads must be at least 1, got '-4'")]
    [InlineData("--gap", "1", "option --gap must be in [0, 1), got '1'")]
    [InlineData("--gap", "NaN", "option --gap must be in [0, 1), got 'NaN'")]
    [InlineData("--gap", "-0.5", "option --gap must be in [0, 1), got '-0.5'")]
    [InlineData("--seed", "1.5", "option --seed must be a whole number, got '1.5'")]
    [InlineData("--engine", "gurobi", "option --engine must be one of auto, cpsat, highs, cbc, got 'gurobi'")]
    public void Planner_option_error_names_the_option_not_the_library_property(string option, string value, string expected)
    {
        var error = AssertUsageError(Run("solve", PathOf("missing.json"), "--out", PathOf("r.json"), option, value), expected);
        Assert.DoesNotContain("Threads", error, StringComparison.Ordinal);
        Assert.DoesNotContain("RelativeGap", error, StringComparison.Ordinal);
        Assert.DoesNotContain("missing.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_option_errors_name_every_option_not_the_library_property()
    {
        var error = AssertUsageError(Run("generate", "--out", PathOf("g.json"), "--active", "-1", "--positions", "-2"),
            "option --active must not be negative, got '-1'");
        Assert.Contains("option --positions must not be negative, got '-2'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("SampleCorpsOptions", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ActiveMembers", error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("g.json")));
    }

    [Fact]
    public void Unknown_family_is_an_error_listing_the_families() =>
        AssertUsageError(Run("generate", "--out", PathOf("g.json"), "--family", "huge"),
            "option --family must be one of small, corps, corps-ready, surge, large, got 'huge'");

    // --- outputs, checked before the problem is read and the solve starts ---

    [Fact]
    public void Output_in_a_missing_folder_is_an_error_before_the_problem_is_read()
    {
        var path = Path.Combine(_folder, "no-such-folder", "r.json");
        var error = AssertUsageError(Run("solve", PathOf("missing.json"), "--out", path), $"cannot write --out {path}: folder");
        Assert.DoesNotContain("cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_that_is_a_folder_is_an_error() =>
        AssertUsageError(Run("solve", PathOf("missing.json"), "--out", _folder), $"cannot write --out {_folder}: it is a folder");

    [Fact]
    public void Output_on_a_full_disk_is_an_error_before_the_problem_is_read()
    {
        var error = AssertUsageError(Run("solve", PathOf("missing.json"), "--out", "/dev/full"), "cannot write --out /dev/full: No space left on device");
        Assert.DoesNotContain("cannot read", error, StringComparison.Ordinal);
        AssertUsageError(Run("generate", "--family", "small", "--out", "/dev/full"), "cannot write --out /dev/full");
    }

    [Fact]
    public void An_output_file_is_replaced_whole_keeping_its_permissions_and_a_link_is_written_through()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes
        string[] generate = ["generate", "--family", "small", "--operations", "1", "--positions", "2", "--out"];
        var existing = Write("g.json", "old");
        File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var target = Write("target.json", "old");
        var link = PathOf("link.json");
        File.CreateSymbolicLink(link, target);
        using var reader = new StreamReader(existing);

        Assert.Equal(0, Run([.. generate, existing]).Code);
        Assert.Equal(0, Run([.. generate, link]).Code);

        // A new file moved over the old one: whoever reads the old one never sees half of the new.
        Assert.Equal("old", reader.ReadToEnd());
        Assert.StartsWith("{", File.ReadAllText(existing), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(existing));
        Assert.NotNull(File.ResolveLinkTarget(link, returnFinalTarget: false));
        Assert.Equal(File.ReadAllText(existing), File.ReadAllText(target));
        Assert.Equal(["g.json", "link.json", "target.json"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Empty_output_path_is_an_error() =>
        AssertUsageError(Run("solve", PathOf("missing.json"), "--out", ""), "cannot write --out : that is not a file name");

    [Fact]
    public void Problem_that_is_a_folder_or_an_empty_path_is_an_error()
    {
        AssertUsageError(Run("solve", _folder, "--out", PathOf("r.json")), $"cannot read {_folder}: it is a folder");
        AssertUsageError(Run("validate", "", PathOf("r.json")), "cannot read '': that is not a file name");
        Assert.False(File.Exists(PathOf("r.json")));
    }

    [Fact]
    public void Model_export_that_cannot_be_written_is_an_error_and_leaves_no_roster_file()
    {
        var problem = Write("p.json", TinyProblem);
        var path = Path.Combine(_folder, "no-such-folder", "m.mps");

        AssertUsageError(Run("solve", problem, "--out", PathOf("r.json"), "--export-mps", path), $"cannot write --export-mps {path}");

        Assert.False(File.Exists(PathOf("r.json")));
    }

    [Fact]
    public void Output_and_model_export_naming_one_file_is_an_error() =>
        AssertUsageError(Run("solve", Write("p.json", TinyProblem), "--out", PathOf("x"), "--export-mps", PathOf("x")),
            "options --out and --export-mps name the same file");

    [Fact]
    public void Failed_run_leaves_no_stray_output_file_and_an_existing_one_unchanged()
    {
        AssertUsageError(Run("solve", PathOf("missing.json"), "--out", PathOf("new.json")), "cannot read");
        Assert.False(File.Exists(PathOf("new.json")));

        var existing = Write("old.json", "keep me\n");
        AssertUsageError(Run("solve", PathOf("missing.json"), "--out", existing), "cannot read");
        Assert.Equal("keep me\n", File.ReadAllText(existing));
    }

    // --- inputs ---

    [Fact]
    public void Problem_without_members_is_an_error_naming_the_list_and_writes_no_roster()
    {
        var problem = Write("p.json", """{ "planningDate": "2025-03-01", "operations": [] }""");

        AssertUsageError(Run("solve", problem, "--out", PathOf("r.json")), "members: is required");

        Assert.False(File.Exists(PathOf("r.json")));
    }

    // --- whole runs ---

    [Fact]
    public void Solve_writes_the_roster_and_validate_prints_its_objective_readably()
    {
        var problem = Write("p.json", TinyProblem);
        var roster = PathOf("r.json");

        var solve = Run("solve", problem, "--out", roster);
        Assert.Equal(0, solve.Code);
        Assert.Contains("optimal", solve.Output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"optimal\"", File.ReadAllText(roster), StringComparison.Ordinal);

        var validate = Run("validate", problem, roster);
        Assert.Equal(0, validate.Code);
        Assert.Contains("valid: 2 assignments keep every rule", validate.Output, StringComparison.Ordinal);
        Assert.Contains(validate.Output.Split(Environment.NewLine), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["critical", "90"]);
        Assert.DoesNotContain("ObjectiveValues", validate.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("{", validate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_with_previous_keeps_the_roster_and_lists_every_tour_as_kept()
    {
        var problem = SolvedTinyProblem();

        var replan = Run("solve", problem, "--previous", PathOf("r1.json"), "--out", PathOf("r2.json"));
        Assert.Equal(0, replan.Code);
        Assert.Contains(replan.Output.Split(Environment.NewLine), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["changes", "0", "0"]);
        Assert.Contains("2 kept", replan.Output, StringComparison.Ordinal);
        using var roster = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("r2.json")));
        Assert.Equal(0, roster.RootElement.GetProperty("objective").GetProperty("changes").GetInt32());
        Assert.Equal(0, roster.RootElement.GetProperty("bound").GetProperty("changes").GetInt32());
        Assert.All(roster.RootElement.GetProperty("changes").EnumerateArray(), c => Assert.Equal("kept", c.GetProperty("kind").GetString()));

        var validate = Run("validate", problem, PathOf("r2.json"), "--previous", PathOf("r1.json"));
        Assert.Equal(0, validate.Code);
        Assert.Contains(validate.Output.Split(Environment.NewLine), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["changes", "0"]);
    }

    [Fact]
    public void Respond_writes_the_next_problem_with_locks_and_exclusions_and_the_replan_keeps_them()
    {
        var problem = SolvedTinyProblem();

        var respond = Run("respond", problem, PathOf("r1.json"), "--accept", "M1:P1", "--decline", "M2:P2", "--out", PathOf("next.json"));
        Assert.Equal(0, respond.Code);
        Assert.Contains("1 offer(s) accepted as 1 new lock(s), 1 declined as exclusions", respond.Output, StringComparison.Ordinal);
        var next = Scrs.Matching.Input.ProblemJson.Read(File.ReadAllText(PathOf("next.json")));
        Assert.True(next.Ok);
        Assert.Equal([new Scrs.Matching.Domain.AssignmentLock("M1", "P1", new(2025, 4, 1), new(2025, 6, 29))], next.Value!.Locks.ToArray());
        Assert.Equal([new Scrs.Matching.Domain.Exclusion("M2", "P2")], next.Value.Exclusions.ToArray());

        var replan = Run("solve", PathOf("next.json"), "--previous", PathOf("r1.json"), "--out", PathOf("r2.json"));
        Assert.Equal(0, replan.Code);
        Assert.Contains("1 kept, 1 removed", replan.Output, StringComparison.Ordinal);
        Assert.Contains("member is excluded from the position", replan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Respond_names_the_accepted_members_trainings_and_the_replan_keeps_them_as_plans()
    {
        // A tiny problem with courses whose roster trains someone; their offer accepted.
        var (problem, roster) = Enumerable.Range(0, 200).Select(Oracles.TinyProblems.GenerateWithCourses)
            .Select(p => (p, Scrs.Matching.Planning.RosterPlanner.Plan(p))).First(x => x.Item2.Training.Length >= 1);
        var path = Write("courses.json", Scrs.Matching.Input.ProblemJson.Write(problem));
        Assert.Equal(0, Run("solve", path, "--out", PathOf("r1.json")).Code);
        var trained = Scrs.Matching.Input.RosterJson.ReadTraining(File.ReadAllText(PathOf("r1.json"))).Value[0];
        var tour = Scrs.Matching.Input.RosterJson.ReadAssignments(File.ReadAllText(PathOf("r1.json"))).Value.First(a => a.Member == trained.Member);

        var respond = Run("respond", path, PathOf("r1.json"), "--accept", $"{tour.Member}:{tour.Position}", "--out", PathOf("next.json"));
        Assert.Equal(0, respond.Code);
        Assert.Contains($"the accepted members' trainings in the roster: {trained.Member} in {trained.Credential} session {trained.Session} ({trained.Days})", respond.Output, StringComparison.Ordinal);

        var replan = Run("solve", PathOf("next.json"), "--previous", PathOf("r1.json"), "--out", PathOf("r2.json"));
        Assert.Equal(0, replan.Code);
        Assert.Contains("Training changes from the previous roster", replan.Output, StringComparison.Ordinal);
        var again = Scrs.Matching.Input.RosterJson.Read(File.ReadAllText(PathOf("r2.json"))).Value!;
        Assert.Contains(again.TrainingChanges, c => c.Kind == Scrs.Matching.Report.ChangeKind.Kept && c.Member == trained.Member && c.Session == trained.Session);
    }

    [Fact]
    public void Respond_reports_every_answer_it_cannot_apply_and_writes_nothing()
    {
        var problem = SolvedTinyProblem();
        var run = Run("respond", problem, PathOf("r1.json"), "--accept", "M9:P1,M1:P2", "--decline", "M1:P1", "--accept", "M1:P1", "--out", PathOf("next.json"));
        AssertUsageError(run, "4 answer(s) cannot be applied");
        Assert.Contains("accepted[0].member (id 'M9:P1'): no member has id 'M9'", run.Error, StringComparison.Ordinal);
        Assert.Contains("declined[0] (id 'M1:P1'): the same offer is also accepted", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("next.json")));

        AssertUsageError(Run("respond", problem, PathOf("r1.json"), "--accept", "M1-P1", "--out", PathOf("next.json")),
            "option --accept takes MEMBER:POSITION, got 'M1-P1'");
        AssertUsageError(Run("respond", problem, PathOf("r1.json"), "--out", PathOf("next.json")), "give at least one --accept or --decline");
    }

    [Fact]
    public void Recommend_ranks_the_members_for_a_seat_explains_one_and_writes_the_json()
    {
        var problem = SolvedTinyProblem();
        var run = Run("recommend", problem, PathOf("r1.json"), "--position", "P1", "--member", "M2", "--out", PathOf("recs.json"));
        Assert.Equal(0, run.Code);
        Assert.Contains("Seat of position P1, 2025-04-01..2025-06-29", run.Output, StringComparison.Ordinal);
        Assert.Contains("Why not M2", run.Output, StringComparison.Ordinal);
        using var recs = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("recs.json")));
        Assert.Equal("P1", recs.RootElement.GetProperty("position").GetString());
        var candidate = Assert.Single(recs.RootElement.GetProperty("candidates").EnumerateArray());
        Assert.Equal("M2", candidate.GetProperty("member").GetString());
        Assert.True(candidate.GetProperty("proven").GetBoolean());
        Assert.True(recs.RootElement.GetProperty("member").GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public void Recommend_errors_name_the_option()
    {
        var problem = SolvedTinyProblem();
        AssertUsageError(Run("recommend", problem, PathOf("r1.json"), "--position", "P9"), "option --position no position has id 'P9'");
        AssertUsageError(Run("recommend", problem, PathOf("r1.json"), "--position", "P1", "--member", "M9"), "option --member no member has id 'M9'");
        AssertUsageError(Run("recommend", problem, PathOf("r1.json"), "--position", "P1", "--top", "0"), "option --top must be at least 1, got 0");
        AssertUsageError(Run("recommend", problem, PathOf("r1.json"), "--position", "P1", "--start", "1 April"), "option --start must be a date yyyy-MM-dd, got '1 April'");
        AssertUsageError(Run("recommend", problem, PathOf("r1.json"), "--position", "P1", "--start", "2026-01-01"), "option --start must be within position 'P1''s window 2025-04-01..2025-06-29, got '2026-01-01'");
        AssertUsageError(Run("recommend", problem, PathOf("r1.json")), "missing option --position P");
    }

    [Fact]
    public void Advise_writes_the_advice_with_its_proven_gains_and_prints_them()
    {
        // Once P1 (critical) asks for French nobody qualifies: one French speaker recruited fills its 90 days.
        var problem = Write("p.json", TinyProblem.Replace("\"priority\": \"critical\" }", "\"priority\": \"critical\", \"languages\": [\"French\"] }", StringComparison.Ordinal));
        var run = Run("advise", problem, "--out", PathOf("advice.json"), "--top", "3");
        Assert.Equal(0, run.Code);
        Assert.Contains("1 active member with French: +90 critical seat-days", run.Output, StringComparison.Ordinal);
        using var advice = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("advice.json")));
        var first = advice.RootElement.GetProperty("advice")[0];
        Assert.Equal("recruit", first.GetProperty("kind").GetString());
        Assert.Equal(90, first.GetProperty("gain").GetProperty("critical").GetInt32());
        Assert.Equal("French", first.GetProperty("members")[0].GetProperty("languages")[0].GetString());
        AssertUsageError(Run("advise", problem, "--out", PathOf("a2.json"), "--top", "0"), "option --top must be at least 1, got '0'");
        AssertUsageError(Run("advise", problem), "missing option --out ADVICE.json");
    }

    [Fact]
    public void Report_writes_the_page_and_exits_1_for_a_roster_that_breaks_a_rule_which_it_still_draws()
    {
        var problem = SolvedTinyProblem();
        var run = Run("report", problem, PathOf("r1.json"), "--html", PathOf("r1.html"));
        Assert.Equal((0, ""), (run.Code, run.Error));
        var roster = Matching.Input.RosterJson.Read(File.ReadAllText(PathOf("r1.json"))).Value!;
        Assert.Contains($"wrote {PathOf("r1.html")}: {roster.Assignments.Length} tours", run.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(PathOf("r1.html"));
        Assert.Equal(roster.Assignments.Length, System.Text.RegularExpressions.Regex.Matches(html, "<rect class=\"tour\"").Count);
        Assert.DoesNotContain("id=\"violations\"", html, StringComparison.Ordinal);

        var ghost = roster with { Assignments = roster.Assignments.Add(roster.Assignments[0] with { Member = "ghost" }) };
        Write("broken.json", Matching.Input.RosterJson.Write(ghost));
        var broken = Run("report", problem, PathOf("broken.json"), "--html", PathOf("broken.html"));
        Assert.Equal(1, broken.Code);
        Assert.Contains("breaks 1 rule(s)", broken.Output, StringComparison.Ordinal);
        var page = File.ReadAllText(PathOf("broken.html"));
        Assert.Contains("id=\"violations\"", page, StringComparison.Ordinal);
        Assert.Contains("ghost", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_checks_the_page_path_before_reading_and_names_a_file_it_cannot_read()
    {
        var missing = Path.Combine(_folder, "no-such-folder", "r.html");
        var error = AssertUsageError(Run("report", PathOf("missing.json"), PathOf("missing.json"), "--html", missing), $"cannot write --html {missing}: folder");
        Assert.DoesNotContain("cannot read", error, StringComparison.Ordinal);
        AssertUsageError(Run("report", PathOf("p.json"), PathOf("r.json")), "missing option --html ROSTER.html");

        var problem = SolvedTinyProblem();
        AssertUsageError(Run("report", problem, PathOf("none.json"), "--html", PathOf("r.html")), $"cannot read {PathOf("none.json")}");
        var bad = Write("bad.json", """{ "status": "fine", "assignments": [ { "member": "M1", "position": "P1", "start": "2025-04-01" } ] }""");
        var run = Run("report", problem, bad, "--html", PathOf("r.html"));
        AssertUsageError(run, "bad.json is not a valid roster");
        Assert.Contains("status", run.Error, StringComparison.Ordinal);
        Assert.Contains("assignments[0]", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("r.html")));
    }

    [Fact]
    public void Solve_with_a_previous_roster_that_is_not_one_names_the_file_and_the_field()
    {
        var problem = Write("p.json", TinyProblem);
        var bad = Write("bad.json", """{ "assignments": [ { "member": "M1", "position": "P1", "start": "2025-04-01" } ] }""");
        var run = Run("solve", problem, "--previous", bad, "--out", PathOf("r.json"));
        AssertUsageError(run, "bad.json is not a valid roster");
        Assert.Contains("assignments[0]", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("r.json")));
    }

    [Fact]
    public void Infeasible_problem_exits_1_with_its_roster_written_and_no_NaN()
    {
        var run = Run("solve", Write("p.json", ConflictingLocks), "--out", PathOf("r.json"));

        Assert.Equal(1, run.Code);
        Assert.Contains("infeasible", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("left free", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"infeasible\"", File.ReadAllText(PathOf("r.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_writes_the_family_with_the_sizes_changed()
    {
        var run = Run("generate", "--family", "small", "--operations", "2", "--positions", "3", "--out", PathOf("g.json"));

        Assert.Equal(0, run.Code);
        Assert.Contains("500 members, 2 operations, 6 positions", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(PathOf("g.json")));
    }

    // --- spreadsheets ---

    private const string MembersCsv = """
        id,name,component,skills
        M1,"Lee, Ann",active,law:3
        M2,Bo,active,
        """;

    private const string PositionsCsv = """"
        operation,id,title,requires,start,end,priority
        OP1,P1,"Advisor, ""senior""",law:2,2025-04-01,2025-06-29,critical
        OP1,P2,Surgeon,health:3,2025-05-01,2025-05-30,low
        """";

    [Fact]
    public void Import_then_solve_writes_the_roster_and_the_unfilled_seats_as_spreadsheets()
    {
        var problem = PathOf("p.json");
        var import = Run("import", "--members", Write("m.csv", MembersCsv), "--positions", Write("ps.csv", PositionsCsv),
            "--planning-date", "2025-03-01", "--out", problem);
        Assert.Equal(0, import.Code);
        Assert.Contains($"wrote {problem}: 2 members, 1 operations, 2 positions, planning date 2025-03-01", import.Output, StringComparison.Ordinal);

        var solve = Run("solve", problem, "--out", PathOf("r.json"), "--csv", PathOf("roster.csv"), "--unfilled-csv", PathOf("unfilled.csv"));

        Assert.Equal(0, solve.Code);
        Assert.Equal(
            "member,memberName,component,agency,operation,operationName,position,positionTitle,priority,start,end,days\r\n"
            + "M1,\"Lee, Ann\",active,,OP1,OP1,P1,\"Advisor, \"\"senior\"\"\",critical,2025-04-01,2025-06-29,90\r\n",
            File.ReadAllText(PathOf("roster.csv")));
        var unfilled = File.ReadAllLines(PathOf("unfilled.csv"));
        Assert.Equal("operation,operationName,position,positionTitle,priority,uncoveredSeatDays,gaps,reason", unfilled[0]);
        Assert.StartsWith("OP1,OP1,P2,Surgeon,low,30,2025-05-01..2025-05-30:1,", Assert.Single(unfilled[1..]), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_lists_every_error_of_every_file_and_writes_nothing()
    {
        var existing = Write("p.json", "keep me");
        var run = Run("import", "--members", Write("m.csv", "id,component,agency\nM1,activ,\nM1,active,State\nM1,active,\n"),
            "--positions", Write("ps.csv", "operation,id,start,end,size\nOP1,P1,2025-04-01,2025-13-01,\n"), "--policy", Write("pol.json", "{ \"restDays\": \"x\" }"),
            "--planning-date", "2025-03-01", "--out", existing, "--locks", Write("l.csv", "member,position\nM1,P9\n"));

        var error = AssertUsageError(run, "error: the spreadsheets have 7 error(s)");
        string M(string file) => PathOf(file);
        Assert.Equal(
        [
            $"  {M("m.csv")}, line 2, column component (id 'M1'): unknown component 'activ' (did you mean 'active'?); allowed values: active, standby, reserve, contractor",
            $"  {M("ps.csv")}, header: unknown column 'size'; allowed: operation, operationName, id, title, requires, languages, clearance, headcount, start, end, "
                + "rotationDays, priority, allowedComponents, credentials, team, teamName, teamMinAgencies",
            $"  {M("ps.csv")}, line 2, column end (id 'P1'): '2025-13-01' is not a valid date; expected yyyy-MM-dd, for example 2027-03-01",
            $"  {M("pol.json")}, field restDays: expected a whole number but found the string \"x\"",
            $"  {M("m.csv")}, line 3, column id (id 'M1'): duplicate member id; {M("m.csv")}, line 2 has it too",
            $"  {M("m.csv")}, line 4, column id (id 'M1'): duplicate member id; {M("m.csv")}, line 2 has it too",
            $"  {M("l.csv")}, line 2, column position (id 'M1/P9'): unknown position 'P9'",
        ], error.Split(Environment.NewLine).Where(l => l.StartsWith("  ", StringComparison.Ordinal)));
        Assert.Equal("keep me", File.ReadAllText(existing));
        AssertUsageError(Run("import", "--members", PathOf("m.csv"), "--positions", PathOf("ps.csv"), "--planning-date", "2025-3-1", "--out", PathOf("n.json")),
            "option --planning-date must be a date yyyy-MM-dd, got '2025-3-1'");
        Assert.False(File.Exists(PathOf("n.json")));
    }

    [Fact]
    public void Import_without_a_planning_date_plans_from_today_in_utc()
    {
        var run = Run("import", "--members", Write("m.csv", MembersCsv), "--positions", Write("ps.csv", PositionsCsv), "--out", PathOf("p.json"));
        Assert.Equal(0, run.Code);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains($"\"planningDate\": \"{today:yyyy-MM-dd}\"", File.ReadAllText(PathOf("p.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_csv_writes_spreadsheets_that_import_to_the_problem_generate_out_writes()
    {
        var folder = Directory.CreateDirectory(PathOf("sheets")).FullName;
        Assert.Equal(0, Run("generate", "--family", "small", "--csv", folder, "--out", PathOf("g.json")).Code);
        Assert.Equal(["members.csv", "policy.json", "positions.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var import = Run("import", "--members", Path.Combine(folder, "members.csv"), "--positions", Path.Combine(folder, "positions.csv"),
            "--policy", Path.Combine(folder, "policy.json"), "--planning-date", "2027-01-04", "--out", PathOf("i.json"));

        Assert.Equal(0, import.Code);
        Assert.Equal(File.ReadAllText(PathOf("g.json")), File.ReadAllText(PathOf("i.json")));
        AssertUsageError(Run("generate", "--family", "small"), "give --out PROBLEM.json, --csv FOLDER or both");
        AssertUsageError(Run("generate", "--csv", PathOf("missing")), "folder " + PathOf("missing") + " does not exist");
    }

    // --- maxima of the counts that start threads (issue 23: solve --threads 100000 hung) ---

    [Fact]
    public void Threads_beyond_the_maximum_is_an_error_naming_the_option_before_the_problem_is_read()
    {
        var error = AssertUsageError(Run("solve", PathOf("missing.json"), "--out", PathOf("r.json"), "--threads", "100000"),
            "option --threads must be at most 256, got '100000'");
        Assert.DoesNotContain("missing.json", error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("r.json")));
    }

    [Theory]
    [InlineData("serve", "--workers", "65", "option --workers must be at most 64, got '65'")]
    [InlineData("serve", "--workers", "0", "option --workers must be at least 1, got '0'")]
    [InlineData("simulate", "--parallel", "65", "option --parallel must be at most 64, got '65'")]
    [InlineData("simulate", "--parallel", "0", "option --parallel must be at least 1, got '0'")]
    public void Workers_and_parallel_beyond_their_range_are_errors_naming_the_option(string command, string option, string value, string expected)
    {
        string[] args = command == "simulate" ? [command, PathOf("missing.json"), "--out", PathOf("s.json"), option, value] : [command, option, value];
        var error = AssertUsageError(Run(args), expected);
        Assert.DoesNotContain("missing.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_the_maxima_and_quiet()
    {
        Assert.Contains("--threads N                    solver threads, from 1 to 256", Run("solve", "--help").Output, StringComparison.Ordinal);
        Assert.Contains("[--quiet]", Run("solve", "--help").Output, StringComparison.Ordinal);
        Assert.Contains("from 1 to 64", Run("serve", "--help").Output, StringComparison.Ordinal);
        Assert.Contains("from 1 to 64", Run("simulate", "--help").Output, StringComparison.Ordinal);
    }

    // --- response files ---

    [Fact]
    public void Response_file_gives_its_words_as_if_typed()
    {
        var problem = Write("p.json", TinyProblem);
        var response = Write("solve.rsp", $"--out\n{PathOf("r.json")}\n--seed 3\n");

        var run = Run("solve", problem, "@" + response);

        Assert.True(run.Code == 0, run.Error);
        Assert.Contains($"roster written to {PathOf("r.json")}", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(PathOf("r.json")));
    }

    [Fact]
    public void Missing_response_file_is_an_error_naming_it()
    {
        var missing = PathOf("none.rsp");
        AssertUsageError(Run("solve", "p.json", "--out", PathOf("r.json"), "@" + missing), missing);
        Assert.False(File.Exists(PathOf("r.json")));
    }

    // --- progress: on stderr, where a person watches; stdout stays as it was ---

    [Fact]
    public void Solve_writes_its_progress_to_stderr_as_plain_lines_and_quiet_silences_it()
    {
        var problem = Write("p.json", TinyProblem);

        var shown = Run("solve", problem, "--out", PathOf("shown.json"));
        var quiet = Run("solve", problem, "--out", PathOf("quiet.json"), "--quiet");

        Assert.Equal((0, 0), (shown.Code, quiet.Code));
        var lines = shown.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[\s*[0-9.]+ s\] critical: "));
        Assert.Contains(lines, l => l.EndsWith("done: Optimal", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', shown.Error);
        Assert.DoesNotContain(" s] ", shown.Output, StringComparison.Ordinal);
        Assert.Empty(quiet.Error);
        Assert.Equal(WithoutTimings(shown.Output.Replace("shown.json", "quiet.json", StringComparison.Ordinal)), WithoutTimings(quiet.Output));
        Assert.Equal(WithoutTimings(File.ReadAllText(PathOf("shown.json"))), WithoutTimings(File.ReadAllText(PathOf("quiet.json"))));
    }

    /// <summary>A summary or roster without the times it took, which differ from run to run.</summary>
    private static string WithoutTimings(string text) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(text, @"Stage timings(.|\n)*?\n\s*\n", ""),
            @"(Solve time +|""\w*[mM]illis"": )[0-9]+", "$1#");

    [Fact]
    public void Simulate_advise_and_recommend_write_their_progress_to_stderr()
    {
        var scenario = Write("scenario.json", $$"""{ "problem": {{TinyProblem}}, "replications": 20, "seed": 3, "declines": { "active": 0.5 } }""");
        var simulate = Run("simulate", scenario, "--out", PathOf("results.json"));
        Assert.True(simulate.Code == 0, simulate.Error);
        Assert.Contains("20/20 replications", simulate.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("replications,", simulate.Output, StringComparison.Ordinal);
        Assert.Empty(Run("simulate", scenario, "--out", PathOf("results.json"), "--quiet").Error);

        var french = Write("french.json", TinyProblem.Replace("\"priority\": \"critical\" }", "\"priority\": \"critical\", \"languages\": [\"French\"] }", StringComparison.Ordinal));
        var advise = Run("advise", french, "--out", PathOf("advice.json"));
        Assert.True(advise.Code == 0, advise.Error);
        Assert.Contains("] critical: ", advise.Error, StringComparison.Ordinal);
        Assert.Matches(@"\] advice: ([0-9]+) of \1 changes solved", advise.Error);
        Assert.DoesNotContain(" s] ", advise.Output, StringComparison.Ordinal);

        var problem = SolvedTinyProblem();
        var recommend = Run("recommend", problem, PathOf("r1.json"), "--position", "P1", "--member", "M2");
        Assert.True(recommend.Code == 0, recommend.Error);
        Assert.Contains("] critical: ", recommend.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" s] ", recommend.Output, StringComparison.Ordinal);
        Assert.Empty(Run("recommend", problem, PathOf("r1.json"), "--position", "P1", "--quiet").Error);
    }

    // --- shell completion ---

    [Fact]
    public void Completion_prints_a_script_for_each_shell_and_refuses_another()
    {
        Assert.Contains("complete -o default -F _scrs_matching_complete scrs-matching", Run("completion", "bash").Output, StringComparison.Ordinal);
        Assert.Contains("compdef _scrs_matching_complete scrs-matching", Run("completion", "zsh").Output, StringComparison.Ordinal);
        Assert.Contains("Register-ArgumentCompleter -Native -CommandName scrs-matching", Run("completion", "pwsh").Output, StringComparison.Ordinal);
        AssertUsageError(Run("completion", "fish"), "argument SHELL must be one of bash, zsh, pwsh, got 'fish'");
    }

    [Theory]
    [InlineData("so", "solve")]
    [InlineData("solve --ti", "--time-limit")]
    [InlineData("solve p.json --engine h", "highs")]
    public void Suggest_directive_answers_what_may_come_next(string line, string expected)
    {
        var run = Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, run.Code);
        Assert.Contains(expected, run.Output.Split(Environment.NewLine), StringComparer.Ordinal);
    }
}
