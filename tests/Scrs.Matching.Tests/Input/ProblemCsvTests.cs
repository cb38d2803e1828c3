using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Samples;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Input;

public class ProblemCsvTests
{
    private static readonly DateOnly PlanningDate = new(2027, 1, 4);

    private const string Members = """
        id,name,component,agency,skills,languages,clearance,unavailable,leadTimeDays,maxTourDays,dailyCost,deployedDaysLast365
        M1,Ann Lee,active,State,rule-of-law:4;governance:3,Arabic;French,secret,2027-03-01..2027-03-20;2027-06-01..2027-06-05,5,120,310.50,40
        M2,Bo,standby,,,,,,,,,
        """;

    private const string Positions = """
        operation,operationName,id,title,requires,languages,clearance,headcount,start,end,rotationDays,priority,allowedComponents
        OP1,First operation,P1,Advisor,rule-of-law:3,Arabic,confidential,2,2027-02-01,2027-07-31,60,critical,active;standby
        OP2,Second,P3,Clerk,,,,,2027-02-01,2027-03-31,,,
        OP1,,P2,Deputy,,,,,2027-03-01,2027-04-30,,low,
        """;

    private static ReadResult<DeploymentProblem> Read(string members, string positions, string? locks = null, string? exclusions = null, string? policy = null) =>
        ProblemCsv.Read(new ProblemCsvFiles(
            new TextFile("members.csv", members), new TextFile("positions.csv", positions),
            locks is null ? null : new TextFile("locks.csv", locks), exclusions is null ? null : new TextFile("exclusions.csv", exclusions),
            policy is null ? null : new TextFile("policy.json", policy)), PlanningDate);

    private static DeploymentProblem ReadOk(string members, string positions, string? locks = null, string? exclusions = null, string? policy = null)
    {
        var read = Read(members, positions, locks, exclusions, policy);
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        return read.Value!;
    }

    [Fact]
    public void Teams_and_credentials_read_from_their_columns_and_write_back_the_same()
    {
        const string positions = """
            operation,id,start,end,rotationDays,credentials,team,teamName,teamMinAgencies
            OP1,P1,2027-02-01,2027-07-31,60,FACT;medical,fact-1,FACT team,2
            OP1,P2,2027-02-01,2027-07-31,60,,fact-1,,
            OP1,P3,2027-03-01,2027-04-30,,,,,
            """;
        var problem = ReadOk(Members.Replace("deployedDaysLast365\n", "deployedDaysLast365,credentials\n", StringComparison.Ordinal)
            .Replace(",40\n", ",40,FACT:2027-09-30;medical:2027-05-01\n", StringComparison.Ordinal) + ",", positions);
        var team = Assert.Single(problem.Operations[0].Teams);
        Assert.Equal(("fact-1", "FACT team", 2), (team.Id, team.Name, team.MinAgencies));
        Assert.Equal(["P1", "P2"], team.Positions.ToArray());
        Assert.Equal(["FACT", "medical"], problem.Operations[0].Positions[0].Credentials.ToArray());
        Assert.Equal(new DateOnly(2027, 5, 1), problem.Members[0].Credentials["Medical"]);

        var again = ProblemCsv.Read(ProblemCsv.Write(problem), PlanningDate);
        Assert.True(again.Ok, string.Join("\n", again.Errors));
        Structural.Equal(problem, again.Value);

        Assert.Equal(
            ["positions.csv, line 3, column teamName (id 'P2'): 'Other' differs from the name 'FACT team' that line 2 gives team 'fact-1'",
             "positions.csv, line 4, column team (id 'P3'): is required when teamName or teamMinAgencies is given"],
            Errors(Members, positions.Replace("60,,fact-1,,", "60,,fact-1,Other,", StringComparison.Ordinal).Replace(",,,,,\n", ",,,,,3\n", StringComparison.Ordinal)
                .Replace("2027-04-30,,,,,", "2027-04-30,,,,,3", StringComparison.Ordinal)));
    }

    private static string[] Errors(string members, string positions, string? locks = null, string? exclusions = null, string? policy = null)
    {
        var read = Read(members, positions, locks, exclusions, policy);
        Assert.False(read.Ok);
        Assert.Null(read.Value);
        return [.. read.Errors.Select(e => e.ToString())];
    }

    /// <summary>Writes <paramref name="problem"/> as spreadsheets and reads them back with its planning date.</summary>
    private static void AssertRoundTrip(DeploymentProblem problem)
    {
        var read = ProblemCsv.Read(ProblemCsv.Write(problem), problem.PlanningDate);
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        Assert.Equal(ProblemJson.Write(problem), ProblemJson.Write(read.Value!));
    }

    [Property]
    public Property Reading_the_written_spreadsheets_gives_the_same_problem() =>
        Prop.ForAll(Generators.Problems, AssertRoundTrip);

    [Fact]
    public void Reading_the_written_spreadsheets_gives_the_same_tiny_problem_for_every_seed()
    {
        for (var seed = 0; seed < 200; seed++) AssertRoundTrip(TinyProblems.Generate(seed));
    }

    [Fact]
    public void Cells_read_as_the_json_format_says_with_its_defaults_for_empty_cells()
    {
        var problem = ReadOk(Members, Positions);

        Assert.Equal(PlanningDate, problem.PlanningDate);
        var ann = problem.Members[0];
        Assert.Equal(("M1", "Ann Lee", Component.Active, "State", Clearance.Secret), (ann.Id, ann.Name, ann.Component, ann.Agency, ann.Clearance));
        Assert.Equal([("governance", 3), ("rule-of-law", 4)], ann.Skills.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)));
        Assert.Equal(["Arabic", "French"], ann.Languages.AsEnumerable());
        Assert.Equal([new DateRange(new(2027, 3, 1), new(2027, 3, 20)), new DateRange(new(2027, 6, 1), new(2027, 6, 5))], ann.Unavailable.AsEnumerable());
        Assert.Equal((5, 120, 310.50m, 40), (ann.LeadTimeDays, ann.MaxTourDays, ann.DailyCost, ann.DeployedDaysLast365));
        var bo = problem.Members[1];
        Assert.Equal(("Bo", (string?)null, Clearance.None, 0), (bo.Name, bo.Agency, bo.Clearance, bo.DeployedDaysLast365));
        Assert.Empty(bo.Skills);
        Assert.Empty(bo.Languages);
        Assert.Null(bo.LeadTimeDays);

        // Rows of one operation are grouped, in the order operations first appear; a name given once names the operation.
        Assert.Equal([("OP1", "First operation", "P1,P2"), ("OP2", "Second", "P3")],
            problem.Operations.Select(o => (o.Id, o.Name, string.Join(',', o.Positions.Select(p => p.Id)))));
        var advisor = problem.Operations[0].Positions[0];
        Assert.Equal((2, 60, Priority.Critical, Clearance.Confidential), (advisor.Headcount, advisor.RotationDays, advisor.Priority, advisor.Clearance));
        Assert.Equal([Component.Active, Component.Standby], advisor.AllowedComponents.AsEnumerable());
        var clerk = problem.Operations[1].Positions[0];
        Assert.Equal((1, (int?)null, Priority.Normal, Clearance.None), (clerk.Headcount, clerk.RotationDays, clerk.Priority, clerk.Clearance));
        Assert.Empty(clerk.AllowedComponents);
        Assert.Equal(Policy.Default, problem.Policy);
    }

    [Fact]
    public void Columns_in_another_order_and_optional_columns_left_out_read_the_same()
    {
        var reordered = ReadOk(
            """
            deployedDaysLast365,dailyCost,maxTourDays,leadTimeDays,unavailable,clearance,languages,skills,agency,component,name,id
            40,310.50,120,5,2027-03-01..2027-03-20;2027-06-01..2027-06-05,secret,Arabic;French,rule-of-law:4;governance:3,State,active,Ann Lee,M1
            ,,,,,,,,,standby,Bo,M2
            """,
            """
            allowedComponents,priority,rotationDays,end,start,headcount,clearance,languages,requires,title,id,operationName,operation
            active;standby,critical,60,2027-07-31,2027-02-01,2,confidential,Arabic,rule-of-law:3,Advisor,P1,First operation,OP1
            ,,,2027-03-31,2027-02-01,,,,,Clerk,P3,Second,OP2
            ,low,,2027-04-30,2027-03-01,,,,,Deputy,P2,,OP1
            """);
        var shortest = ReadOk("id,component,name\nM1,active,Ann\n", "operation,id,start,end\nOP1,P1,2027-02-01,2027-03-01\n");

        Assert.Equal(ProblemJson.Write(ReadOk(Members, Positions)), ProblemJson.Write(reordered));
        Assert.Equal(("Ann", "OP1", "P1"), (shortest.Members[0].Name, shortest.Operations[0].Name, shortest.Operations[0].Positions[0].Title));
    }

    [Fact]
    public void Every_bad_cell_of_every_file_and_every_rule_error_are_reported_at_once_naming_file_line_column_and_value()
    {
        var errors = Errors(
            """
            id,name,component,skils,skills,unavailable,leadTimeDays,dailyCost
            M1,Ann,activ,,rule-of-law,2027-03-01-2027-03-20,ten,1.5
            M2,Bo,standby,,law:9,2027-03-20..2027-03-01,,1.x
            M2,Cy,reserve,,,,,
            """,
            """
            operation,operationName,id,title,start,end,priority,allowedComponents
            OP1,One,P1,Advisor,2027-02-01,2027-05-32,high,active;contractors
            OP1,Uno,P2,Clerk,2027-02-01,2027-03-01,urgent,
            """,
            locks: "member,start\nM1,2027-02-01\n",
            policy: """{ "restDays": 30, "surge": [ { "agency": "Nowhere", "maxConcurrent": 1 } ], "budgt": 5 }""");

        Assert.Equal(
        [
            "members.csv, header: unknown column 'skils' (did you mean 'skills'?); allowed: id, name, component, agency, skills, languages, clearance, "
                + "unavailable, leadTimeDays, maxTourDays, dailyCost, deployedDaysLast365, credentials",
            "members.csv, line 2, column component (id 'M1'): unknown component 'activ' (did you mean 'active'?); allowed values: active, standby, reserve, contractor",
            "members.csv, line 2, column skills (id 'M1'): 'rule-of-law' is not a skill with its level; expected name:level, for example rule-of-law:4",
            "members.csv, line 2, column unavailable (id 'M1'): '2027-03-01-2027-03-20' is not a range of days; expected start..end in yyyy-MM-dd, "
                + "for example 2027-03-01..2027-03-20",
            "members.csv, line 2, column leadTimeDays (id 'M1'): 'ten' is not a whole number",
            "members.csv, line 3, column dailyCost (id 'M2'): '1.x' is not a number",
            "positions.csv, line 2, column end (id 'P1'): '2027-05-32' is not a valid date; expected yyyy-MM-dd, for example 2027-03-01",
            "positions.csv, line 2, column allowedComponents (id 'P1'): unknown component 'contractors' (did you mean 'contractor'?); "
                + "allowed values: active, standby, reserve, contractor",
            "positions.csv, line 3, column operationName (id 'P2'): 'Uno' differs from the name 'One' that line 2 gives operation 'OP1'; "
                + "every row of an operation gives the same name, or none",
            "positions.csv, line 3, column priority (id 'P2'): unknown priority 'urgent'; allowed values: critical, high, normal, low",
            "locks.csv, header: missing column 'position', which is required",
            "policy.json, field budgt: unknown property 'budgt' (did you mean 'budget'?); allowed: components, restDays, defaultRotationDays, surge, budget, courses",
            // Rule errors of the validator, in the files' terms; those of rows with a bad cell are left out, as they may only echo a placeholder.
            "members.csv, line 4, column id (id 'M2'): duplicate member id; members.csv, line 3 has it too",
        ], errors);
    }

    [Fact]
    public void Rule_errors_name_the_cell_and_the_rows_their_messages_refer_to()
    {
        var errors = Errors(
            "id,component,skills,unavailable\nM1,active,law:9,2027-03-20..2027-03-01\nM1,standby,,\n",
            "operation,id,start,end,headcount\nOP1,P1,2027-02-01,2027-01-01,0\nOP2,P1,2027-02-01,2027-03-01,\n",
            locks: "member,position,start,end\nM9,P1,2027-02-01,\n",
            exclusions: "member,operation\nM1,OPX\n",
            policy: """{ "restDays": -1, "surge": [ { "operation": "OPX", "maxShare": 0.5 } ] }""");

        Assert.Equal(
        [
            "members.csv, line 2, column skills (id 'M1'): level 9 of skill 'law' must lie within 1..5",
            "members.csv, line 2, column unavailable (id 'M1'): end 2027-03-01 is before start 2027-03-20",
            "members.csv, line 3, column id (id 'M1'): duplicate member id; members.csv, line 2 has it too",
            "positions.csv, line 2, column headcount (id 'P1'): headcount 0 must be at least 1",
            "positions.csv, line 2, column end (id 'P1'): end 2027-01-01 is before start 2027-02-01",
            "positions.csv, line 3, column id (id 'P1'): duplicate position id; positions.csv, line 2 has it too (position ids are unique across all operations)",
            "policy.json, field restDays: rest of -1 days is negative",
            "policy.json, field surge[0].operation: unknown operation 'OPX'",
            "locks.csv, line 2, column member (id 'M9/P1'): unknown member 'M9'",
            "locks.csv, line 2, column end (id 'M9/P1'): a lock gives both start and end, or neither",
            "exclusions.csv, line 2, column operation (id 'M1/OPX'): unknown operation 'OPX'",
        ], errors);
    }

    [Fact]
    public void A_file_without_a_required_column_or_empty_reports_that_and_no_rule_error_that_would_follow_from_it()
    {
        Assert.Equal(
        [
            "members.csv, header: missing column 'component', which is required",
            "positions.csv, header: the file is empty; its first line must name the columns, such as "
                + "operation,operationName,id,title,requires,languages,clearance,headcount,start,end,rotationDays,priority,allowedComponents,credentials,team,teamName,teamMinAgencies",
        ], Errors("id,name\nM1,Ann\nM1,Bo\n", ""));
    }

    [Fact]
    public void Required_cells_left_empty_repeated_columns_and_rows_of_the_wrong_width_are_errors()
    {
        Assert.Equal(
        [
            "members.csv, header: column 'name' is given more than once",
            "members.csv, line 2, column id: is required (the cell is empty)",
            "members.csv, line 3 (id 'M2'): the row has 5 cells but the header has 4 columns",
            "positions.csv, line 2, column start (id 'P1'): is required (the cell is empty)",
        ], Errors("id,component,name,name\n,active,Ann,Ann\nM2,active,Bo,x,y\n", "operation,id,start,end\nOP1,P1,,2027-03-01\n"));
    }

    [Fact]
    public void Quoted_cells_with_commas_quotes_line_breaks_and_spaces_round_trip_and_lines_count_from_the_file()
    {
        var problem = ReadOk(Members, Positions);
        var tricky = problem with
        {
            Members = [problem.Members[0] with { Name = "O'Brien, \"Sean\"" }, problem.Members[1] with { Name = " Bo ", Agency = "Health, Dept." }],
            Operations = [problem.Operations[0] with { Name = "Op \"One\", phase 2" }, problem.Operations[1]],
        };
        tricky = tricky with
        {
            Operations = [tricky.Operations[0] with { Positions = [tricky.Operations[0].Positions[0] with { Title = "Advisor,\n\"senior\"" }, tricky.Operations[0].Positions[1]] }, tricky.Operations[1]],
        };

        var files = ProblemCsv.Write(tricky);
        AssertRoundTrip(tricky);
        Assert.Contains("\"Op \"\"One\"\", phase 2\"", files.Positions.Text, StringComparison.Ordinal);
        Assert.Contains("\" Bo \"", files.Members.Text, StringComparison.Ordinal);

        // The title's line break makes the next row start a line later; errors say the line a text editor shows.
        var broken = files.Positions.Text.Replace("2027-03-01,2027-04-30", "2027-03-0x,2027-04-30", StringComparison.Ordinal);
        Assert.Contains("positions.csv, line 4, column start (id 'P2'): '2027-03-0x' is not a valid date", Assert.Single(Errors(files.Members.Text, broken)), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_quoting_is_an_error_of_its_line()
    {
        Assert.Contains("members.csv, line 2 (id 'M\"1'): malformed quoting (StrayQuote): M\"1,active",
            Errors("id,component\nM\"1,active\n", Positions), StringComparer.Ordinal);
    }

    [Fact]
    public void A_policy_file_that_is_not_json_names_the_file_and_the_position()
    {
        var error = Assert.Single(Errors(Members, Positions, policy: "{ \"restDays\": }"));
        Assert.StartsWith("policy.json: malformed JSON at line 1, position", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Locks_exclusions_and_a_policy_are_written_only_when_the_problem_has_them()
    {
        var problem = ReadOk(Members, Positions, "member,position,start,end\nM1,P1,,\nM2,P2,2027-03-01,2027-04-30\n", "member,position,operation\nM2,,OP2\n",
            """{ "restDays": 10, "surge": [ { "agency": "State", "maxConcurrent": 1 } ] }""");
        Assert.Equal([("M1", "P1", null, null), ("M2", "P2", new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 30))],
            problem.Locks.Select(l => (l.Member, l.Position, l.Start, l.End)));
        Assert.Equal(new Exclusion("M2", null, "OP2"), Assert.Single(problem.Exclusions));
        Assert.Equal(10, problem.Policy.RestDays);

        var files = ProblemCsv.Write(problem);
        Assert.Equal(["members.csv", "positions.csv", "locks.csv", "exclusions.csv", "policy.json"], files.All.Select(f => f.Name));
        Assert.Equal("member,position,start,end\r\nM1,P1,,\r\nM2,P2,2027-03-01,2027-04-30\r\n", files.Locks!.Text);
        AssertRoundTrip(problem);
        Assert.Equal(["members.csv", "positions.csv"], ProblemCsv.Write(ReadOk(Members, Positions)).All.Select(f => f.Name));
    }

    [Fact]
    public void Writing_what_the_files_cannot_hold_is_an_argument_error()
    {
        var problem = ReadOk(Members, Positions);
        Assert.Throws<ArgumentException>(() => ProblemCsv.Write(problem with { Operations = [.. problem.Operations, new Operation("OP3", "Empty", [])] }));
        Assert.Throws<ArgumentException>(() => ProblemCsv.Write(problem with { Members = [problem.Members[0] with { Languages = ["Arabic;French"] }] }));
    }

    [Fact]
    public void The_sample_corps_spreadsheets_import_to_exactly_the_generated_demo_corps()
    {
        TextFile Sample(string name) => new(name, File.ReadAllText(RepositoryFiles.PathOf(Path.Combine("samples", "corps", name))));
        var corps = SampleCorps.Generate(SampleCorpsOptions.Default);

        var read = ProblemCsv.Read(new ProblemCsvFiles(Sample(ProblemCsv.MembersFile), Sample(ProblemCsv.PositionsFile), Policy: Sample(ProblemCsv.PolicyFile)),
            SampleCorpsOptions.Default.PlanningDate);

        Assert.True(read.Ok, string.Join("\n", read.Errors));
        Assert.Equal(ProblemJson.Write(corps), ProblemJson.Write(read.Value!));
        Assert.Equal(["members.csv", "positions.csv", "policy.json"], ProblemCsv.Write(corps).All.Select(f => f.Name));
    }
}
