using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Pool;

/// <summary>
/// Solving with implicit tours is exact over the whole pool: its optima are the exhaustive oracle's on tiny problems and
/// the whole model's on a sample corps, and every roster passes the validator.
/// </summary>
public class ImplicitToursPlanningTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    [Fact]
    public void WithImplicitToursTheOptimumEqualsAnIndependentExhaustiveSearch()
    {
        var implicitModels = 0;
        for (var seed = 0; seed < 120; seed++)
        {
            var problem = seed % 2 == 0 ? TinyProblems.Generate(seed) : TinyProblems.GenerateWithCredentials(seed);
            var oracle = ExhaustiveSearch.Solve(problem);
            var progress = new Messages();
            var roster = RosterPlanner.Plan(problem, Options with { ImplicitTours = true, Progress = progress });
            if (progress.Any(m => m.Contains("implicit", StringComparison.Ordinal))) implicitModels++;
            if (!oracle.Feasible)
            {
                Assert.True(roster.Status == RosterStatus.Infeasible, $"seed {seed}: oracle infeasible, planner {roster.Status}");
                continue;
            }
            Assert.True(roster.Status == RosterStatus.Optimal, $"seed {seed}: {roster.Status} {string.Join("; ", roster.Reasons)}");
            Assert.True(ExhaustiveSearch.Compare(roster.Objective!, oracle.Objective!) == 0, $"seed {seed}: planner {roster.Objective} oracle {oracle.Objective}");
            Assert.Empty(RosterValidator.Validate(problem, roster.Assignments));
        }
        Assert.True(implicitModels >= 100, $"only {implicitModels} of 120 plans left tours implicit");
    }

    [Theory]
    [InlineData("small", 0)]
    [InlineData("small", 1)]
    [InlineData("small", 2)]
    public void OnASampleCorpsImplicitToursReachTheWholeModelsProvenOptima(string family, int seed)
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(family) with { Seed = seed });
        var whole = RosterPlanner.Plan(problem, Options with { ImplicitTours = false });
        var pooled = RosterPlanner.Plan(problem, Options with { ImplicitTours = true });
        Assert.Equal(RosterStatus.Optimal, whole.Status);
        Assert.Equal(RosterStatus.Optimal, pooled.Status);
        Assert.Equal(whole.Objective, pooled.Objective);
        Assert.Empty(RosterValidator.Validate(problem, pooled.Assignments));
    }

    private sealed class Messages : List<string>, IProgress<PlanProgress>
    {
        public void Report(PlanProgress value)
        {
            lock (this) Add(value.Message);
        }
    }
}
