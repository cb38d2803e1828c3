using System.Collections.Immutable;
using System.Diagnostics;
using Scrs.Matching.Domain;
using Scrs.Matching.Report;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Verification.Sample;

namespace Scrs.Matching.Tests.Oracles;

public sealed class ExhaustiveSearchTests
{
    /// <summary>A problem planned on Jan 1 with no lead times, 30-day maximum tours and no rest days unless changed.</summary>
    private static DeploymentProblem Tiny(ImmutableArray<Member> members, params Position[] positions) => new(
        D(1, 1),
        members,
        [new Operation("op1", "Operation one", [.. positions])],
        Policy.Default with
        {
            Components = Policy.DefaultComponents.ToImmutableDictionary(c => c.Key, c => c.Value with { LeadTimeDays = 0, MaxTourDays = 30 }),
            RestDays = 0,
        },
        []);

    private static Member Active(string id, int deployedDays = 0) => Person(id, Component.Active, "State", Clearance.None, "") with { DeployedDaysLast365 = deployedDays };

    private static Assignment On(string member, string position, DateOnly start, DateOnly end) => new(member, "op1", position, start, end);

    [Fact]
    public void One_member_serves_the_longest_run_of_slots_its_maximum_tour_allows()
    {
        // Three 10-day slots Feb 1-30; a 20-day maximum tour. Of the best 20-day tours the one found first is kept.
        var problem = Tiny([Active("a") with { MaxTourDays = 20 }], Seat("p", Priority.Critical, 1, D(2, 1), D(3, 2), 10));
        var result = ExhaustiveSearch.Solve(problem);
        Assert.Equal(new ObjectiveValues(20, 0, 0, 0, 20 * 300m, 0), result.Objective);
        Assert.Equal(20, Assert.Single(result.Assignments).Days.Days);
    }

    [Fact]
    public void The_cheaper_member_is_chosen_when_coverage_ties_and_the_one_who_served_less_when_cost_ties()
    {
        var problem = Tiny([Active("a", 50), Active("b", 10), Active("c", 20) with { DailyCost = 299m }],
            Seat("p", Priority.Normal, 2, D(2, 1), D(2, 10), null));
        var result = ExhaustiveSearch.Solve(problem);
        Assert.Equal(new ObjectiveValues(0, 0, 20, 0, 10 * 299m + 10 * 300m, 10 * 20 + 10 * 10), result.Objective);
        Assert.Equal(["b", "c"], result.Assignments.Select(a => a.Member).Order());
    }

    [Fact]
    public void One_critical_person_day_beats_any_amount_of_normal_coverage()
    {
        // The only member can serve a 5-day critical position or, at the same time, a 30-day normal one.
        var problem = Tiny([Active("a")], Seat("crit", Priority.Critical, 1, D(2, 1), D(2, 5), null), Seat("norm", Priority.Normal, 1, D(2, 1), D(3, 2), null));
        Assert.Equal([On("a", "crit", D(2, 1), D(2, 5))], ExhaustiveSearch.Solve(problem).Assignments.ToArray());
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(1, 10)]
    public void Rest_days_decide_whether_a_member_can_move_straight_to_the_next_position(int restDays, long covered)
    {
        // p1 Feb 1-10 and p2 Feb 11-20: with no rest one member covers both.
        var problem = Tiny([Active("a")], Seat("p1", Priority.High, 1, D(2, 1), D(2, 10), null), Seat("p2", Priority.High, 1, D(2, 11), D(2, 20), null));
        Assert.Equal(covered, ExhaustiveSearch.Solve(problem with { Policy = problem.Policy with { RestDays = restDays } }).Objective!.High);
    }

    [Fact]
    public void With_no_rest_days_day_after_day_tours_share_one_maximum_tour()
    {
        // 10 + 10 continuous days exceed a 15-day maximum: only one of the two positions can be served.
        var problem = Tiny([Active("a") with { MaxTourDays = 15 }],
            Seat("p1", Priority.High, 1, D(2, 1), D(2, 10), null), Seat("p2", Priority.Low, 1, D(2, 11), D(2, 20), null));
        Assert.Equal(new ObjectiveValues(0, 10, 0, 0, 3000m, 0), ExhaustiveSearch.Solve(problem).Objective);
    }

    [Fact]
    public void A_surge_limit_keeps_the_second_member_of_an_agency_home()
    {
        var problem = Tiny([Active("a"), Active("b")], Seat("p", Priority.Normal, 2, D(2, 1), D(2, 10), 5));
        var limited = problem with { Policy = problem.Policy with { Surge = [new SurgeLimit(Agency: "State", MaxConcurrent: 1)] } };
        Assert.Equal(20, ExhaustiveSearch.Solve(problem).Objective!.Normal);
        Assert.Equal(10, ExhaustiveSearch.Solve(limited).Objective!.Normal);
    }

    [Fact]
    public void A_lock_is_kept_even_when_it_costs_coverage()
    {
        // Without the lock a covers the critical position; locked to the normal one at the same time, it cannot.
        var problem = Tiny([Active("a")], Seat("crit", Priority.Critical, 1, D(2, 1), D(2, 10), null), Seat("norm", Priority.Normal, 1, D(2, 1), D(2, 10), 5));
        var locked = ExhaustiveSearch.Solve(problem with { Locks = [new AssignmentLock("a", "norm", D(2, 6), D(2, 10))] });
        Assert.Equal(new ObjectiveValues(0, 0, 10, 0, 3000m, 0), locked.Objective);
        Assert.Equal([On("a", "norm", D(2, 1), D(2, 10))], locked.Assignments.ToArray());
    }

    [Fact]
    public void A_lock_that_breaks_a_rule_or_the_budget_makes_the_problem_infeasible()
    {
        var problem = Tiny([Active("a") with { Clearance = Clearance.None }], Seat("p", Priority.Normal, 1, D(2, 1), D(2, 10), null, clearance: Clearance.Secret));
        Assert.False(ExhaustiveSearch.Solve(problem with { Locks = [new AssignmentLock("a", "p")] }).Feasible);

        var cleared = problem with { Members = [Active("a") with { Clearance = Clearance.Secret }], Locks = [new AssignmentLock("a", "p")] };
        Assert.True(ExhaustiveSearch.Solve(cleared with { Policy = cleared.Policy with { Budget = 3000m } }).Feasible);
        Assert.False(ExhaustiveSearch.Solve(cleared with { Policy = cleared.Policy with { Budget = 2999m } }).Feasible);
    }

    [Fact]
    public void The_bounds_never_change_the_optimum_on_random_tiny_problems()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var problem = TinyProblems.Generate(seed);
            var bounded = ExhaustiveSearch.Solve(problem);
            var enumerated = ExhaustiveSearch.Solve(problem, bound: false);
            Assert.True(bounded.Objective == enumerated.Objective, $"seed {seed}: {bounded.Objective} with bounds, {enumerated.Objective} without");
        }
    }

    [Fact]
    public void The_oracle_solves_each_random_tiny_problem_within_seconds_and_its_roster_keeps_every_rule()
    {
        var clock = Stopwatch.StartNew();
        var infeasible = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var problem = TinyProblems.Generate(seed);
            var result = ExhaustiveSearch.Solve(problem);
            if (result.Objective is null)
            {
                infeasible++;
                Assert.True(problem.Locks.Length > 0 || problem.Policy.Budget is not null, $"seed {seed} is infeasible without a lock or budget");
                continue;
            }

            Assert.Empty(RosterValidator.Validate(problem, result.Assignments));
            // The empty roster keeps every rule but a lock; the optimum is never worse than it.
            if (problem.Locks.IsEmpty)
                Assert.True(ExhaustiveSearch.Compare(result.Objective, RosterEvaluator.Evaluate(problem, [])) >= 0);
        }

        Assert.InRange(infeasible, 1, 60);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"300 problems took {clock.Elapsed}");
    }

    [Fact]
    public void The_generator_gives_the_same_problem_for_the_same_seed_and_valid_input()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var (a, b) = (TinyProblems.Generate(seed), TinyProblems.Generate(seed));
            Assert.Equal(ExhaustiveSearch.Solve(a).Objective, ExhaustiveSearch.Solve(b).Objective);
            Assert.InRange(a.Members.Length, 2, 4);
            var positions = a.Operations.SelectMany(o => o.Positions).ToList();
            Assert.InRange(positions.Count, 1, 3);
            Assert.All(a.Operations, o => Assert.NotEmpty(o.Positions));
            Assert.All(positions, p => Assert.InRange((p.Window.Days + (a.RotationDays(p) ?? p.Window.Days) - 1) / (a.RotationDays(p) ?? p.Window.Days), 1, 4));
            Assert.All(a.Policy.Surge, s => Assert.True(s.MaxConcurrent is >= 0 ^ s.MaxShare is > 0 and <= 1));
        }
    }
}
