using System.Globalization;
using Microsoft.Extensions.Logging;
using Scrs.Matching.Input;
using Scrs.Matching.Simulation;

namespace Scrs.Matching.Host.Server.Jobs;

/// <summary>
/// Runs simulation jobs as batches of replications, each its own job on the job engine, so that the hosts of a cluster
/// share one simulation. The batch that completes the set (in replication order) combines them into the results,
/// which are those of one run with the same seed (<see cref="Simulator.Combine"/>).
/// </summary>
internal sealed class SimulationRunner(JobStore store, HostIdentity host, ILogger<SimulationRunner> logger)
{
    /// <summary>Replications per batch: <see cref="SimulationOptions.BatchSize"/>'s default, so a precision stops where a single run's would.</summary>
    public static int BatchSize => SimulationOptions.Default.BatchSize;

    /// <summary>How often a running batch looks in the store for a DELETE or an end made elsewhere.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>The scenario of a simulation job: its stored input with the job's replications and seed applied.</summary>
    public static Scenario Scenario(Job job, string input)
    {
        var scenario = ScenarioJson.Read(input).Value!;
        return scenario with { Replications = job.Options.Replications ?? scenario.Replications, Seed = job.Options.Seed ?? scenario.Seed };
    }

    /// <summary>The batches (first replication, count) of <paramref name="replications"/> replications.</summary>
    public static IReadOnlyList<(int First, int Count)> Batches(int replications) =>
        [.. Enumerable.Range(0, (replications + BatchSize - 1) / BatchSize).Select(k => (k * BatchSize, Math.Min(BatchSize, replications - k * BatchSize)))];

    /// <summary>Runs batch <paramref name="batch"/> of simulation <paramref name="id"/>, and completes the simulation if it was the last one needed.</summary>
    public async Task RunBatchAsync(string id, int batch, CancellationToken shutdown)
    {
        var job = await store.StartBatchAsync(id, batch, host.Name, shutdown);
        if (job is null) return;
        var input = (await store.ProblemAsync(id, shutdown))!;
        var scenario = Scenario(job, input);
        var part = (await store.BatchesAsync(id, shutdown)).Single(b => b.Number == batch);
        logger.LogInformation("job {JobId}: batch {Batch} (replications {First}-{Last}) running on {Host}", id, batch, part.First, part.First + part.Count - 1, host.Name);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var poll = PollAsync(id, stop);
        try
        {
            var options = SimulationOptions.Default with { Parallel = 1 };
            var result = await Task.Factory.StartNew(() => Simulator.RunBatch(scenario, part.First, part.Count, options, stop.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // Cut short (a DELETE, another batch's completion, the host's shutdown): a run later, or none, takes over.
            if (result.Count < part.Count || stop.IsCancellationRequested) return;
            await store.FinishBatchAsync(id, batch, result.ToJson(), host.Name, CancellationToken.None);
            await CompleteIfDoneAsync(job, scenario);
        }
        finally
        {
            await stop.CancelAsync();
            await poll;
        }
    }

    /// <summary>Ends a running simulation as cancelled, with the results of the batches done from replication 0 on, marked partial.</summary>
    public async Task CancelAsync(Job job)
    {
        var scenario = Scenario(job, (await store.ProblemAsync(job.Id, CancellationToken.None))!);
        var prefix = await PrefixAsync(job.Id);
        var results = Simulator.Combine(scenario, prefix, partial: true, stoppedBy: "cancelled", Elapsed(job));
        if (await store.FinishSimulationAsync(job.Id, JobStatus.Cancelled, ScenarioJson.WriteResults(results, scenario), CancellationToken.None))
            logger.LogInformation("job {JobId}: cancelled with {Replications} replications' results", job.Id, results.Replications);
    }

    private async Task CompleteIfDoneAsync(Job job, Scenario scenario)
    {
        var batches = await store.BatchesAsync(job.Id, CancellationToken.None);
        var prefix = await PrefixAsync(job.Id);
        var done = batches.Where(b => b.Done).Sum(b => b.Count);
        var elapsed = Elapsed(job);
        var left = done == 0 || done == scenario.Replications ? ""
            : string.Create(CultureInfo.InvariantCulture, $", about {elapsed.TotalSeconds / done * (scenario.Replications - done):F0} s left");
        var width = Simulator.WidestInterval(prefix) is { } w
            ? string.Create(CultureInfo.InvariantCulture, $", widest 95% interval {w:F4} over the first {prefix.Sum(b => b.Count)}") : "";
        await store.ProgressAsync(job.Id, new JobProgress("replications",
            string.Create(CultureInfo.InvariantCulture, $"{done}/{scenario.Replications} replications ({batches.Count(b => b.Done)} of {batches.Count} batches){left}{width}"),
            elapsed.TotalSeconds, null, null), CancellationToken.None);
        // As a single run does: stop at the first batch, in replication order, after which the precision holds.
        var options = SimulationOptions.Default with { Precision = job.Options.Precision };
        for (var j = 1; j <= prefix.Count; j++)
        {
            var stopped = j < batches.Count && options.Precision is not null && Simulator.PrecisionReached(options, prefix[..j]);
            if (!stopped && j < batches.Count) continue;
            var results = Simulator.Combine(scenario, prefix[..j], partial: false, stoppedBy: stopped ? Simulator.PrecisionMessage(options) : null, Elapsed(job));
            if (await store.FinishSimulationAsync(job.Id, JobStatus.Completed, ScenarioJson.WriteResults(results, scenario), CancellationToken.None))
                logger.LogInformation("job {JobId}: completed ({Replications} replications)", job.Id, results.Replications);
            return;
        }
    }

    /// <summary>The done batches that follow each other from replication 0.</summary>
    private async Task<List<ReplicationBatch>> PrefixAsync(string id) =>
        [.. (await store.BatchesAsync(id, CancellationToken.None)).TakeWhile(b => b.Done).Select(b => ReplicationBatch.FromJson(b.Outcomes!))];

    private static TimeSpan Elapsed(Job job) => job.Started is { } started ? DateTimeOffset.UtcNow - started : TimeSpan.Zero;

    private async Task PollAsync(string id, CancellationTokenSource stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Poll, stop.Token);
                if (await store.GetAsync(id, stop.Token) is not { IsFinished: false, CancelRequested: false }) await stop.CancelAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The batch ended, or was stopped.
        }
    }
}
