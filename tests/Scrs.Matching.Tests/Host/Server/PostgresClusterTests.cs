using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>A database of its own on the PostgreSQL server <c>.ci/setup</c> starts, dropped at the end.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    /// <summary>The server: <c>SCRS_TEST_POSTGRES</c> if set, else the role <c>.ci/setup</c> creates on 127.0.0.1.</summary>
    private static readonly string Server = Environment.GetEnvironmentVariable("SCRS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=scrs;Password=scrs;Database=postgres";

    private readonly string _name = "scrs_test_" + Guid.NewGuid().ToString("N");

    /// <summary>The connection string of the test's database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;

    public async Task InitializeAsync() => await ExecuteAsync($"CREATE DATABASE {_name}");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE may not end a server process of no role (an autovacuum worker on the new tables: 42501, seen once in
        // ten rounds of HostsStartTogetherTests); such a worker ends on its own within moments.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Several hosts on one PostgreSQL database: one queue, one result store, a dead host's job finished by another.</summary>
[Collection(WorkerHostCollection.Name)]
public sealed class PostgresClusterTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task Two_hosts_share_the_jobs_and_the_job_of_a_host_killed_mid_solve_finishes_on_the_other()
    {
        string[] Options() => ["--postgres", database.ConnectionString, "--workers", "1"];
        using var a = await HostProcess.StartAsync(Options());
        using var b = await HostProcess.StartAsync(Options());

        // Jobs submitted to either host run on both, and either host answers for every job.
        var ids = new List<string>();
        for (var k = 0; k < 6; k++) ids.Add(await SubmitAsync(k % 2 == 0 ? a.Client : b.Client, Small));
        var ranOn = new List<string>();
        foreach (var id in ids)
        {
            var job = await FinishedAsync(a.Client, id, Long);
            Assert.Equal("completed", Status(job));
            Assert.Equal(1, job.GetProperty("attempts").GetInt32());
            AssertValidRoster(job, Small);
            ranOn.Add(job.GetProperty("host").GetString()!);
            Assert.Equal(job.GetProperty("roster").GetRawText(), (await GetAsync(b.Client, id)).GetProperty("roster").GetRawText());
        }
        output.WriteLine($"six jobs ran on: {string.Join(", ", ranOn)}");
        Assert.Equal(new HashSet<string> { a.Name, b.Name }, ranOn.ToHashSet());

        // Kill whichever host runs the long job; the other runs it again from the start.
        var running = await SubmitAsync(a.Client, Corps, "?timeLimitSeconds=300&gap=0&seed=2&engine=cbc");
        var started = await WaitAsync(a.Client, running, j => Status(j) == "running", Long);
        var victim = started.GetProperty("host").GetString() == a.Name ? a : b;
        var survivor = victim == a ? b : a;
        victim.Kill();
        var killed = Stopwatch.StartNew();
        var rerun = await WaitAsync(survivor.Client, running, j => j.GetProperty("attempts").GetInt32() == 2, Long);
        output.WriteLine($"killed {victim.Name}; job running again on {rerun.GetProperty("host").GetString()} after {killed.Elapsed.TotalSeconds:F1} s");
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(30), $"the job moved after {killed.Elapsed.TotalSeconds:F1} s");
        var job2 = await FinishedAsync(survivor.Client, running, Long);
        Assert.Equal("completed", Status(job2));
        Assert.Equal(300, job2.GetProperty("options").GetProperty("timeLimitSeconds").GetDouble());
        Assert.Equal(2, job2.GetProperty("options").GetProperty("seed").GetInt32());
        using (var page = await b.Client.GetAsync("/v1/rosters?status=completed&limit=3"))
        {
            using var list = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            Assert.Equal(running, list.RootElement.GetProperty("jobs")[0].GetProperty("id").GetString());
            Assert.Equal(ids[^2], list.RootElement.GetProperty("jobs")[2].GetProperty("id").GetString());
        }
        Assert.Equal(survivor.Name, job2.GetProperty("host").GetString());
        AssertValidRoster(job2, Corps);
    }

    [Fact]
    public async Task Two_hosts_share_a_simulation_and_when_one_is_killed_midway_the_results_are_those_of_one_run()
    {
        string[] Options() => ["--postgres", database.ConnectionString, "--workers", "1"];
        using var a = await HostProcess.StartAsync(Options());
        using var b = await HostProcess.StartAsync(Options());
        using var response = await a.Client.PostAsync("/v1/simulations?replications=400", Json(SimulationApiTests.Scenario));
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = accepted.RootElement.GetProperty("id").GetString()!;
        // Kill a host once a few batches are done: its batch under way is run again on the other.
        await SimulationApiTests.WaitForAsync(b.Client, id, j => j.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p
            && int.Parse(p.GetProperty("message").GetString()!.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture) >= 60, Long);
        a.Kill();
        var job = await SimulationApiTests.WaitForAsync(b.Client, id, j => Status(j) is "completed" or "cancelled" or "failed", Long);
        Assert.Equal("completed", Status(job));
        Assert.Equal(SimulationApiTests.Normalized(SimulationApiTests.Expected(SimulationApiTests.Scenario, 400)),
            SimulationApiTests.Normalized(SimulationApiTests.Results(job)));
        output.WriteLine($"hosts: {a.Name} (killed), {b.Name}; log of the survivor mentions {b.Log.Split('\n').Count(l => l.Contains(id, StringComparison.Ordinal) && l.Contains("batch", StringComparison.Ordinal))} batch runs");
        Assert.Contains(b.Log.Split('\n'), l => l.Contains(id, StringComparison.Ordinal) && l.Contains("batch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delete_on_one_host_stops_the_job_running_on_the_other()
    {
        string[] Options() => ["--postgres", database.ConnectionString, "--workers", "1"];
        using var a = await HostProcess.StartAsync(Options());
        using var b = await HostProcess.StartAsync(Options());
        var id = await SubmitAsync(a.Client, Corps);
        var job = await WaitAsync(a.Client, id, j => j.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p
            && p.GetProperty("stage").GetString() is "critical" or "high" or "normal" or "low" or "cost" or "load", Long);
        var other = job.GetProperty("host").GetString() == a.Name ? b : a;
        var clock = Stopwatch.StartNew();
        using var response = await other.Client.DeleteAsync($"/v1/rosters/{id}");
        output.WriteLine($"DELETE on the other host answered in {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var cancelled = await WaitAsync(a.Client, id, j => j.GetProperty("roster").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", Status(cancelled));
        AssertValidRoster(cancelled, Corps);
    }
}
