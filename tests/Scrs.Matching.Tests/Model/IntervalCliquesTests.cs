using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Model;

namespace Scrs.Matching.Tests.Model;

public class IntervalCliquesTests
{
    private static List<HashSet<int>> Cliques((int, int)[] intervals)
    {
        var result = new List<HashSet<int>>();
        IntervalCliques.Sweep(intervals, (clique, _) => result.Add([.. clique]));
        return result;
    }

    [Fact]
    public void NestedAndChainedIntervalsGiveTheirMaximalCliques()
    {
        var cliques = Cliques([(0, 10), (2, 3), (5, 12), (11, 20)]);
        Assert.Equal(3, cliques.Count);
        Assert.Contains(cliques, c => c.SetEquals([0, 1]));
        Assert.Contains(cliques, c => c.SetEquals([0, 2]));
        Assert.Contains(cliques, c => c.SetEquals([2, 3]));
    }

    [Fact]
    public void IntervalsTouchingEndToStartDoNotOverlap() =>
        Assert.Equal(2, Cliques([(0, 4), (5, 9)]).Count);

    [Property]
    public Property EveryDaysSetOfIntervalsIsWithinAnEmittedCliqueAndEveryCliqueSharesADay()
    {
        var interval = from start in Gen.Choose(0, 30) from length in Gen.Choose(0, 10) select (start, start + length);
        return Prop.ForAll(interval.ArrayOf().ToArbitrary(), intervals =>
        {
            var cliques = Cliques(intervals);
            for (var day = 0; day <= 41; day++)
            {
                var active = Enumerable.Range(0, intervals.Length).Where(i => intervals[i].Item1 <= day && day <= intervals[i].Item2).ToHashSet();
                if (active.Count > 0 && !cliques.Exists(c => active.IsSubsetOf(c))) return false;
            }
            return cliques.TrueForAll(c => c.Max(i => intervals[i].Item1) <= c.Min(i => intervals[i].Item2));
        });
    }

    [Property]
    public Property ShiftingEveryDayByTheSameAmountGivesTheSameCliquesOnShiftedDays()
    {
        var interval = from start in Gen.Choose(0, 30) from length in Gen.Choose(0, 10) select (start, start + length);
        // Day numbers of today's dates, negative ones, and both sides of zero.
        var shift = Gen.Elements(0, 739_000, -739_000, -15, 1_000_000_000);
        return Prop.ForAll(interval.ArrayOf().ToArbitrary(), shift.ToArbitrary(), (intervals, by) =>
        {
            List<(int[] Clique, int Day)> Emitted((int, int)[] list)
            {
                var result = new List<(int[], int)>();
                IntervalCliques.Sweep(list, (clique, day) => result.Add(([.. clique.Order()], day)));
                return result;
            }
            var plain = Emitted(intervals);
            var shifted = Emitted([.. intervals.Select(i => (i.Item1 + by, i.Item2 + by))]);
            return plain.Count == shifted.Count
                && plain.Zip(shifted).All(p => p.First.Clique.SequenceEqual(p.Second.Clique) && p.First.Day + by == p.Second.Day)
                && plain.TrueForAll(p => p.Day == p.Clique.Max(i => intervals[i].Item1));
        });
    }
}
