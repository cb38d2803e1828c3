using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Samples;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>The problems the worker host tests submit, and what they do with a host's answers.</summary>
internal static class ServerClient
{
    /// <summary>Two members, two positions: solved in a fraction of a second.</summary>
    public const string TinyProblem = """
        {
          "planningDate": "2025-03-01",
          "members": [ { "id": "M1", "component": "active" }, { "id": "M2", "component": "active" } ],
          "operations": [ { "id": "OP1", "positions": [
            { "id": "P1", "start": "2025-04-01", "end": "2025-06-29", "priority": "critical" },
            { "id": "P2", "start": "2025-05-01", "end": "2025-07-29" } ] } ]
        }
        """;

    /// <summary>The demo corps (4,550 members): a solve of 15-20 s on the test machine, long enough to stop or kill.</summary>
    public static string Corps { get; } = ProblemJson.Write(SampleCorps.Generate(SampleCorpsOptions.Default));

    /// <summary>The small family (500 members): a solve of about a second.</summary>
    public static string Small { get; } = ProblemJson.Write(SampleCorps.Generate(SampleCorps.Families.ForFamily("small")));

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>
    /// Posts a body the host will refuse as too large. With "Expect: 100-continue" the client waits for the answer before
    /// uploading: without it the host may answer 413 and close while the megabytes are still being sent, and the client
    /// sees a broken pipe or a response that ended early instead of the 413 (a flaky failure, seen twice in CI).
    /// </summary>
    public static Task<HttpResponseMessage> PostOversizedAsync(HttpClient client, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        request.Headers.ExpectContinue = true;
        return client.SendAsync(request);
    }

    /// <summary>Submits <paramref name="problem"/> and returns the job's id (after checking the 202's header and body).</summary>
    public static async Task<string> SubmitAsync(HttpClient client, string problem, string query = "")
    {
        using var response = await client.PostAsync("/v1/rosters" + query, Json(problem));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var id = document.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("queued", document.RootElement.GetProperty("status").GetString());
        Assert.Equal($"/v1/rosters/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    /// <summary>The job as <c>GET /v1/rosters/{id}</c> answers it.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/v1/rosters/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Polls job <paramref name="id"/> until <paramref name="done"/> holds for it, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string id, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await GetAsync(client, id);
            if (done(job)) return job;
            if (clock.Elapsed > timeout) Assert.Fail($"job {id} did not get there in {timeout.TotalSeconds} s; it is {job}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for job <paramref name="id"/> to reach an end state.</summary>
    public static Task<JsonElement> FinishedAsync(HttpClient client, string id, TimeSpan timeout) =>
        WaitAsync(client, id, j => Status(j) is "completed" or "cancelled" or "failed", timeout);

    public static string Status(JsonElement job) => job.GetProperty("status").GetString()!;

    /// <summary>Checks that the job's roster passes the independent validator for <paramref name="problem"/>, and returns its tour count.</summary>
    public static int AssertValidRoster(JsonElement job, string problem)
    {
        var roster = job.GetProperty("roster");
        Assert.Equal(JsonValueKind.Object, roster.ValueKind);
        var assignments = RosterJson.ReadAssignments(roster.GetRawText());
        Assert.True(assignments.Ok, string.Join("; ", assignments.Errors.IsDefault ? [] : assignments.Errors));
        var read = ProblemJson.Read(problem);
        var violations = RosterValidator.Validate(read.Value!, assignments.Value);
        Assert.True(violations.IsEmpty, string.Join("; ", violations));
        return assignments.Value.Length;
    }

    /// <summary>Checks that an answer is RFC 9457 problem details with <paramref name="status"/>, and returns them.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>A roster document with its timings zeroed: they differ from run to run, every other byte is the same.</summary>
    public static string WithoutTimings(string roster) =>
        System.Text.RegularExpressions.Regex.Replace(roster, "\"(solveMillis|eligibilityMillis|modelMillis|verifyMillis|millis)\": \\d+", "\"$1\": 0");

    /// <summary>A fresh temporary folder for a host's store.</summary>
    public static string TempFolder() => Directory.CreateTempSubdirectory("scrs-host-").FullName;

    public static MediaTypeHeaderValue JsonType => new("application/json");
}
