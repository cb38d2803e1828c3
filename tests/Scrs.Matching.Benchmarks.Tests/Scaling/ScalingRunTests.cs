using Scrs.Matching.Benchmarks.Scaling;

namespace Scrs.Matching.Benchmarks.Tests.Scaling;

public class ScalingRunTests
{
    [Fact]
    public void Fitted_exponent_of_a_power_law_is_its_power()
    {
        var points = new[] { 1_000.0, 2_000, 5_000, 20_000 }.Select(x => (x, 3e-4 * Math.Pow(x, 1.7))).ToList();

        Assert.Equal(1.7, ScalingRun.FittedExponent(points), 9);
        Assert.Throws<ArgumentException>(() => ScalingRun.FittedExponent([(1000, 5), (1000, 6)]));
    }

    [Theory]
    [InlineData(4_550, 3, 100)]
    [InlineData(1_000, 1, 66)]
    [InlineData(20_000, 14, 94)]
    public void Positions_grow_in_the_corps_proportion_with_at_most_100_per_operation(int members, int operations, int perOperation)
    {
        var options = ScalingRun.Options(members);

        Assert.Equal(members, options.ActiveMembers + options.StandbyMembers + options.ReserveMembers + options.Contractors);
        Assert.Equal(operations, options.Operations);
        Assert.Equal(perOperation, options.PositionsPerOperation);
    }
}
