using Scrs.Matching.Solver;
using Scrs.Matching.Solver.Gap;

namespace Scrs.Matching.Tests.Solver;

public class GapInstanceTests
{
    // 2 agents, 3 items: costs, weights, capacities.
    private const string Tiny = "2 3\n 1 2 3\n 4 5 6\n 7 8 9\n 10 11 12\n 20 30\n";

    [Fact]
    public void Parse_reads_costs_weights_and_capacities_by_agent_and_item()
    {
        var gap = GapInstance.Parse(Tiny);
        Assert.Equal((2, 3), (gap.Agents, gap.Items));
        Assert.Equal(6, gap.Cost(1, 2));
        Assert.Equal(8, gap.Weight(0, 1));
        Assert.Equal(30, gap.Capacity(1));
    }

    [Fact]
    public void Model_has_one_binary_per_pair_an_assignment_row_per_item_and_a_capacity_row_per_agent()
    {
        var gap = GapInstance.Parse(Tiny);
        var model = gap.ToModel("tiny");
        Assert.Equal(6, model.ColumnCount);
        Assert.Equal(5, model.RowCount);
        Assert.False(model.Maximize);
        Assert.All(Enumerable.Range(0, 6), j => Assert.True(model.IsInteger(j) && model.Lower(j) == 0 && model.Upper(j) == 1));
        Assert.Equal(gap.Cost(1, 0), model.Objective(gap.Column(1, 0)));
        Assert.Equal(RowSense.Equal, model.Sense(2));
        Assert.Equal([gap.Column(0, 2), gap.Column(1, 2)], model.RowColumns(2).ToArray());
        Assert.Equal(RowSense.LessOrEqual, model.Sense(4));
        Assert.Equal(30, model.Rhs(4));
        Assert.Equal([10.0, 11, 12], model.RowCoefficients(4).ToArray());
        Assert.Equal("x_1_2", model.ColumnName(5));
        Assert.Equal("capacity_1", model.RowName(4));
    }

    [Theory]
    [InlineData("2 3 1 2", "needs 16 integers")]
    [InlineData("2 x", "token 2")]
    [InlineData("0 3", "positive")]
    public void Malformed_data_is_rejected_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => GapInstance.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
