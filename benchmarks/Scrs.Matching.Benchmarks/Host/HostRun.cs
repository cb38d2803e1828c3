using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Scrs.Matching.Host.Server;
using Scrs.Matching.Input;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Host;

/// <summary>
/// The worker host measured over real HTTP on 127.0.0.1 (the host in this process, on a SQLite file of its own): time
/// from POST to running, jobs per minute of the small family, and how long a DELETE of a running corps solve takes.
/// </summary>
internal static class HostRun
{
    public static async Task<int> RunAsync(int jobs, int workers, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("scrs-host-bench-").FullName;
        var port = FreePort();
        var options = new ServeOptions([new Uri($"http://127.0.0.1:{port}")], Path.Combine(folder, "jobs.db"), null, workers, null, 64L * 1024 * 1024)
        {
            MaxSubmissionsPerMinute = 0, // measured, not limited
        };
        await using var app = WorkerHost.Build(options);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
        var small = ProblemJson.Write(SampleCorps.Generate(SampleCorps.Families.ForFamily("small")));
        var corps = ProblemJson.Write(SampleCorps.Generate(SampleCorpsOptions.Default));
        output.WriteLine($"worker host: {workers} worker(s), SQLite store, {Environment.ProcessorCount} cores");

        // Idle host, one job at a time: how long a job waits between its commit and its start (the store's timestamps).
        var waits = new List<double>();
        for (var k = 0; k < 10; k++)
        {
            var job = await FinishAsync(client, await SubmitAsync(client, small));
            waits.Add((Time(job, "started") - Time(job, "submitted")).TotalMilliseconds);
        }
        waits.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"POST to running (idle host, 10 small jobs): median {waits[5]:F0} ms, max {waits[^1]:F0} ms"));

        // Throughput: every job submitted at once, the clock stops when the last one has finished.
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => SubmitAsync(client, small)));
        foreach (var id in ids) await FinishAsync(client, id);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"small: {jobs} jobs submitted at once, all completed in {clock.Elapsed.TotalSeconds:F1} s: {jobs / clock.Elapsed.TotalMinutes:F1} jobs per minute"));

        // Cancellation of a running corps solve, once its first level's search runs.
        for (var k = 0; k < 3; k++)
        {
            var id = await SubmitAsync(client, corps);
            while (Stage(await GetAsync(client, id)) is null or "eligibility" or "model") await Task.Delay(50);
            var delete = Stopwatch.StartNew();
            using var response = await client.DeleteAsync($"/v1/rosters/{id}");
            var answered = delete.Elapsed;
            var roster = false;
            while (!roster)
            {
                roster = (await GetAsync(client, id)).GetProperty("roster").ValueKind == JsonValueKind.Object;
                if (!roster) await Task.Delay(20);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"DELETE of a running corps solve ({response.StatusCode}): answered in {answered.TotalMilliseconds:F0} ms, roster stored after {delete.Elapsed.TotalMilliseconds:F0} ms"));
        }
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<string> SubmitAsync(HttpClient client, string problem)
    {
        using var response = await client.PostAsync("/v1/rosters", new StringContent(problem, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"submission answered {response.StatusCode}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string id)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync($"/v1/rosters/{id}"));
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> FinishAsync(HttpClient client, string id)
    {
        while (true)
        {
            var job = await GetAsync(client, id);
            if (job.GetProperty("status").GetString() is "completed" or "cancelled" or "failed") return job;
            await Task.Delay(20);
        }
    }

    private static string? Stage(JsonElement job) =>
        job.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p ? p.GetProperty("stage").GetString() : null;

    private static DateTimeOffset Time(JsonElement job, string field) =>
        DateTimeOffset.Parse(job.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
