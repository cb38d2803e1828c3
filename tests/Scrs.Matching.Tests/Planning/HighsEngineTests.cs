using FsCheck.Xunit;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Planning;

public class HighsEngineTests
{
    private static readonly PlannerOptions Cbc = new() { TimeLimit = TimeSpan.FromSeconds(60), Engine = SolverEngine.Cbc };
    private static readonly PlannerOptions Highs = Cbc with { Engine = SolverEngine.Highs };

    [Property(MaxTest = 40)]
    public void Highs_engine_proves_the_same_six_level_optimum_as_cbc_on_tiny_problems(int seed)
    {
        var problem = TinyProblems.Generate(seed);
        var cbc = RosterPlanner.Plan(problem, Cbc);
        var highs = RosterPlanner.Plan(problem, Highs);
        Assert.Equal(cbc.Status, highs.Status);
        if (cbc.Status == RosterStatus.Infeasible) return;
        Assert.Equal(RosterStatus.Optimal, highs.Status);
        Assert.Equal(cbc.Objective, highs.Objective);
        Assert.True(RosterValidator.Validate(problem, highs.Assignments).IsEmpty);
        Assert.Equal(RosterEvaluator.Evaluate(problem, highs.Assignments), highs.Objective);
    }

    [Property(MaxTest = 20)]
    public void Highs_engine_gives_the_same_roster_for_the_same_input_and_seed(int seed)
    {
        var options = Highs with { Seed = Math.Abs(seed % 1000), Threads = 1 + Math.Abs(seed % 2) };
        var first = RosterPlanner.Plan(TinyProblems.Generate(seed), options);
        var second = RosterPlanner.Plan(TinyProblems.Generate(seed), options);
        Assert.Equal(first.Assignments.ToArray(), second.Assignments.ToArray());
    }

    [Fact]
    public void Highs_engine_proves_the_same_six_level_optimum_as_cbc_on_the_small_family()
    {
        var problem = Scrs.Matching.Samples.SampleCorps.Generate(Scrs.Matching.Samples.SampleCorps.Families.ForFamily("small"));
        var cbc = RosterPlanner.Plan(problem, Cbc);
        var highs = RosterPlanner.Plan(problem, Highs);
        Assert.Equal(RosterStatus.Optimal, cbc.Status);
        Assert.Equal(RosterStatus.Optimal, highs.Status);
        Assert.Equal(cbc.Objective, highs.Objective);
        Assert.True(RosterValidator.Validate(problem, highs.Assignments).IsEmpty);
    }
}
