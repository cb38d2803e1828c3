using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Baseline;
using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Solver;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Validation;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Planning;

public class RosterPlannerTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    private static Roster Plan(DeploymentProblem problem) => RosterPlanner.Plan(problem, Options);

    private static Arbitrary<int> Seeds => Gen.Choose(0, 100_000).ToArbitrary();

    [Fact]
    public void OptimumEqualsAnIndependentExhaustiveSearchOnTinyProblems()
    {
        for (var seed = 0; seed < 80; seed++)
        {
            var problem = TinyProblems.Generate(seed);
            AgreesWith(ExhaustiveSearch.Solve(problem), Plan(problem), $"seed {seed}");
        }
    }

    /// <summary>The planner's roster proven optimal with the oracle's objective, or both infeasible.</summary>
    private static void AgreesWith(OracleResult oracle, Roster roster, string context)
    {
        if (!oracle.Feasible)
        {
            Assert.True(roster.Status == RosterStatus.Infeasible, $"{context}: oracle infeasible, planner {roster.Status}");
            return;
        }
        Assert.True(roster.Status == RosterStatus.Optimal, $"{context}: {roster.Status} {string.Join("; ", roster.Reasons)}");
        Assert.True(ExhaustiveSearch.Compare(roster.Objective!, oracle.Objective!) == 0, $"{context}: planner {roster.Objective} oracle {oracle.Objective}");
    }

    [Theory]
    [InlineData(SolverEngine.Auto)]
    [InlineData(SolverEngine.CpSat)]
    [InlineData(SolverEngine.Highs)]
    [InlineData(SolverEngine.Cbc)]
    public void WithCredentialsThatExpireTheOptimumEqualsAnIndependentExhaustiveSearchOnEveryEngine(SolverEngine engine)
    {
        var cut = 0;
        for (var seed = 0; seed < 80; seed++)
        {
            var problem = TinyProblems.GenerateWithCredentials(seed);
            var oracle = ExhaustiveSearch.Solve(problem);
            // How often credentials bind: the problem without them plans more coverage.
            if (Differs(oracle, ExhaustiveSearch.Solve(TinyProblems.Generate(seed)))) cut++;
            AgreesWith(oracle, RosterPlanner.Plan(problem, Options with { Engine = engine }), $"seed {seed}, {engine}");
        }
        Assert.True(cut >= 20, $"credentials changed the optimum of only {cut} problems");
    }

    [Theory]
    [InlineData(SolverEngine.Auto)]
    [InlineData(SolverEngine.CpSat)]
    [InlineData(SolverEngine.Highs)]
    [InlineData(SolverEngine.Cbc)]
    public void WithCoursesThatTrainMembersTheOptimumEqualsAnIndependentExhaustiveSearchOnEveryEngine(SolverEngine engine)
    {
        var (trained, gained) = (0, 0);
        for (var seed = 0; seed < 80; seed++)
        {
            var problem = TinyProblems.GenerateWithCourses(seed);
            var oracle = ExhaustiveSearch.Solve(problem);
            if (Differs(oracle, ExhaustiveSearch.Solve(TinyProblems.GenerateWithCredentials(seed)))) gained++;
            var roster = RosterPlanner.Plan(problem, Options with { Engine = engine });
            AgreesWith(oracle, roster, $"seed {seed}, {engine}");
            if (!roster.Training.IsEmpty) trained++;
            // Every training is one a tour needs, and the roster keeps every rule with them.
            if (roster.Objective is not null) Assert.Empty(RosterValidator.Validate(problem, roster.Assignments, null, roster.Training));
        }
        Assert.True(gained >= 15 && trained >= 10, $"courses changed the optimum of {gained} problems; {trained} rosters train someone");
    }

    [Theory]
    [InlineData(SolverEngine.Auto)]
    [InlineData(SolverEngine.CpSat)]
    [InlineData(SolverEngine.Highs)]
    [InlineData(SolverEngine.Cbc)]
    public void WithATeamThatDeploysAllOrNothingTheOptimumEqualsAnIndependentExhaustiveSearchOnEveryEngine(SolverEngine engine)
    {
        var (changed, teams, agencies) = (0, 0, 0);
        for (var seed = 0; seed < 120; seed++)
        {
            var problem = TinyProblems.GenerateWithTeam(seed);
            if (problem.Operations.All(o => o.Teams.IsEmpty)) continue;
            teams++;
            var oracle = ExhaustiveSearch.Solve(problem);
            // How often the team binds: the same positions without it plan more coverage; and its least number of agencies.
            DeploymentProblem With(Func<Team, Team?> change) =>
                problem with { Operations = [.. problem.Operations.Select(o => o with { Teams = [.. o.Teams.Select(change).OfType<Team>()] })] };
            if (Differs(oracle, ExhaustiveSearch.Solve(With(_ => null)))) changed++;
            if (Differs(oracle, ExhaustiveSearch.Solve(With(t => t with { MinAgencies = null })))) agencies++;
            AgreesWith(oracle, RosterPlanner.Plan(problem, Options with { Engine = engine }), $"seed {seed}, {engine}");
        }
        Assert.True(teams >= 40 && changed >= 15 && agencies >= 5,
            $"{teams} problems with a team, {changed} of them with another optimum than without, {agencies} than without its least number of agencies");
    }

    private static bool Differs(OracleResult a, OracleResult b) => a.Feasible && b.Feasible && ExhaustiveSearch.Compare(a.Objective!, b.Objective!) != 0;

    [Fact]
    public void ATeamWithALeastNumberOfAgenciesIsStaffedFromThatManyOrLeftEmpty()
    {
        // Two positions of one slot (days 0..29), deploying together; a and b are of State, c of USAID.
        DeploymentProblem TeamOf(int? least, params Member[] members)
        {
            var problem = Problem(members, [Position("p", 0, 29), Position("q", 0, 29)]);
            return problem with { Operations = [problem.Operations[0] with { Teams = [new Team("t", "t", ["p", "q"], least)] }] };
        }
        var (a, b, c) = (Member("a"), Member("b"), Member("c", agency: "USAID"));

        var sameAgency = Plan(TeamOf(2, a, b));
        Assert.Equal(RosterStatus.Optimal, sameAgency.Status);
        Assert.Empty(sameAgency.Assignments);
        Assert.Equal(2, Plan(TeamOf(null, a, b)).Assignments.Length);

        var twoAgencies = Plan(TeamOf(2, a, b, c));
        Assert.Equal(2, twoAgencies.Assignments.Length);
        Assert.Contains(twoAgencies.Assignments, x => x.Member == "c");
        Assert.Empty(RosterValidator.Validate(TeamOf(2, a, b, c), twoAgencies.Assignments));
        var violation = Assert.Single(RosterValidator.Validate(TeamOf(2, a, b, c), [.. Plan(TeamOf(null, a, b)).Assignments]));
        Assert.Equal(Rule.Team, violation.Rule);
        Assert.Contains("1 agency among its members (State), 2 required", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(85623)]
    [InlineData(65938)]
    [InlineData(24593)]
    public void WarmStartedSolvesThatCbcCannotAnswerAreRetriedAndStillProvenOptimal(int seed)
    {
        // Regression: CBC returned no usable answer for the warm-started cost level of these problems.
        var problem = TinyProblems.Generate(seed);
        var roster = Plan(problem);
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Equal(0, ExhaustiveSearch.Compare(roster.Objective!, ExhaustiveSearch.Solve(problem).Objective!));
    }

    [Property]
    public Property EveryReturnedRosterPassesTheValidatorAndMatchesItsReportedObjective() =>
        Prop.ForAll(Seeds, seed =>
        {
            var problem = TinyProblems.Generate(seed);
            var roster = Plan(problem);
            return roster.Objective is null
                ? roster.Assignments.IsEmpty
                : RosterValidator.Validate(problem, roster.Assignments).IsEmpty
                    && roster.Objective == RosterEvaluator.Evaluate(problem, roster.Assignments);
        });

    [Property]
    public Property GreedyRosterKeepsEveryRuleAndTheOptimumIsNeverWorse() =>
        Prop.ForAll(Seeds, seed =>
        {
            var problem = TinyProblems.Generate(seed);
            var candidates = CandidateGenerator.Generate(new PlanningIndex(problem));
            if (GreedyRoster.Solve(candidates) is not { } greedy) return true;
            var values = new double[candidates.Tours.Length];
            foreach (var j in greedy) values[j] = 1;
            var assignments = RosterPlanner.ToAssignments(RosterModelBuilder.Build(candidates), values);
            var optimal = Plan(problem);
            return RosterValidator.Validate(problem, assignments).IsEmpty
                && ExhaustiveSearch.Compare(optimal.Objective!, RosterEvaluator.Evaluate(problem, assignments)) >= 0;
        });

    [Property]
    public Property AddingAMemberNeverWorsensTheOptimum() =>
        Prop.ForAll(Seeds, seed =>
        {
            var problem = TinyProblems.Generate(seed);
            var extra = TinyProblems.Generate(seed + 1).Members[0] with { Id = "extra-member" };
            var before = Plan(problem);
            var after = Plan(problem with { Members = problem.Members.Add(extra) });
            if (before.Status == RosterStatus.Infeasible) return true;
            return after.Status == RosterStatus.Optimal && ExhaustiveSearch.Compare(after.Objective!, before.Objective!) >= 0;
        });

    [Property]
    public Property LocksAreAlwaysKept() =>
        Prop.ForAll(Seeds, seed =>
        {
            var problem = TinyProblems.Generate(seed);
            if (problem.Locks.IsEmpty) return true;
            var roster = Plan(problem);
            return roster.Status == RosterStatus.Infeasible || problem.Locks.All(l => roster.Assignments.Any(a =>
                a.Member == l.Member && a.Position == l.Position
                && (l.Start is not { } s || l.End is not { } e || (a.Start <= s && e <= a.End))));
        });

    [Property]
    public Property SameInputAndSeedGiveTheSameRoster() =>
        Prop.ForAll(Seeds, seed =>
        {
            var problem = TinyProblems.Generate(seed);
            return Plan(problem).Assignments.SequenceEqual(Plan(TinyProblems.Generate(seed)).Assignments);
        });

    [Fact]
    public void ALockTheMemberCannotServeGivesInfeasibleWithTheReason()
    {
        var problem = Problem([Member("a", level: 1)], [Position("p", 0, 29, level: 3)], locks: [new AssignmentLock("a", "p")]);
        var roster = Plan(problem);
        Assert.Equal(RosterStatus.Infeasible, roster.Status);
        Assert.Empty(roster.Assignments);
        Assert.Contains("governance at level 1, the position requires 3", Assert.Single(roster.Reasons));
    }

    [Fact]
    public void ADatedLockWithinTheLeadTimeIsKeptAsADecisionAlreadyTaken()
    {
        // A standby member (lead time 30) accepted days 0..29, planned again on day 0: the lock keeps that tour.
        var member = Member("s", Component.Standby, leadTime: null);
        var positions = new[] { Position("p", 0, 59, rotation: 30) };
        var roster = Plan(Problem([member], positions, locks: [new AssignmentLock("s", "p", D(0), D(29))]));
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Equal((D(0), D(59)), (Assert.Single(roster.Assignments).Start, roster.Assignments[0].End));
        // Undated, the lock is kept from the lead time on only.
        var undated = Plan(Problem([member], positions, locks: [new AssignmentLock("s", "p")]));
        Assert.Equal((D(30), D(59)), (Assert.Single(undated.Assignments).Start, undated.Assignments[0].End));
    }

    [Theory]
    [InlineData("p", null)]
    [InlineData(null, "op0")]
    [InlineData(null, null)]
    public void AnExcludedMemberIsNeverAssignedEvenWhereTheBestRosterWouldUseIt(string? position, string? operation)
    {
        // The cheap member serves p in the best roster; excluded, the dear one takes the seat, as the exhaustive search finds too.
        var problem = Problem([Member("cheap", cost: 100), Member("dear", cost: 500)], [Position("p", 0, 29)]);
        var free = Plan(problem);
        Assert.Equal("cheap", Assert.Single(free.Assignments).Member);
        Assert.Equal(0, ExhaustiveSearch.Compare(free.Objective!, ExhaustiveSearch.Solve(problem).Objective!));

        var excluded = problem with { Exclusions = [new Exclusion("cheap", position, operation)] };
        var roster = Plan(excluded);
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Equal("dear", Assert.Single(roster.Assignments).Member);
        var oracle = ExhaustiveSearch.Solve(excluded);
        Assert.Equal("dear", Assert.Single(oracle.Assignments).Member);
        Assert.Equal(0, ExhaustiveSearch.Compare(roster.Objective!, oracle.Objective!));
    }

    [Property]
    public Property DroppingTheExclusionsNeverWorsensTheOptimum() =>
        Prop.ForAll(Seeds, seed =>
        {
            var problem = TinyProblems.Generate(seed);
            if (problem.Exclusions.IsEmpty) return true;
            var with = Plan(problem);
            var without = Plan(problem with { Exclusions = [] });
            if (with.Status == RosterStatus.Infeasible) return true;
            return without.Status == RosterStatus.Optimal && ExhaustiveSearch.Compare(without.Objective!, with.Objective!) >= 0;
        });

    [Fact]
    public void LocksThatConflictWithEachOtherGiveInfeasible()
    {
        var problem = Problem([Member("a")], [Position("p", 0, 29), Position("q", 10, 39)],
            locks: [new AssignmentLock("a", "p"), new AssignmentLock("a", "q")]);
        var roster = Plan(problem);
        Assert.Equal(RosterStatus.Infeasible, roster.Status);
        Assert.Single(roster.Reasons);
    }

    [Fact]
    public void OneMoreCriticalDayBeatsAnyCostSaving()
    {
        // The cheap member can cover only the normal position; the expensive one either. Critical first.
        var members = new[] { Member("cheap", cost: 1, skill: "health"), Member("dear", cost: 10_000) };
        var positions = new[]
        {
            Position("crit", 0, 29, priority: Priority.Critical),
            Position("norm", 0, 29, priority: Priority.Normal, skill: "health", level: 1),
        };
        var roster = Plan(Problem([.. members, Member("dear2", cost: 10_000, skill: "health")], positions));
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Equal(30, roster.Objective!.Critical);
        Assert.Contains(roster.Assignments, a => a.Member == "cheap" && a.Position == "norm");
    }

    [Fact]
    public void InvalidProblemThrowsWithEveryError()
    {
        var problem = Problem([Member("a"), Member("a")], [Position("p", 10, 0, headcount: 0)]);
        var error = Assert.Throws<InvalidProblemException>(() => Plan(problem));
        Assert.True(error.Errors.Length >= 3, string.Join("\n", error.Errors));
    }

    [Fact]
    public void UnfilledPositionsNameTheRequirementNobodyMeets()
    {
        var roster = Plan(Problem([Member("a")], [Position("p", 0, 29, languages: ["Pashto"])]));
        var unfilled = Assert.Single(roster.Unfilled);
        Assert.Equal(30, unfilled.UncoveredSeatDays);
        Assert.Contains("none speaks Pashto", unfilled.Reason);
    }

    [Fact]
    public void CancellationStopsPromptlyWithAVerifiedRoster()
    {
        var problem = Scrs.Matching.Samples.SampleCorps.Generate(Scrs.Matching.Samples.SampleCorps.Families.ForFamily("small"));
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var options = new PlannerOptions
        {
            TimeLimit = TimeSpan.FromMinutes(5),
            Progress = new Progress(p => { if (p.Stage == "model") cancel.CancelAfter(200); }),
        };
        var roster = RosterPlanner.Plan(problem, options, cancel.Token);
        Assert.True(roster.Status is RosterStatus.Cancelled or RosterStatus.Optimal, roster.Status.ToString());
        Assert.True(RosterValidator.Validate(problem, roster.Assignments).IsEmpty);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(4), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Progress_at_the_end_of_each_level_carries_the_value_reached_and_the_bound_in_the_rosters_units()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small));
        var ends = new List<PlanProgress>();
        var roster = RosterPlanner.Plan(problem, Options with { Progress = new Progress(p => { if (p.Objective is not null) lock (ends) ends.Add(p); }) });
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Equal(["critical", "high", "normal", "low", "cost", "load"], ends.Select(p => p.Stage));
        var o = roster.Objective!;
        Assert.Equal([o.Critical, o.High, o.Normal, o.Low, (double)o.Cost, o.Load], ends.Select(p => p.Objective!.Value));
        Assert.All(ends, p => Assert.Equal(p.Objective, p.Bound));
    }

    private sealed class Progress(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }

    // Regression: a time limit used up before the first level's search left the gap NaN, printed as "NaN%".
    [Fact]
    public void A_time_limit_that_ends_before_any_search_gives_the_greedy_roster_with_no_gap_and_no_nan()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small));
        var roster = RosterPlanner.Plan(problem, new PlannerOptions { TimeLimit = TimeSpan.FromTicks(1) });
        Assert.Equal(RosterStatus.TimeLimit, roster.Status);
        Assert.NotEmpty(roster.Assignments);
        Assert.Null(roster.Gap);
        Assert.DoesNotContain("NaN", RosterSummary.ToText(problem, roster), StringComparison.Ordinal);
    }

    /// <summary>Solves with <paramref name="inner"/>, except that its <paramref name="failing"/>-th solve fails.</summary>
    private sealed class FailingSolver(IMipSolver inner, int failing) : IMipSolver
    {
        private int _calls;

        public string Name => inner.Name;

        public MipSolution Solve(LinearModel model, MipOptions options,
            CancellationToken cancellationToken) =>
            ++_calls == failing
                ? new MipSolution(MipStatus.Failed, null, double.NaN, double.NaN, TimeSpan.Zero, 0)
                : inner.Solve(model, options, cancellationToken);
    }

    /// <summary>Solves with <paramref name="inner"/> but keeps no proof: every answer is a time limit with no bound.</summary>
    private sealed class UnprovingSolver(IMipSolver inner) : IMipSolver
    {
        public string Name => inner.Name;

        public MipSolution Solve(LinearModel model, MipOptions options, CancellationToken cancellationToken) =>
            inner.Solve(model, options, cancellationToken) with { Status = MipStatus.TimeLimit, Bound = double.NaN, Unusable = null };
    }

    [Fact]
    public void A_coverage_level_whose_roster_fills_every_seat_that_has_candidates_is_proven_even_when_the_solver_proves_nothing()
    {
        // Without a warm start no level is proven before its solve. The one member fills the critical seat, which the
        // seat-days bound proves; the normal seat, which only that member could fill, stays empty, and the search ends
        // there with that bound instead of none (at 20,000 members the LP's bound of the normal level was 97 M seat-days).
        var problem = Problem([Member("a")], [Position("crit", 0, 29, priority: Priority.Critical), Position("norm", 0, 29)]);
        var options = Options with { WarmStart = false };
        var roster = RosterPlanner.Plan(problem, options, new UnprovingSolver(SolverEngines.Create(SolverEngine.Cbc)), CancellationToken.None);
        var stages = roster.Statistics.Stages;
        Assert.Equal(RosterStatus.Optimal, stages[0].Status);
        Assert.Equal(stages[0].Value, stages[0].Bound);
        var last = stages[^1];
        Assert.Equal(RosterStatus.TimeLimit, last.Status);
        Assert.Equal(("normal", 0.0, 30.0), (last.Level, last.Value, last.Bound));
        Assert.Empty(RosterValidator.Validate(problem, roster.Assignments));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_solver_failure_ends_the_search_with_the_roster_so_far_and_the_reason_not_an_exception(int failing)
    {
        // Before, the planner threw InvalidOperationException, which the command line printed with its stack trace.
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small));
        var solver = new FailingSolver(SolverEngines.Create(SolverEngine.Cbc), failing);
        var roster = RosterPlanner.Plan(problem, Options, solver, CancellationToken.None);
        Assert.Equal(RosterStatus.Feasible, roster.Status);
        Assert.Contains(roster.Reasons, r => r.Contains("solver failed on level", StringComparison.Ordinal));
        Assert.NotEmpty(roster.Assignments);
        Assert.Empty(RosterValidator.Validate(problem, roster.Assignments));
    }

    [Fact]
    public void A_replan_whose_roster_keeps_every_previous_day_proves_the_changes_level_without_search()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small));
        var roster = RosterPlanner.Plan(problem, Options);
        var log = new ProgressLog();
        var replan = RosterPlanner.Plan(problem, Options with { Previous = roster.Assignments, Progress = log });
        Assert.Equal(RosterStatus.Optimal, replan.Status);
        Assert.Equal(0, replan.Objective!.Changes);
        Assert.Contains(log.Messages, m => m == "proven without search: 0");
        Assert.Equal(0, replan.Statistics.Stages.Single(s => s.Level == "changes").Nodes);
    }

    [Fact]
    public void A_coverage_level_held_at_its_seat_days_with_candidates_leaves_every_later_level_the_exhaustive_searchs_optimum()
    {
        // Such a level, proven without an LP, is held by its row and by cuts that fill each of its slots as far as it can
        // be (AddSlotsFull): wrong cuts would cut off rosters of the later levels, or keep the LP from its face.
        var held = 0;
        for (var seed = 0; seed < 150; seed++)
        {
            var problem = TinyProblems.Generate(seed);
            var oracle = ExhaustiveSearch.Solve(problem);
            if (!oracle.Feasible) continue;
            var log = new StageLog();
            var roster = RosterPlanner.Plan(problem, Options with { Progress = log });
            Assert.True(roster.Status == RosterStatus.Optimal, $"seed {seed}: {roster.Status} {string.Join("; ", roster.Reasons)}");
            Assert.True(ExhaustiveSearch.Compare(roster.Objective!, oracle.Objective!) == 0, $"seed {seed}: planner {roster.Objective} oracle {oracle.Objective}");
            // A coverage level proven so, with a later level that was searched.
            var proven = log.Reports.FindIndex(r => r.Stage is "critical" or "high" or "normal" or "low" && r.Message.StartsWith("proven without search: ", StringComparison.Ordinal));
            if (proven >= 0 && log.Reports.Skip(proven + 1).Any(r => r.Message.StartsWith("pricing round", StringComparison.Ordinal))) held++;
        }
        Assert.True(held >= 20, $"only {held} problems held a level at its seat-days with candidates before a search");
    }

    /// <summary>Collects the stage and message of each progress report.</summary>
    private sealed class StageLog : IProgress<PlanProgress>
    {
        public List<(string Stage, string Message)> Reports { get; } = [];

        public void Report(PlanProgress value) => Reports.Add((value.Stage, value.Message));
    }

    /// <summary>Collects progress reports as they come (the planner reports on its own thread, synchronously).</summary>
    private sealed class ProgressLog : IProgress<PlanProgress>
    {
        public List<string> Messages { get; } = [];

        public void Report(PlanProgress value) => Messages.Add(value.Message);
    }

    [Fact]
    public void The_exported_model_has_every_tour_column_free_again_after_the_search_fixed_some_at_zero()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small));
        var path = Path.Combine(Path.GetTempPath(), $"scrs-export-{Guid.NewGuid():N}.mps");
        try
        {
            var log = new ProgressLog();
            var roster = RosterPlanner.Plan(problem, Options with { ModelExportPath = path, Progress = log });
            Assert.Equal(RosterStatus.Optimal, roster.Status);
            // The search did fix tours and hold levels at their optimal faces, so the export had something to undo.
            Assert.True(log.Messages.Any(m => m.Contains("held at its optimal face", StringComparison.Ordinal) && !m.Contains(" 0 columns fixed", StringComparison.Ordinal)),
                string.Join(Environment.NewLine, log.Messages.Where(m => !m.StartsWith("pricing round", StringComparison.Ordinal))));
            var lines = File.ReadLines(path).ToList();
            Assert.DoesNotContain(lines, line => line.StartsWith(" FX BND t_", StringComparison.Ordinal));
            // Every level is held by a row (the last one, load, too), as without faces: the rows built and six more.
            var built = int.Parse(log.Messages.Select(m => System.Text.RegularExpressions.Regex.Match(m, @"columns, (\d+) rows")).First(m => m.Success).Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            var rows = lines.SkipWhile(line => line != "ROWS").Skip(2).TakeWhile(line => line.StartsWith(' ')).ToList();
            Assert.Equal(built + 6, rows.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
