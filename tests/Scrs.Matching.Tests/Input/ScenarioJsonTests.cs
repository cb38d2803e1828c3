using Scrs.Matching.Input;
using Scrs.Matching.Simulation;

namespace Scrs.Matching.Tests.Input;

/// <summary>The scenario format: every error at once with its field, the problem's errors under <c>problem.</c>.</summary>
public sealed class ScenarioJsonTests
{
    [Fact]
    public void Every_error_of_a_scenario_and_of_its_problem_is_reported_at_once_with_its_field()
    {
        var read = ScenarioJson.Read("""
            { "problem": { "planningDate": "2027-01-01", "members": [ { "id": "a", "component": "navy" } ], "operations": [] },
              "replications": 0, "mode": "weekly", "declines": { "standby": 1.5, "agencies": { "Justice": -1 } },
              "attritionPerYear": { "reserve": -0.1 }, "unavailability": { "ratePerMemberYear": 2, "duration": { "distribution": "uniform", "min": 9, "max": 3 } },
              "sustain": { "critical": 0.9, "urgent": 0.5 }, "colour": "blue" }
            """);
        Assert.False(read.Ok);
        var fields = read.Errors.Select(e => e.Field).ToList();
        foreach (var field in new[] { "colour", "replications", "mode", "declines.standby", "declines.agencies.Justice", "attritionPerYear.reserve",
                     "unavailability.duration.max", "sustain.urgent", "members[0].component" })
            Assert.Contains(fields, f => f == field || f == "problem." + field);
        Assert.Contains("problem.members[0].component", fields);
    }

    [Fact]
    public void A_scenario_on_a_sample_reads_with_its_defaults()
    {
        var read = ScenarioJson.Read("""{ "sample": { "family": "small", "seed": 4 }, "sustain": { "high": 0.8 } }""");
        Assert.True(read.Ok, string.Join("; ", read.Errors.IsDefault ? [] : read.Errors));
        var scenario = read.Value!;
        Assert.Equal(500, scenario.Problem.Members.Length);
        Assert.Equal(100, scenario.Replications);
        Assert.Equal(SimulationMode.Static, scenario.Mode);
        Assert.Equal(0.8, scenario.Sustain[Domain.Priority.High]);
        Assert.Equal(DeclineProbabilities.None, scenario.Declines);
    }

    [Theory]
    [InlineData("1.5", "must be a probability in [0, 1], got 1.5")]
    [InlineData("-0.1", "must be a probability in [0, 1], got -0.1")]
    [InlineData("\"often\"", "expected a number")]
    public void A_session_cancellation_outside_0_to_1_or_not_a_number_is_an_error_naming_the_field(string value, string message)
    {
        var read = ScenarioJson.Read($$"""{ "sample": { "family": "small" }, "sessionCancellation": {{value}} }""");
        Assert.False(read.Ok);
        var error = Assert.Single(read.Errors);
        Assert.Equal("sessionCancellation", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_session_cancellation_reads_as_given_and_defaults_to_0()
    {
        Assert.Equal(0.25, ScenarioJson.Read("""{ "sample": { "family": "small" }, "sessionCancellation": 0.25 }""").Value!.SessionCancellation);
        Assert.Equal(1, ScenarioJson.Read("""{ "sample": { "family": "small" }, "sessionCancellation": 1 }""").Value!.SessionCancellation);
        Assert.Equal(0, ScenarioJson.Read("""{ "sample": { "family": "small" } }""").Value!.SessionCancellation);
    }

    [Fact]
    public void The_documented_example_with_course_sessions_cancelled_reads_with_its_course_and_probability()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("docs/scenario-format.md"));
        var at = Array.IndexOf(lines, "### Example with course sessions cancelled");
        Assert.True(at >= 0, "scenario-format.md has no example with course sessions cancelled");
        var start = Array.IndexOf(lines, "```json", at);
        var read = ScenarioJson.Read(string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l != "```")));
        Assert.True(read.Ok, string.Join("; ", read.Errors.IsDefault ? [] : read.Errors));
        Assert.Equal(0.3, read.Value!.SessionCancellation);
        Assert.Equal("fact-2027-03", Assert.Single(Assert.Single(read.Value.Problem.Policy.Courses).Sessions).Id);
    }

    [Fact]
    public void The_scenario_shipped_in_samples_reads_without_error()
    {
        var path = RepositoryFiles.PathOf("samples/three-operations-twelve-months.json");
        var read = ScenarioJson.Read(File.ReadAllText(path));
        Assert.True(read.Ok, string.Join("; ", read.Errors.IsDefault ? [] : read.Errors));
    }
}
