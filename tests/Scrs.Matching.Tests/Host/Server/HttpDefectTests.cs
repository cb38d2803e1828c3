using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// The defects a run of bad and abusive requests found in the worker host (issue 23), each over real HTTP against a host
/// running as its own process.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class HttpDefectTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private static readonly TimeSpan Solve = TimeSpan.FromSeconds(120);

    private HttpClient Client => fixture.Host.Client;

    /// <summary>The one error of <paramref name="problem"/> that names <paramref name="field"/>.</summary>
    private static JsonElement Error(JsonElement problem, string field)
    {
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        return Assert.Single(errors, e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Reconnecting_to_a_finished_jobs_events_at_or_past_its_last_event_answers_at_once_and_closes()
    {
        var id = await SubmitAsync(Client, TinyProblem);
        await FinishedAsync(Client, id, Solve);
        var all = await Client.GetStringAsync($"/v1/rosters/{id}/events");
        var last = long.Parse(all.Split('\n').Last(l => l.StartsWith("id: ", StringComparison.Ordinal))[4..], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var from in new[] { last, last + 1000 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/rosters/{id}/events");
            request.Headers.Add("Last-Event-ID", from.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The client's own timeout (60 s) is the failure: before the fix no answer came at all, not even headers.
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("iso-8859-1")]
    [InlineData("utf-16")]
    public async Task A_body_in_a_charset_other_than_utf8_is_refused_with_415_naming_it(string charset)
    {
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(TinyProblem.Replace("M1", "mar\u00e9nia", StringComparison.Ordinal)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");
        using var response = await Client.PostAsync("/v1/rosters", content);
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains($"charset '{charset}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json")]
    public async Task A_utf8_body_with_or_without_its_charset_is_read_as_utf8(string type)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(TinyProblem.Replace("\"M1\"", "\"mar\u00e9nia\"", StringComparison.Ordinal)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        using var response = await Client.PostAsync("/v1/rosters", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var job = await FinishedAsync(Client, document.RootElement.GetProperty("id").GetString()!, Solve);
        Assert.Contains("mar\u00e9nia", job.GetProperty("roster").GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?timeLimitSeconds=1e-9", "timeLimitSeconds")]
    [InlineData("?timeLimitSeconds=0.0001", "timeLimitSeconds")]
    [InlineData("?timeLimitSeconds=1000001", "timeLimitSeconds")]
    [InlineData("?timeLimitSeconds=NaN", "timeLimitSeconds")]
    [InlineData("?gap=1", "gap")]
    [InlineData("?seed=1.5", "seed")]
    [InlineData("?engine=3", "engine")]
    public async Task A_query_value_the_solve_would_refuse_is_a_400_at_submission_naming_it(string query, string field)
    {
        using var response = await Client.PostAsync("/v1/rosters" + query, Json(TinyProblem));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Error(problem, field);
    }

    [Fact]
    public async Task The_shortest_time_limit_is_accepted_and_the_job_completes()
    {
        var id = await SubmitAsync(Client, TinyProblem, "?timeLimitSeconds=0.001");
        var job = await FinishedAsync(Client, id, Solve);
        Assert.Equal("completed", Status(job));
    }

    [Theory]
    [InlineData("/v1/rosters?timeLimit=5", "timeLimit", "unknown query parameter; allowed: timeLimitSeconds, gap, seed, engine")]
    [InlineData("/v1/rosters?timelimitsecond=5", "timelimitsecond", "did you mean 'timeLimitSeconds'?")]
    [InlineData("/v1/rosters?seed=1&seed=2", "seed", "is given 2 times")]
    [InlineData("/v1/rosters?colour=red", "colour", "allowed: timeLimitSeconds, gap, seed, engine")]
    [InlineData("/v1/simulations?replication=5", "replication", "did you mean 'replications'?")]
    [InlineData("/v1/validate?x=1", "x", "takes none")]
    public async Task A_query_parameter_unknown_misspelt_or_given_twice_is_a_400_naming_it(string path, string field, string message)
    {
        using var response = await Client.PostAsync(path, Json(TinyProblem));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(message, Error(problem, field).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_delete_and_list_name_an_unknown_query_parameter_too()
    {
        using var list = await Client.GetAsync("/v1/rosters?limt=5");
        Assert.Contains("did you mean 'limit'?", (Error(await AssertProblemAsync(list, HttpStatusCode.BadRequest), "limt")).GetProperty("message").GetString(),
            StringComparison.Ordinal);
        using var one = await Client.GetAsync("/v1/rosters/none?verbose=1");
        Error(await AssertProblemAsync(one, HttpStatusCode.BadRequest), "verbose");
        using var cancel = await Client.DeleteAsync("/v1/rosters/none?force=1");
        Error(await AssertProblemAsync(cancel, HttpStatusCode.BadRequest), "force");
    }

    [Theory]
    [InlineData("/v1/rosters", """{"planningDate": "\ud800", "members": [], "operations": []}""", "planningDate")]
    [InlineData("/v1/rosters", """{"planningDate": "2025-03-01", "members": [{"id": "M\udc00", "component": "active"}], "operations": []}""", "members[0].id")]
    [InlineData("/v1/simulations", """{"mode": "\ud800"}""", "mode")]
    [InlineData("/v1/validate", """{"problem": {"planningDate": "\ud800"}, "roster": {"assignments": []}}""", "problem.planningDate")]
    [InlineData("/v1/validate", """{"\ud800": 1}""", "$")]
    public async Task A_lone_surrogate_escape_in_a_body_is_a_400_naming_the_field(string path, string body, string field)
    {
        using var response = await Client.PostAsync(path, Json(body));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("lone surrogate", Error(problem, field).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_answers_to_offers_is_a_400_naming_the_field()
    {
        var id = await SubmitAsync(Client, TinyProblem);
        await FinishedAsync(Client, id, Solve);
        using var response = await Client.PostAsync($"/v1/rosters/{id}/responses", Json("""{"accepted": [{"member": "\ud800", "position": "P1"}]}"""));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Error(problem, "accepted[0].member");
    }

    [Fact]
    public async Task An_error_repeats_a_long_bad_value_cut_not_whole()
    {
        var date = new string('7', 500_000);
        using var response = await Client.PostAsync("/v1/rosters", Json(TinyProblem.Replace("2025-03-01", date, StringComparison.Ordinal)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.Length < 2_000, $"{body.Length} characters: {body[..Math.Min(body.Length, 300)]}");
        Assert.Contains("(500,000 characters)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_unknown_query_parameter_and_value_are_cut_in_the_answer()
    {
        using var unknown = await Client.PostAsync($"/v1/rosters?{new string('q', 5_000)}=1", Json(TinyProblem));
        Assert.True((await unknown.Content.ReadAsStringAsync()).Length < 2_000);
        using var value = await Client.PostAsync($"/v1/rosters?seed={new string('9', 5_000)}", Json(TinyProblem));
        var body = await value.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, value.StatusCode);
        Assert.True(body.Length < 2_000, body[..300]);
    }

    [Fact]
    public async Task A_415_says_what_was_sent_and_what_is_expected()
    {
        using var text = await Client.PostAsync("/v1/rosters", new StringContent(TinyProblem, Encoding.UTF8, "text/plain"));
        var detail = (await AssertProblemAsync(text, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString()!;
        Assert.Contains("text/plain", detail, StringComparison.Ordinal);
        Assert.Contains("application/json", detail, StringComparison.Ordinal);
        using var none = await Client.PostAsync("/v1/simulations", new ByteArrayContent(Encoding.UTF8.GetBytes("{}")));
        Assert.Contains("application/json", (await AssertProblemAsync(none, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_body_is_a_415_for_its_encoding_not_a_400_about_its_first_byte()
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(TinyProblem));
        using var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentType = JsonType;
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await Client.PostAsync("/v1/rosters", content);
        var detail = (await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString()!;
        Assert.Contains("Content-Encoding 'gzip'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommendations_cap_top_at_a_documented_maximum_naming_top()
    {
        var id = await SubmitAsync(Client, TinyProblem);
        await FinishedAsync(Client, id, Solve);
        using var over = await Client.GetAsync($"/v1/rosters/{id}/recommendations?position=P1&top=101");
        Assert.Contains("from 1 to 100", (Error(await AssertProblemAsync(over, HttpStatusCode.BadRequest), "top")).GetProperty("message").GetString(),
            StringComparison.Ordinal);
        using var most = await Client.GetAsync($"/v1/rosters/{id}/recommendations?position=P1&top=100");
        Assert.Equal(HttpStatusCode.OK, most.StatusCode);
    }

    [Fact]
    public async Task A_simulation_of_more_replications_than_a_job_runs_is_a_400_naming_replications()
    {
        using var query = await Client.PostAsync("/v1/simulations?replications=100001", Json("""{"sample": {"family": "small"}}"""));
        Error(await AssertProblemAsync(query, HttpStatusCode.BadRequest), "replications");
        using var scenario = await Client.PostAsync("/v1/simulations", Json("""{"sample": {"family": "small"}, "replications": 2000000000}"""));
        Error(await AssertProblemAsync(scenario, HttpStatusCode.BadRequest), "replications");
    }
}

/// <summary><c>serve</c> that cannot start: one <c>error:</c> line, no stack trace.</summary>
[Collection(WorkerHostCollection.Name)]
public sealed class ServeStartFailureTests : IDisposable
{
    private readonly string _folder = TempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertOnlyTheErrorLine(int code, string output)
    {
        Assert.Equal(2, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_port_in_use_it_prints_only_its_error_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, output) = await HostProcess.RunToEndAsync(["--store", Path.Combine(_folder, "jobs.db"), "--urls", $"http://127.0.0.1:{port}"]);
        AssertOnlyTheErrorLine(code, output);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_store_naming_a_folder_it_prints_only_its_error_line()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "a-folder.db")).FullName;
        var (code, output) = await HostProcess.RunToEndAsync(["--store", folder, "--urls", "http://127.0.0.1:0"]);
        AssertOnlyTheErrorLine(code, output);
        Assert.Contains(folder, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_https_without_a_certificate_it_prints_only_its_error_line_naming_the_setting()
    {
        // A home of its own: no developer certificate there, whatever this machine's user has made.
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;
        var (code, output) = await HostProcess.RunToEndAsync(["--store", Path.Combine(_folder, "jobs.db"), "--urls", "https://127.0.0.1:0"],
            new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home });
        AssertOnlyTheErrorLine(code, output);
        Assert.Contains("Kestrel__Certificates__Default__Path", output, StringComparison.Ordinal);
    }
}
