using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Solver.Pricing;

namespace Scrs.Matching.Tests.Solver.Pricing;

public class DualPricingTests
{
    [Property]
    public Property TheLazyOrderIsTheFullSortByReducedCostThenIndexForAnyHeadAndAnyDepthRead() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var count = random.Next(0, 400);
            // Few distinct values, so that ties (broken by index) are many, and the head often ends inside a run of them.
            var reduced = Enumerable.Range(0, count + 10).Select(_ => -random.Next(1, 12) * 0.5).ToArray();
            var columns = Enumerable.Range(0, reduced.Length).Where(_ => random.Next(3) > 0).ToList();
            var expected = columns.OrderBy(j => reduced[j]).ThenBy(j => j).ToArray();
            var head = random.Next(0, 30);
            // One order read in part, further (into the parts after the head), then whole, then whole again (the entering
            // batch reads it in two passes).
            var order = DualPricing.InOrder(columns, reduced, head);
            var further = random.Next(0, columns.Count + 1);
            return order.Take(head).SequenceEqual(expected.Take(head)) && order.Take(further).SequenceEqual(expected.Take(further))
                && order.SequenceEqual(expected) && order.SequenceEqual(expected);
        });

    [Property]
    public Property SelectionGivesTheKthSmallestKey() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var keys = Enumerable.Range(0, random.Next(1, 300)).Select(_ => (double)random.Next(-20, 20)).ToArray();
            var k = random.Next(1, keys.Length + 1);
            var sorted = keys.Order().ToArray();
            return DualPricing.Select((double[])keys.Clone(), k) == sorted[k - 1];
        });
}
