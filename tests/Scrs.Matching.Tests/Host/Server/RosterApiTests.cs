using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Scrs.Matching.Input;
using Scrs.Matching.Verification;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>One host on a SQLite file, shared by the tests of this class (each test uses its own jobs).</summary>
public class SqliteHostFixture : IAsyncLifetime
{
    private readonly string _folder = TempFolder();
    private readonly int _maxBodyMb;

    /// <summary>A host that takes bodies up to 1 MB: small, so that a test can go over it.</summary>
    public SqliteHostFixture()
        : this(1)
    {
    }

    /// <summary>A host that takes bodies up to <paramref name="maxBodyMb"/> MB (<c>--max-body-mb</c>).</summary>
    protected SqliteHostFixture(int maxBodyMb) => _maxBodyMb = maxBodyMb;

    internal HostProcess Host { get; private set; } = null!;

    public string Store => Path.Combine(_folder, "jobs.db");

    // The tests sharing this host POST more than the submission limit's default a minute: the limit is off here
    // (RateLimitTests check it).
    public async Task InitializeAsync() => Host = await HostProcess.StartAsync(["--store", Store, "--workers", "2", "--max-body-mb",
        _maxBodyMb.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-submissions-per-minute", "0"]);

    public Task DisposeAsync()
    {
        Host.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The worker host collection: its tests start processes that solve, so they do not run beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerHostCollection
{
    public const string Name = "worker host";
}

/// <summary>Every endpoint and error code of the roster API, over real HTTP against a host running as its own process.</summary>
[Collection(WorkerHostCollection.Name)]
public sealed class RosterApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private static readonly TimeSpan Solve = TimeSpan.FromSeconds(120);

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task A_submission_is_accepted_with_its_location_and_completes_with_a_roster_that_passes_the_validator()
    {
        var id = await SubmitAsync(Client, Small, "?timeLimitSeconds=60&seed=3&engine=highs");
        var job = await FinishedAsync(Client, id, Solve);
        Assert.Equal("completed", Status(job));
        Assert.True(AssertValidRoster(job, Small) > 0);
        Assert.Equal("optimal", job.GetProperty("roster").GetProperty("status").GetString());
        foreach (var field in new[] { "submitted", "started", "finished" }) Assert.Equal(JsonValueKind.String, job.GetProperty(field).ValueKind);
        var progress = job.GetProperty("progress");
        Assert.Equal("done", progress.GetProperty("stage").GetString());
        Assert.Equal("highs", job.GetProperty("options").GetProperty("engine").GetString());
        Assert.Equal(3, job.GetProperty("options").GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task The_roster_of_a_job_is_the_one_solve_out_writes_for_the_same_problem_and_options()
    {
        var id = await SubmitAsync(Client, TinyProblem, "?seed=1");
        var job = await FinishedAsync(Client, id, Solve);
        var read = ProblemJson.Read(TinyProblem);
        var solved = RosterJson.Write(Matching.Planning.RosterPlanner.Plan(read.Value!, Matching.Planning.PlannerOptions.Default with { Seed = 1 }));
        // Timings differ from run to run; every other byte is the same.
        Assert.Equal(WithoutTimings(solved), WithoutTimings(job.GetProperty("roster").GetRawText()));
    }

    [Fact]
    public async Task Every_input_error_of_a_problem_comes_back_at_once_with_field_id_and_message_as_the_command_line_lists_them()
    {
        const string invalid = """
            { "planningDate": "2025-03-01", "members": [ { "id": "M1", "component": "navy" }, { "id": "M2" } ],
              "operations": [ { "id": "OP1", "positions": [ { "id": "P1", "start": "2025-04-01", "end": "2025-03-01" } ] } ], "extra": 1 }
            """;
        using var response = await Client.PostAsync("/v1/rosters", Json(invalid));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var expected = ProblemJson.Read(invalid).Errors;
        Assert.True(expected.Length >= 3);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(expected.Length, errors.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Field, errors[k].GetProperty("field").GetString());
            Assert.Equal(expected[k].Id, errors[k].GetProperty("id").GetString());
            Assert.Equal(expected[k].Message, errors[k].GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_where()
    {
        using var response = await Client.PostAsync("/v1/rosters", Json("""{ "planningDate": "2025-03-01", """));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Contains("line 1", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_options_out_of_range_are_a_400_naming_each_with_the_problems_errors()
    {
        using var response = await Client.PostAsync("/v1/rosters?timeLimitSeconds=0&gap=1&seed=x&engine=gurobi", Json(TinyProblem));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["timeLimitSeconds", "gap", "seed", "engine"], fields);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        using var response = await Client.PostAsync("/v1/rosters", new StringContent(TinyProblem, Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        using var validate = await Client.PostAsync("/v1/validate", new StringContent("{}", Encoding.UTF8, "application/xml"));
        await AssertProblemAsync(validate, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_the_hosts_limit_is_a_413()
    {
        // The fixture's host takes at most 1 MB (--max-body-mb 1).
        var big = TinyProblem.TrimEnd().TrimEnd('}') + ", \"padding\": \"" + new string('x', 2 * 1024 * 1024) + "\" }";
        using var response = await PostOversizedAsync(Client, "/v1/rosters", big);
        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("--max-body-mb", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_is_a_404_on_every_job_endpoint()
    {
        using (var get = await Client.GetAsync("/v1/rosters/no-such-job")) await AssertProblemAsync(get, HttpStatusCode.NotFound);
        using (var events = await Client.GetAsync("/v1/rosters/no-such-job/events")) await AssertProblemAsync(events, HttpStatusCode.NotFound);
        using (var delete = await Client.DeleteAsync("/v1/rosters/no-such-job")) await AssertProblemAsync(delete, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_finished_job_is_a_409_and_leaves_it_as_it_was()
    {
        var id = await SubmitAsync(Client, TinyProblem);
        await FinishedAsync(Client, id, Solve);
        using var response = await Client.DeleteAsync($"/v1/rosters/{id}");
        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("completed", problem.GetProperty("jobStatus").GetString());
        Assert.Equal("completed", Status(await GetAsync(Client, id)));
    }

    [Fact]
    public async Task The_job_list_is_newest_first_paged_by_after_and_filtered_by_status()
    {
        var ids = new List<string>();
        for (var k = 0; k < 3; k++) ids.Add(await SubmitAsync(Client, TinyProblem));
        foreach (var id in ids) await FinishedAsync(Client, id, Solve);
        var first = await PageAsync("/v1/rosters?limit=2&status=completed");
        Assert.Equal([ids[2], ids[1]], first.Ids);
        Assert.Equal(ids[1], first.Next);
        var second = await PageAsync($"/v1/rosters?limit=2&status=completed&after={first.Next}");
        Assert.Equal(ids[0], second.Ids[0]);
        var queued = await PageAsync("/v1/rosters?status=queued&limit=1000");
        Assert.DoesNotContain(ids[0], queued.Ids);
        using var bad = await Client.GetAsync("/v1/rosters?limit=0&status=done&after=nobody");
        var problem = await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal(3, problem.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task The_event_stream_has_every_status_change_and_progress_message_and_closes_at_the_end()
    {
        var id = await SubmitAsync(Client, Small);
        using var response = await Client.GetAsync($"/v1/rosters/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n').ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..]))
            .ToList();
        var statuses = events.Where(e => e["event"] == "status").Select(e => JsonDocument.Parse(e["data"]).RootElement.GetProperty("status").GetString()).ToList();
        Assert.Equal(["queued", "running", "completed"], statuses);
        var stages = events.Where(e => e["event"] == "progress").Select(e => JsonDocument.Parse(e["data"]).RootElement.GetProperty("stage").GetString()).ToList();
        Assert.Contains("critical", stages);
        Assert.Equal("done", stages[^1]);
        // Event ids increase, so a client that reconnects with Last-Event-ID gets only what it missed.
        var numbers = events.Select(e => long.Parse(e["id"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.Order(), numbers);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/v1/rosters/{id}/events");
        again.Headers.Add("Last-Event-ID", numbers[^2].ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var rest = await Client.SendAsync(again);
        Assert.Single((await rest.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Validate_answers_the_violations_the_validate_command_prints()
    {
        // M1 on two overlapping positions at once.
        const string roster = """
            { "assignments": [
              { "member": "M1", "operation": "OP1", "position": "P1", "start": "2025-04-01", "end": "2025-06-29" },
              { "member": "M1", "operation": "OP1", "position": "P2", "start": "2025-05-01", "end": "2025-07-29" } ] }
            """;
        using var response = await Client.PostAsync("/v1/validate", Json($$"""{ "problem": {{TinyProblem}}, "roster": {{roster}} }"""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        var expected = RosterValidator.Validate(ProblemJson.Read(TinyProblem).Value!, RosterJson.ReadAssignments(roster).Value);
        Assert.NotEmpty(expected);
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(expected.Select(v => v.ToString()),
            document.RootElement.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("text").GetString()));

        using var missing = await Client.PostAsync("/v1/validate", Json($$"""{ "problem": {{TinyProblem}} }"""));
        var problem = await AssertProblemAsync(missing, HttpStatusCode.BadRequest);
        Assert.Equal("roster", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Health_answers_and_the_openapi_document_describes_the_problem_and_roster_field_by_field()
    {
        using (var health = await Client.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var response = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        string[] Properties(string schema) => [.. schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name)];
        Assert.Equal(["planningDate", "members", "operations", "policy", "locks", "exclusions"], Properties("ProblemDocument"));
        Assert.Contains("deployedDaysLast365", Properties("MemberDocument"));
        Assert.Contains("assignments", Properties("RosterDocument"));
        Assert.Equal(["id", "status", "submitted", "started", "finished", "error", "attempts", "host", "progress", "options", "replans", "roster"],
            Properties("JobDocument"));
        Assert.Contains("changes", Properties("RosterDocument"));
        Assert.Equal(["accepted", "declined"], Properties("ResponsesDocument"));
        Assert.Equal(["member", "position"], Properties("OfferDocument"));
        Assert.Equal(["problem", "previous"], Properties("ReplanDocument"));
        Assert.Equal(["position", "seat", "heldBy", "considered", "baseline", "candidates", "member"], Properties("RecommendationsDocument"));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/v1/rosters", "/v1/rosters/{id}", "/v1/rosters/{id}/events", "/v1/rosters/{id}/responses",
            "/v1/rosters/{id}/recommendations", "/v1/rosters/{id}/report", "/v1/validate", "/health" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        var report = paths.GetProperty("/v1/rosters/{id}/report").GetProperty("get").GetProperty("responses");
        Assert.True(report.GetProperty("200").GetProperty("content").TryGetProperty("text/html", out _), report.ToString());
        Assert.True(report.TryGetProperty("404", out _) && report.TryGetProperty("409", out _), report.ToString());
        string Reference(JsonElement schema) => schema.GetProperty("$ref").GetString()!;
        Assert.Equal("#/components/schemas/ResponsesDocument",
            Reference(paths.GetProperty("/v1/rosters/{id}/responses").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        Assert.Equal("#/components/schemas/JobDocument",
            Reference(paths.GetProperty("/v1/rosters/{id}/responses").GetProperty("post").GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        Assert.Equal("#/components/schemas/RecommendationsDocument",
            Reference(paths.GetProperty("/v1/rosters/{id}/recommendations").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        // A submission is a problem or a re-plan.
        Assert.Equal(["#/components/schemas/ProblemDocument", "#/components/schemas/ReplanDocument"],
            paths.GetProperty("/v1/rosters").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
                .GetProperty("schema").GetProperty("oneOf").EnumerateArray().Select(Reference));
    }

    [Fact]
    public async Task A_job_as_the_api_shows_it_has_the_fields_of_its_openapi_schema()
    {
        var id = await SubmitAsync(Client, TinyProblem);
        var job = await FinishedAsync(Client, id, Solve);
        var strict = new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        var document = job.Deserialize<Matching.Host.Server.Schema.JobDocument>(strict)!;
        Assert.Equal(id, document.Id);
        Assert.NotNull(document.Roster);
    }

    private async Task<(List<string> Ids, string? Next)> PageAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return ([.. document.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()!)],
            document.RootElement.GetProperty("next").GetString());
    }
}
