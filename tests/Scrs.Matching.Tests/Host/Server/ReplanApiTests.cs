using System.Net;
using System.Text;
using System.Text.Json;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Sessions;
using Scrs.Matching.Replanning;
using Scrs.Matching.Report;
using Scrs.Matching.Validation;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// A host on a SQLite file with the small corps solved once, for the tests that answer or rank from its roster. It takes
/// bodies up to 2 MB: the demo corps (1.8 MB), whose solve is long enough to be asked about before it has a roster.
/// </summary>
public sealed class ReplanHostFixture : SqliteHostFixture
{
    public ReplanHostFixture()
        : base(maxBodyMb: 2)
    {
    }

    private Task<(string Id, string Roster)>? _small;

    internal HttpClient Client => Host.Client;

    /// <summary>The query of the small corps' job: its seed is the library's too.</summary>
    public const string SmallQuery = "?seed=2";

    /// <summary>The options the library plans with to match the small corps' job.</summary>
    public static PlannerOptions SmallOptions => PlannerOptions.Default with { Seed = 2 };

    /// <summary>The small corps' job, completed: its id and roster document.</summary>
    internal Task<(string Id, string Roster)> Small => _small ??= SolveAsync(ServerClient.Small, SmallQuery);

    /// <summary>Submits <paramref name="problem"/> (or a re-plan) and waits for its roster.</summary>
    internal async Task<(string Id, string Roster)> SolveAsync(string problem, string query = "")
    {
        var id = await SubmitAsync(Client, problem, query);
        var job = await FinishedAsync(Client, id, TimeSpan.FromSeconds(120));
        Assert.Equal("completed", Status(job));
        return (id, job.GetProperty("roster").GetRawText());
    }
}

/// <summary>
/// The re-planning endpoints over real HTTP: the answers to a roster's offers (a re-plan job), the ranked candidates
/// for a seat, and a re-plan submitted whole; each gives what the library gives for the same inputs.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class ReplanApiTests(ReplanHostFixture fixture) : IClassFixture<ReplanHostFixture>
{
    private static readonly TimeSpan Solve = TimeSpan.FromSeconds(120);

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Answers_to_the_offers_start_a_replan_job_whose_roster_is_the_librarys_replan_with_the_declined_tours_forced_out()
    {
        var (id, roster) = await fixture.Small;
        var assignments = RosterJson.ReadAssignments(roster).Value;
        // One offer per member, so that the accepted and the declined members differ.
        var offers = assignments.Select(a => new Offer(a.Member, a.Position)).DistinctBy(o => o.Member).ToList();
        List<Offer> accepted = [offers[0], offers[1]], declined = [offers[2], offers[3]];
        var body = JsonSerializer.Serialize(new { accepted, declined }, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        using var response = await Client.PostAsync($"/v1/rosters/{id}/responses", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {text}");
        using var created = JsonDocument.Parse(text);
        var replan = created.RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/rosters/{replan}", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", created.RootElement.GetProperty("status").GetString());
        Assert.Equal(id, created.RootElement.GetProperty("replans").GetString());
        Assert.Equal(2, created.RootElement.GetProperty("options").GetProperty("seed").GetInt32());

        var job = await FinishedAsync(Client, replan, Solve);
        Assert.Equal("completed", Status(job));
        Assert.Equal(id, job.GetProperty("replans").GetString());
        var small = ProblemJson.Read(ServerClient.Small).Value!;
        var next = OfferResponses.Apply(small, assignments, accepted, declined);
        var options = ReplanHostFixture.SmallOptions with { Previous = assignments };
        var fresh = RosterPlanner.Plan(next, options);
        Assert.Equal(RosterStatus.Optimal, fresh.Status);
        // The host re-plans through the session of the stored roster (its coverage optima proven again without search
        // where they still hold): the same roster on any host, with the fresh plan's value on every level.
        var session = PlanningSession.Resume(small, ReplanHostFixture.SmallOptions, RosterJson.Read(roster).Value!, built: null).Fork(options);
        session.Apply(new ProblemReplaced(next));
        var expected = session.Solve();
        Assert.Equal(fresh.Objective, expected.Objective);
        Assert.Equal(WithoutTimings(RosterJson.Write(expected)), WithoutTimings(job.GetProperty("roster").GetRawText()));

        var changes = job.GetProperty("roster").GetProperty("changes").EnumerateArray().ToList();
        foreach (var offer in declined)
        {
            var lost = changes.Where(c => c.GetProperty("member").GetString() == offer.Member && c.GetProperty("kind").GetString() is "removed" or "moved"
                && (c.TryGetProperty("previous", out var p) ? p : c).GetProperty("position").GetString() == offer.Position).ToList();
            Assert.NotEmpty(lost);
            Assert.All(lost, c => Assert.True(c.GetProperty("forced").GetBoolean() && c.GetProperty("reason").GetString()!.Contains("excluded", StringComparison.Ordinal),
                c.ToString()));
        }
        foreach (var offer in accepted)
        {
            Assert.All(assignments.Where(a => new Offer(a.Member, a.Position) == offer), tour => Assert.Contains(changes, c =>
                c.GetProperty("kind").GetString() == "kept" && c.GetProperty("member").GetString() == tour.Member
                && c.GetProperty("start").GetString() == tour.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task Answers_are_refused_for_an_unknown_job_a_job_without_a_roster_and_a_bad_body_naming_every_field()
    {
        using (var none = await Client.PostAsync("/v1/rosters/no-such-job/responses", Json("""{"accepted": [{"member": "M1", "position": "P1"}]}""")))
            await AssertProblemAsync(none, HttpStatusCode.NotFound);
        using (var simulation = await Client.PostAsync("/v1/simulations?replications=1", Json(SimulationApiTests.Scenario)))
        {
            var simulationId = JsonDocument.Parse(await simulation.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            using var asRoster = await Client.PostAsync($"/v1/rosters/{simulationId}/responses", Json("""{"accepted": [{"member": "M1", "position": "P1"}]}"""));
            await AssertProblemAsync(asRoster, HttpStatusCode.NotFound);
            using var stop = await Client.DeleteAsync($"/v1/simulations/{simulationId}");
        }
        var busy = await SubmitAsync(Client, Corps);
        try
        {
            using var early = await Client.PostAsync($"/v1/rosters/{busy}/responses", Json("""{"accepted": [{"member": "M1", "position": "P1"}]}"""));
            var conflict = await AssertProblemAsync(early, HttpStatusCode.Conflict);
            Assert.Contains(conflict.GetProperty("jobStatus").GetString(), new[] { "queued", "running" });
        }
        finally
        {
            using var stop = await Client.DeleteAsync($"/v1/rosters/{busy}");
        }

        var (id, _) = await fixture.SolveAsync(TinyProblem);
        var path = $"/v1/rosters/{id}/responses";
        using (var plain = await Client.PostAsync(path, new StringContent("{}", Encoding.UTF8, "text/plain")))
            await AssertProblemAsync(plain, HttpStatusCode.UnsupportedMediaType);
        using (var big = await PostOversizedAsync(Client, path, "{\"accepted\": [], \"x\": \"" + new string('x', 3 * 1024 * 1024) + "\"}"))
            await AssertProblemAsync(big, HttpStatusCode.RequestEntityTooLarge);
        using (var malformed = await Client.PostAsync(path, Json("""{"accepted": [""")))
            Assert.Equal("Malformed JSON", (await AssertProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        Assert.Equal(["extra", "accepted[0].position", "declined[0].member", "declined[1]"],
            await FieldsAsync(path, """{"accepted": [{"member": "M1"}], "declined": [{"position": "P1"}, 3], "extra": 1}"""));
        Assert.Equal(["accepted[0].member"], await FieldsAsync(path, """{"accepted": [{"member": 1, "position": "P1"}]}"""));
        Assert.Equal([ErrorLocation.Document], await FieldsAsync(path, "{}"));
        Assert.Equal([ErrorLocation.Document], await FieldsAsync(path, """{"accepted": [], "declined": []}"""));
        Assert.Equal(["accepted"], await FieldsAsync(path, """{"accepted": {"member": "M1", "position": "P1"}}"""));
    }

    [Fact]
    public async Task Every_answer_the_library_cannot_apply_comes_back_at_once_as_it_reports_it()
    {
        var (id, roster) = await fixture.SolveAsync(TinyProblem);
        var assignments = RosterJson.ReadAssignments(roster).Value;
        var offered = new Offer(assignments[0].Member, assignments[0].Position);
        List<Offer> accepted = [new("ghost", "P1"), new("M1", "nowhere"), offered], declined = [offered];
        var unoffered = new[] { "M1", "M2" }.SelectMany(m => new[] { "P1", "P2" }.Select(p => new Offer(m, p)))
            .First(o => !assignments.Any(a => a.Member == o.Member && a.Position == o.Position));
        accepted.Add(unoffered);
        var expected = Assert.Throws<InvalidProblemException>(() => OfferResponses.Apply(ProblemJson.Read(TinyProblem).Value!, assignments, accepted, declined)).Errors;
        Assert.True(expected.Length >= 5, string.Join("; ", expected));

        var body = JsonSerializer.Serialize(new { accepted, declined }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var response = await Client.PostAsync($"/v1/rosters/{id}/responses", Json(body));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid answers", problem.GetProperty("title").GetString());
        Assert.Equal(expected.Select(e => (e.Field, e.Id, e.Message)),
            problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("id").GetString(), e.GetProperty("message").GetString()!)));
    }

    [Fact]
    public async Task Recommendations_are_the_librarys_for_the_jobs_problem_roster_and_options()
    {
        var (id, roster) = await fixture.Small;
        var assignments = RosterJson.ReadAssignments(roster).Value;
        var problem = ProblemJson.Read(ServerClient.Small).Value!;
        var asked = assignments[^1].Member;
        // A seat with more candidates than the top, so that the ranking is cut where the host must cut it too.
        var (position, ranked) = assignments.Select(a => a.Position).Distinct()
            .Select(p => (p, Recommender.Recommend(problem, assignments, new RecommendationRequest(p) { Top = 2, Member = asked }, ReplanHostFixture.SmallOptions)))
            .First(x => x.Item2.Considered > 2 && x.Item2.Candidates.Length == 2);
        var expected = RecommendationsJson.Write(ranked);

        using var response = await Client.GetAsync($"/v1/rosters/{id}/recommendations?position={position}&top=2&member={asked}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, body);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(asked, document.RootElement.GetProperty("member").GetProperty("member").GetString());
    }

    [Fact]
    public async Task Recommendation_errors_name_the_query_parameter_and_an_unknown_job_or_one_without_a_roster_is_refused()
    {
        var (id, _) = await fixture.SolveAsync(TinyProblem);
        var path = $"/v1/rosters/{id}/recommendations";
        Assert.Equal(["position", "top", "start"], await QueryFieldsAsync($"{path}?top=0&start=2025-13-01"));
        Assert.Equal(["top"], await QueryFieldsAsync($"{path}?position=P1&top=x"));
        Assert.Equal(["position", "member"], await QueryFieldsAsync($"{path}?position=P9&member=M9"));
        // P1's window is 2025-04-01..2025-06-29.
        Assert.Equal(["start"], await QueryFieldsAsync($"{path}?position=P1&start=2025-07-01"));
        using (var ok = await Client.GetAsync($"{path}?position=P1&start=2025-06-29&member=M2")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using (var none = await Client.GetAsync("/v1/rosters/no-such-job/recommendations?position=P1")) await AssertProblemAsync(none, HttpStatusCode.NotFound);
        var busy = await SubmitAsync(Client, Corps);
        try
        {
            using var early = await Client.GetAsync($"/v1/rosters/{busy}/recommendations?position=P1");
            await AssertProblemAsync(early, HttpStatusCode.Conflict);
        }
        finally
        {
            using var stop = await Client.DeleteAsync($"/v1/rosters/{busy}");
        }
    }

    [Fact]
    public async Task The_report_is_the_librarys_page_of_the_jobs_roster_and_an_unknown_job_or_one_without_a_roster_is_refused()
    {
        var (id, roster) = await fixture.Small;
        var read = RosterJson.Read(roster);
        Assert.True(read.Ok);
        using (var response = await Client.GetAsync($"/v1/rosters/{id}/report"))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(RosterHtml.Write(ProblemJson.Read(ServerClient.Small).Value!, read.Value!), body);
            Assert.Equal(read.Value!.Assignments.Length, System.Text.RegularExpressions.Regex.Matches(body, "<rect class=\"tour\"").Count);
        }

        using (var none = await Client.GetAsync("/v1/rosters/no-such-job/report")) await AssertProblemAsync(none, HttpStatusCode.NotFound);
        var busy = await SubmitAsync(Client, Corps);
        try
        {
            using var early = await Client.GetAsync($"/v1/rosters/{busy}/report");
            var conflict = await AssertProblemAsync(early, HttpStatusCode.Conflict);
            Assert.Contains(conflict.GetProperty("jobStatus").GetString(), new[] { "queued", "running" });
        }
        finally
        {
            using var stop = await Client.DeleteAsync($"/v1/rosters/{busy}");
        }
    }

    [Fact]
    public async Task A_replan_submitted_whole_is_the_librarys_replan_and_its_errors_name_problem_and_previous_fields()
    {
        var (_, roster) = await fixture.SolveAsync(TinyProblem);
        var assignments = RosterJson.ReadAssignments(roster).Value;
        // M1 leaves: the re-plan must change what it had.
        var problem = ProblemJson.Read(TinyProblem).Value!;
        var smaller = problem with { Members = [.. problem.Members.Where(m => m.Id != "M1")] };
        var (replan, replanned) = await fixture.SolveAsync($$"""{ "problem": {{ProblemJson.Write(smaller)}}, "previous": {{roster}} }""");
        var expected = RosterPlanner.Plan(smaller, PlannerOptions.Default with { Previous = assignments });
        Assert.Equal(WithoutTimings(RosterJson.Write(expected)), WithoutTimings(replanned));
        Assert.Contains(expected.Changes, c => c.Member == "M1" && c.Kind == ChangeKind.Removed);
        Assert.Equal(JsonValueKind.Null, (await GetAsync(Client, replan)).GetProperty("replans").ValueKind);

        const string bad = """{ "planningDate": "2025-03-01", "members": [ { "id": "M1", "component": "navy" } ], "operations": [] }""";
        using var response = await Client.PostAsync("/v1/rosters", Json($$"""{ "problem": {{bad}}, "previous": { "assignments": [ { "member": "M1" } ] }, "extra": 1 }"""));
        var errors = (await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString()!).ToList();
        var problemErrors = ProblemJson.Read(bad).Errors.Select(e => "problem." + e.Field);
        var previousErrors = RosterJson.ReadAssignments("""{ "assignments": [ { "member": "M1" } ] }""").Errors.Select(e => "previous." + e.Field);
        Assert.Equal(["extra", .. problemErrors, .. previousErrors], errors);
        Assert.Contains("previous.assignments[0].position", errors);

        using var alone = await Client.PostAsync("/v1/rosters", Json($$"""{ "problem": {{TinyProblem}} }"""));
        Assert.Equal(["previous"], (await AssertProblemAsync(alone, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString()!));
    }

    /// <summary>The fields of the 400 that POSTing <paramref name="body"/> to <paramref name="path"/> answers.</summary>
    private async Task<List<string>> FieldsAsync(string path, string body)
    {
        using var response = await Client.PostAsync(path, Json(body));
        return Fields(await AssertProblemAsync(response, HttpStatusCode.BadRequest));
    }

    /// <summary>The fields of the 400 that GET <paramref name="path"/> answers.</summary>
    private async Task<List<string>> QueryFieldsAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return Fields(await AssertProblemAsync(response, HttpStatusCode.BadRequest));
    }

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!)];
}
