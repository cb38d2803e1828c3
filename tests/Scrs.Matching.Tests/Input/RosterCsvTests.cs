using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;

namespace Scrs.Matching.Tests.Input;

public class RosterCsvTests
{
    /// <summary>Two members for a position of two seats, one of which only M2 may take for its first 30 days, and a position nobody qualifies for.</summary>
    private static readonly ProblemCsvFiles Files = new(
        new TextFile("members.csv", """
            id,name,component,agency,skills,unavailable
            M1,"Lee, Ann",active,State,law:3,
            M2,Bo,active,,law:3,2025-05-01..2025-06-29
            """),
        new TextFile("positions.csv", """"
            operation,operationName,id,title,requires,headcount,start,end,rotationDays,priority
            OP1,"Op ""One""",P1,"Advisor, senior",law:2,2,2025-04-01,2025-06-29,30,critical
            OP1,,P2,Surgeon,health:3,1,2025-04-01,2025-04-30,,low
            """"));

    private static (Domain.DeploymentProblem Problem, Roster Roster) Solved()
    {
        var read = ProblemCsv.Read(Files, new DateOnly(2025, 3, 1));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        var roster = RosterPlanner.Plan(read.Value!, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) });
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        return (read.Value!, roster);
    }

    [Fact]
    public void Assignments_are_one_row_per_tour_with_the_names_titles_and_days_quoted_where_needed()
    {
        var (problem, roster) = Solved();

        var lines = RosterCsv.WriteAssignments(problem, roster).Split("\r\n");

        Assert.Equal("member,memberName,component,agency,operation,operationName,position,positionTitle,priority,start,end,days", lines[0]);
        Assert.Equal(roster.Assignments.Length + 2, lines.Length); // the header, the tours, and the empty text after the last line break
        Assert.Equal("", lines[^1]);
        Assert.Contains("M1,\"Lee, Ann\",active,State,OP1,\"Op \"\"One\"\"\",P1,\"Advisor, senior\",critical,2025-04-01,2025-06-29,90", lines);
        Assert.Contains("M2,Bo,active,,OP1,\"Op \"\"One\"\"\",P1,\"Advisor, senior\",critical,2025-04-01,2025-04-30,30", lines);
    }

    [Fact]
    public void Unfilled_positions_are_one_row_each_with_their_gaps_and_reason()
    {
        var (problem, roster) = Solved();

        var lines = RosterCsv.WriteUnfilled(problem, roster).Split("\r\n");

        Assert.Equal("operation,operationName,position,positionTitle,priority,uncoveredSeatDays,gaps,reason", lines[0]);
        Assert.Equal(2, roster.Unfilled.Length);
        Assert.StartsWith("OP1,\"Op \"\"One\"\"\",P1,\"Advisor, senior\",critical,60,2025-05-01..2025-06-29:1,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("OP1,\"Op \"\"One\"\"\",P2,Surgeon,low,30,2025-04-01..2025-04-30:1,", lines[2], StringComparison.Ordinal);
        Assert.Contains("health", lines[2], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }
}
