using Scrs.Matching.Solver;

namespace Scrs.Matching.Tests.Solver;

public class SolutionCheckTests
{
    [Fact]
    public void Feasible_values_are_accepted_with_integers_rounded()
    {
        var model = SolverTestData.SmallMaximize();
        Assert.Equal([4.0, 0.0], SolutionCheck.Accept(model, [3.9999999, 1e-8], out var violation)!);
        Assert.Null(violation);
    }

    [Theory]
    [InlineData(3.5, 0, "integer column x0")]
    [InlineData(-1, 0, "outside")]
    [InlineData(4, 1, "row r0")]
    public void Infeasible_values_are_rejected_naming_the_violation(double x, double y, string expected)
    {
        Assert.Null(SolutionCheck.Accept(SolverTestData.SmallMaximize(), [x, y], out var violation));
        Assert.Contains(expected, violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_row_off_by_more_than_the_tolerance_is_rejected()
    {
        var model = SolverTestData.SmallMinimizeWithEquality();
        Assert.NotNull(SolutionCheck.Accept(model, [6, 3, 1], out _));
        Assert.Null(SolutionCheck.Accept(model, [6, 3, 1.001], out var violation));
        Assert.Contains("row r0", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_number_of_values_is_rejected()
    {
        Assert.Null(SolutionCheck.Accept(SolverTestData.SmallMaximize(), [1.0], out var violation));
        Assert.Contains("1 values for 2 columns", violation, StringComparison.Ordinal);
    }
}
