using System.Collections.Immutable;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Samples;
using Scrs.Matching.Planning;
using Scrs.Matching.Simulation;

namespace Scrs.Matching.Tests.Simulation;

/// <summary>
/// The simulation's estimates against scenarios whose answer is known by hand, the coverage of its intervals over many
/// seeds, and its reproducibility.
/// </summary>
public sealed class SimulatorTests
{
    private static readonly DateOnly Planning = new(2027, 1, 1);

    /// <summary>One critical position of one 90-day slot, and <paramref name="members"/> active members who can all fill it.</summary>
    internal static DeploymentProblem OneSeat(int members, int startDay = 10) => new(
        Planning,
        [.. Enumerable.Range(1, members).Select(k => new Member($"m{k}", $"m{k}", Component.Active, null,
            ImmutableDictionary<string, int>.Empty, [], Clearance.None, []))],
        [new Operation("op", "op", [new Position("seat", "seat", ImmutableDictionary<string, int>.Empty, [], Clearance.None, 1,
            new DateRange(Planning.AddDays(startDay), Planning.AddDays(startDay + 89)), 90, Priority.Critical, [])])],
        Policy.Default, []);

    private static Scenario Scenario(DeploymentProblem problem, int replications, int seed, double decline = 0, double attrition = 0) => new(
        problem, replications, seed, SimulationMode.Static,
        new DeclineProbabilities(new ComponentValues(decline, 0, 0, 0), ImmutableDictionary<string, double>.Empty),
        new ComponentValues(attrition, 0, 0, 0), null, null,
        ImmutableDictionary<Priority, double>.Empty.Add(Priority.Critical, 1.0));

    [Fact]
    public void With_independent_declines_the_fill_rate_and_sustain_probability_estimate_one_minus_p_to_the_k()
    {
        // Two members who each decline with probability 0.5: the seat stays empty only if both decline, 1 - 0.25 = 0.75.
        var results = Simulator.Run(Scenario(OneSeat(2), 400, seed: 11, decline: 0.5));
        var fill = results.Priorities.Single(p => p.Priority == Priority.Critical);
        Assert.InRange(0.75, fill.Confidence95!.Low, fill.Confidence95.High);
        Assert.InRange(0.75, results.SustainProbability!.Confidence95.Low, results.SustainProbability.Confidence95.High);
        Assert.Equal(1 - fill.Mean!.Value, results.Positions.Single().UnfilledProbability, 12);
        Assert.Equal(400, results.Replications);
        Assert.Equal(0, results.UnprovenReplications);
    }

    [Fact]
    public void The_95_percent_intervals_of_the_mean_cover_the_true_fill_rate_in_most_of_sixty_seeds()
    {
        var problem = OneSeat(2);
        var covered = 0;
        for (var seed = 0; seed < 60; seed++)
        {
            var fill = Simulator.Run(Scenario(problem, 40, seed, decline: 0.5)).Priorities.Single(p => p.Priority == Priority.Critical);
            if (fill.Confidence95 is { } i && i.Low <= 0.75 && 0.75 <= i.High) covered++;
        }
        // 95 % nominal; with 60 seeds, 51 or more covers holds unless the intervals are badly off (binomial sd 1.7).
        Assert.InRange(covered, 51, 60);
    }

    [Fact]
    public void With_attrition_a_seat_stays_empty_as_often_as_its_only_member_leaves_before_its_last_day()
    {
        // One member leaving at 1.5 a year; the one-slot seat (days 10..99 after planning) needs them to day 99.
        const double rate = 1.5;
        var results = Simulator.Run(Scenario(OneSeat(1), 400, seed: 5, attrition: rate));
        var truth = 1 - Math.Exp(-rate * 100 / 365.25);
        var (low, high) = Wilson95(results.Positions.Single().UnfilledProbability, results.Replications);
        Assert.InRange(truth, low, high);
    }

    /// <summary>Wilson's 95 % interval around a share <paramref name="p"/> estimated from <paramref name="n"/> trials.</summary>
    internal static (double Low, double High) Wilson95(double p, int n)
    {
        var z = 1.959964;
        var centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        var half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return (centre - half, centre + half);
    }

    [Fact]
    public void The_same_scenario_and_seed_give_the_same_results_with_one_or_two_parallel_solves()
    {
        var scenario = ScenarioJson.Read("""
            { "sample": { "family": "small" }, "replications": 12, "seed": 3,
              "declines": { "standby": 0.3, "agencies": { "Justice": 0.6 } }, "attritionPerYear": { "reserve": 0.2 },
              "unavailability": { "ratePerMemberYear": 2, "duration": { "distribution": "uniform", "min": 3, "max": 20 } },
              "sustain": { "critical": 0.9 } }
            """).Value!;
        var one = ScenarioJson.WriteResults(Simulator.Run(scenario, new SimulationOptions { Parallel = 1, BatchSize = 5 }), scenario);
        var two = ScenarioJson.WriteResults(Simulator.Run(scenario, new SimulationOptions { Parallel = 2, BatchSize = 5 }), scenario);
        Assert.Equal(WithoutElapsed(one), WithoutElapsed(two));
    }

    [Fact]
    public void Batches_run_apart_stored_as_json_and_combined_give_the_results_of_one_run()
    {
        var scenario = Scenario(OneSeat(3), 25, seed: 4, decline: 0.6, attrition: 0.8);
        var whole = ScenarioJson.WriteResults(Simulator.Run(scenario), scenario);
        // Out of order, as hosts of a cluster finish them.
        var batches = new[] { Simulator.RunBatch(scenario, 20, 5), Simulator.RunBatch(scenario, 0, 10), Simulator.RunBatch(scenario, 10, 10) }
            .Select(b => ReplicationBatch.FromJson(b.ToJson())).OrderBy(b => b.First).ToList();
        var combined = ScenarioJson.WriteResults(Simulator.Combine(scenario, batches, partial: false, stoppedBy: null, TimeSpan.Zero), scenario);
        Assert.Equal(WithoutElapsed(whole), WithoutElapsed(combined));
        Assert.Throws<ArgumentException>(() => Simulator.Combine(scenario, [batches[1]], false, null, TimeSpan.Zero));
    }

    [Fact]
    public void A_replication_depends_only_on_the_scenario_and_its_seed_and_index()
    {
        var scenario = Scenario(OneSeat(3), 10, seed: 9, decline: 0.4, attrition: 0.5) with
        {
            Absences = new AbsenceModel(3, new DurationDistribution(DurationKind.LogNormal, 10, StandardDeviationDays: 5)),
        };
        Assert.Equal(ProblemJson.Write(ReplicationSampler.Sample(scenario, 7)), ProblemJson.Write(ReplicationSampler.Sample(scenario, 7)));
        Assert.NotEqual(ProblemJson.Write(ReplicationSampler.Sample(scenario, 7)), ProblemJson.Write(ReplicationSampler.Sample(scenario, 8)));
        Assert.NotEqual(ProblemJson.Write(ReplicationSampler.Sample(scenario, 7)),
            ProblemJson.Write(ReplicationSampler.Sample(scenario with { Seed = 10 }, 7)));
    }

    [Fact]
    public void Arrivals_add_operations_inside_the_horizon_that_start_on_their_arrival_day()
    {
        var problem = OneSeat(2) with { };
        var template = problem.Operations[0];
        var scenario = Scenario(problem, 5, seed: 2) with { Arrivals = new ArrivalModel(20, [template], DurationDays: new DurationDistribution(DurationKind.Fixed, 30)) };
        var sampled = ReplicationSampler.Sample(scenario, 0);
        var arrivals = sampled.Operations.Skip(1).ToList();
        Assert.NotEmpty(arrivals);
        Assert.All(arrivals.SelectMany(o => o.Positions), p =>
        {
            Assert.True(p.Window.End <= scenario.HorizonEnd);
            Assert.True(p.Window.Days <= 30);
        });
        Assert.Equal(arrivals.Count, arrivals.Select(o => o.Id).Distinct().Count());
    }

    [Fact]
    public void Arrivals_from_the_sample_generator_have_its_skill_mix_stay_in_the_horizon_and_plan_to_a_valid_roster()
    {
        var scenario = ScenarioJson.Read("""
            { "sample": { "family": "small" }, "replications": 3, "seed": 8,
              "arrivals": { "ratePerYear": 6, "template": "sample", "positions": { "distribution": "fixed", "value": 12 },
                "durationDays": { "distribution": "uniform", "min": 90, "max": 200 } } }
            """).Value!;
        var sampled = ReplicationSampler.Sample(scenario, 0);
        var arrivals = sampled.Operations.Skip(scenario.Problem.Operations.Length).ToList();
        Assert.NotEmpty(arrivals);
        Assert.All(arrivals, o =>
        {
            Assert.Equal(12, o.Positions.Length);
            Assert.All(o.Positions, p => Assert.True(p.Window.End <= scenario.HorizonEnd && p.Window.Days <= 200 && !p.Requires.IsEmpty));
        });
        Assert.Equal(ProblemJson.Write(sampled), ProblemJson.Write(ReplicationSampler.Sample(scenario, 0)));
        var roster = RosterPlanner.Plan(sampled, PlannerOptions.Default with { CoverageOnly = true, Engine = SolverEngine.Highs });
        Assert.True(Scrs.Matching.Verification.RosterValidator.Validate(sampled, roster.Assignments).IsEmpty);
    }

    [Fact]
    public void A_cancelled_run_keeps_the_replications_it_finished_marked_partial_and_a_precision_stops_it_early()
    {
        using var cancel = new CancellationTokenSource();
        var options = new SimulationOptions { BatchSize = 10, Progress = new Progress(p => { if (p.Done >= 10) cancel.Cancel(); }) };
        var partial = Simulator.Run(Scenario(OneSeat(2), 1000, seed: 1, decline: 0.5), options, cancel.Token);
        Assert.True(partial.Partial);
        Assert.Equal("cancelled", partial.StoppedBy);
        Assert.InRange(partial.Replications, 10, 20);

        var early = Simulator.Run(Scenario(OneSeat(2), 1000, seed: 1, decline: 0.5), new SimulationOptions { Precision = 0.3 });
        Assert.False(early.Partial);
        Assert.True(early.Replications < 1000);
        Assert.StartsWith("precision reached", early.StoppedBy, StringComparison.Ordinal);
    }

    internal static string WithoutElapsed(string results) =>
        System.Text.RegularExpressions.Regex.Replace(results, "\"elapsedSeconds\": [0-9.]+", "\"elapsedSeconds\": 0");

    private sealed class Progress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        // Synchronous, so the cancellation lands before the next batch.
        public void Report(SimulationProgress value) => report(value);
    }
}
