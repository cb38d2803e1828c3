using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using Scrs.Matching.Model;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Planning;

public class InfeasibilityExplainerTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    /// <summary>The conflicting rules the explainer finds, as (kind, number) pairs in a stable order.</summary>
    private static (RuleKind, int)[] Conflict(DeploymentProblem problem)
    {
        var model = RosterModelBuilder.Build(CandidateGenerator.Generate(new PlanningIndex(problem)));
        var (rules, minimal) = InfeasibilityExplainer.Conflict(model, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.NotNull(rules);
        Assert.True(minimal);
        return [.. rules!.Select(r => (r.Kind, r.Number)).Order()];
    }

    /// <summary>
    /// The problem is infeasible, and removing any one rule of <paramref name="conflict"/> makes it feasible (checked with
    /// the planner itself, not the explainer): the set is minimal.
    /// </summary>
    private static void AssertMinimal(DeploymentProblem problem, (RuleKind Kind, int Number)[] conflict)
    {
        Assert.Equal(RosterStatus.Infeasible, RosterPlanner.Plan(problem, Options).Status);
        foreach (var (kind, number) in conflict)
        {
            var without = kind switch
            {
                RuleKind.Lock => problem with { Locks = problem.Locks.RemoveAt(number) },
                RuleKind.Budget => problem with { Policy = problem.Policy with { Budget = null } },
                _ => problem with { Policy = problem.Policy with { Surge = problem.Policy.Surge.RemoveAt(number) } },
            };
            var status = RosterPlanner.Plan(without, Options).Status;
            Assert.True(status == RosterStatus.Optimal, $"without {kind} {number} the problem is {status}");
        }
    }

    [Fact]
    public void Two_locks_of_one_member_on_overlapping_days_are_named_as_exactly_that_pair()
    {
        var problem = Problem([Member("a"), Member("b"), Member("c")],
            [Position("p", 0, 29), Position("q", 10, 39), Position("r", 200, 229), Position("s", 300, 329)],
            locks:
            [
                new AssignmentLock("b", "r"),
                new AssignmentLock("a", "p", D(0), D(29)),
                new AssignmentLock("c", "s"),
                new AssignmentLock("a", "q", D(10), D(39)),
            ]);
        var conflict = Conflict(problem);
        Assert.Equal([(RuleKind.Lock, 1), (RuleKind.Lock, 3)], conflict);
        AssertMinimal(problem, conflict);

        var roster = RosterPlanner.Plan(problem, Options);
        Assert.Equal(
            "locks L1 and L3: member a cannot serve p and q on overlapping days (2027-01-01..2027-01-30 and 2027-01-11..2027-02-09)",
            Assert.Single(roster.Reasons));
        Assert.Contains("locks L1 and L3: member a cannot serve p and q", RosterSummary.ToText(problem, roster));

        // Without the explanation the status is the same, and the reason says it was not explained.
        var unexplained = RosterPlanner.Plan(problem, Options with { ExplainInfeasibility = false });
        Assert.Equal(RosterStatus.Infeasible, unexplained.Status);
        Assert.Contains("not explained further", Assert.Single(unexplained.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Locks_without_the_rest_days_between_them_name_the_rest_rule()
    {
        var problem = Problem([Member("a")], [Position("p", 0, 29), Position("q", 40, 69)], restDays: 30,
            locks: [new AssignmentLock("a", "p", D(0), D(29)), new AssignmentLock("a", "q", D(40), D(69))]);
        Assert.Equal([(RuleKind.Lock, 0), (RuleKind.Lock, 1)], Conflict(problem));
        Assert.Contains("10 day(s) between the tours, fewer than the 30 rest days", Assert.Single(RosterPlanner.Plan(problem, Options).Reasons));
    }

    [Fact]
    public void Locks_that_break_a_surge_limit_together_are_named_with_the_limit()
    {
        var problem = Problem([Member("a"), Member("b"), Member("c", agency: "USAID")],
            [Position("p", 0, 29), Position("q", 0, 29), Position("r", 0, 29)],
            surge: [new SurgeLimit(Component: Component.Contractor, MaxConcurrent: 0), new SurgeLimit(Agency: "State", MaxConcurrent: 1)],
            locks: [new AssignmentLock("a", "p"), new AssignmentLock("c", "r"), new AssignmentLock("b", "q")]);
        var conflict = Conflict(problem);
        Assert.Equal([(RuleKind.Lock, 0), (RuleKind.Lock, 2), (RuleKind.SurgeLimit, 1)], conflict);
        AssertMinimal(problem, conflict);
        var reason = Assert.Single(RosterPlanner.Plan(problem, Options).Reasons);
        Assert.StartsWith("locks L0 and L2 cannot all be kept within surge limit S1 (agency=State maxConcurrent=1)", reason);
    }

    [Fact]
    public void A_surge_limit_kept_by_the_bound_of_one_slot_counts_as_part_of_the_conflict()
    {
        // Both locked members share one slot of a two-seat position: the cap lives in the bound of the slot's column, not in a row.
        var problem = Problem([Member("a"), Member("b")], [Position("p", 0, 29, headcount: 2)],
            surge: [new SurgeLimit(Agency: "State", MaxConcurrent: 1)],
            locks: [new AssignmentLock("a", "p"), new AssignmentLock("b", "p")]);
        var conflict = Conflict(problem);
        Assert.Equal([(RuleKind.Lock, 0), (RuleKind.Lock, 1), (RuleKind.SurgeLimit, 0)], conflict);
        AssertMinimal(problem, conflict);
    }

    [Fact]
    public void Locks_that_cost_more_than_the_budget_are_named_with_the_budget()
    {
        var problem = Problem([Member("a", cost: 100), Member("b", cost: 100), Member("c", cost: 1)],
            [Position("p", 0, 29), Position("q", 0, 29), Position("r", 0, 29)], budget: 4_000,
            locks: [new AssignmentLock("c", "r"), new AssignmentLock("a", "p"), new AssignmentLock("b", "q")]);
        var conflict = Conflict(problem);
        Assert.Equal([(RuleKind.Lock, 1), (RuleKind.Lock, 2), (RuleKind.Budget, 0)], conflict);
        AssertMinimal(problem, conflict);
        Assert.StartsWith("locks L1 and L2 cannot all be kept within the budget of 4,000", Assert.Single(RosterPlanner.Plan(problem, Options).Reasons));
    }

    [Fact]
    public void More_locks_on_a_position_than_its_seats_name_the_position()
    {
        var problem = Problem([Member("a"), Member("b"), Member("c")], [Position("p", 0, 29, headcount: 2)],
            locks: [new AssignmentLock("a", "p"), new AssignmentLock("b", "p"), new AssignmentLock("c", "p")]);
        var conflict = Conflict(problem);
        Assert.Equal([(RuleKind.Lock, 0), (RuleKind.Lock, 1), (RuleKind.Lock, 2)], conflict);
        AssertMinimal(problem, conflict);
        Assert.StartsWith("locks L0, L1 and L2: position p has 2 seat(s), fewer than the 3 locked members",
            Assert.Single(RosterPlanner.Plan(problem, Options).Reasons));
    }

    [Fact]
    public void Without_time_left_the_reason_says_no_conflicting_set_was_found()
    {
        var problem = Problem([Member("a")], [Position("p", 0, 29), Position("q", 10, 39)],
            locks: [new AssignmentLock("a", "p"), new AssignmentLock("a", "q")]);
        var model = RosterModelBuilder.Build(CandidateGenerator.Generate(new PlanningIndex(problem)));
        var reason = Assert.Single(InfeasibilityExplainer.Explain(model, TimeSpan.Zero, CancellationToken.None));
        Assert.Contains("no smaller conflicting set was found in time", reason);
        Assert.Equal("locks L0 and L1: member a cannot serve p and q with any two tours that keep the rest, maximum-tour and availability rules",
            Assert.Single(InfeasibilityExplainer.Explain(model, TimeSpan.FromSeconds(60), CancellationToken.None)));
    }
}
