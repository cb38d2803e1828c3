using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Tests.Input;

public class ProblemJsonTests
{
    /// <summary>A valid document with one member, one position and whatever <paramref name="member"/>, <paramref name="position"/>, <paramref name="rest"/> add.</summary>
    /// <remarks>The member is active unless <paramref name="member"/> gives a component.</remarks>
    private static string Document(string member = "", string position = "", string rest = "") => $$"""
        {
          "planningDate": "2025-03-01",
          "members": [ { "id": "M1"{{(member.Contains("\"component\"", StringComparison.Ordinal) ? "" : ", \"component\": \"active\"")}} {{member}} } ],
          "operations": [ { "id": "OP1", "positions": [ { "id": "P1", "start": "2025-04-01", "end": "2025-06-30" {{position}} } ] } ]
          {{rest}}
        }
        """;

    private static InputError Single(string json)
    {
        var result = ProblemJson.Read(json);
        Assert.False(result.Ok);
        Assert.Null(result.Value);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void WriteThenReadGivesAnEqualProblem()
    {
        var problem = SampleProblem.Create();
        var result = ProblemJson.Read(ProblemJson.Write(problem));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Structural.Equal(problem, result.Value);
    }

    [Property]
    public Property RoundTripPreservesEveryProblem() =>
        Prop.ForAll(Generators.Problems, problem =>
        {
            var result = ProblemJson.Read(ProblemJson.Write(problem));
            Assert.True(result.Ok, string.Join("\n", result.Errors));
            Structural.Equal(problem, result.Value);
        });

    [Property]
    public Property GeneratedProblemsAreValid() =>
        Prop.ForAll(Generators.Problems, problem => Assert.Empty(ProblemValidator.Validate(problem)));

    [Fact]
    public void WriteIsDeterministicAndAFixedPointOfRead()
    {
        var problem = SampleProblem.Create();
        var text = ProblemJson.Write(problem);
        Assert.Equal(text, ProblemJson.Write(problem));
        Assert.Equal(text, ProblemJson.Write(ProblemJson.Read(text).Value!));
    }

    [Fact]
    public void WriteUsesTheFormatsNamesAndDates()
    {
        var text = ProblemJson.Write(SampleProblem.Create());
        Assert.Contains("\"planningDate\": \"2025-03-01\"", text);
        Assert.Contains("\"clearance\": \"top-secret\"", text);
        Assert.Contains("\"component\": \"contractor\"", text);
        Assert.Contains("\"priority\": \"critical\"", text);
        Assert.Contains("\"rule of law\": 3", text);
        Assert.Contains("\n  \"members\": [", text); // indented
    }

    [Fact]
    public void ExclusionsAreWrittenOnlyWhenThereAreSomeAndWithOnlyTheFieldsGiven()
    {
        var problem = SampleProblem.Create();
        Assert.DoesNotContain("\"exclusions\"", ProblemJson.Write(problem with { Exclusions = [] }), StringComparison.Ordinal);
        var text = ProblemJson.Write(problem);
        Assert.Contains("""
              "exclusions": [
                {
                  "member": "M4"
                },
                {
                  "member": "M3",
                  "operation": "OP-B"
                },
                {
                  "member": "M2",
                  "position": "A-2"
                },
                {
                  "member": "M1",
                  "position": "A-2",
                  "operation": "OP-A"
                }
              ]
            """.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal<Exclusion>(problem.Exclusions, ProblemJson.Read(text).Value!.Exclusions);
    }

    [Fact]
    public void ExclusionFormatAndRuleErrorsAreReportedTogetherNamingTheFieldAndTheId()
    {
        var errors = ProblemJson.Read(Document(rest: """
            , "locks": [ { "member": "M1", "position": "P1" } ],
              "exclusions": [
                { "position": "P1" },
                { "member": "M1", "positon": "P1" },
                { "member": 7, "operation": "OP1" },
                { "member": "M9", "position": "P9", "operation": "OP9" },
                { "member": "M1", "operation": "OP1" }
              ]
            """)).Errors;
        Assert.Equal(
            [
                ("exclusions[0].member", "?/P1", "is required"),
                ("exclusions[1].positon", "M1", "unknown property 'positon' (did you mean 'position'?); allowed: member, position, operation"),
                ("exclusions[2].member", "?/OP1", "expected a string but found the number 7"),
                // An unknown property leaves the rest of the record as read, as elsewhere: without a position, M1 is excluded everywhere.
                ("exclusions[1]", "M1", "rules out locks[0] (member 'M1' on position 'P1'); a member cannot be both locked and excluded there"),
                ("exclusions[3].member", "M9/P9", "unknown member 'M9'"),
                ("exclusions[3].position", "M9/P9", "unknown position 'P9'"),
                ("exclusions[3].operation", "M9/P9", "unknown operation 'OP9'"),
                ("exclusions[4]", "M1/OP1", "rules out locks[0] (member 'M1' on position 'P1'); a member cannot be both locked and excluded there"),
            ],
            errors.Select(e => (e.Field, e.Id, e.Message)));
    }

    [Fact]
    public void MissingOptionalFieldsTakeTheDocumentedDefaults()
    {
        var result = ProblemJson.Read(Document());
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var problem = result.Value!;
        var member = Assert.Single(problem.Members);
        Assert.Equal("M1", member.Name);
        Assert.Null(member.Agency);
        Assert.Empty(member.Skills);
        Assert.Empty(member.Languages);
        Assert.Equal(Clearance.None, member.Clearance);
        Assert.Empty(member.Unavailable);
        Assert.Null(member.LeadTimeDays);
        Assert.Null(member.MaxTourDays);
        Assert.Null(member.DailyCost);
        Assert.Equal(0, member.DeployedDaysLast365);
        var operation = Assert.Single(problem.Operations);
        Assert.Equal("OP1", operation.Name);
        var position = Assert.Single(operation.Positions);
        Assert.Equal("P1", position.Title);
        Assert.Equal(1, position.Headcount);
        Assert.Equal(Priority.Normal, position.Priority);
        Assert.Equal(Clearance.None, position.Clearance);
        Assert.Null(position.RotationDays);
        Assert.Empty(position.Requires);
        Assert.Empty(position.AllowedComponents);
        Structural.Equal(Policy.Default, problem.Policy);
        Assert.Empty(problem.Locks);
        Assert.Empty(problem.Exclusions);
    }

    [Fact]
    public void APartialComponentPolicyKeepsTheOtherDefaults()
    {
        var result = ProblemJson.Read(Document(rest: """, "policy": { "components": { "standby": { "leadTimeDays": 21 } } }"""));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var components = result.Value!.Policy.Components;
        Assert.Equal(new ComponentPolicy(21, 180, 500m), components[Component.Standby]);
        foreach (var c in new[] { Component.Active, Component.Reserve, Component.Contractor })
            Assert.Equal(Policy.DefaultComponents[c], components[c]);
        Assert.Equal(Policy.DefaultRestDays, result.Value.Policy.RestDays);
    }

    [Fact]
    public void NullMeansNotGiven()
    {
        var result = ProblemJson.Read(Document(member: """, "agency": null, "clearance": null""", position: """, "headcount": null"""));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(1, result.Value!.Operations[0].Positions[0].Headcount);
    }

    [Fact]
    public void SkillNamesKeepTheirSpellingAndMatchIgnoringCase()
    {
        var result = ProblemJson.Read(Document(member: """, "skills": { "Rule of Law": 4 }"""));
        var skills = result.Value!.Members[0].Skills;
        Assert.Equal("Rule of Law", Assert.Single(skills.Keys));
        Assert.Equal(4, skills["rule of law"]);
    }

    [Fact]
    public void CredentialsAreReadKeepingTheirSpellingMatchedIgnoringCaseAndWrittenOnlyWhenGiven()
    {
        var result = ProblemJson.Read(Document(member: """, "credentials": { "FACT": "2027-09-30", "medical": "2027-05-01" }""",
            position: """, "credentials": ["fact"]"""));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var member = result.Value!.Members[0];
        Assert.Equal(new DateOnly(2027, 9, 30), member.Credentials["fact"]);
        Assert.Equal(new DateOnly(2027, 5, 1), member.HoldsThrough(result.Value.Operations[0].Positions[0].Credentials.Add("Medical")));
        Assert.Null(member.HoldsThrough(["security"]));
        var written = ProblemJson.Write(result.Value);
        Assert.Contains("\"credentials\": {", written);
        Assert.Contains("\"FACT\": \"2027-09-30\"", written);
        // A problem without credentials is written as before: no empty field.
        Assert.DoesNotContain("credentials", ProblemJson.Write(ProblemJson.Read(Document()).Value!));
    }

    [Fact]
    public void TeamsAreReadWrittenOnlyWhenGivenAndTheirErrorsNameTheTeam()
    {
        const string teams = """, "teams": [ { "id": "T1", "positions": ["P1", "P2"], "minAgencies": 2 } ]""";
        var json = Document(rest: "").Replace("""} ] } ]""", """}, { "id": "P2", "start": "2025-04-01", "end": "2025-06-30" } ]""" + teams + " } ]", StringComparison.Ordinal);
        var result = ProblemJson.Read(json);
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var team = Assert.Single(result.Value!.Operations[0].Teams);
        Assert.Equal(("T1", "T1", 2), (team.Id, team.Name, team.MinAgencies));
        Assert.Equal(["P1", "P2"], team.Positions.ToArray());
        var again = ProblemJson.Read(ProblemJson.Write(result.Value)).Value!;
        Assert.Equal(team.Positions.ToArray(), Assert.Single(again.Operations[0].Teams).Positions.ToArray());
        Assert.DoesNotContain("teams", ProblemJson.Write(ProblemJson.Read(Document()).Value!));

        var error = Single(json.Replace("""["P1", "P2"]""", "\"P1\"", StringComparison.Ordinal));
        Assert.Equal(("operations[0].teams[0].positions", "T1"), (error.Field, error.Id));
        Assert.Contains("expected an array but found the string \"P1\"", error.Message, StringComparison.Ordinal);
        error = Single(json.Replace("""], "minAgencies": 2""", """], "minAgencies": 2, "size": 3""", StringComparison.Ordinal));
        Assert.Equal(("operations[0].teams[0].size", "T1"), (error.Field, error.Id));
    }

    [Theory]
    [InlineData(""", "component": "standy" """, "members[0].component", "M1", "unknown component 'standy'; allowed values: active, standby, reserve, contractor")]
    [InlineData(""", "clearance": "top secret" """, "members[0].clearance", "M1", "allowed values: none, confidential, secret, top-secret")]
    [InlineData(""", "skills": { "governance": "high" } """, "members[0].skills['governance']", "M1", "expected a whole-number level but found the string \"high\"")]
    [InlineData(""", "skills": { "governance": 3, "Governance": 4 } """, "members[0].skills['Governance']", "M1", "given more than once")]
    [InlineData(""", "leadTimeDays": 2.5 """, "members[0].leadTimeDays", "M1", "expected a whole number but found the number 2.5")]
    [InlineData(""", "languages": "French" """, "members[0].languages", "M1", "expected an array but found the string \"French\"")]
    [InlineData(""", "languages": ["French", 7] """, "members[0].languages[1]", "M1", "expected a string but found the number 7")]
    [InlineData(""", "unavailable": [ { "start": "2025-05-01" } ] """, "members[0].unavailable[0].end", "M1", "is required")]
    [InlineData(""", "dailyCost": "cheap" """, "members[0].dailyCost", "M1", "expected a number")]
    [InlineData(""", "agencyy": "State" """, "members[0].agencyy", "M1", "unknown property 'agencyy' (did you mean 'agency'?)")]
    [InlineData(""", "id": "M1" """, "members[0].id", "M1", "property 'id' is given more than once")]
    [InlineData(""", "credentials": { "FACT": "2027-13-01" } """, "members[0].credentials['FACT']", "M1", "expected a date (yyyy-MM-dd) but found the string \"2027-13-01\"")]
    [InlineData(""", "credentials": { "FACT": "2027-09-30", "fact": "2027-10-01" } """, "members[0].credentials['fact']", "M1", "credential 'fact' is given more than once (as 'FACT'")]
    [InlineData(""", "credentials": ["FACT"] """, "members[0].credentials", "M1", "expected an object of credential name to last valid day")]
    public void MemberFormatErrorsNameTheFieldAndTheId(string member, string field, string id, string message)
    {
        var error = Single(Document(member: member));
        Assert.Equal(field, error.Field);
        Assert.Equal(id, error.Id);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(""", "priority": "urgent" """, "operations[0].positions[0].priority", "unknown priority 'urgent'; allowed values: critical, high, normal, low")]
    [InlineData(""", "headcont": 2 """, "operations[0].positions[0].headcont", "(did you mean 'headcount'?)")]
    [InlineData(""", "headcount": "two" """, "operations[0].positions[0].headcount", "expected a whole number but found the string \"two\"")]
    [InlineData(""", "allowedComponents": ["active", "volunteer"] """, "operations[0].positions[0].allowedComponents[1]", "unknown component 'volunteer'")]
    [InlineData(""", "rotationDays": 1e12 """, "operations[0].positions[0].rotationDays", "expected a whole number")]
    [InlineData(""", "credentials": ["FACT", ""] """, "operations[0].positions[0].credentials[1]", "credential is empty")]
    [InlineData(""", "credentials": ["FACT", "Fact"] """, "operations[0].positions[0].credentials[1]", "credential 'Fact' is given more than once (as 'FACT'")]
    [InlineData(""", "credentials": "FACT" """, "operations[0].positions[0].credentials", "expected an array but found the string \"FACT\"")]
    public void PositionFormatErrorsNameTheFieldAndTheId(string position, string field, string message)
    {
        var error = Single(Document(position: position));
        Assert.Equal(field, error.Field);
        Assert.Equal("P1", error.Id);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("2025/04/01", "'2025/04/01' is not a valid date; expected yyyy-MM-dd")]
    [InlineData("2025-02-30", "'2025-02-30' is not a valid date")]
    [InlineData("20250401", "is not a valid date")]
    public void BadDatesAreReportedWithTheExpectedFormat(string date, string message)
    {
        var json = Document().Replace("\"2025-04-01\"", $"\"{date}\"", StringComparison.Ordinal);
        var error = Single(json);
        Assert.Equal("operations[0].positions[0].start", error.Field);
        Assert.Equal("P1", error.Id);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void MissingRequiredFieldsAreReported()
    {
        var json = """
            {
              "members": [ { "name": "No id", "component": "active" }, { "id": "M2" } ],
              "operations": [ { "positions": [ { "id": "P1", "end": "2025-06-30" } ] } ],
              "locks": [ { "position": "P1" } ]
            }
            """;
        var errors = ProblemJson.Read(json).Errors;
        Assert.Contains(errors, e => e is { Field: "planningDate", Id: null, Message: "is required" });
        Assert.Contains(errors, e => e is { Field: "members[0].id", Id: null, Message: "is required" });
        Assert.Contains(errors, e => e is { Field: "members[1].component", Id: "M2", Message: "is required" });
        Assert.Contains(errors, e => e is { Field: "operations[0].id", Id: null, Message: "is required" });
        Assert.Contains(errors, e => e is { Field: "operations[0].positions[0].start", Id: "P1", Message: "is required" });
        Assert.Contains(errors, e => e is { Field: "locks[0].member", Id: "?/P1", Message: "is required" });
        Assert.Equal(6, errors.Length); // placeholders for the missing values raise no false alarms
    }

    // Regression: a document without these keys used to read as an empty corps and be solved "optimal".
    [Theory]
    [InlineData("""{ "planningDate": "2025-03-01", "operations": [] }""", "members", null)]
    [InlineData("""{ "planningDate": "2025-03-01", "members": [] }""", "operations", null)]
    [InlineData("""{ "planningDate": "2025-03-01", "members": [], "operations": [ { "id": "OP1" } ] }""", "operations[0].positions", "OP1")]
    [InlineData("""{ "planningDate": "2025-03-01", "members": null, "operations": [] }""", "members", null)]
    public void MissingRequiredListIsAnErrorNamingIt(string json, string field, string? id)
    {
        var error = Single(json);
        Assert.Equal(field, error.Field);
        Assert.Equal(id, error.Id);
        Assert.Equal("is required", error.Message);
    }

    [Fact]
    public void EmptyRequiredListsWrittenOutAreAccepted()
    {
        var result = ProblemJson.Read("""{ "planningDate": "2025-03-01", "members": [], "operations": [ { "id": "OP1", "positions": [] } ] }""");
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Empty(result.Value!.Members);
        Assert.Empty(Assert.Single(result.Value.Operations).Positions);
    }

    [Fact]
    public void PolicyErrorsNameTheirPath()
    {
        var errors = ProblemJson.Read(Document(rest: """
            , "policy": {
                "components": { "standby": { "leadTimeDays": "soon" }, "volunteer": { } },
                "restDays": -1,
                "surge": [ { "component": "active", "maxShare": 1.5 }, { "agency": "State", "maxConcurent": 3 } ],
                "budget": "lots"
              }
            """)).Errors;
        Assert.Contains(errors, e => e.Field == "policy.components.standby.leadTimeDays" && e.Message.Contains("expected a whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "policy.components.volunteer" && e.Message.Contains("unknown component 'volunteer'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "policy.restDays" && e.Message.Contains("negative", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "policy.surge[0].maxShare" && e.Message.Contains("0..1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "policy.surge[1].maxConcurent" && e.Message.Contains("did you mean 'maxConcurrent'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "policy.budget" && e.Message.Contains("expected a number", StringComparison.Ordinal));
    }

    [Fact]
    public void FormatAndRuleErrorsAreReportedTogether()
    {
        var json = """
            {
              "planningDate": "2025-03-01",
              "members": [
                { "id": "M1", "component": "standy" },
                { "id": "M2", "component": "reserve", "skills": { "governance": 7 } },
                { "id": "M2", "component": "active" }
              ],
              "operations": [ { "id": "OP1", "positions": [
                { "id": "P1", "start": "2025-06-30", "end": "2025-04-01", "headcount": 0 },
                { "id": "P2", "start": "2025-04-01", "end": "2025-06-30", "rotationDays": "monthly" }
              ] } ],
              "locks": [ { "member": "M1", "position": "P9" } ]
            }
            """;
        var errors = ProblemJson.Read(json).Errors;
        Assert.Equal(
            [
                "members[0].component (M1)", "operations[0].positions[1].rotationDays (P2)", "members[1].skills['governance'] (M2)",
                "members[2].id (M2)", "operations[0].positions[0].headcount (P1)", "operations[0].positions[0].end (P1)", "locks[0].position (M1/P9)",
            ],
            errors.Select(e => $"{e.Field} ({e.Id})"));
    }

    [Fact]
    public void RuleErrorsInARecordWithAFormatErrorAreLeftForLater()
    {
        // Member M1's bad component stands in as a placeholder; its level 9 might be fine once fixed, so only the format error shows,
        // but the lock still finds M1.
        var json = Document(member: """, "component": "standy", "skills": { "governance": 9 } """, rest: """, "locks": [ { "member": "M1", "position": "P1" } ]""");
        Assert.Equal("members[0].component", Single(json).Field);
    }

    [Theory]
    [InlineData("{\n  \"planningDate\": \"2025-03-01\",\n  \"members\": [ { \"id\": \"M1\" \"component\": \"active\" } ]\n}", 3, 29)]
    [InlineData("{\n  \"planningDate\": \"2025-03-01\",\n", 3, 1)]
    [InlineData("", 1, 1)]
    public void MalformedJsonNamesLineAndPositionWithoutStackTrace(string json, int line, int position)
    {
        var error = Single(json);
        Assert.Equal("$", error.Field);
        Assert.Null(error.Id);
        Assert.StartsWith($"malformed JSON at line {line}, position {position}: ", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
        Assert.DoesNotContain(" at System.", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
    }

    [Theory]
    [InlineData("[]", "$", "expected an object but found an array")]
    [InlineData("""{ "planningDate": "2025-03-01", "members": { "id": "M1" }, "operations": [], "locks": [ { "member": "M1", "position": "P1" } ] }""", "members", "expected an array but found an object")]
    [InlineData("""{ "planningDate": "2025-03-01", "members": [ 42 ], "operations": [] }""", "members[0]", "expected an object but found the number 42")]
    [InlineData("""{ "planningDate": "2025-03-01", "members": [], "operations": [], "exclusions": { "member": "M1" } }""", "exclusions", "expected an array but found an object")]
    [InlineData("""{ "planningDate": "2025-03-01", "members": [], "operations": [ { "id": "OP1", "positions": [ { "id": "P1", "start": "2025-01-01", "end": "2025-01-02" } ] } ], "polcy": { } }""", "polcy", "unknown property 'polcy' (did you mean 'policy'?)")]
    public void WrongShapesAreReportedWithoutFalseAlarms(string json, string field, string message)
    {
        var error = Single(json);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message[..Math.Min(message.Length, error.Message.Length)]);
    }

    [Fact]
    public void CommentsAndTrailingCommasAreTolerated()
    {
        var json = Document().Replace("\"planningDate\"", "// planned on Monday\n  \"planningDate\"", StringComparison.Ordinal)
            .Replace("\"component\": \"active\"", "\"component\": \"active\",", StringComparison.Ordinal);
        Assert.True(ProblemJson.Read(json).Ok);
    }

    [Fact]
    public void ReadingAStreamGivesTheSameProblem()
    {
        var text = ProblemJson.Write(SampleProblem.Create());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var result = ProblemJson.Read(stream);
        Assert.True(result.Ok);
        Structural.Equal(ProblemJson.Read(text).Value, result.Value);
    }

    [Fact]
    public void MalformedStreamIsAnErrorToo()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{ \"planningDate\": "));
        Assert.StartsWith("malformed JSON at line 1", Assert.Single(ProblemJson.Read(stream).Errors).Message);
    }
}
