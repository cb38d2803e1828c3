using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Tests.Oracles;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Replanning;

public class RecommenderTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    /// <summary>The ranking by brute force: every member who may hold the seat alone, locked in, solved exhaustively.</summary>
    private static List<(string Member, ObjectiveEffect Effect)> BruteForce(DeploymentProblem problem, IReadOnlyList<Assignment> roster,
        string operation, Position position, DateRange seat)
    {
        var baseline = RosterEvaluator.Evaluate(problem, roster, roster);
        var holders = roster.Where(a => a.Position == position.Id && a.Days.Overlaps(seat)).Select(a => a.Member).ToHashSet();
        var ranked = new List<(string, ObjectiveEffect)>();
        foreach (var member in problem.Members.Where(m => !holders.Contains(m.Id)))
        {
            var alone = new Assignment(member.Id, operation, position.Id, seat.Start, seat.End);
            if (RosterValidator.Validate(problem, [alone]).Any(v => v.Rule.OfOneTour())) continue;
            var locked = problem with { Locks = problem.Locks.Add(new AssignmentLock(member.Id, position.Id, seat.Start, seat.End)) };
            var oracle = ExhaustiveSearch.Solve(locked, previous: roster);
            if (oracle.Objective is { } objective) ranked.Add((member.Id, ObjectiveEffect.Between(baseline, objective)));
        }
        ranked.Sort((a, b) => ObjectiveEffect.Compare(a.Item2, b.Item2) is var c and not 0 ? c : string.CompareOrdinal(a.Item1, b.Item1));
        return ranked;
    }

    [Fact]
    public void A_member_without_the_credential_is_told_when_no_session_with_a_free_seat_ends_before_the_seat()
    {
        // p and q need FACT on days 30..59; a holds it, b holds it until day 40, c not at all. The one session (days
        // 10..11) has one seat, which the roster gives c for q; so b cannot be trained for p in time.
        var p = Position("p", 30, 59) with { Credentials = ["FACT"] };
        var q = Position("q", 30, 59) with { Credentials = ["FACT"] };
        var a = Member("a") with { Credentials = Scrs.Matching.Domain.Member.NoCredentials.Add("FACT", D(100)) };
        var b = Member("b", cost: 500) with { Credentials = Scrs.Matching.Domain.Member.NoCredentials.Add("FACT", D(40)) };
        var c = Member("c");
        var session = new CourseSession("fact-1", new DateRange(D(10), D(11)), 1);
        var problem = Problem([a, b, c], [p, q]);
        problem = problem with { Policy = problem.Policy with { Courses = [new Course("FACT", 365, [session], 100)] } };
        var roster = RosterPlanner.Plan(problem, Options);
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Single(roster.Training);
        var request = new RecommendationRequest("p") { Member = "b", Training = roster.Training };
        var answer = Recommender.Recommend(problem, roster.Assignments, request, Options).Member!;
        Assert.False(answer.Eligible);
        Assert.Equal($"credential FACT valid until {D(40):yyyy-MM-dd}, the tour ends {D(59):yyyy-MM-dd}; no session with a free seat ends before {D(30):yyyy-MM-dd}", answer.Reason);

        // With a second seat, b can be trained in time: the answer is the re-plan with b in the seat, trained.
        var wider = problem with { Policy = problem.Policy with { Courses = [new Course("FACT", 365, [session with { Seats = 2 }], 100)] } };
        var trainable = Recommender.Recommend(wider, roster.Assignments, request, Options).Member!;
        Assert.True(trainable.Eligible);
        Assert.Null(trainable.Reason);
        Assert.NotNull(trainable.Effect);
    }

    [Fact]
    public void RankingEqualsBruteForceLockingEachMemberInOnTinyProblems()
    {
        var cases = 0;
        var swapsUsed = 0;
        for (var seed = 0; seed < 1500 && cases < 300; seed++)
        {
            var problem = TinyProblems.Generate(seed);
            var roster = RosterPlanner.Plan(problem, Options);
            if (roster.Status != RosterStatus.Optimal) continue;
            var random = new Random(seed);
            var operation = problem.Operations[random.Next(problem.Operations.Length)];
            var position = operation.Positions[random.Next(operation.Positions.Length)];
            var day = position.Window.Start.AddDays(random.Next(position.Window.Days));
            var top = random.Next(1, 3);
            var result = Recommender.Recommend(problem, roster.Assignments, new RecommendationRequest(position.Id) { Start = day, Top = top }, Options);
            var expected = BruteForce(problem, roster.Assignments, operation.Id, position, result.Seat);
            Assert.True(result.Seat.Contains(day), $"seed {seed}");
            Assert.True(expected.Take(top).SequenceEqual(result.Candidates.Select(c => (c.Member, c.Effect))),
                $"seed {seed} seat {result.Seat}: expected {string.Join("; ", expected.Take(top))} got {string.Join("; ", result.Candidates.Select(c => (c.Member, c.Effect)))}");
            Assert.All(result.Candidates, c => Assert.True(c.Proven));
            swapsUsed += result.Candidates.Count(c => c.Effect.Changes == result.Seat.Days && c.Effect is { Critical: 0, High: 0, Normal: 0, Low: 0 });
            cases++;
        }
        Assert.True(cases >= 250, $"only {cases} cases");
        // The no-solve path for members free around a full seat was exercised.
        Assert.True(swapsUsed >= 5, $"only {swapsUsed} swaps");
    }

    [Fact]
    public void WhyNotNamesTheFirstRuleThatRulesTheMemberOut()
    {
        var problem = Problem([Member("a"), Member("novice", level: 1), Member("late", leadTime: 60)], [Position("p", 30, 59)], restDays: 0);
        var roster = RosterPlanner.Plan(problem, Options).Assignments;
        var novice = Recommender.Recommend(problem, roster, new RecommendationRequest("p") { Member = "novice" }, Options).Member!;
        Assert.False(novice.Eligible);
        Assert.StartsWith("skill level: tour 2027-01-31..2027-03-01: member lacks skill 'governance' 2 (has 1)", novice.Reason);
        var late = Recommender.Recommend(problem, roster, new RecommendationRequest("p") { Member = "late" }, Options).Member!;
        Assert.StartsWith("lead time: ", late.Reason);
    }

    [Fact]
    public void WhyNotAnEligibleMemberGivesTheEffectWhatTheyDoInsteadAndTheConflict()
    {
        // Only b speaks French, which q (low) needs, so a holds p (critical) and b serves q. Putting b in p leaves q empty
        // and a without a seat: the effect is exact, and the oracle agrees.
        var problem = Problem([Member("a"), Member("b", languages: ["English", "French"])],
            [Position("p", 30, 59, priority: Priority.Critical), Position("q", 30, 59, priority: Priority.Low, languages: ["French"])], restDays: 0);
        var roster = RosterPlanner.Plan(problem, Options).Assignments;
        Assert.Contains(roster, t => t is { Member: "a", Position: "p" });
        var answer = Recommender.Recommend(problem, roster, new RecommendationRequest("p") { Member = "b" }, Options).Member!;
        Assert.True(answer.Eligible);
        Assert.Null(answer.Reason);
        Assert.Equal("q", Assert.Single(answer.Instead).Position);
        Assert.Contains(answer.Conflicts, c => c.StartsWith("seat taken:", StringComparison.Ordinal));
        var locked = problem with { Locks = [new AssignmentLock("b", "p", D(30), D(59))] };
        var oracle = ExhaustiveSearch.Solve(locked, previous: roster);
        Assert.Equal(ObjectiveEffect.Between(RosterEvaluator.Evaluate(problem, roster, roster), oracle.Objective!), answer.Effect);
        Assert.Equal((0, -30, 60), (answer.Effect!.Critical, answer.Effect.Low, answer.Effect.Changes));
    }

    [Fact]
    public void WhyNotAMemberWhomOnlyAShareRulesOutSaysTheyQualifyAndWhyNoRosterHasThem()
    {
        // Regression: a share of the operation counted on the member's tour alone (100 % of one) was taken for a rule of the tour.
        var problem = Problem([Member("a"), Member("u", agency: "USAID")], [Position("p", 30, 59)], restDays: 0,
            surge: [new SurgeLimit(Agency: "USAID", Operation: "op0", MaxShare: 0.5)]);
        var roster = RosterPlanner.Plan(problem, Options).Assignments;
        var answer = Recommender.Recommend(problem, roster, new RecommendationRequest("p") { Member = "u" }, Options).Member!;
        Assert.True(answer.Eligible);
        Assert.Null(answer.Effect);
        Assert.Contains("surge", answer.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(answer.Conflicts, c => c.StartsWith("seat taken:", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryRequestErrorIsReportedAtOnceNamingItsField()
    {
        var problem = Problem([Member("a")], [Position("p", 30, 59)]);
        Assert.Equal(
            ["top: must be at least 1, got 0", "start: must be within position 'p''s window 2027-01-31..2027-03-01, got '2027-04-01'", "member (id 'ghost'): no member has id 'ghost'"],
            Recommender.Check(problem, new RecommendationRequest("p") { Top = 0, Start = D(90), Member = "ghost" }).Select(e => e.ToString()).ToArray());
        Assert.Equal("position (id 'x'): no position has id 'x'", Assert.Single(Recommender.Check(problem, new RecommendationRequest("x") { Start = D(90) })).ToString());
        var thrown = Assert.Throws<ArgumentException>(() => Recommender.Recommend(problem, [], new RecommendationRequest("x") { Top = 0 }));
        Assert.Equal("request", thrown.ParamName);
        Assert.Contains("position (id 'x'): no position has id 'x'" + Environment.NewLine + "top: must be at least 1, got 0", thrown.Message);
    }
}
