using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// Nothing accepted is lost: a host killed mid-job (SIGKILL) or stopped (SIGTERM), a burst of submissions, a DELETE
/// during a long solve. Each test starts its own host processes on a SQLite file of its own.
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class FaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(300);

    private readonly string _folder = TempFolder();

    private string Store => Path.Combine(_folder, "jobs.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_job_running_when_its_host_is_killed_runs_again_from_the_start_after_a_restart_and_nothing_else_is_lost()
    {
        string finished, running, waiting;
        using (var first = await HostProcess.StartAsync(["--store", Store, "--workers", "1"]))
        {
            finished = await SubmitAsync(first.Client, TinyProblem);
            await FinishedAsync(first.Client, finished, Long);
            running = await SubmitAsync(first.Client, Corps);
            waiting = await SubmitAsync(first.Client, TinyProblem);
            await WaitAsync(first.Client, running, j => Status(j) == "running" && j.GetProperty("progress").ValueKind == JsonValueKind.Object, Long);
            first.Kill();
        }
        using var second = await HostProcess.StartAsync(["--store", Store, "--workers", "1"]);
        var job = await FinishedAsync(second.Client, running, Long);
        Assert.Equal("completed", Status(job));
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Equal(second.Name, job.GetProperty("host").GetString());
        AssertValidRoster(job, Corps);
        var queued = await FinishedAsync(second.Client, waiting, Long);
        Assert.Equal("completed", Status(queued));
        AssertValidRoster(queued, TinyProblem);
        var done = await GetAsync(second.Client, finished);
        Assert.Equal("completed", Status(done));
        Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        AssertValidRoster(done, TinyProblem);
    }

    [Fact]
    public async Task A_job_running_when_its_host_is_stopped_runs_again_when_a_host_starts_on_the_store()
    {
        string running;
        using (var first = await HostProcess.StartAsync(["--store", Store, "--workers", "1"]))
        {
            running = await SubmitAsync(first.Client, Corps);
            await WaitAsync(first.Client, running, j => Status(j) == "running", Long);
            var stopping = Stopwatch.StartNew();
            await first.TerminateAsync();
            output.WriteLine($"SIGTERM to exit: {stopping.ElapsedMilliseconds} ms, exit code {first.ExitCode}");
            Assert.Equal(0, first.ExitCode);
        }
        using var second = await HostProcess.StartAsync(["--store", Store, "--workers", "1"]);
        var job = await FinishedAsync(second.Client, running, Long);
        Assert.Equal("completed", Status(job));
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        AssertValidRoster(job, Corps);
    }

    [Fact]
    public async Task Deleting_a_running_job_stops_it_within_two_seconds_with_the_best_roster_found_so_far()
    {
        using var host = await HostProcess.StartAsync(["--store", Store]);
        var id = await SubmitAsync(host.Client, Corps);
        // Once the first level's search runs, the planner holds a roster (its greedy start at least).
        await WaitAsync(host.Client, id, j => j.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p
            && p.GetProperty("stage").GetString() is "critical" or "high" or "normal" or "low" or "cost" or "load", Long);
        var clock = Stopwatch.StartNew();
        using var response = await host.Client.DeleteAsync($"/v1/rosters/{id}");
        var latency = clock.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"DELETE answered in {latency.TotalMilliseconds:F0} ms");
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.True(latency < TimeSpan.FromSeconds(2), $"DELETE took {latency.TotalMilliseconds:F0} ms");
        using var document = JsonDocument.Parse(body);
        Assert.Equal("cancelled", Status(document.RootElement));
        // The roster comes with the answer when the solver stopped in time, else as soon as it has.
        var job = await WaitAsync(host.Client, id, j => j.GetProperty("roster").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", Status(job));
        Assert.Equal("cancelled", job.GetProperty("roster").GetProperty("status").GetString());
        AssertValidRoster(job, Corps);
        using var again = await host.Client.DeleteAsync($"/v1/rosters/{id}");
        await AssertProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleting_a_queued_job_cancels_it_before_it_runs()
    {
        using var host = await HostProcess.StartAsync(["--store", Store, "--workers", "1"]);
        var busy = await SubmitAsync(host.Client, Corps);
        var queued = await SubmitAsync(host.Client, TinyProblem);
        using var response = await host.Client.DeleteAsync($"/v1/rosters/{queued}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var stop = await host.Client.DeleteAsync($"/v1/rosters/{busy}")) Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        await FinishedAsync(host.Client, busy, Long);
        var job = await GetAsync(host.Client, queued);
        Assert.Equal("cancelled", Status(job));
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("roster").ValueKind);
    }

    [Fact]
    public async Task A_hundred_concurrent_submissions_are_all_accepted_and_all_finish_with_valid_rosters()
    {
        // A burst beyond the submission limit's default: the limit is off here (RateLimitTests check it).
        using var host = await HostProcess.StartAsync(["--store", Store, "--workers", "2", "--max-submissions-per-minute", "0"]);
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => SubmitAsync(host.Client, TinyProblem)));
        var accepted = clock.Elapsed;
        Assert.Equal(100, ids.Distinct().Count());
        foreach (var id in ids)
        {
            var job = await FinishedAsync(host.Client, id, Long);
            Assert.Equal("completed", Status(job));
            AssertValidRoster(job, TinyProblem);
        }
        output.WriteLine($"100 submissions accepted in {accepted.TotalMilliseconds:F0} ms, all finished in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Jobs_waiting_for_the_one_worker_run_in_submission_order()
    {
        using var host = await HostProcess.StartAsync(["--store", Store, "--workers", "1"]);
        var ids = new List<string>();
        for (var k = 0; k < 8; k++) ids.Add(await SubmitAsync(host.Client, k == 0 ? Small : TinyProblem));
        var started = new List<DateTimeOffset>();
        foreach (var id in ids)
        {
            var job = await FinishedAsync(host.Client, id, Long);
            started.Add(DateTimeOffset.Parse(job.GetProperty("started").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(started.Order(), started);
    }

    [Fact]
    public async Task Serve_refuses_an_address_beyond_this_machine_without_an_api_key()
    {
        var (code, log) = await HostProcess.RunToEndAsync(["--urls", "http://0.0.0.0:5999", "--store", Store]);
        Assert.Equal(2, code);
        Assert.Contains("--api-key-file", log, StringComparison.Ordinal);
        var (both, message) = await HostProcess.RunToEndAsync(["--store", Store, "--postgres", "Host=127.0.0.1"]);
        Assert.Equal(2, both);
        Assert.Contains("exclude each other", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_host_on_the_same_sqlite_store_is_refused_and_the_store_is_free_again_once_its_host_is_killed()
    {
        using (var first = await HostProcess.StartAsync(["--store", Store]))
        {
            var (code, log) = await HostProcess.RunToEndAsync(["--store", Store, "--urls", "http://127.0.0.1:1"]);
            Assert.Equal(2, code);
            Assert.Contains("another host serves the store", log, StringComparison.Ordinal);
            first.Kill();
        }
        using var second = await HostProcess.StartAsync(["--store", Store]);
        Assert.False(second.HasExited);
    }

    [Fact]
    public async Task With_an_api_key_every_request_but_health_needs_it_and_the_key_never_reaches_the_log()
    {
        const string key = "s3cret-key-for-the-test";
        var keyFile = Path.Combine(_folder, "key.txt");
        await File.WriteAllTextAsync(keyFile, key + "\n");
        using var host = await HostProcess.StartAsync(["--store", Store, "--api-key-file", keyFile], apiKey: key);
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        using (var health = await anonymous.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var none = await anonymous.GetAsync("/v1/rosters")) await AssertProblemAsync(none, HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong");
        using (var wrong = await anonymous.PostAsync("/v1/rosters", Json(TinyProblem))) await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using (var bearer = await anonymous.GetAsync("/v1/rosters")) Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        var id = await SubmitAsync(host.Client, TinyProblem);
        await FinishedAsync(host.Client, id, Long);
        Assert.DoesNotContain(key, host.Log, StringComparison.Ordinal);
        Assert.Contains(id, host.Log, StringComparison.Ordinal);
    }
}
