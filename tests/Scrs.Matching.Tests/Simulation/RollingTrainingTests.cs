using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Simulation;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Simulation;

/// <summary>
/// The rolling mode keeps the trainings of tours agreed as decisions: once their session has started, later plans hold
/// the credential they gave, so the tours that needed them stay planned.
/// </summary>
public sealed class RollingTrainingTests
{
    private static readonly DateOnly Planning = new(2027, 1, 1);
    private static readonly PlannerOptions Planner = PlannerOptions.Default with { CoverageOnly = true, Engine = SolverEngine.Highs };

    /// <summary>
    /// <see cref="SimulatorTests.OneSeat"/>'s seat (90 days from <paramref name="seatDay"/>) needing FACT, which no member
    /// holds, and FACT sessions of two seats each, starting on <paramref name="sessionDays"/>, five days long, valid a year.
    /// </summary>
    private static DeploymentProblem NeedsTraining(int members, int seatDay, params int[] sessionDays)
    {
        var problem = SimulatorTests.OneSeat(members, seatDay);
        var operation = problem.Operations[0];
        return problem with
        {
            Operations = [operation with { Positions = [operation.Positions[0] with { Credentials = ["FACT"] }] }],
            Policy = problem.Policy with
            {
                Courses = [new Course("FACT", 365, [.. sessionDays.Select((d, k) =>
                    new CourseSession($"fact-{k + 1}", new DateRange(Planning.AddDays(d), Planning.AddDays(d + 4)), 2))], 1000m)],
            },
        };
    }

    private static Scenario Rolling(DeploymentProblem problem, int replications, int seed, double decline = 0, double cancellation = 0) => new(
        problem, replications, seed, SimulationMode.Rolling,
        new DeclineProbabilities(new ComponentValues(decline, 0, 0, 0), ImmutableDictionary<string, double>.Empty),
        ComponentValues.Zero, null, null, ImmutableDictionary<Priority, double>.Empty.Add(Priority.Critical, 1.0))
    {
        SessionCancellation = cancellation,
    };

    /// <summary>Every plan is feasible and its roster, with its trainings, keeps every rule of the problem known that day.</summary>
    private static void AssertEveryPlanValid(RollingRun run)
    {
        foreach (var plan in run.Plans)
        {
            Assert.Equal(RosterStatus.Optimal, plan.Roster.Status);
            var violations = RosterValidator.Validate(plan.Problem, plan.Roster.Assignments, null, plan.Roster.Training);
            Assert.True(violations.IsEmpty, $"{plan.Day}: {string.Join("; ", violations)}");
        }
    }

    [Fact]
    public void An_accepted_tour_whose_training_has_started_is_kept_by_every_later_plan_and_the_replication_is_proven()
    {
        // The seat (days 20-109) is offered on the first day, and its member trained on days 5-9; the plans of February,
        // March and April come after the session: they must still know the member holds FACT, or the tour's lock cannot be kept.
        var scenario = Rolling(NeedsTraining(2, 20, 5), 1, seed: 1);
        var run = RollingReplication.Run(scenario, 0, Planner, default);
        var trained = Assert.Single(run.Plans[0].Roster.Training);
        Assert.Equal("fact-1", trained.Session);
        var member = run.Plans[0].Roster.Assignments.Single().Member;
        Assert.Equal(trained.Member, member);

        Assert.True(run.Proven);
        AssertEveryPlanValid(run);
        var later = run.Plans.Where(p => p.Day > trained.End).ToList();
        Assert.Equal([new DateOnly(2027, 2, 1), new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 1)], later.Select(p => p.Day));
        foreach (var plan in later)
        {
            // The credential is history (through the session's end plus a year), and the tour goes on.
            Assert.Equal(trained.End.AddDays(365), plan.Problem.Members.Single(m => m.Id == member).HoldsThrough(["FACT"]));
            Assert.Contains(plan.Roster.Assignments, a => a.Member == member && a.Position == "seat" && a.End == Planning.AddDays(109));
            Assert.Empty(plan.Roster.Training);
        }
        var served = Assert.Single(run.Served);
        Assert.Equal(new DateRange(Planning.AddDays(20), Planning.AddDays(109)), served.Days);
    }

    [Fact]
    public void A_tour_whose_training_starts_before_the_next_monthly_plan_is_offered_then_and_filled()
    {
        // The seat starts on day 60, after February's plan, but its only session is on days 10-14: the member is asked on
        // the first day, before being sent to the course, and the tour agreed keeps the training through the later plans.
        var scenario = Rolling(NeedsTraining(2, 60, 10), 1, seed: 1);
        var run = RollingReplication.Run(scenario, 0, Planner, default);
        Assert.True(run.Proven);
        AssertEveryPlanValid(run);
        var trained = Assert.Single(run.Plans[0].Roster.Training);
        Assert.All(run.Plans.Where(p => p.Day > trained.End), p =>
        {
            Assert.NotNull(p.Problem.Members.Single(m => m.Id == trained.Member).HoldsThrough(["FACT"]));
            Assert.Contains(p.Roster.Assignments, a => a.Member == trained.Member && a.Position == "seat");
        });
        Assert.Equal(new DateRange(Planning.AddDays(60), Planning.AddDays(149)), Assert.Single(run.Served).Days);
        var months = new HorizonMonths(scenario.Problem.PlanningDate, scenario.HorizonEnd);
        Assert.Equal(1, ReplicationOutcome.Measure(run.Measured, run.Served, months, run.Proven).Fill(Priority.Critical));
    }

    [Fact]
    public void A_training_moved_out_of_a_session_cancelled_on_its_first_day_is_the_one_kept()
    {
        // Two sessions before the seat (days 10 and 30); in the replications where only the first is cancelled, the plan of
        // its first day moves the accepted tour's training to the second, and that is the training later plans hold.
        var scenario = Rolling(NeedsTraining(2, 60, 10, 30), 40, seed: 5, cancellation: 0.5);
        var (checkedOnes, moved) = (0, 0);
        for (var i = 0; i < scenario.Replications; i++)
        {
            if (ReplicationSampler.CancelledSessions(scenario, i).Select(s => s.Id).ToList() is not ["fact-1"]) continue;
            checkedOnes++;
            var run = RollingReplication.Run(scenario, i, Planner, default);
            AssertEveryPlanValid(run);
            var second = scenario.Problem.Policy.Courses[0].Sessions[1];
            Assert.True(run.Proven);
            var member = run.Plans[^1].Roster.Assignments.Single().Member;
            Assert.Equal(new DateRange(Planning.AddDays(60), Planning.AddDays(149)), Assert.Single(run.Served).Days);
            if (run.Plans[0].Roster.Training.Single().Session == "fact-1") moved++;
            // Held from the second session, not the first (which would give FACT until day 14 + 365).
            Assert.All(run.Plans.Where(p => p.Day > second.Days.End), p =>
                Assert.Equal(second.Days.End.AddDays(365), p.Problem.Members.Single(m => m.Id == member).HoldsThrough(["FACT"])));
        }
        // Some did plan the first session at first (else nothing was moved).
        Assert.InRange(checkedOnes, 3, 40);
        Assert.InRange(moved, 1, checkedOnes);
    }

    [Fact]
    public void The_same_seed_gives_the_same_plans_and_results()
    {
        // Declines and cancellations drawn, with offers that need trainings: two runs of each replication plan the same.
        var scenario = Rolling(NeedsTraining(4, 40, 5, 25, 45, 70), 12, seed: 9, decline: 0.3, cancellation: 0.3);
        for (var i = 0; i < scenario.Replications; i++)
        {
            var one = RollingReplication.Run(scenario, i, Planner, default);
            var two = RollingReplication.Run(scenario with { }, i, Planner, default);
            Assert.Equal(one.Proven, two.Proven);
            Assert.Equal(one.Served.AsEnumerable(), two.Served.AsEnumerable());
            Assert.Equal(one.Plans.Select(Planned), two.Plans.Select(Planned));
        }
        var first = ScenarioJson.WriteResults(Simulator.Run(scenario), scenario);
        var again = ScenarioJson.WriteResults(Simulator.Run(scenario with { }), scenario);
        Assert.Equal(SimulatorTests.WithoutElapsed(first), SimulatorTests.WithoutElapsed(again));
    }

    /// <summary>What a plan decided, as text: its day, status, tours and trainings.</summary>
    private static string Planned(RollingPlan plan) =>
        $"{plan.Day} {plan.Roster.Status}: {string.Join(", ", plan.Roster.Assignments)}; {string.Join(", ", plan.Roster.Training)}";
}
