using System.Net;
using System.Text.Json;
using Scrs.Matching.Input;
using Scrs.Matching.Simulation;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>Simulation jobs over HTTP: the roster jobs' contract, and results identical to a run in this process.</summary>
[Collection(WorkerHostCollection.Name)]
public sealed class SimulationApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    /// <summary>The small family with declines, departures and absences: about 0.05 s a replication.</summary>
    internal const string Scenario = """
        { "sample": { "family": "small" }, "replications": 30, "seed": 7,
          "declines": { "standby": 0.3, "agencies": { "Justice": 0.5 } }, "attritionPerYear": { "reserve": 0.15 },
          "unavailability": { "ratePerMemberYear": 2, "duration": { "distribution": "exponential", "mean": 7 } },
          "sustain": { "critical": 0.3, "high": 0.6 } }
        """;

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(300);

    private HttpClient Client => fixture.Host.Client;

    /// <summary>The results of <paramref name="scenario"/> run here, as JSON without the wall time.</summary>
    internal static string Expected(string scenario, int? replications = null)
    {
        var read = ScenarioJson.Read(scenario).Value!;
        if (replications is { } n) read = read with { Replications = n };
        return WithoutElapsed(ScenarioJson.WriteResults(Simulator.Run(read, new SimulationOptions { Parallel = 2 }), read));
    }

    internal static string WithoutElapsed(string results) =>
        System.Text.RegularExpressions.Regex.Replace(results, "\"elapsedSeconds\": [0-9.]+", "\"elapsedSeconds\": 0");

    /// <summary>The job's results written as <c>simulate --out</c> writes them, without the wall time.</summary>
    internal static string Results(JsonElement job) =>
        WithoutElapsed(JsonSerializer.Serialize(job.GetProperty("results"), new JsonSerializerOptions { WriteIndented = true }));

    [Fact]
    public async Task A_simulation_job_completes_with_the_results_of_the_same_run_in_one_process()
    {
        using var response = await Client.PostAsync("/v1/simulations?replications=25", Json(Scenario));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = accepted.RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/simulations/{id}", response.Headers.Location?.OriginalString);
        var job = await WaitForAsync(Client, id, j => Status(j) is "completed" or "cancelled" or "failed", Long);
        Assert.Equal("completed", Status(job));
        Assert.Equal(25, job.GetProperty("results").GetProperty("replications").GetInt32());
        Assert.Equal(Normalized(Expected(Scenario, 25)), Normalized(Results(job)));
        var strict = new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        Assert.Equal(25, job.Deserialize<Matching.Host.Server.Schema.SimulationJobDocument>(strict)!.Results!.Replications);
        // A simulation is not a roster job, and the other way round.
        using var asRoster = await Client.GetAsync($"/v1/rosters/{id}");
        await AssertProblemAsync(asRoster, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rolling_simulation_job_completes_with_the_results_of_the_same_run_in_one_process()
    {
        var rolling = Scenario.Replace("\"seed\": 7,", "\"seed\": 7, \"mode\": \"rolling\",", StringComparison.Ordinal);
        using var response = await Client.PostAsync("/v1/simulations?replications=3", Json(rolling));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var job = await WaitForAsync(Client, accepted.RootElement.GetProperty("id").GetString()!, j => Status(j) is "completed" or "cancelled" or "failed", Long);
        Assert.Equal("completed", Status(job));
        Assert.Equal(Normalized(Expected(rolling, 3)), Normalized(Results(job)));
    }

    [Fact]
    public async Task A_scenario_with_errors_is_a_400_listing_every_error()
    {
        using var bad = await Client.PostAsync("/v1/simulations?replications=0", Json("""{ "sample": { "family": "tiny" }, "declines": { "standby": 2 } }"""));
        var problem = await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["replications", "sample.family", "declines.standby"], fields);
        using var mode = await Client.PostAsync("/v1/simulations", Json("""{ "sample": { "family": "small" }, "mode": "later" }"""));
        var unknown = await AssertProblemAsync(mode, HttpStatusCode.BadRequest);
        Assert.Equal("mode", unknown.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Deleting_a_running_simulation_keeps_the_results_of_the_batches_done()
    {
        // One worker runs the batches in order, so once a batch has reported, batch 0 is done.
        var folder = TempFolder();
        using var host = await HostProcess.StartAsync(["--store", Path.Combine(folder, "jobs.db"), "--workers", "1"]);
        using var cleanup = new FolderRemoval(folder, host);
        var client = host.Client;
        using var response = await client.PostAsync("/v1/simulations?replications=5000", Json(Scenario));
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = accepted.RootElement.GetProperty("id").GetString()!;
        await WaitForAsync(client, id, j => j.GetProperty("progress").ValueKind == JsonValueKind.Object, Long);
        // How fast the DELETE answers is measured by the host benchmark, not here (a wall-clock bound failed under the
        // load of a CI run, 3.1 s against 2); that it stops the run rather than waiting for it is the replications done
        // being far fewer than asked, below.
        using var delete = await client.DeleteAsync($"/v1/simulations/{id}");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var cancelled = JsonDocument.Parse(await delete.Content.ReadAsStringAsync());
        Assert.Equal("cancelled", Status(cancelled.RootElement));
        var results = cancelled.RootElement.GetProperty("results");
        Assert.True(results.GetProperty("partial").GetBoolean());
        var done = results.GetProperty("replications").GetInt32();
        Assert.InRange(done, 10, 4990);
        Assert.Equal(0, done % 10);
        Assert.Equal(Normalized(Expected(Scenario, done)).Replace("\"partial\": false", "\"partial\": true", StringComparison.Ordinal)
            .Replace("\"stoppedBy\": null", "\"stoppedBy\": \"cancelled\"", StringComparison.Ordinal), Normalized(Results(cancelled.RootElement)));
        using var again = await client.DeleteAsync($"/v1/simulations/{id}");
        await AssertProblemAsync(again, HttpStatusCode.Conflict);
    }

    /// <summary>Removes a host's folder once the host has ended (disposed first, in reverse order of the usings).</summary>
    private sealed class FolderRemoval(string folder, HostProcess host) : IDisposable
    {
        public void Dispose()
        {
            host.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Polls simulation <paramref name="id"/> until <paramref name="done"/> holds for it.</summary>
    internal static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync($"/v1/simulations/{id}");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var job = document.RootElement.Clone();
            if (done(job)) return job;
            if (clock.Elapsed > timeout) Assert.Fail($"simulation {id} did not get there in {timeout.TotalSeconds} s: {job}");
            await Task.Delay(100);
        }
    }

    /// <summary>The same JSON however it was indented.</summary>
    internal static string Normalized(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { WriteIndented = true });
}
