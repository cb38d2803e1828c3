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

    [Fact]
    public void The_scenario_shipped_in_samples_reads_without_error()
    {
        var path = RepositoryFiles.PathOf("samples/three-operations-twelve-months.json");
        var read = ScenarioJson.Read(File.ReadAllText(path));
        Assert.True(read.Ok, string.Join("; ", read.Errors.IsDefault ? [] : read.Errors));
    }
}
