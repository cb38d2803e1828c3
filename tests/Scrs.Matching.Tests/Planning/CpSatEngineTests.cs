using FsCheck.Xunit;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Planning;

public class CpSatEngineTests
{
    private static Roster Plan(int seed, SolverEngine engine) =>
        RosterPlanner.Plan(TinyProblems.Generate(seed), new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60), Engine = engine });

    [Property(MaxTest = 60)]
    public void Engine_cpsat_proves_the_same_six_level_optimum_as_engine_cbc(int seed)
    {
        var cbc = Plan(seed, SolverEngine.Cbc);
        var cpsat = Plan(seed, SolverEngine.CpSat);
        Assert.True(cbc.Status == cpsat.Status, $"seed {seed}: cbc {cbc.Status}, cpsat {cpsat.Status} {string.Join("; ", cpsat.Reasons)}");
        if (cbc.Status == RosterStatus.Infeasible)
        {
            Assert.Equal(string.Join(" | ", cbc.Reasons), string.Join(" | ", cpsat.Reasons));
            return;
        }
        Assert.Equal(RosterStatus.Optimal, cpsat.Status);
        Assert.True(ExhaustiveSearch.Compare(cbc.Objective!, cpsat.Objective!) == 0, $"seed {seed}: cbc {cbc.Objective}, cpsat {cpsat.Objective}");
        Assert.Equal(cbc.Bound, cpsat.Bound);
    }

    [Fact]
    public void Engine_cpsat_matches_the_exhaustive_search_on_tiny_problems()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var oracle = ExhaustiveSearch.Solve(TinyProblems.Generate(seed));
            var roster = Plan(seed, SolverEngine.CpSat);
            if (!oracle.Feasible)
            {
                Assert.True(roster.Status == RosterStatus.Infeasible, $"seed {seed}: oracle infeasible, cpsat {roster.Status}");
                continue;
            }
            Assert.True(roster.Status == RosterStatus.Optimal, $"seed {seed}: {roster.Status}");
            Assert.True(ExhaustiveSearch.Compare(roster.Objective!, oracle.Objective!) == 0, $"seed {seed}: cpsat {roster.Objective} oracle {oracle.Objective}");
        }
    }
}
