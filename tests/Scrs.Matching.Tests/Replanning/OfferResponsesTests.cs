using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Validation;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Replanning;

public class OfferResponsesTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    [Fact]
    public void AcceptedOffersBecomeDatedLocksAndDeclinedOnesExclusionsThatTheReplanKeeps()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily("small"));
        var roster = RosterPlanner.Plan(problem, Options);
        var offers = roster.Assignments.Select(a => new Offer(a.Member, a.Position)).Distinct().ToList();
        var accepted = offers.Take(3).ToList();
        var declined = offers.Skip(3).Take(3).ToList();

        var next = OfferResponses.Apply(problem, roster.Assignments, accepted, declined);
        Assert.Empty(ProblemValidator.Validate(next));
        var expectedLocks = roster.Assignments.Where(a => accepted.Contains(new Offer(a.Member, a.Position)))
            .Select(a => new AssignmentLock(a.Member, a.Position, a.Start, a.End));
        Assert.Equal(expectedLocks.OrderBy(l => (l.Member, l.Position, l.Start)).ToArray(),
            next.Locks.Except(problem.Locks).OrderBy(l => (l.Member, l.Position, l.Start)).ToArray());
        Assert.Equal(declined.Select(o => new Exclusion(o.Member, o.Position)).ToArray(), next.Exclusions.ToArray());

        var replanned = RosterPlanner.Plan(next, Options with { Previous = roster.Assignments });
        Assert.Equal(RosterStatus.Optimal, replanned.Status);
        Assert.Empty(RosterValidator.Validate(next, replanned.Assignments));
        Assert.DoesNotContain(replanned.Assignments, a => declined.Contains(new Offer(a.Member, a.Position)));
        foreach (var tour in roster.Assignments.Where(a => accepted.Contains(new Offer(a.Member, a.Position))))
            Assert.Contains(replanned.Changes, c => c.Kind == ChangeKind.Kept && (c.Member, c.Position, c.Start, c.End) == (tour.Member, tour.Position, tour.Start, tour.End));
        var lost = replanned.Changes.Where(c => c.Kind is ChangeKind.Removed or ChangeKind.Moved && declined.Contains(new Offer(c.Member, c.Previous?.Position ?? c.Position))).ToList();
        Assert.Equal(declined.Count, lost.Select(c => c.Member).Distinct().Count());
        Assert.All(lost, c => Assert.True(c.Forced && c.Reason!.Contains("excluded", StringComparison.Ordinal), c.ToString()));
    }

    [Fact]
    public void EveryAnswerThatCannotBeAppliedIsReportedAtOnceNamingItsField()
    {
        var problem = Problem([Member("a"), Member("b")], [Position("p", 0, 29), Position("q", 0, 29)]);
        var roster = new[] { new Assignment("a", "op0", "p", D(0), D(29)) };
        var error = Assert.Throws<InvalidProblemException>(() => OfferResponses.Apply(problem, roster,
            [new Offer("ghost", "p"), new Offer("a", "nowhere"), new Offer("b", "q"), new Offer("a", "p")],
            [new Offer("a", "p")]));
        Assert.Equal(
        [
            "accepted[0].member (id 'ghost:p'): no member has id 'ghost'",
            "accepted[0] (id 'ghost:p'): the roster offers member 'ghost' no tour on position 'p'",
            "accepted[1].position (id 'a:nowhere'): no position has id 'nowhere'",
            "accepted[1] (id 'a:nowhere'): the roster offers member 'a' no tour on position 'nowhere'",
            "accepted[2] (id 'b:q'): the roster offers member 'b' no tour on position 'q'",
            "declined[0] (id 'a:p'): the same offer is also accepted",
        ], error.Errors.Select(e => e.ToString()).ToArray());
    }

    [Fact]
    public void DecliningALockedOfferDropsTheLockAndAnAcceptedOneIsNotLockedTwice()
    {
        var @lock = new AssignmentLock("a", "p", D(0), D(29));
        var problem = Problem([Member("a"), Member("b")], [Position("p", 0, 29), Position("q", 0, 29)], locks: [@lock]);
        var roster = new[] { new Assignment("a", "op0", "p", D(0), D(29)), new Assignment("b", "op0", "q", D(0), D(29)) };
        var accepted = OfferResponses.Apply(problem, roster, [new Offer("a", "p")], []);
        Assert.Equal([@lock], accepted.Locks.ToArray());
        var declined = OfferResponses.Apply(problem, roster, [], [new Offer("a", "p")]);
        Assert.Empty(declined.Locks);
        Assert.Equal([new Exclusion("a", "p")], declined.Exclusions.ToArray());
    }

    [Fact]
    public void AnAcceptanceThatAnExclusionForbidsIsAnError()
    {
        var problem = Problem([Member("a")], [Position("p", 0, 29)]) with { Exclusions = [new Exclusion("a", Operation: "op0")] };
        var error = Assert.Throws<InvalidProblemException>(() =>
            OfferResponses.Apply(problem, [new Assignment("a", "op0", "p", D(0), D(29))], [new Offer("a", "p")], []));
        Assert.Equal("accepted[0] (id 'a:p'): exclusions[0] keeps member 'a' off position 'p'", Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("m:p", "m", "p")]
    [InlineData("org:m-1:p", "org:m-1", "p")]
    [InlineData(" m : p ", "m", "p")]
    public void OfferParsesMemberColonPositionAtTheLastColon(string text, string member, string position) =>
        Assert.Equal(new Offer(member, position), Offer.Parse(text));

    [Theory]
    [InlineData("mp")]
    [InlineData(":p")]
    [InlineData("m:")]
    public void OfferWithoutBothSidesDoesNotParse(string text) => Assert.Null(Offer.Parse(text));
}
