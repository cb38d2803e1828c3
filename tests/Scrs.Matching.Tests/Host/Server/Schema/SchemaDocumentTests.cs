using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Scrs.Matching.Host.Server.Schema;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Replanning;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Tests.Host.Server.Schema;

/// <summary>
/// The OpenAPI document's records describe the problem and roster formats field by field: what the library's writers
/// write reads into them with no field left over, and writes back the same.
/// </summary>
public sealed class SchemaDocumentTests
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [Theory]
    [InlineData("small")]
    [InlineData("surge")]
    public void Every_field_the_problem_writer_writes_is_in_the_problem_schema_and_reads_back_the_same(string family)
    {
        var written = ProblemJson.Write(SampleCorps.Generate(SampleCorps.Families.ForFamily(family)));
        AssertRoundTrip<ProblemDocument>(written);
    }

    [Fact]
    public void A_problem_with_locks_exclusions_credentials_teams_and_every_optional_field_reads_back_the_same()
    {
        const string problem = """
            { "planningDate": "2025-03-01",
              "members": [ { "id": "M1", "name": "One", "component": "standby", "agency": "State", "skills": { "governance": 3 },
                "languages": [ "French" ], "clearance": "top-secret", "unavailable": [ { "start": "2025-05-01", "end": "2025-05-03" } ],
                "leadTimeDays": 3, "maxTourDays": 90, "dailyCost": 410.5, "deployedDaysLast365": 12, "credentials": { "FACT": "2025-09-30" } },
                { "id": "M2", "component": "active" } ],
              "operations": [ { "id": "OP1", "name": "Op", "positions": [ { "id": "P1", "title": "Adviser", "requires": { "governance": 2 },
                "languages": [ "French" ], "clearance": "secret", "headcount": 2, "start": "2025-04-01", "end": "2025-06-29",
                "rotationDays": 30, "priority": "critical", "allowedComponents": [ "standby", "active" ], "credentials": [ "FACT" ] },
                { "id": "P2", "start": "2025-04-01", "end": "2025-06-29", "rotationDays": 30 } ],
                "teams": [ { "id": "T1", "name": "Team", "positions": [ "P1", "P2" ], "minAgencies": 1 } ] } ],
              "policy": { "components": { "standby": { "leadTimeDays": 21, "maxTourDays": 180, "dailyCost": 500 } }, "restDays": 10,
                "defaultRotationDays": 45, "budget": 100000,
                "surge": [ { "agency": "State", "component": "standby", "operation": "OP1", "maxShare": 0.5 }, { "maxConcurrent": 3 } ] },
              "locks": [ { "member": "M1", "position": "P1", "start": "2025-04-01", "end": "2025-04-30" } ],
              "exclusions": [ { "member": "M2", "position": "P1", "operation": "OP1" } ] }
            """;
        Assert.True(ProblemJson.Read(problem).Ok);
        AssertRoundTrip<ProblemDocument>(ProblemJson.Write(ProblemJson.Read(problem).Value!));
    }

    [Fact]
    public void Every_field_the_roster_writer_writes_is_in_the_roster_schema_and_reads_back_the_same()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily("small"));
        var roster = RosterJson.Write(RosterPlanner.Plan(problem));
        AssertRoundTrip<RosterDocument>(roster);
    }

    [Fact]
    public void A_roster_with_trainings_and_training_changes_reads_into_the_roster_schema_with_no_field_left_over()
    {
        // Tiny problems with courses: a roster that trains, re-planned from it with a training of a session gone and one
        // moved, so that every kind of training change and its previous session are written.
        for (var seed = 0; seed < 300; seed++)
        {
            var problem = Oracles.TinyProblems.GenerateWithCourses(seed);
            var roster = RosterPlanner.Plan(problem);
            if (roster.Training.IsEmpty) continue;
            var t = roster.Training[0];
            var other = problem.Policy.Courses.SelectMany(c => c.Sessions.Select(x => (c.Credential, x)))
                .FirstOrDefault(x => string.Equals(x.Credential, t.Credential, StringComparison.OrdinalIgnoreCase) && x.x.Id != t.Session).x;
            if (other is null) continue;
            Scrs.Matching.Report.Training[] before = [t with { Session = other.Id, Start = other.Days.Start, End = other.Days.End }, t with { Session = "gone" }];
            var replanned = RosterPlanner.Plan(problem, PlannerOptions.Default with { Previous = roster.Assignments, PreviousTraining = before });
            if (!replanned.TrainingChanges.Any(c => c.Previous is not null)) continue;
            AssertRoundTrip<RosterDocument>(RosterJson.Write(replanned));
            return;
        }
        Assert.Fail("no tiny problem moved a training");
    }

    [Fact]
    public void A_replan_and_recommendations_read_into_their_schemas_with_no_field_left_over()
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily("small"));
        var roster = RosterPlanner.Plan(problem);
        var offers = roster.Assignments.Select(a => new Offer(a.Member, a.Position)).DistinctBy(o => o.Member).ToList();
        // A declined offer whose re-plan changes a tour, so that the change's previous tour is written too (which
        // decline does it depends on which of the equally good rosters the search returns).
        var replanned = offers.Skip(1).Take(20)
            .Select(declined => RosterPlanner.Plan(OfferResponses.Apply(problem, roster.Assignments, [offers[0]], [declined]),
                PlannerOptions.Default with { Previous = roster.Assignments }))
            .First(r => r.Changes.Any(c => c.Previous is not null));
        AssertRoundTrip<RosterDocument>(RosterJson.Write(replanned));
        // A seat someone else could take, so that the candidates' fields are there too.
        var recommendations = roster.Assignments.Select(a => a.Position).Distinct()
            .Select(p => Recommender.Recommend(problem, roster.Assignments, new RecommendationRequest(p) { Top = 2, Member = offers[1].Member }))
            .First(r => r.Candidates.Any(c => !c.Changes.IsEmpty));
        AssertRoundTrip<RecommendationsDocument>(RecommendationsJson.Write(recommendations));
    }

    [Fact]
    public void Every_field_the_results_writer_writes_is_in_the_results_schema_and_reads_back_the_same()
    {
        var scenario = ScenarioJson.Read("""
            { "sample": { "family": "small" }, "replications": 6, "seed": 2, "declines": { "standby": 0.3 }, "sustain": { "critical": 0.3 } }
            """).Value!;
        AssertRoundTrip<SimulationResultsDocument>(ScenarioJson.WriteResults(Matching.Simulation.Simulator.Run(scenario), scenario));
    }

    private static void AssertRoundTrip<T>(string json)
    {
        var document = JsonSerializer.Deserialize<T>(json, Strict)!;
        var back = JsonNode.Parse(JsonSerializer.Serialize(document, Strict))!;
        var original = WithoutNulls(JsonNode.Parse(json)!);
        Assert.True(JsonNode.DeepEquals(original, WithoutNulls(back)), $"{original.ToJsonString()[..Math.Min(400, original.ToJsonString().Length)]}");
    }

    /// <summary>The node with null members removed (the records write nothing for a field that is not set) and numbers normalized.</summary>
    private static JsonNode WithoutNulls(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)WithoutNulls(p.Value!)))),
        JsonArray a => new JsonArray([.. a.Select(e => e is null ? null : WithoutNulls(e))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<decimal>()),
        _ => node.DeepClone(),
    };
}
