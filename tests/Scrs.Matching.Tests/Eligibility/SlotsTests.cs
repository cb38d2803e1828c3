using Scrs.Matching.Domain;
using Scrs.Matching.Eligibility;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Eligibility;

public class SlotsTests
{
    [Fact]
    public void WindowIsCutIntoRotationsWithAShorterLastSlot()
    {
        var slots = Slots.Cut(new DateRange(D(0), D(99)), 30);
        Assert.Equal([(0, 29), (30, 59), (60, 89), (90, 99)], slots.Select(s => (s.Start - D(0).DayNumber, s.End - D(0).DayNumber)));
    }

    [Fact]
    public void WithoutRotationTheWholeWindowIsOneSlot()
    {
        var slots = Slots.Cut(new DateRange(D(5), D(10)), null);
        Assert.Equal([new Slot(D(5).DayNumber, D(10).DayNumber)], slots);
    }

    [Fact]
    public void RotationLongerThanTheWindowGivesOneSlot() =>
        Assert.Single(Slots.Cut(new DateRange(D(0), D(9)), 90));
}
