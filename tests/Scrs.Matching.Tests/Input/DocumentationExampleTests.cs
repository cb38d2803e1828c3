using System.Text.Json.Nodes;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Input;

/// <summary>
/// The examples of <c>docs/problem-format.md</c>, <c>docs/roster-format.md</c> and <c>docs/csv-format.md</c> are real: they read,
/// the roster is the problem's, and the spreadsheets are the problem's.
/// </summary>
public class DocumentationExampleTests
{
    /// <summary>The first <c>```json</c> block of a documentation page, or the first after the line <paramref name="heading"/>.</summary>
    private static string FirstJsonBlock(string page, string? heading = null)
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf(Path.Combine("docs", page)));
        var after = heading is null ? 0 : Array.IndexOf(lines, heading);
        Assert.True(after >= 0, $"{page} has no line '{heading}'");
        var start = Array.IndexOf(lines, "```json", after);
        Assert.True(start >= 0, $"{page} has no ```json block");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l != "```"));
    }

    /// <summary>The <c>```csv</c> (or other <paramref name="language"/>) blocks of a documentation page after the line <paramref name="heading"/>, in order.</summary>
    private static List<string> Blocks(string page, string language, string heading)
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf(Path.Combine("docs", page)));
        var at = Array.IndexOf(lines, heading);
        Assert.True(at >= 0, $"{page} has no line '{heading}'");
        var blocks = new List<string>();
        for (var start = Array.IndexOf(lines, "```" + language, at); start >= 0; start = Array.IndexOf(lines, "```" + language, start + 1))
            blocks.Add(string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l != "```")) + "\n");
        return blocks;
    }

    private static DeploymentProblem ProblemExample() => ProblemJson.Read(FirstJsonBlock("problem-format.md")).Value!;

    /// <summary>The spreadsheets of csv-format.md's example, with <paramref name="members"/> for its members file, and the problem example's policy.</summary>
    private static ProblemCsvFiles CsvExample(string? members = null)
    {
        var example = Blocks("csv-format.md", "csv", "## Example");
        var policy = JsonNode.Parse(FirstJsonBlock("problem-format.md"))!["policy"]!.ToJsonString();
        return new ProblemCsvFiles(new TextFile("members.csv", members ?? example[0]), new TextFile("positions.csv", example[1]),
            new TextFile("locks.csv", example[2]), Policy: new TextFile("policy.json", policy));
    }

    [Fact]
    public void Csv_example_is_what_the_writer_writes_for_the_problem_example_and_imports_to_exactly_it()
    {
        var problem = ProblemExample();
        var files = CsvExample();

        var written = ProblemCsv.Write(problem);
        Assert.Equal([written.Members.Text, written.Positions.Text, written.Locks!.Text], new[] { files.Members, files.Positions, files.Locks! }.Select(f => f.Text.Replace("\n", "\r\n", StringComparison.Ordinal)));
        var read = ProblemCsv.Read(files, problem.PlanningDate);
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        Assert.Equal(ProblemJson.Write(problem), ProblemJson.Write(read.Value!));
    }

    [Fact]
    public void Csv_policy_example_with_courses_imports_its_courses()
    {
        var policy = FirstJsonBlock("csv-format.md", "## Policy file (`--policy`)");
        var example = CsvExample();
        var read = ProblemCsv.Read(example with { Policy = new TextFile("policy.json", policy) }, new DateOnly(2027, 1, 4));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        var course = Assert.Single(read.Value!.Policy.Courses);
        Assert.Equal(("FACT", 1825, 3200m), (course.Credential, course.ValidDays, course.CostPerSeat));
        Assert.Equal(["fact-2027-01-11", "fact-2027-02-08"], course.Sessions.Select(x => x.Id));
        Assert.All(course.Sessions, x => Assert.Equal((5, 16), (x.Days.Days, x.Seats)));
    }

    [Fact]
    public void Csv_error_example_gives_the_documented_errors()
    {
        var bad = Blocks("csv-format.md", "csv", "### Example with errors")[0];
        var documented = Blocks("csv-format.md", "text", "### Example with errors")[0];

        var read = ProblemCsv.Read(CsvExample(bad), new DateOnly(2027, 1, 4));

        Assert.Equal(documented.TrimEnd('\n').Split('\n'), read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Problem_example_reads_and_its_documented_roster_keeps_every_rule_with_the_documented_objective()
    {
        var read = ProblemJson.Read(FirstJsonBlock("problem-format.md"));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        var roster = RosterJson.ReadAssignments(FirstJsonBlock("roster-format.md"));
        Assert.True(roster.Ok, string.Join("\n", roster.Errors));

        Assert.Empty(RosterValidator.Validate(read.Value!, roster.Value));
        Assert.Equal(new ObjectiveValues(180, 330, 120, 0, 309_000m, 10_320), RosterEvaluator.Evaluate(read.Value!, roster.Value));
    }

    // Other rosters are as good (act-0017 may serve three slots of marenia-003 in one tour), so the engine may return
    // another one; what must match is the proven objective.
    [Fact]
    public void Problem_example_solves_to_the_documented_objective()
    {
        var problem = ProblemJson.Read(FirstJsonBlock("problem-format.md")).Value!;
        var documented = RosterJson.ReadAssignments(FirstJsonBlock("roster-format.md")).Value;

        var roster = RosterPlanner.Plan(problem, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) });

        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Equal(RosterEvaluator.Evaluate(problem, documented), roster.Objective);
    }

    [Fact]
    public void Team_example_added_to_the_problem_example_reads_and_the_planner_staffs_the_team_whole_or_not_at_all()
    {
        var problem = JsonNode.Parse(FirstJsonBlock("problem-format.md"))!.AsObject();
        var team = JsonNode.Parse(FirstJsonBlock("problem-format.md", "### Example with a team"))!.AsObject();
        var marenia = problem["operations"]!.AsArray().Single(o => (string)o!["id"]! == "marenia")!.AsObject();
        foreach (var position in team["positions"]!.AsArray()) marenia["positions"]!.AsArray().Add(position!.DeepClone());
        marenia["teams"] = team["teams"]!.DeepClone();
        var read = ProblemJson.Read(problem.ToJsonString());
        Assert.True(read.Ok, string.Join("\n", read.Errors));

        var roster = RosterPlanner.Plan(read.Value!, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) });
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Empty(RosterValidator.Validate(read.Value!, roster.Assignments));
        // As documented: the team's three seats filled on its second slot, with a member of an agency; the first empty.
        var staffed = roster.Assignments.Where(a => a.Position is "marenia-024" or "marenia-025").ToList();
        Assert.Equal(3, staffed.Count);
        Assert.All(staffed, a => Assert.Equal((new DateOnly(2027, 4, 25), new DateOnly(2027, 6, 23)), (a.Start, a.End)));
        Assert.Contains(staffed, a => a.Member == "sby-0189");
        Assert.All(roster.Unfilled.Where(u => u.Position is "marenia-024" or "marenia-025"),
            u => Assert.Equal("team marenia-mgmt, slot 2027-01-25..2027-04-24: 2 member(s) can serve its 3 seats", u.Reason));
    }

    [Fact]
    public void Credentials_example_added_to_the_problem_example_reads_and_is_kept_by_the_planner_not_by_the_documented_roster()
    {
        var problem = JsonNode.Parse(FirstJsonBlock("problem-format.md"))!.AsObject();
        var credentials = JsonNode.Parse(FirstJsonBlock("problem-format.md", "### Example with credentials"))!.AsObject();
        // Each field goes to the member or position it names.
        foreach (var (id, fields) in credentials["members"]!.AsObject())
        {
            var member = problem["members"]!.AsArray().Single(m => (string)m!["id"]! == id)!.AsObject();
            foreach (var (name, value) in fields!.AsObject()) member[name] = value!.DeepClone();
        }
        foreach (var (id, fields) in credentials["positions"]!.AsObject())
        {
            var position = problem["operations"]!.AsArray().SelectMany(o => o!["positions"]!.AsArray()).Single(p => (string)p!["id"]! == id)!.AsObject();
            foreach (var (name, value) in fields!.AsObject()) position[name] = value!.DeepClone();
        }
        var read = ProblemJson.Read(problem.ToJsonString());
        Assert.True(read.Ok, string.Join("\n", read.Errors));

        var documented = RosterJson.ReadAssignments(FirstJsonBlock("roster-format.md")).Value;
        var violation = Assert.Single(RosterValidator.Validate(read.Value!, documented));
        Assert.Equal((Rule.Credentials, "sby-0077", "marenia-002"), (violation.Rule, violation.Member, violation.Position));
        Assert.Contains("valid until 2027-09-30, the tour ends 2027-10-21", violation.Message);

        var roster = RosterPlanner.Plan(read.Value!, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) });
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.All(roster.Assignments.Where(a => a.Position == "marenia-002"), a => Assert.True(a.Member != "sby-0077" || a.End <= new DateOnly(2027, 9, 30)));
    }

    [Fact]
    public void Course_example_added_to_the_credentials_example_trains_the_documented_member_and_the_planner_plans_with_it()
    {
        var problem = JsonNode.Parse(FirstJsonBlock("problem-format.md"))!.AsObject();
        var credentials = JsonNode.Parse(FirstJsonBlock("problem-format.md", "### Example with credentials"))!.AsObject();
        foreach (var (id, fields) in credentials["members"]!.AsObject())
            foreach (var (name, value) in fields!.AsObject())
                problem["members"]!.AsArray().Single(m => (string)m!["id"]! == id)!.AsObject()[name] = value!.DeepClone();
        foreach (var (id, fields) in credentials["positions"]!.AsObject())
            foreach (var (name, value) in fields!.AsObject())
                problem["operations"]!.AsArray().SelectMany(o => o!["positions"]!.AsArray()).Single(p => (string)p!["id"]! == id)!.AsObject()[name] = value!.DeepClone();
        var courses = JsonNode.Parse(FirstJsonBlock("problem-format.md", "### Example with a course"))!["courses"]!;
        problem["policy"]!.AsObject()["courses"] = courses.DeepClone();
        var read = ProblemJson.Read(problem.ToJsonString());
        Assert.True(read.Ok, string.Join("\n", read.Errors));

        // The documented roster breaks the credential rule alone, and keeps every rule with the documented training.
        var documented = RosterJson.ReadAssignments(FirstJsonBlock("roster-format.md")).Value;
        var lines = File.ReadAllLines(RepositoryFiles.PathOf(Path.Combine("docs", "problem-format.md")));
        var at = Array.IndexOf(lines, "### Example with a course");
        var second = Array.IndexOf(lines, "```json", Array.IndexOf(lines, "```json", at) + 1);
        var training = RosterJson.ReadTraining("{\"training\": " + string.Join('\n', lines.Skip(second + 1).TakeWhile(l => l != "```")) + "}");
        Assert.True(training.Ok, string.Join("\n", training.Errors));
        Assert.Equal(Rule.Credentials, Assert.Single(RosterValidator.Validate(read.Value!, documented)).Rule);
        Assert.Empty(RosterValidator.Validate(read.Value!, documented, null, training.Value));
        Assert.Equal(RosterEvaluator.Evaluate(read.Value!, documented).Cost + 3200, RosterEvaluator.Evaluate(read.Value!, documented, null, training.Value).Cost);

        var roster = RosterPlanner.Plan(read.Value!, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) });
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Empty(RosterValidator.Validate(read.Value!, roster.Assignments, null, roster.Training));
    }

    [Fact]
    public void Exclusions_example_added_to_the_problem_example_reads_and_is_kept_by_the_planner_not_by_the_documented_roster()
    {
        var problem = JsonNode.Parse(FirstJsonBlock("problem-format.md"))!.AsObject();
        var exclusions = JsonNode.Parse(FirstJsonBlock("problem-format.md", "### Example with exclusions"))!.AsObject();
        problem["exclusions"] = exclusions["exclusions"]!.DeepClone();
        var read = ProblemJson.Read(problem.ToJsonString());
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        Assert.Equal(3, read.Value!.Exclusions.Length);

        var documented = RosterJson.ReadAssignments(FirstJsonBlock("roster-format.md")).Value;
        var violation = Assert.Single(RosterValidator.Validate(read.Value, documented));
        Assert.Equal((Rule.Exclusion, "sby-0077", "marenia-002"), (violation.Rule, violation.Member, violation.Position));

        var roster = RosterPlanner.Plan(read.Value, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) });
        Assert.Equal(RosterStatus.Optimal, roster.Status);
        Assert.Empty(RosterValidator.Validate(read.Value, roster.Assignments));
        Assert.DoesNotContain(roster.Assignments, a => a.Member == "con-0021" || a.Member == "res-0001" && a.Operation == "marenia"
            || a is { Member: "sby-0077", Position: "marenia-002" });
    }
}
