using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using static Scrs.Matching.Tests.Planning.ProblemBuilder;

namespace Scrs.Matching.Tests.Report;

public class RosterReportBuilderTests
{
    private static readonly PlannerOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    // Regression: an infeasible problem's positions were said to be "left free because filling this seat would cost more
    // coverage", describing a search that chose nothing.
    [Fact]
    public void Without_a_roster_no_position_reason_describes_a_search()
    {
        // a is locked onto two overlapping positions: infeasible, although b could serve any of them.
        var problem = Problem([Member("a"), Member("b")], [Position("p", 0, 29), Position("q", 10, 39), Position("r", 10, 39)],
            locks: [new AssignmentLock("a", "p"), new AssignmentLock("a", "q")]);

        var roster = RosterPlanner.Plan(problem, Options);

        Assert.Equal(RosterStatus.Infeasible, roster.Status);
        Assert.Equal(["p", "q", "r"], roster.Unfilled.Select(u => u.Position).Order(StringComparer.Ordinal));
        Assert.All(roster.Unfilled, u => Assert.EndsWith("but no roster was found (see the roster's reasons)", u.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain("NaN", RosterSummary.ToText(problem, roster), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_roster_a_requirement_nobody_meets_is_still_named()
    {
        var problem = Problem([Member("a"), Member("b")], [Position("p", 0, 29), Position("q", 10, 39), Position("x", 0, 29, skill: "health")],
            locks: [new AssignmentLock("a", "p"), new AssignmentLock("a", "q")]);

        var roster = RosterPlanner.Plan(problem, Options);

        Assert.Equal(RosterStatus.Infeasible, roster.Status);
        Assert.Equal("no member has health >= 2", Assert.Single(roster.Unfilled, u => u.Position == "x").Reason);
    }

    [Fact]
    public void A_position_every_qualified_member_is_excluded_from_says_so()
    {
        var problem = Problem([Member("a"), Member("b"), Member("x", skill: "health")], [Position("p", 0, 29)]) with
        {
            Exclusions = [new Exclusion("a", "p"), new Exclusion("b", Operation: "op0")],
        };

        var roster = RosterPlanner.Plan(problem, Options);

        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Equal("2 member(s) qualify but every one is excluded from the position (exclusions)", Assert.Single(roster.Unfilled).Reason);
    }

    [Fact]
    public void A_position_whose_credential_nobody_holds_or_holds_long_enough_says_so()
    {
        // p needs FACT over days 10..39 (two slots of 15 days): nobody holds it; then a holds it through day 20 only.
        var p = Position("p", 10, 39, rotation: 15) with { Credentials = ["FACT"] };
        var nobody = RosterPlanner.Plan(Problem([Member("a"), Member("b")], [p]), Options);
        Assert.Equal("2 member(s) qualify but none holds FACT", Assert.Single(nobody.Unfilled).Reason);

        var a = Member("a") with { Credentials = Scrs.Matching.Domain.Member.NoCredentials.Add("fact", D(30)) };
        var b = Member("b") with { Credentials = Scrs.Matching.Domain.Member.NoCredentials.Add("FACT", D(20)) };
        var shortly = RosterPlanner.Plan(Problem([a, b], [p]), Options);
        // a serves the first slot (it ends on day 24, within a's FACT); nobody can serve the second, which ends on day 39.
        var unfilled = Assert.Single(shortly.Unfilled);
        Assert.Equal(15, unfilled.UncoveredSeatDays);
        Assert.Contains($"FACT not valid through {D(39):yyyy-MM-dd}: 2 of those who meet every other requirement hold it for less", unfilled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_unfilled_for_a_credential_says_whether_a_session_could_have_trained_them_in_time()
    {
        // As above, with a FACT course: its one session (days 26..27) ends after the second slot starts (day 25).
        var p = Position("p", 10, 39, rotation: 15) with { Credentials = ["FACT"] };
        var a = Member("a") with { Credentials = Scrs.Matching.Domain.Member.NoCredentials.Add("fact", D(30)) };
        var b = Member("b") with { Credentials = Scrs.Matching.Domain.Member.NoCredentials.Add("FACT", D(20)) };
        var late = new Course("FACT", 100, [new CourseSession("s-late", new DateRange(D(26), D(27)), 2)]);
        var problem = Problem([a, b], [p]);
        problem = problem with { Policy = problem.Policy with { Courses = [late] } };
        var roster = RosterPlanner.Plan(problem, Options);
        var unfilled = Assert.Single(roster.Unfilled);
        Assert.EndsWith($"hold it for less); no FACT session ends before {D(25):yyyy-MM-dd} and stays valid through {D(39):yyyy-MM-dd}", unfilled.Reason, StringComparison.Ordinal);
        // Nobody holds it, and the only session is before the planning date.
        var past = new Course("FACT", 100, [new CourseSession("s-past", new DateRange(D(-5), D(-4)), 2)]);
        var none = Problem([Member("a"), Member("b")], [p]);
        none = none with { Policy = none.Policy with { Courses = [past] } };
        Assert.Equal("2 member(s) qualify but none holds FACT, and no session on or after the planning date that they are free for gives it",
            Assert.Single(RosterPlanner.Plan(none, Options).Unfilled).Reason);
    }

    [Fact]
    public void An_empty_team_slot_names_what_keeps_the_team_from_deploying()
    {
        // p and q (days 0..29) deploy together; nobody has q's health skill, then both are served but by State alone.
        DeploymentProblem Team(int? least, Position q, params Member[] members)
        {
            var problem = Problem(members, [Position("p", 0, 29), q]);
            return problem with { Operations = [problem.Operations[0] with { Teams = [new Team("fact-1", "FACT", ["p", "q"], least)] }] };
        }
        var day = $"{D(0):yyyy-MM-dd}..{D(29):yyyy-MM-dd}";
        var noHealth = RosterPlanner.Plan(Team(null, Position("q", 0, 29, skill: "health"), Member("a"), Member("b")), Options);
        Assert.Equal($"team fact-1, slot {day}: position q has no member who can serve it", Assert.Single(noHealth.Unfilled, u => u.Position == "p").Reason);
        Assert.Equal(2, noHealth.Unfilled.Length);

        var oneAgency = RosterPlanner.Plan(Team(2, Position("q", 0, 29), Member("a"), Member("b")), Options);
        Assert.Equal($"team fact-1, slot {day}: only 1 agency among the members who could staff it, 2 required", oneAgency.Unfilled[0].Reason);
    }

    [Fact]
    public void With_a_roster_a_seat_left_free_for_a_better_one_says_so()
    {
        // One member, two overlapping positions: the critical one gets the member, the other is left free by the search.
        var problem = Problem([Member("a")], [Position("p", 0, 29, priority: Priority.Critical), Position("q", 10, 39)]);

        var roster = RosterPlanner.Plan(problem, Options);

        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Contains("deployed elsewhere or resting", Assert.Single(roster.Unfilled).Reason, StringComparison.Ordinal);
    }

    // Regression: a share of an operation that nobody in its scope used was reported as not binding, so a seat it kept
    // empty was said to be "left free because filling this seat would cost more coverage".
    [Fact]
    public void A_share_limit_that_admits_nobody_in_scope_is_named_as_holding_the_seat()
    {
        // Only a contractor qualifies; contractors may be at most 30 % of the operation's members, and nobody else serves it.
        var problem = Problem([Member("c", Component.Contractor, agency: null)], [Position("p", 0, 29)],
            surge: [new SurgeLimit(Component: Component.Contractor, Operation: "op0", MaxShare: 0.3)]);

        var roster = RosterPlanner.Plan(problem, Options);

        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Empty(roster.Assignments);
        Assert.Contains("1 held back by surge limit 'component=contractor operation=op0 maxShare=0.3'", Assert.Single(roster.Unfilled).Reason, StringComparison.Ordinal);
        Assert.True(Assert.Single(roster.SurgeUse).Binding);
    }
}
