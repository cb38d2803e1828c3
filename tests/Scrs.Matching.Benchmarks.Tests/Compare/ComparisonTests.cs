using System.Collections.Immutable;
using Scrs.Matching.Benchmarks.Compare;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Tests.Compare;

public class ComparisonTests
{
    /// <summary>The smoke test of <c>compare --family small</c>: it runs the same code as the command, so it cannot rot.</summary>
    [Fact]
    public void Small_family_library_with_every_engine_cbc_cli_and_glpsol_all_prove_the_same_value_on_every_level()
    {
        var work = Path.Combine(Path.GetTempPath(), $"scrs-bench-test-{Guid.NewGuid():N}");
        try
        {
            var result = Comparison.Run(new ComparisonOptions(SampleCorps.Families.Small, TimeSpan.FromSeconds(60), work), TextWriter.Null);

            Assert.True(result.Agrees, "DISAGREEMENT: " + string.Join("; ", result.Disagreements));
            Assert.Equal(Comparison.AllEngines.Select(Comparison.LibraryRun), result.LibraryRuns.Select(r => r.Solver));
            foreach (var solver in Comparison.AllEngines.Select(Comparison.LibraryRun).Concat([Comparison.CbcCli, Comparison.Glpsol]))
                Assert.Equal(RunStatus.Optimal, result.Run(solver).Status);
            Assert.All(result.Runs, r => Assert.Empty(r.Violations));
            Assert.Equal("load", result.ExportedLevel);
            Assert.All(result.LibraryRuns, r => Assert.Equal(r.Values!.Load, (decimal)result.Run(Comparison.CbcCli).Bound!.Value));
            Assert.InRange(result.GreedyCoverageRatio!.Value, 0, 1);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Check_reports_two_proven_optima_that_differ_on_a_level()
    {
        var runs = ImmutableArray.Create(
            Run(Comparison.Library, RunStatus.Optimal, new ObjectiveValues(10, 20, 30, 40, 1000m, 7)),
            Run(Comparison.CbcCli, RunStatus.Optimal, new ObjectiveValues(10, 20, 30, 40, 1000m, 8)));

        var (disagreements, _) = Comparison.Check(runs, []);

        Assert.Equal("load: library proved 7 but cbc-cli proved 8", Assert.Single(disagreements));
    }

    [Fact]
    public void Check_reports_a_time_limited_roster_better_than_a_proven_optimum_but_not_a_worse_one()
    {
        var optimum = new ObjectiveValues(10, 20, 30, 40, 1000m, 7);
        var runs = ImmutableArray.Create(
            Run(Comparison.Library, RunStatus.Optimal, optimum),
            Run(Comparison.CbcCli, RunStatus.TimeLimit, optimum with { Low = 41, Cost = 5000m }),
            Run(Comparison.Glpsol, RunStatus.TimeLimit, optimum with { Critical = 9 }));

        var (disagreements, notes) = Comparison.Check(runs, []);

        Assert.Equal("cbc-cli's roster is better than the optimum library proved", Assert.Single(disagreements));
        Assert.Contains(notes, n => n.StartsWith("glpsol ended with status time limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_agrees_on_equal_optima_and_reports_reading_problems()
    {
        var values = new ObjectiveValues(1, 2, 3, 4, 5m, 6);
        var runs = ImmutableArray.Create(Run(Comparison.Library, RunStatus.Optimal, values), Run(Comparison.Glpsol, RunStatus.Optimal, values));

        Assert.Empty(Comparison.Check(runs, []).Disagreements);
        Assert.Equal("misread", Assert.Single(Comparison.Check(runs, ["misread"]).Disagreements));
    }

    private static SolverRun Run(string solver, RunStatus status, ObjectiveValues values) =>
        new(solver, status, TimeSpan.FromSeconds(1), values, null, [], "");
}
