using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Tests.Samples;

public class ApportionTests
{
    [Fact]
    public void Largest_remainder_gives_the_extra_members_to_the_largest_remainders()
    {
        // 500 x (250, 2000, 2000, 300) / 4550 = 27.47, 219.78, 219.78, 32.97: floors give 497, the three largest remainders get one more.
        Assert.Equal([27, 220, 220, 33], SampleCorps.Apportion(500, [250, 2000, 2000, 300]));
    }

    [Property]
    public Property Counts_sum_to_the_total_and_stay_within_one_of_the_exact_share() =>
        Prop.ForAll(Gen.Choose(0, 50_000).ToArbitrary(), Gen.ArrayOf(Gen.Choose(1, 100), 8).ToArbitrary(), (total, weights) =>
        {
            var w = weights.Select(x => (double)x).ToArray();
            var counts = SampleCorps.Apportion(total, w);
            var sum = w.Sum();
            return counts.Sum() == total && counts.Select((c, i) => Math.Abs(c - total * w[i] / sum)).All(d => d < 1);
        });
}
