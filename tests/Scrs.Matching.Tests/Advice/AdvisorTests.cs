using Scrs.Matching.Advice;
using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Tests.Oracles;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Advice;

public class AdvisorTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    /// <summary>The problem with the advice applied: its members added, or its limit raised.</summary>
    private static DeploymentProblem Applied(DeploymentProblem problem, AdviceItem advice) => advice.Kind switch
    {
        AdviceKind.Recruit => problem with { Members = problem.Members.AddRange(advice.Members) },
        AdviceKind.Release => problem with { Policy = problem.Policy with { Surge = problem.Policy.Surge.SetItem(advice.LimitIndex!.Value, advice.To!) } },
        _ => problem with
        {
            Policy = problem.Policy with
            {
                Courses = [.. problem.Policy.Courses.Select(c => !string.Equals(c.Credential, advice.Credential, StringComparison.OrdinalIgnoreCase) ? c
                    : c with { Sessions = advice.NewSession ? c.Sessions.Add(advice.Session!) : [.. c.Sessions.Select(x => x.Id == advice.Session!.Id ? advice.Session : x)] })],
            },
        },
    };

    private static SeatDays Coverage(ObjectiveValues o) => new(o.Critical, o.High, o.Normal, o.Low);

    [Fact]
    public void EveryGainEqualsTheExhaustiveSearchWithTheChangeAppliedOnTinyProblems()
    {
        var checkedAdvice = 0;
        for (var seed = 0; seed < 600 && checkedAdvice < 60; seed++)
        {
            var problem = TinyProblems.Generate(seed);
            if (problem.Members.Length > 3) continue;
            var before = ExhaustiveSearch.Solve(problem);
            if (!before.Feasible) continue;
            var report = Advisor.Advise(problem, options: new AdviceOptions { MaxRecruits = 2, Planner = Options });
            Assert.True(report.BaselineProven);
            Assert.Equal(Coverage(before.Objective!), report.Baseline);
            foreach (var advice in report.Advice)
            {
                var after = ExhaustiveSearch.Solve(Applied(problem, advice));
                var expected = new SeatDays(after.Objective!.Critical - before.Objective!.Critical, after.Objective.High - before.Objective.High,
                    after.Objective.Normal - before.Objective.Normal, after.Objective.Low - before.Objective.Low);
                Assert.True(expected == advice.Gain, $"seed {seed}: {advice.Sentence}: oracle {expected}");
                Assert.True(advice.Proven);
                Assert.True(SeatDays.Compare(advice.Gain, SeatDays.Zero) < 0, $"seed {seed}: {advice.Sentence} gains nothing");
                checkedAdvice++;
            }
            // Best first.
            Assert.True(report.Advice.Zip(report.Advice.Skip(1)).All(p => SeatDays.Compare(p.First.Gain, p.Second.Gain) <= 0), $"seed {seed}");
        }
        Assert.True(checkedAdvice >= 40, $"only {checkedAdvice} pieces of advice checked");
    }

    [Fact]
    public void EveryGainWithCoursesEqualsTheExhaustiveSearchWithTheChangeAppliedOnTinyProblems()
    {
        var (seats, sessions) = (0, 0);
        for (var seed = 0; seed < 1500 && seats + sessions < 30; seed++)
        {
            var problem = TinyProblems.GenerateWithCourses(seed);
            if (problem.Members.Length > 3) continue;
            var before = ExhaustiveSearch.Solve(problem);
            if (!before.Feasible) continue;
            var report = Advisor.Advise(problem, options: new AdviceOptions { MaxRecruits = 2, Top = 50, Planner = Options });
            foreach (var advice in report.Advice)
            {
                var after = ExhaustiveSearch.Solve(Applied(problem, advice));
                var expected = new SeatDays(after.Objective!.Critical - before.Objective!.Critical, after.Objective.High - before.Objective.High,
                    after.Objective.Normal - before.Objective.Normal, after.Objective.Low - before.Objective.Low);
                Assert.True(expected == advice.Gain, $"seed {seed}: {advice.Sentence}: oracle {expected}");
                Assert.True(advice.Proven);
                if (advice.Kind != AdviceKind.Train)
                {
                    // A recruit holds the credentials of the positions it was drawn from.
                    Assert.All(advice.Members, m => Assert.Equal(m.Credentials.Count, m.Credentials.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count()));
                    continue;
                }
                // The members it names are trained in the session by a roster with the change.
                Assert.NotEmpty(advice.Trainings);
                Assert.All(advice.Trainings, t => Assert.Equal(advice.Session!.Id, t.Session));
                if (advice.NewSession) sessions++;
                else seats++;
            }
        }
        Assert.True(seats >= 3 && sessions >= 3, $"only {seats} seat and {sessions} session advice checked");
    }

    [Fact]
    public void The_top_pieces_are_the_first_of_all_the_advice_though_changes_that_cannot_enter_the_list_are_stopped_early()
    {
        // With the list full, a change proven worse than its last piece on a level stops there; with Top beyond every
        // change none is stopped, and the first pieces must be the same.
        var compared = 0;
        for (var seed = 0; seed < 400 && compared < 40; seed++)
        {
            var problem = TinyProblems.Generate(seed);
            if (!ExhaustiveSearch.Solve(problem).Feasible) continue;
            var all = Advisor.Advise(problem, options: new AdviceOptions { Top = 1000, MaxRecruits = 2, Planner = Options });
            if (all.Advice.Length < 2) continue;
            foreach (var top in new[] { 1, 2 })
            {
                var first = Advisor.Advise(problem, options: new AdviceOptions { Top = top, MaxRecruits = 2, Planner = Options });
                Assert.True(all.Advice.Take(top).Select(a => (a.Sentence, a.Gain)).SequenceEqual(first.Advice.Select(a => (a.Sentence, a.Gain))),
                    $"seed {seed}, top {top}: {string.Join("; ", first.Advice.Select(a => a.Sentence))} against {string.Join("; ", all.Advice.Take(top).Select(a => a.Sentence))}");
                Assert.Equal(all.Considered, first.Considered);
            }
            compared++;
        }
        Assert.True(compared >= 20, $"only {compared} problems had two pieces of advice");
    }

    [Fact]
    public void RecruitAdviceCarriesMembersThatQualifyAndARaisedLimitAllowsOneMorePerson()
    {
        // Two critical seats need French; nobody speaks it. Two State standby members are capped at one by a 50 % share of two.
        var problem = Problem([Member("a", agency: "State", component: Component.Standby), Member("b", agency: "State", component: Component.Standby)],
            [Position("fr", 10, 39, headcount: 2, priority: Priority.Critical, languages: ["French"]), Position("p", 10, 39, headcount: 2, priority: Priority.High)],
            restDays: 0, surge: [new SurgeLimit(Agency: "State", Component: Component.Standby, MaxShare: 0.5)]);
        var report = Advisor.Advise(problem, options: new AdviceOptions { Planner = Options });
        // First the French seats, then one more for p: both recruit advice.
        var recruit = report.Advice[0];
        Assert.Equal(AdviceKind.Recruit, recruit.Kind);
        Assert.Equal(2, recruit.Members.Length);
        Assert.All(recruit.Members, m => Assert.Contains("French", m.Languages));
        Assert.Equal(new SeatDays(60, 0, 0, 0), recruit.Gain);
        Assert.Equal("2 active members with governance 2 and French: +60 critical seat-days", recruit.Sentence);
        var release = Assert.Single(report.Advice, a => a.Kind == AdviceKind.Release);
        Assert.Equal(1.0, release.To!.MaxShare);
        Assert.Equal(new SeatDays(0, 30, 0, 0), release.Gain);
        Assert.Equal("State standby share from 50 % to 100 %: +30 high seat-days", release.Sentence);
        // Anyone can check a gain: apply the change and solve.
        var applied = RosterPlanner.Plan(Applied(problem, recruit), Options);
        Assert.Equal(60, applied.Objective!.Critical);
    }

    [Fact]
    public void PositionsAskingForTheSameRecruitShareOneAdviceWithAsManyMembersAsTheirSeatsEmptyAtOnce()
    {
        // Regression: two one-seat positions asking for the same member, empty on the same days, got one recruit.
        var problem = Problem([Member("a")],
            [Position("fr1", 10, 39, priority: Priority.Critical, languages: ["French"]), Position("fr2", 20, 49, priority: Priority.Critical, languages: ["French"])],
            restDays: 0);
        var advice = Assert.Single(Advisor.Advise(problem, options: new AdviceOptions { Planner = Options }).Advice);
        Assert.Equal(2, advice.Members.Length);
        Assert.Equal(new SeatDays(60, 0, 0, 0), advice.Gain);
    }

    [Fact]
    public void TheDemoCorpsSmallFamilysFirstAdviceIsProvenByAPlainSolveWithItApplied()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily("small"));
        var report = Advisor.Advise(problem, options: new AdviceOptions { Top = 3, Planner = Options });
        Assert.NotEmpty(report.Advice);
        var plain = RosterPlanner.Plan(problem, Options).Objective!;
        foreach (var advice in report.Advice)
        {
            var after = RosterPlanner.Plan(Applied(problem, advice), Options).Objective!;
            Assert.Equal(advice.Gain, new SeatDays(after.Critical - plain.Critical, after.High - plain.High, after.Normal - plain.Normal, after.Low - plain.Low));
        }
    }

    [Fact]
    public void TopAndMaxRecruitsBelowOneAreErrorsNamingThem()
    {
        var problem = Problem([Member("a")], [Position("p", 10, 39)]);
        Assert.Contains("Top must be at least 1", Assert.Throws<ArgumentException>(() => Advisor.Advise(problem, options: new AdviceOptions { Top = 0 })).Message);
        Assert.Contains("MaxRecruits must be at least 1", Assert.Throws<ArgumentException>(() => Advisor.Advise(problem, options: new AdviceOptions { MaxRecruits = 0 })).Message);
    }
}
