using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Sessions;
using Scrs.Matching.Solver;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Host.Server.Jobs;

/// <summary>
/// Runs one roster job on this host: marks it running, solves it with the library's planner (progress to the store as
/// it comes), and stores the roster. The job engine calls it; a DELETE stops it through <see cref="Cancel"/> on this
/// host, or through the store's flag from any other.
/// </summary>
internal sealed class RosterJobRunner(JobStore store, HostIdentity host, ILogger<RosterJobRunner> logger)
{
    /// <summary>How often a running job looks in the store for a DELETE made on another host.</summary>
    private static readonly TimeSpan CancelPoll = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// What the last jobs solved here built (candidate tours and model), newest last, for their re-plans after
    /// responses: a re-plan patches its roster's model instead of building it (on the demo corps 0.45 s to build,
    /// about 50 MB to keep). Another host, or this one after a restart, builds it again: the same model.
    /// </summary>
    private readonly List<(string Job, BuiltModel Built)> _built = [];

    private const int KeptModels = 4;

    /// <summary>Stops job <paramref name="id"/> now if it runs on this host; returns whether it did.</summary>
    public bool Cancel(string id)
    {
        if (!_running.TryGetValue(id, out var source)) return false;
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job ended meanwhile.
        }
        return true;
    }

    /// <summary>Runs job <paramref name="id"/> from the start. <paramref name="shutdown"/> stops it without an end
    /// state: the job stays running in the store and is run again (see <see cref="JobSweeper"/>).</summary>
    public async Task RunAsync(string id, CancellationToken shutdown)
    {
        var job = await store.StartAsync(id, host.Name, shutdown);
        if (job is null)
        {
            logger.LogInformation("job {JobId}: not run, it is finished or was cancelled", id);
            return;
        }
        logger.LogInformation("job {JobId}: running on {Host} (attempt {Attempt})", id, host.Name, job.Attempts);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        _running[id] = stop;
        var progress = Channel.CreateUnbounded<JobProgress>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteProgressAsync(id, progress.Reader);
        var poll = PollCancelAsync(id, stop);
        try
        {
            var input = JobInput.Read((await store.ProblemAsync(id, shutdown))!);
            if (!input.Ok) throw new InvalidProblemException(input.Errors);
            var options = PlannerOptions(job.Options) with
            {
                Previous = input.Value!.Previous,
                Progress = new Progress(p => progress.Writer.TryWrite(new JobProgress(p.Stage, p.Message, p.Elapsed.TotalSeconds, p.Objective, p.Bound))),
            };
            var session = await SessionAsync(job, input.Value, options, shutdown);
            // The planner is synchronous and CPU-bound: it gets a thread of its own, not one of the request pool's.
            var roster = await Task.Factory.StartNew(() => session.Solve(stop.Token), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            progress.Writer.Complete();
            await writer;
            if (session.Built is { } built) Keep(id, built);
            if (shutdown.IsCancellationRequested)
            {
                logger.LogInformation("job {JobId}: stopped by the host's shutdown, to be run again", id);
                return;
            }
            var status = roster.Status == RosterStatus.Cancelled ? JobStatus.Cancelled : JobStatus.Completed;
            await store.FinishAsync(id, status, RosterJson.Write(roster), null, CancellationToken.None);
            logger.LogInformation("job {JobId}: {Status} ({RosterStatus})", id, JobStore.Name(status), roster.Status);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            logger.LogInformation("job {JobId}: stopped by the host's shutdown, to be run again", id);
        }
        catch (SolverUnavailableException e)
        {
            await Fail(id, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or InvalidProblemException)
        {
            // The options and the problem were checked when the job was submitted; this is a host of another version.
            await Fail(id, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "job {JobId}: internal error", id);
            await Fail(id, "internal error: " + e.Message);
        }
        finally
        {
            progress.Writer.TryComplete();
            _running.TryRemove(id, out _);
            await stop.CancelAsync();
            await poll;
        }
    }

    /// <summary>
    /// The planning session of a job: for a re-plan after responses, the session of the roster it re-plans, resumed from
    /// that job's stored problem and roster, with the answered problem; else a new one.
    /// </summary>
    /// <remarks>
    /// Answers only narrow the problem (a decline excludes, an accept locks a tour the roster holds), so the coverage
    /// levels the roster proved optimal are proven again without a search wherever the roster, repaired, still reaches
    /// them. Everything the session starts from is stored, so any host, after any restart, plans the same roster.
    /// </remarks>
    private async Task<PlanningSession> SessionAsync(Job job, JobInput input, PlannerOptions options, CancellationToken cancellationToken)
    {
        if (job.Replans is { } replans && input.Previous is not null
            && await store.GetAsync(replans, cancellationToken) is { } answered
            && await store.SolvedAsync(answered, cancellationToken) is { Roster.Objective: not null } solved)
        {
            var session = Resume(replans, solved.Input, solved.Roster, options).Fork(options);
            session.Apply(new ProblemReplaced(input.Problem));
            return session;
        }
        return PlanningSession.Create(input.Problem, options);
    }

    /// <summary>The session of job <paramref name="id"/>'s stored input and roster, as its solve left it (<see cref="PlanningSession.Resume"/>).</summary>
    public PlanningSession Resume(string id, JobInput input, Roster roster, PlannerOptions options) =>
        PlanningSession.Resume(input.Problem, options with { Previous = input.Previous }, roster, Kept(id));

    private void Keep(string job, BuiltModel built)
    {
        lock (_built)
        {
            _built.Add((job, built));
            if (_built.Count > KeptModels) _built.RemoveAt(0);
        }
    }

    private BuiltModel? Kept(string job)
    {
        lock (_built) return _built.FindLast(b => b.Job == job).Built;
    }

    /// <summary>The planner's options for a job's options (checked when the job was submitted).</summary>
    public static PlannerOptions PlannerOptions(JobOptions options)
    {
        var defaults = Planning.PlannerOptions.Default;
        return defaults with
        {
            TimeLimit = options.TimeLimitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.TimeLimit,
            RelativeGap = options.Gap ?? defaults.RelativeGap,
            Seed = options.Seed ?? defaults.Seed,
            Engine = options.Engine is { } engine ? Enum.Parse<SolverEngine>(engine, ignoreCase: true) : defaults.Engine,
        };
    }

    private async Task Fail(string id, string message)
    {
        await store.FinishAsync(id, JobStatus.Failed, null, message, CancellationToken.None);
        logger.LogInformation("job {JobId}: failed: {Error}", id, message);
    }

    private async Task WriteProgressAsync(string id, ChannelReader<JobProgress> reader)
    {
        // One writer, in order: the solver's thread only queues, so a slow disk never slows the solve. Progress is for
        // watching: a message the store cannot take is logged and dropped, and the solve goes on.
        await foreach (var p in reader.ReadAllAsync())
        {
            try
            {
                await store.ProgressAsync(id, p, CancellationToken.None);
            }
            catch (System.Data.Common.DbException e)
            {
                logger.LogWarning("job {JobId}: progress not stored: {Message}", id, e.Message);
            }
        }
    }

    private async Task PollCancelAsync(string id, CancellationTokenSource stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(CancelPoll, stop.Token);
                if (await store.CancelRequestedAsync(id, stop.Token))
                {
                    logger.LogInformation("job {JobId}: cancel requested", id);
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended, or was cancelled.
        }
    }

    private sealed class Progress(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }
}

/// <summary>The name of this host in the store and the logs: machine, process and start time.</summary>
internal sealed record HostIdentity(string Name)
{
    /// <summary>A name unique to this process.</summary>
    public static HostIdentity Create() => new(string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}-{Environment.ProcessId}-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}"));
}
