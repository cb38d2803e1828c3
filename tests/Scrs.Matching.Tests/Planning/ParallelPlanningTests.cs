using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Planning;

/// <summary>Independent plans at once, as the worker host and the scenario simulations run them.</summary>
public class ParallelPlanningTests
{
    [Theory]
    [InlineData(SolverEngine.CpSat)]
    [InlineData(SolverEngine.Highs)]
    [InlineData(SolverEngine.Cbc)]
    public void Plans_on_parallel_threads_give_the_sequential_rosters_with_every_engine(SolverEngine engine)
    {
        // Each plan has its own solver instances (CBC's solves wait for one another at its process-wide lock); native state shared between threads would show as another
        // status, objective or roster (every roster is also re-checked by the planner's validator). A sample corps of
        // 150 members (real pricing rounds) beside tiny problems. Regression: when Clp priced the columns in wall-time
        // slices (it has no interrupt), where a slice ended depended on timing, and once in 19 runs a parallel plan
        // returned another roster of the same optimum; HiGHS's LP is interrupted only by cancellation.
        var sample = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small) with
        {
            ActiveMembers = 15, StandbyMembers = 60, ReserveMembers = 60, Contractors = 15, PositionsPerOperation = 10,
        });
        var problems = Enumerable.Range(0, 7).Select(TinyProblems.Generate).Prepend(sample).ToArray();
        var options = new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(120), Engine = engine };
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
