using System.Text.Json;
using static Scrs.Matching.Tests.Host.Server.ServerClient;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>A running job that is cancelled frees its worker for the next job (issue 23: the worker stayed busy).</summary>
[Collection(WorkerHostCollection.Name)]
public sealed class CancelledJobTests : IDisposable
{
    private readonly string _folder = TempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task With_one_worker_the_job_queued_behind_a_cancelled_running_job_runs_and_completes()
    {
        using var host = await HostProcess.StartAsync(["--store", Path.Combine(_folder, "jobs.db"), "--workers", "1"]);
        var busy = await SubmitAsync(host.Client, Corps);
        var next = await SubmitAsync(host.Client, TinyProblem);
        await WaitAsync(host.Client, busy, j => j.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p
            && p.GetProperty("stage").GetString() is "critical" or "high" or "normal" or "low" or "cost" or "load", TimeSpan.FromSeconds(300));
        using (var stop = await host.Client.DeleteAsync($"/v1/rosters/{busy}")) stop.EnsureSuccessStatusCode();

        var done = await FinishedAsync(host.Client, next, TimeSpan.FromSeconds(300));
        Assert.Equal("completed", Status(done));
        Assert.Equal("optimal", done.GetProperty("roster").GetProperty("status").GetString());
        // With one worker the next job ran only once the cancelled solve had returned: with its roster, cancelled.
        var stopped = await GetAsync(host.Client, busy);
        Assert.Equal("cancelled", Status(stopped));
        Assert.Equal("cancelled", stopped.GetProperty("roster").GetProperty("status").GetString());
        AssertValidRoster(stopped, Corps);
    }
}
