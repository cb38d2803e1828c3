using Scrs.Matching.Report;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Verification.Sample;

namespace Scrs.Matching.Tests.Verification;

public sealed class RosterEvaluatorTests
{
    [Fact]
    public void The_objective_counts_person_days_by_priority_cost_and_load()
    {
        // critical: a1 10 days on p1; high: c1 14 on q1; normal: a2 7 + 7 and c1 14 on p2.
        // cost: 24 days x 300 + 28 x 1200; load: a1 10 days x 10 + c1 28 x 100.
        Assert.Equal(new ObjectiveValues(10, 14, 28, 0, 40_800m, 2_900), RosterEvaluator.Evaluate(Problem, Tours));
    }

    [Fact]
    public void Member_overrides_of_the_daily_cost_are_used() =>
        Assert.Equal(10 * 450m + 24 * 300m + 28 * 1200m - 10 * 300m,
            RosterEvaluator.Evaluate(WithMember("a1", m => m with { DailyCost = 450m }), Tours).Cost);

    [Fact]
    public void Tours_of_unknown_members_or_positions_count_nothing() =>
        Assert.Equal(new ObjectiveValues(0, 0, 0, 0, 0m, 0),
            RosterEvaluator.Evaluate(Problem, [Tour("zz", "p1", D(2, 1), D(2, 10)), Tour("a1", "p9", D(2, 1), D(2, 10))]));
}
