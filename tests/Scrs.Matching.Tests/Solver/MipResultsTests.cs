using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

public class MipResultsTests
{
    /// <summary>max x, x integer in [0, 10]: objective step 1.</summary>
    private static LinearModel Model()
    {
        var model = new LinearModel("max x") { Maximize = true };
        model.AddColumn(0, 10, 1, isInteger: true);
        return model;
    }

    private static MipSolution Optimal(double objective, double bound) =>
        new(MipStatus.Optimal, [objective], objective, bound, TimeSpan.Zero, 0);

    [Theory]
    [InlineData(7, 3)]
    [InlineData(7, double.NaN)]
    [InlineData(7, 9)]
    public void With_no_gap_allowed_an_optimum_is_its_own_bound(double objective, double reported)
    {
        var proven = MipResults.Proven(Model(), new MipOptions(), Optimal(objective, reported));
        Assert.Equal(MipStatus.Optimal, proven.Status);
        Assert.Equal(objective, proven.Bound);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(3)]
    public void With_a_gap_allowed_a_missing_or_impossible_bound_is_no_proof(double reported)
    {
        // Regression: a missing bound made the gap rule answer "not stopped on the gap", so the answer was called optimal.
        var proven = MipResults.Proven(Model(), new MipOptions(RelativeGap: 0.1), Optimal(7, reported));
        Assert.Equal(MipStatus.GapReached, proven.Status);
        Assert.True(double.IsNaN(proven.Bound));
    }

    [Theory]
    [InlineData(7.5, true)]
    [InlineData(8, false)]
    public void With_a_gap_allowed_a_bound_within_the_objective_step_proves_it(double reported, bool proof)
    {
        var proven = MipResults.Proven(Model(), new MipOptions(RelativeGap: 0.2), Optimal(7, reported));
        Assert.Equal(proof ? MipStatus.Optimal : MipStatus.GapReached, proven.Status);
        Assert.Equal(reported, proven.Bound);
    }
}
