using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Cbc;

namespace Scrs.Matching.Tests.Solver;

public class GapBenchmarkTests
{
    [Theory]
    [InlineData("cattrysse1994/gap1-0")]
    [InlineData("cattrysse1994/gap1-1")]
    [InlineData("cattrysse1994/gap1-2")]
    [InlineData("cattrysse1994/gap1-3")]
    [InlineData("cattrysse1994/gap1-4")]
    public void Cbc_proves_the_published_optimum(string path)
    {
        var model = SolverTestData.Gap(path).ToModel(path);
        var result = new CbcSolver().Solve(model, new MipOptions(TimeLimit: TimeSpan.FromSeconds(60)), CancellationToken.None);
        Assert.Equal(MipStatus.Optimal, result.Status);
        Assert.Equal(SolverTestData.GapOptima()[path], result.Objective);
        Assert.NotNull(SolutionCheck.Accept(model, result.Values!, out _));
    }
}
