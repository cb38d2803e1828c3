using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Simulation;

namespace Scrs.Matching.Tests.Simulation;

/// <summary>
/// Course sessions cancelled with the scenario's probability: gone from a static replication's problem, told to a
/// rolling one on their first day, drawn from a stream of their own so that nothing else a replication draws changes.
/// </summary>
public sealed class SessionCancellationTests
{
    private static readonly DateOnly Planning = new(2027, 1, 1);
    private static readonly PlannerOptions Planner = PlannerOptions.Default with { CoverageOnly = true, Engine = SolverEngine.Highs };

    private static Arbitrary<int> Seeds => Gen.Choose(0, 100_000).ToArbitrary();

    /// <summary>
    /// <see cref="SimulatorTests.OneSeat"/>'s seat (from <paramref name="seatDay"/>) needing FACT, which no member holds,
    /// and FACT sessions of two seats each, starting on <paramref name="sessionDays"/>, five days long, valid a year:
    /// only a training fills the seat.
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

    private static Scenario Scenario(DeploymentProblem problem, int replications, int seed, double cancellation, SimulationMode mode = SimulationMode.Static,
        double decline = 0) => new(
        problem, replications, seed, mode,
        new DeclineProbabilities(new ComponentValues(decline, 0, 0, 0), ImmutableDictionary<string, double>.Empty),
        new ComponentValues(0.5, 0, 0, 0), new AbsenceModel(4, new DurationDistribution(DurationKind.Fixed, 6)), null,
        ImmutableDictionary<Priority, double>.Empty.Add(Priority.Critical, 1.0))
    {
        SessionCancellation = cancellation,
    };

    [Fact]
    public void With_probability_1_every_session_goes_and_a_seat_only_training_could_fill_stays_empty()
    {
        var problem = NeedsTraining(2, 60, 10, 20, 30);
        problem = problem with
        {
            Policy = problem.Policy with { Courses = problem.Policy.Courses.Add(new Course("medical", 90, [new CourseSession("med-1", new DateRange(Planning.AddDays(5), Planning.AddDays(6)), 1)])) },
        };
        var cancelled = Scenario(problem, 20, seed: 3, cancellation: 1) with { AttritionPerYear = ComponentValues.Zero, Absences = null };
        for (var i = 0; i < cancelled.Replications; i++)
        {
            Assert.Equal(["fact-1", "fact-2", "fact-3", "med-1"], ReplicationSampler.CancelledSessions(cancelled, i).Select(s => s.Id));
            Assert.Empty(ReplicationSampler.Sample(cancelled, i).Policy.Courses);
        }
        Assert.Equal(0, Simulator.Run(cancelled).Priorities.Single(p => p.Priority == Priority.Critical).Mean);
        // The same scenario with its sessions running fills the seat by training a member: the seat is empty for want of them.
        Assert.Equal(1, Simulator.Run(cancelled with { SessionCancellation = 0 }).Priorities.Single(p => p.Priority == Priority.Critical).Mean);
    }

    [Fact]
    public void A_course_keeps_the_sessions_not_cancelled_and_the_seat_is_filled_when_one_in_time_is_left()
    {
        // Three sessions before the seat, each cancelled with probability 0.5: the seat is empty only when all three are.
        var scenario = Scenario(NeedsTraining(2, 60, 10, 20, 30), 200, seed: 7, cancellation: 0.5) with { AttritionPerYear = ComponentValues.Zero, Absences = null };
        var empty = 0;
        for (var i = 0; i < scenario.Replications; i++)
        {
            var cancelled = ReplicationSampler.CancelledSessions(scenario, i).Select(s => s.Id).ToHashSet();
            var sampled = ReplicationSampler.Sample(scenario, i);
            var left = sampled.Policy.Courses.SelectMany(c => c.Sessions).Select(s => s.Id).ToList();
            Assert.Equal(scenario.Problem.Policy.Courses[0].Sessions.Select(s => s.Id).Where(id => !cancelled.Contains(id)), left);
            if (cancelled.Count == 3) empty++;
        }
        var results = Simulator.Run(scenario);
        Assert.Equal(empty, results.Positions.Single().UnfilledProbability * results.Replications, 9);
        var (low, high) = SimulatorTests.Wilson95(empty / (double)scenario.Replications, scenario.Replications);
        Assert.InRange(0.125, low, high);
    }

    [Property(MaxTest = 25)]
    public Property With_probability_0_or_without_courses_a_replication_is_the_one_drawn_without_cancellations() =>
        Prop.ForAll(Seeds, seed =>
        {
            var i = seed % 50;
            var withCourses = Scenario(NeedsTraining(4, 60, 10, 20), 10, seed, cancellation: 0, decline: 0.3);
            var plain = withCourses with { Problem = SimulatorTests.OneSeat(4, 60) };
            // The scenario as read without the field, and with 0, and one without courses at any probability.
            Assert.Equal(Written(withCourses, i), Written(withCourses with { SessionCancellation = 0.0 }, i));
            Assert.Equal(Written(plain, i), Written(plain with { SessionCancellation = 0.7 }, i));
            Assert.DoesNotContain(ReplicationSampler.Edits(withCourses, i), e => e is Matching.Sessions.SessionCancelled);
            // Cancellations on: everything but the courses is what it was (their stream is not the other draws').
            var cancelling = withCourses with { SessionCancellation = 0.6 };
            var sampled = ReplicationSampler.Sample(cancelling, i);
            Assert.Equal(ProblemJson.Write(ReplicationSampler.Sample(withCourses, i) with { Policy = sampled.Policy }), ProblemJson.Write(sampled));
            return true;
        });

    private static string Written(Scenario scenario, int replication) => ProblemJson.Write(ReplicationSampler.Sample(scenario, replication));

    [Fact]
    public void A_lock_that_only_a_cancelled_session_s_training_could_keep_is_dropped_as_one_on_a_member_who_left_is()
    {
        var problem = NeedsTraining(2, 60, 10) with { Locks = [new AssignmentLock("m1", "seat", Planning.AddDays(60), Planning.AddDays(149))] };
        var cancelled = Scenario(problem, 5, seed: 2, cancellation: 1) with { AttritionPerYear = ComponentValues.Zero, Absences = null };
        for (var i = 0; i < cancelled.Replications; i++)
        {
            Assert.Empty(ReplicationSampler.Sample(cancelled, i).Locks);
            Assert.Equal(problem.Locks, ReplicationSampler.Sample(cancelled with { SessionCancellation = 0 }, i).Locks);
        }
        var roster = RosterPlanner.Plan(ReplicationSampler.Sample(cancelled, 0), Planner);
        Assert.Equal(Matching.Report.RosterStatus.Optimal, roster.Status);
        Assert.Empty(roster.Assignments);
    }

    [Fact]
    public void The_same_seed_gives_the_same_cancellations_and_another_seed_others_at_the_rate_asked()
    {
        var problem = NeedsTraining(2, 200, [.. Enumerable.Range(0, 40).Select(k => k * 4)]);
        var scenario = Scenario(problem, 50, seed: 11, cancellation: 0.3);
        var drawn = Enumerable.Range(0, 50).Select(i => ReplicationSampler.CancelledSessions(scenario, i).Select(s => s.Id).ToList()).ToList();
        var again = Enumerable.Range(0, 50).Select(i => ReplicationSampler.CancelledSessions(scenario with { }, i).Select(s => s.Id).ToList()).ToList();
        Assert.Equal(drawn, again);
        var other = Enumerable.Range(0, 50).Select(i => ReplicationSampler.CancelledSessions(scenario with { Seed = 12 }, i).Select(s => s.Id).ToList()).ToList();
        Assert.NotEqual(drawn, other);
        // Replications differ from each other too, and 2,000 draws at 0.3 give 600 +- 20.5 (sd): 4 sd either side.
        Assert.True(drawn.Select(d => string.Join(",", d)).Distinct().Count() > 40);
        Assert.InRange(drawn.Sum(d => d.Count), 518, 682);
    }

    [Fact]
    public void A_rolling_replication_learns_of_a_cancellation_on_the_session_s_first_day_and_plans_again_then()
    {
        // The session (days 10-14) trains for the seat from day 60, which is not offered before the session's first day:
        // the first plan trains a member in it, the plan of day 10 knows it cancelled, and the seat stays empty.
        var problem = NeedsTraining(2, 60, 10);
        var cancelled = Scenario(problem, 1, seed: 1, cancellation: 1, SimulationMode.Rolling) with { AttritionPerYear = ComponentValues.Zero, Absences = null };
        var run = RollingReplication.Run(cancelled, 0, Planner, default);
        Assert.Equal(Planning, run.Plans[0].Day);
        Assert.Equal("fact-1", Assert.Single(run.Plans[0].Roster.Training).Session);
        var told = Assert.Single(run.Plans, p => p.Day == Planning.AddDays(10));
        Assert.Empty(told.Problem.Policy.Courses);
        Assert.Empty(told.Roster.Assignments);
        Assert.All(run.Plans.Where(p => p.Day < Planning.AddDays(10)), p => Assert.NotEmpty(p.Problem.Policy.Courses));
        Assert.Empty(run.Served);

        // Not cancelled: no plan on the session's day.
        var running = RollingReplication.Run(cancelled with { SessionCancellation = 0 }, 0, Planner, default);
        Assert.DoesNotContain(running.Plans, p => p.Day == Planning.AddDays(10));
        Assert.Equal("fact-1", Assert.Single(running.Plans[0].Roster.Training).Session);
    }
}
