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

    [Fact]
    public void Plans_with_engine_cpsat_on_parallel_threads_give_the_sequential_rosters()
    {
        // Each plan has its own CP-SAT and HiGHS instances; native state shared between threads would show as another
        // status, objective or roster (every roster is also re-checked by the planner's validator). A sample corps of
        // 150 members (real pricing rounds) beside tiny problems. Regression: when Clp priced the columns in wall-time
        // slices (it has no interrupt), where a slice ended depended on timing, and once in 19 runs a parallel plan
        // returned another roster of the same optimum; HiGHS's LP is interrupted only by cancellation.
        var sample = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small) with
        {
            ActiveMembers = 15, StandbyMembers = 60, ReserveMembers = 60, Contractors = 15, PositionsPerOperation = 10,
        });
        var problems = Enumerable.Range(0, 7).Select(TinyProblems.Generate).Prepend(sample).ToArray();
        var options = new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(120), Engine = SolverEngine.CpSat };
        var sequential = problems.Select(p => RosterPlanner.Plan(p, options)).ToArray();
        Assert.Equal(RosterStatus.Optimal, sequential[0].Status);
        var parallel = new Roster[3 * problems.Length];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 },
            r => parallel[r] = RosterPlanner.Plan(problems[r % problems.Length], options));
        for (var r = 0; r < parallel.Length; r++)
        {
            var expected = sequential[r % problems.Length];
            Assert.True(expected.Status == parallel[r].Status, $"run {r}: {expected.Status}, in parallel {parallel[r].Status}");
            Assert.True(expected.Objective == parallel[r].Objective, $"run {r}: {expected.Objective}, in parallel {parallel[r].Objective}");
            Assert.True(expected.Bound == parallel[r].Bound, $"run {r}: bound {expected.Bound}, in parallel {parallel[r].Bound}");
            Assert.True(expected.Assignments.SequenceEqual(parallel[r].Assignments), $"run {r}: another roster in parallel");
        }
    }
}
