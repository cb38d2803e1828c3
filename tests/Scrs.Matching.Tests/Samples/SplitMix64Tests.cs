using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Tests.Samples;

public class SplitMix64Tests
{
    [Fact]
    public void Seed_zero_gives_the_published_SplitMix64_reference_outputs()
    {
        // The first outputs of Vigna's reference splitmix64.c for seed 0: the generator is SplitMix64, not a look-alike.
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Property]
    public Property Below_is_always_in_zero_to_count_exclusive() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), Gen.Choose(1, int.MaxValue).ToArbitrary(), (seed, count) =>
        {
            var rng = new SplitMix64(seed);
            return Enumerable.Range(0, 20).Select(_ => rng.Below(count)).All(x => x >= 0 && x < count);
        });

    [Fact]
    public void Between_includes_both_ends_and_nothing_outside()
    {
        var rng = new SplitMix64(7);
        var seen = Enumerable.Range(0, 2000).Select(_ => rng.Between(2, 5)).ToHashSet();
        Assert.Equal([2, 3, 4, 5], seen.Order());
    }

    [Fact]
    public void Weighted_never_picks_a_zero_weight_and_follows_the_weights()
    {
        var rng = new SplitMix64(11);
        var counts = new int[3];
        for (var i = 0; i < 40_000; i++) counts[rng.Weighted([1, 0, 3])]++;
        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[2] / (double)counts[0], 2.8, 3.2);
    }

    [Fact]
    public void Streams_of_one_seed_differ_and_repeat()
    {
        Assert.NotEqual(SplitMix64.Stream(2026, 1).NextUInt64(), SplitMix64.Stream(2026, 2).NextUInt64());
        Assert.Equal(SplitMix64.Stream(2026, 1).NextUInt64(), SplitMix64.Stream(2026, 1).NextUInt64());
    }
}
