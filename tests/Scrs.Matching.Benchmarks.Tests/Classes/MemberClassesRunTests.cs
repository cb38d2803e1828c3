using Scrs.Matching.Benchmarks.Classes;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Tests.Classes;

public class MemberClassesRunTests
{
    private static readonly Scrs.Matching.Domain.DeploymentProblem Small = SampleCorps.Generate(SampleCorps.Families.ForFamily(SampleCorps.Families.Small));

    [Fact]
    public void Classes_are_at_most_the_members_with_tours_and_exact_ones_refine_coverage_ones()
    {
        var c = MemberClassesRun.Of(Small);
        Assert.InRange(c.WithTours, 1, c.Members);
        Assert.InRange(c.Coverage.Classes, 1, c.Exact.Classes);
        Assert.InRange(c.Exact.Classes, c.Coverage.Classes, c.WithTours);
        Assert.InRange(c.Coverage.Tours, 1, c.Exact.Tours);
        Assert.InRange(c.Exact.Tours, c.Coverage.Tours, c.Tours);
    }

    [Fact]
    public void A_twin_joins_its_members_classes_and_a_twin_at_another_cost_only_its_coverage_class()
    {
        var before = MemberClassesRun.Of(Small);
        // An active member: the component with the shortest lead time, so one with tours.
        var original = Small.Members.First(m => m.DailyCost is null && m.Component == Scrs.Matching.Domain.Component.Active);
        var twin = original with { Id = original.Id + "-twin" };
        var withTwin = MemberClassesRun.Of(Small with { Members = Small.Members.Add(twin) });
        var dearer = MemberClassesRun.Of(Small with { Members = Small.Members.Add(twin with { DailyCost = 99_999m }) });

        Assert.Equal(before.WithTours + 1, withTwin.WithTours);
        Assert.Equal(before.Coverage.Classes, withTwin.Coverage.Classes);
        Assert.Equal(before.Exact.Classes, withTwin.Exact.Classes);
        Assert.Equal(before.Coverage.Classes, dearer.Coverage.Classes);
        Assert.Equal(before.Exact.Classes + 1, dearer.Exact.Classes);
    }
}
