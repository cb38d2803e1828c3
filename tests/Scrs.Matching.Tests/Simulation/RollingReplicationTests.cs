using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Simulation;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Simulation;

/// <summary>
/// The rolling mode: what has happened is never changed, every plan keeps every rule, and its estimates against answers
/// known by hand.
/// </summary>
public sealed class RollingReplicationTests
{
    private static readonly PlannerOptions Planner = PlannerOptions.Default with { CoverageOnly = true, Engine = SolverEngine.Highs };

    private static Arbitrary<int> Seeds => Gen.Choose(0, 100_000).ToArbitrary();

    private static Scenario Rolling(DeploymentProblem problem, int replications, int seed, double decline = 0, double attrition = 0,
        AbsenceModel? absences = null, ArrivalModel? arrivals = null) => new(
        problem, replications, seed, SimulationMode.Rolling,
        new DeclineProbabilities(new ComponentValues(decline, decline, decline, decline), ImmutableDictionary<string, double>.Empty),
        new ComponentValues(attrition, attrition, attrition, attrition), absences, arrivals,
        ImmutableDictionary<Priority, double>.Empty.Add(Priority.Critical, 1.0));

    [Fact]
    public void With_declines_alone_one_seat_is_filled_in_every_replication_exactly_as_in_the_static_mode()
    {
        // Each offer that is declined is followed by another the same day, so the seat waits for nobody.
        var rolling = Rolling(SimulatorTests.OneSeat(3), 60, seed: 2, decline: 0.6);
        var months = new HorizonMonths(rolling.Problem.PlanningDate, rolling.HorizonEnd);
        for (var i = 0; i < rolling.Replications; i++)
        {
            var run = RollingReplication.Run(rolling, i, Planner, default);
            var measured = ReplicationOutcome.Measure(run.Measured, run.Served, months, run.Proven);
            var problem = ReplicationSampler.Sample(rolling with { Mode = SimulationMode.Static }, i);
            var planned = ReplicationOutcome.Measure(problem, RosterPlanner.Plan(problem, Planner), months);
            Assert.Equal(planned.Covered, measured.Covered);
            Assert.True(measured.Proven);
        }
    }

    [Fact]
    public void A_member_who_leaves_mid_tour_covers_the_days_before_leaving_as_the_exponential_law_predicts()
    {
        // One member leaving at 1.5 a year on the seat of days 10..99: served days are (min(L, 100) - 10)+, L = floor(Exp).
        const double rate = 1.5;
        var lambda = rate / 365.25;
        var expected = Enumerable.Range(10, 90).Sum(l => (Math.Exp(-lambda * l) - Math.Exp(-lambda * (l + 1))) * (l - 10))
            + Math.Exp(-lambda * 100) * 90;
        var results = Simulator.Run(Rolling(SimulatorTests.OneSeat(1), 400, seed: 9, attrition: rate));
        var fill = results.Priorities.Single(p => p.Priority == Priority.Critical);
        Assert.InRange(expected / 90, fill.Confidence95!.Low, fill.Confidence95.High);
        // Static mode loses the whole slot to a departure before its end; rolling keeps the days served.
        var (low, high) = SimulatorTests.Wilson95(results.Positions.Single().UnfilledProbability, results.Replications);
        Assert.InRange(1 - Math.Exp(-lambda * 100), low, high);
    }

    [Property(MaxTest = 300)]
    public Property Every_plan_keeps_every_rule_and_no_plan_moves_a_tour_that_has_started() =>
        Prop.ForAll(Seeds, seed =>
        {
            // Without the generator's occasional lock, which may make the problem itself infeasible.
            var problem = TinyProblems.Generate(seed) with { Locks = [] };
            var scenario = Rolling(problem, 1, seed, decline: 0.3, attrition: 2,
                absences: new AbsenceModel(6, new DurationDistribution(DurationKind.Uniform, 0, 1, 6)));
            CheckRun(scenario, 0, RollingReplication.Run(scenario, 0, Planner, default));
            return true;
        });

    [Fact]
    public void A_small_corps_year_with_arrivals_keeps_every_rule_and_every_started_tour()
    {
        var scenario = ScenarioJson.Read("""
            { "sample": { "family": "small" }, "replications": 2, "seed": 5, "mode": "rolling",
              "declines": { "standby": 0.3, "reserve": 0.2, "agencies": { "Justice": 0.6 } },
              "attritionPerYear": { "active": 0.2, "standby": 0.2, "reserve": 0.3, "contractor": 0.3 },
              "unavailability": { "ratePerMemberYear": 2, "duration": { "distribution": "uniform", "min": 3, "max": 20 } },
              "arrivals": { "ratePerYear": 2, "template": "sample", "positions": { "distribution": "fixed", "value": 6 } },
              "sustain": { "critical": 0.9 } }
            """).Value!;
        for (var i = 0; i < scenario.Replications; i++)
        {
            var run = RollingReplication.Run(scenario, i, Planner, default);
            Assert.True(CheckRun(scenario, i, run) > 100, "tours under way were checked");
            Assert.True(run.Plans.Length >= 12, $"{run.Plans.Length} plans: at least one a month");
        }
    }

    [Fact]
    public void An_exclusion_holds_while_its_position_is_planned_and_goes_with_it()
    {
        // m1 may not serve the seat (days 10..99); the monthly plans after day 99 no longer have the seat, nor its exclusion.
        var seat = SimulatorTests.OneSeat(2);
        var late = seat.Operations[0].Positions[0] with { Id = "late", Window = new DateRange(seat.PlanningDate.AddDays(150), seat.PlanningDate.AddDays(239)) };
        var problem = seat with
        {
            Operations = [seat.Operations[0], new Operation("later", "later", [late])],
            Exclusions = [new Exclusion("m1", "seat"), new Exclusion("m2", Operation: "later")],
        };
        var scenario = Rolling(problem, 1, seed: 1);

        var run = RollingReplication.Run(scenario, 0, Planner, default);

        CheckRun(scenario, 0, run);
        Assert.Contains(run.Plans, p => p.Day > seat.PlanningDate.AddDays(99));
        foreach (var plan in run.Plans)
        {
            var seatPlanned = plan.Day <= seat.PlanningDate.AddDays(99);
            Assert.Equal(seatPlanned ? 2 : 1, plan.Problem.Exclusions.Length);
            Assert.DoesNotContain(plan.Roster.Assignments, a => a is { Member: "m1", Position: "seat" } or { Member: "m2", Position: "late" });
        }
    }

    [Fact]
    public void The_same_rolling_scenario_and_seed_give_the_same_results_with_one_or_two_parallel_solves()
    {
        var scenario = Rolling(TinyProblems.Generate(17), 8, seed: 3, decline: 0.3, attrition: 1,
            absences: new AbsenceModel(4, new DurationDistribution(DurationKind.Fixed, 3)));
        var one = ScenarioJson.WriteResults(Simulator.Run(scenario, new SimulationOptions { Parallel = 1, BatchSize = 3 }), scenario);
        var two = ScenarioJson.WriteResults(Simulator.Run(scenario, new SimulationOptions { Parallel = 2, BatchSize = 3 }), scenario);
        Assert.Equal(SimulatorTests.WithoutElapsed(one), SimulatorTests.WithoutElapsed(two));
    }

    /// <summary>
    /// Checks a run: each plan's roster passes the validator against what was known that day; each tour of a day's last
    /// plan that started by the next plan's day is in that plan with its start (or the start of the days still planned)
    /// and its end, unless its member left, when it ends no earlier than the last day served; no member who declines is
    /// held to a tour; and what was served lies within tours planned.
    /// </summary>
    private static int CheckRun(Scenario scenario, int replication, RollingRun run)
    {
        var future = ReplicationSampler.Future(scenario, replication);
        var memberIndex = scenario.Problem.Members.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var plan in run.Plans)
        {
            var violations = RosterValidator.Validate(plan.Problem, plan.Roster.Assignments);
            Assert.True(violations.IsEmpty, $"{plan.Day}: {string.Join("; ", violations)}");
            Assert.NotEqual(Scrs.Matching.Report.RosterStatus.Infeasible, plan.Roster.Status);
        }
        var started = 0;
        var lastOfDay = run.Plans.GroupBy(p => p.Day).Select(g => g.Last()).ToList();
        var firstOfDay = run.Plans.GroupBy(p => p.Day).Select(g => g.First()).ToList();
        for (var k = 0; k + 1 < lastOfDay.Count; k++)
        {
            var next = firstOfDay[k + 1];
            var windows = next.Problem.Operations.SelectMany(o => o.Positions).ToDictionary(p => p.Id, p => p.Window);
            foreach (var tour in lastOfDay[k].Roster.Assignments.Where(a => a.Start <= next.Day && windows.ContainsKey(a.Position)))
            {
                var m = memberIndex[tour.Member];
                var left = future.Leaves[m] is { } l && l <= next.Day ? l : (DateOnly?)null;
                // Gone before it started, or its slot of leaving ended before the days the next plan sees.
                if (left is { } gone && (gone <= tour.Start || gone.AddDays(-1) < windows[tour.Position].Start)) continue;
                var expectedStart = tour.Start > windows[tour.Position].Start ? tour.Start : windows[tour.Position].Start;
                if (tour.End < windows[tour.Position].Start) continue;
                started++;
                Assert.Contains(next.Roster.Assignments, a => a.Member == tour.Member && a.Position == tour.Position
                    && a.Start == expectedStart && (a.End == tour.End || left is not null && a.End < tour.End && a.End >= left.Value.AddDays(-1)));
            }
        }
        // A member who declines is never held by a lock of a tour agreed (only, at first, by the scenario's own locks).
        foreach (var plan in run.Plans)
        {
            Assert.DoesNotContain(plan.Problem.Locks, l => future.Declines[memberIndex[l.Member]]
                && !scenario.Problem.Locks.Any(own => own.Member == l.Member && own.Position == l.Position));
        }
        var agreed = run.Plans.SelectMany(p => p.Roster.Assignments).ToLookup(a => a.Position);
        foreach (var (position, days) in run.Served)
            Assert.Contains(agreed[position], a => a.Days.Covers(days));
        return started;
    }
}
