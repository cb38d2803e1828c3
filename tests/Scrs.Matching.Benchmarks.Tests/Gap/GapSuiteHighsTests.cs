using Scrs.Matching.Benchmarks.Gap;
using Scrs.Matching.Planning;

namespace Scrs.Matching.Benchmarks.Tests.Gap;

public class GapSuiteHighsTests
{
    [Fact]
    public void Gap_file_is_solved_to_its_known_optimum_through_the_highs_engine()
    {
        var folder = GapSuite.FindFolder(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No shared/benchmarks/gap above {AppContext.BaseDirectory}: the GAP data is missing.");

        var report = GapSuite.Run([Path.Combine(folder, "cattrysse1994", "gap1-0")], TimeSpan.FromSeconds(10), TextWriter.Null, SolverEngine.Highs);

        var run = Assert.Single(report.Runs);
        Assert.Null(run.Failure);
        Assert.True(run.ProvenOptimal);
        Assert.Equal(261, run.Value);
    }
}
