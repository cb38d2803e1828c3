using Scrs.Matching.Domain;
using Scrs.Matching.Samples;
using Scrs.Matching.Sessions;
using Scrs.Matching.Eligibility;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Eligibility;

public class CandidateGeneratorTests
{
    private static CandidateSet Generate(DeploymentProblem problem) => CandidateGenerator.Generate(new PlanningIndex(problem));

    private static (int First, int Last)[] ToursOf(CandidateSet set, int member) =>
        set.ToursOf(member).ToArray().Select(t => (t.FirstSlot, t.LastSlot)).ToArray();

    [Fact]
    public void EveryRunOfWholeSlotsWithinTheMaximumTourIsACandidate()
    {
        var set = Generate(Problem([Member("a", maxTour: 60)], [Position("p", 0, 89, rotation: 30)]));
        Assert.Equal([(0, 0), (0, 1), (1, 1), (1, 2), (2, 2)], ToursOf(set, 0));
    }

    [Fact]
    public void ToursStartNoEarlierThanTheLeadTime()
    {
        var set = Generate(Problem([Member("a", leadTime: 31)], [Position("p", 0, 89, rotation: 30)]));
        Assert.All(set.Tours, t => Assert.True(t.FirstSlot >= 2));
    }

    [Fact]
    public void SlotsMeetingADatedLockMayStartWithinTheLeadTime()
    {
        // Lead time 60 days: only slot 2 (days 60..89) is open, but the dated lock on days 25..35 opens slots 0 and 1 on p to a.
        var set = Generate(Problem([Member("a", leadTime: 60), Member("b", leadTime: 60)], [Position("p", 0, 89, rotation: 30), Position("q", 0, 89, rotation: 30)],
            locks: [new AssignmentLock("a", "p", D(25), D(35))]));
        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (2, 2), (2, 2)], ToursOf(set, 0));
        Assert.Equal([(2, 2), (2, 2)], ToursOf(set, 1));
    }

    [Fact]
    public void ToursAvoidUnavailableDays()
    {
        var set = Generate(Problem([Member("a", unavailable: [new DateRange(D(40), D(40))])], [Position("p", 0, 89, rotation: 30)]));
        Assert.Equal([(0, 0), (2, 2)], ToursOf(set, 0));
    }

    [Theory]
    [InlineData("governance", 4, null, Clearance.None, null, 0)] // level too low
    [InlineData("health", 1, null, Clearance.None, null, 0)] // skill missing
    [InlineData("GOVERNANCE", 3, "english", Clearance.None, null, 1)] // names compare case-insensitively
    [InlineData("governance", 2, "Pashto", Clearance.None, null, 0)] // language missing
    [InlineData("governance", 2, null, Clearance.TopSecret, null, 0)] // clearance too low
    [InlineData("governance", 2, null, Clearance.None, Component.Standby, 0)] // component not allowed
    public void StaticRequirementsFilterMembers(string skill, int level, string? language, Clearance clearance, Component? allowed, int expected)
    {
        var position = Position("p", 0, 29, skill: skill, level: level, languages: language is null ? null : [language],
            clearance: clearance, allowed: allowed is { } c ? [c] : null);
        var set = Generate(Problem([Member("a", level: 3)], [position]));
        Assert.Equal(expected, set.Tours.Length);
    }

    [Fact]
    public void FunnelCountsMembersPassingEachRequirementInTurn()
    {
        var members = new[]
        {
            Member("skilled-only", languages: ["English"]),
            Member("speaks", languages: ["French"], clearance: Clearance.None),
            Member("cleared", languages: ["French"], component: Component.Contractor),
            Member("allowed", languages: ["French"], leadTime: 400),
            Member("excluded", languages: ["French"]),
            Member("ready", languages: ["French"]),
            Member("unskilled", skill: "health", languages: ["French"]),
        };
        var position = Position("p", 0, 29, languages: ["French"], clearance: Clearance.Secret, allowed: [Component.Active]);
        var set = Generate(Problem(members, [position]) with { Exclusions = [new Exclusion("excluded", "p")] });
        Assert.Equal(new EligibilityFunnel(6, 5, 4, 3, 2, 2, 1), set.Funnels[0]);
    }

    [Fact]
    public void NoTourForAMemberOnAPositionAnExclusionRulesOut()
    {
        // Two operations: p and r in op0, q in op1 (positions are indexed operation by operation: p, r, q). a may not serve p,
        // b nothing in op1, c nowhere; d is not excluded.
        var members = new[] { Member("a"), Member("b"), Member("c"), Member("d") };
        var positions = new[] { Position("p", 0, 29), Position("q", 0, 29), Position("r", 0, 29) };
        var problem = Problem(members, positions, operations: 2) with
        {
            Exclusions = [new Exclusion("a", "p"), new Exclusion("b", Operation: "op1"), new Exclusion("c")],
        };

        var set = Generate(problem);

        string[] PositionsOf(int member) => [.. set.ToursOf(member).ToArray().Select(t => set.Index.Positions[t.Position].Id)];
        Assert.Equal(["r", "q"], PositionsOf(0));
        Assert.Equal(["p", "r"], PositionsOf(1));
        Assert.Empty(PositionsOf(2));
        Assert.Equal(["p", "r", "q"], PositionsOf(3));
        Assert.Equal([2, 3, 2], set.Funnels.Select(f => f.NotExcluded));
    }

    [Theory]
    [InlineData("small")]
    [InlineData("tiny")]
    public void WideningBySomeAddedMembersEqualsGeneratingTheWiderProblemsTours(string family)
    {
        var withTours = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var problem = Family(family, seed);
            // Recruits drawn from another problem of the family: skills, languages or components the corps may lack.
            var others = Family(family, seed + 1000).Members;
            var random = new Random(seed);
            var recruits = Enumerable.Range(0, 1 + random.Next(4)).Select(k => others[random.Next(others.Length)] with { Id = $"recruit-{k}" }).ToList();
            var wider = Edits.ApplyAll(problem, [.. recruits.Select(m => new MemberAdded(m))]);
            Assert.True(CandidateGenerator.OnlyAddsMembers(wider, problem));
            var widened = CandidateGenerator.Widen(Generate(problem), new PlanningIndex(wider));
            var generated = Generate(wider);
            Assert.Equal(generated.Tours, widened.Tours);
            Assert.Equal(generated.MemberOffsets, widened.MemberOffsets);
            Assert.Equal(generated.Funnels, widened.Funnels);
            Assert.All(Enumerable.Range(0, generated.Eligible.Length), p => Assert.Equal(generated.Eligible[p], widened.Eligible[p]));
            if (widened.Tours.Length > generated.MemberOffsets[problem.Members.Length]) withTours++;
        }
        Assert.True(withTours >= 8, $"recruits had tours in only {withTours} of 20 problems");
        // Anything else changed is not a widening by members.
        var small = Family("small", 0);
        var recruit = new MemberAdded(small.Members[0] with { Id = "recruit" });
        Assert.False(CandidateGenerator.OnlyAddsMembers(Edits.ApplyAll(small, [recruit, new ExclusionAdded(new Exclusion(small.Members[1].Id))]), small));
        Assert.False(CandidateGenerator.OnlyAddsMembers(Edits.ApplyAll(small, [recruit, new MemberUnavailable(small.Members[1].Id, small.Operations[0].Positions[0].Window)]), small));
        Assert.False(CandidateGenerator.OnlyAddsMembers(small, small));
    }

    private static DeploymentProblem Family(string family, int seed) => family == "tiny"
        ? Oracles.TinyProblems.Generate(seed)
        : SampleCorps.Generate(SampleCorps.Families.ForFamily(family) with { Seed = seed });

    [Theory]
    [InlineData("small")]
    [InlineData("tiny")]
    public void NarrowingTheWiderSetEqualsGeneratingTheNarrowerProblemsTours(string family)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var problem = family == "tiny"
                ? Oracles.TinyProblems.Generate(seed)
                : SampleCorps.Generate(SampleCorps.Families.ForFamily(family) with { Seed = seed });
            var random = new Random(seed);
            var wider = Generate(problem);
            var positions = problem.Operations.SelectMany(o => o.Positions).ToArray();
            var first = positions.Min(p => p.Window.Start);
            var edits = new List<ProblemEdit>();
            for (var k = 0; k < 1 + random.Next(12); k++)
            {
                var member = problem.Members[random.Next(problem.Members.Length)].Id;
                var from = first.AddDays(random.Next(300));
                edits.Add(random.Next(5) switch
                {
                    0 => new ExclusionAdded(new Exclusion(member)),
                    1 => new ExclusionAdded(new Exclusion(member, Position: positions[random.Next(positions.Length)].Id)),
                    2 => new ExclusionAdded(new Exclusion(member, Operation: problem.Operations[random.Next(problem.Operations.Length)].Id)),
                    _ => new MemberUnavailable(member, new DateRange(from, from.AddDays(random.Next(1, 120)))),
                });
            }
            var narrower = new PlanningIndex(Edits.ApplyAll(problem, edits));
            var (narrowed, kept) = CandidateGenerator.Narrow(wider, narrower)!.Value;
            var generated = CandidateGenerator.Generate(narrower);
            Assert.Equal(generated.Tours, narrowed.Tours);
            Assert.Equal(generated.MemberOffsets, narrowed.MemberOffsets);
            Assert.Equal(generated.Funnels, narrowed.Funnels);
            Assert.All(kept.Select((j, k) => (j, k)), x => Assert.Equal(wider.Tours[x.j], narrowed.Tours[x.k]));
            // Asked for more tours than stay, it makes no set; for as many, it does.
            Assert.Null(CandidateGenerator.Narrow(wider, narrower, least: narrowed.Tours.Length + 1));
            Assert.NotNull(CandidateGenerator.Narrow(wider, narrower, least: narrowed.Tours.Length));
        }
    }
}
