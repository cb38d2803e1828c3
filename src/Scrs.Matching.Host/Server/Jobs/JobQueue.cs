using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace Scrs.Matching.Host.Server.Jobs;

/// <summary>
/// The roster jobs on Quartz.NET's ADO.NET job store, in the same database as the <see cref="JobStore"/>: one one-shot
/// Quartz job per roster job, which asks to be recovered, so a job whose host died is run again.
/// </summary>
/// <remarks>
/// <para>Why Quartz.NET rather than Hangfire: one job store, with one set of semantics, serves both SQLite and
/// PostgreSQL (Hangfire's SQLite storage is a community package), the cluster's recovery is documented and tunable
/// (each host checks in every <see cref="CheckinInterval"/>; a host that has missed its check-in by
/// <see cref="CheckinMisfireThreshold"/> is taken as dead, and another host runs its jobs again, recovering ones from
/// the start), a job runs on one host at a time (row locks in the database), the thread pool gives the workers, and
/// triggers fire in start-time order, which is submission order. Hangfire re-runs a job whose host died only after an
/// invisibility timeout (30 minutes by default in its PostgreSQL storage). Cancelling needs more than either engine
/// gives across hosts (Quartz interrupts only its own host's jobs), so a DELETE sets a flag in the job store that the
/// running job polls, and interrupts at once when the job runs on the same host.</para>
/// <para>Non-clustered on SQLite (one host owns the file), Quartz recovers the jobs that were running when it starts
/// again on the same file.</para>
/// </remarks>
internal sealed class JobQueue(ISchedulerFactory schedulers, ILogger<JobQueue> logger)
{
    /// <summary>How often each host of a PostgreSQL cluster tells the others it is alive.</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(2.5);

    /// <summary>How late a check-in may be before the host counts as dead and its jobs go to another.</summary>
    /// <remarks>Quartz's default: a host that is only slow (a long garbage collection of a large solve) must not be taken
    /// for dead, or its job would run on two hosts at once. A dead host's job moves within about 10 s.</remarks>
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(7.5);

    private const string Group = "rosters";

    /// <summary>The data key of the roster job's id in the Quartz job.</summary>
    public const string JobIdKey = "jobId";

    /// <summary>Registers the job engine with <paramref name="options"/>'s store and workers.</summary>
    public static void AddTo(IServiceCollection services, ServeOptions options)
    {
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "scrs-matching";
                if (options.Postgres is not null) scheduler.GenerateInstanceId = true;
                // A free worker looks for a queued job at least this often (a submission also wakes it at once).
                scheduler.IdleWaitTime = TimeSpan.FromSeconds(1);
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenNotWaitingForJobs;
            });
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = options.Workers);
            quartz.UsePersistentStore(store =>
            {
                if (options.Postgres is { } postgres) store.UsePostgres(NpgsqlFactory.Instance, postgres);
                else store.UseSqlite(SqliteFactory.Instance, JobStore.SqliteConnectionString(options.StorePath));
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    // A job waits for a worker as long as it takes: with a short threshold Quartz would count a long
                    // wait as a misfire and re-time the trigger, which can change the order jobs run in.
                    o.MisfireThreshold = TimeSpan.FromDays(30);
                    o.MisfireHandlerFrequency = TimeSpan.FromMinutes(1);
                });
                if (options.Postgres is not null)
                {
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = CheckinInterval;
                        cluster.CheckinMisfireThreshold = CheckinMisfireThreshold;
                    });
                }
            });
        });
        services.AddSingleton<JobQueue>();
        // Registered before Quartz's: the store's tables exist before any job can fire.
        services.AddHostedService<StoreInitializer>();
        services.AddQuartzHostedService(hosted =>
        {
            hosted.AwaitApplicationStarted = true;
            // On Ctrl+C a running solve is stopped, not waited for: its job stays running in the store, and is run again.
            hosted.WaitForJobsToComplete = false;
        });
        services.AddHostedService<JobSweeper>();
    }

    /// <summary>Queues roster job <paramref name="job"/>, to run as soon as a worker of any host is free.</summary>
    /// <remarks>
    /// Quartz fires the trigger with the earliest start first, and among equal starts the one of highest priority: the
    /// start is the job's submission time and the priority falls with its number, so jobs start in submission order
    /// even when several were submitted in the same millisecond.
    /// </remarks>
    public async Task EnqueueAsync(Job job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var detail = JobBuilder.Create<RosterQuartzJob>()
            .WithIdentity(job.Id, Group)
            .UsingJobData(JobIdKey, job.Id)
            .RequestRecovery()
            .StoreDurably(false)
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(job.Id, Group).ForJob(detail).StartAt(job.Submitted)
            .WithPriority(int.MaxValue - (int)(job.Number % int.MaxValue)).WithSimpleSchedule().Build();
        try
        {
            await scheduler.ScheduleJob(detail, trigger, default, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another host's sweep queued it first.
            logger.LogDebug("job {JobId}: queued already", job.Id);
        }
    }

    /// <summary>
    /// Queues batch <paramref name="batch"/> of simulation job <paramref name="job"/>: its trigger starts at the
    /// simulation's submission plus the batch's number in milliseconds, so a simulation's batches go in order.
    /// </summary>
    public async Task EnqueueBatchAsync(Job job, int batch, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = BatchKey(job.Id, batch);
        var detail = JobBuilder.Create<SimulationBatchQuartzJob>()
            .WithIdentity(key, Group)
            .UsingJobData(JobIdKey, job.Id)
            .UsingJobData(BatchKeyName, batch.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .RequestRecovery()
            .StoreDurably(false)
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(key, Group).ForJob(detail).StartAt(job.Submitted.AddMilliseconds(batch))
            .WithPriority(int.MaxValue - (int)(job.Number % int.MaxValue)).WithSimpleSchedule().Build();
        try
        {
            await scheduler.ScheduleJob(detail, trigger, default, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            logger.LogDebug("job {JobId}: batch {Batch} queued already", job.Id, batch);
        }
    }

    /// <summary>The data key of a simulation batch's number in the Quartz job.</summary>
    public const string BatchKeyName = "batch";

    /// <summary>The Quartz job key of batch <paramref name="batch"/> of simulation <paramref name="id"/>.</summary>
    public static string BatchKey(string id, int batch) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}.{batch}");

    /// <summary>Whether the job engine holds the Quartz job <paramref name="key"/> (waiting, or running on some host).</summary>
    public async Task<bool> HoldsAsync(string key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.Exists(new JobKey(key, Group), cancellationToken);
    }
}

/// <summary>The Quartz job that runs one roster job.</summary>
internal sealed class RosterQuartzJob(RosterJobRunner runner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunAsync(context.MergedJobDataMap.GetString(JobQueue.JobIdKey)!, cancellationToken);
}

/// <summary>The Quartz job that runs one batch of a simulation job.</summary>
internal sealed class SimulationBatchQuartzJob(SimulationRunner runner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunBatchAsync(context.MergedJobDataMap.GetString(JobQueue.JobIdKey)!,
            int.Parse(context.MergedJobDataMap.GetString(JobQueue.BatchKeyName)!, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
}

/// <summary>Creates the job store's tables before the job engine starts.</summary>
internal sealed class StoreInitializer(JobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Every few seconds, queues again any unfinished roster job that the job engine does not hold: one whose host was
/// stopped (Ctrl+C) while it ran, or stopped between storing a submission and queueing it. A crashed host's jobs are
/// still held (Quartz recovers them); a job queued twice runs once, as the store lets only one run start it.
/// </summary>
internal sealed class JobSweeper(JobStore store, JobQueue queue, ILogger<JobSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var job in await store.UnfinishedAsync(stoppingToken))
                {
                    if (job.Kind == JobKind.Simulation)
                    {
                        foreach (var batch in await store.BatchesAsync(job.Id, stoppingToken))
                        {
                            if (batch.Done || await queue.HoldsAsync(JobQueue.BatchKey(job.Id, batch.Number), stoppingToken)) continue;
                            logger.LogInformation("job {JobId}: batch {Batch} not held by the job engine, queued again", job.Id, batch.Number);
                            await queue.EnqueueBatchAsync(job, batch.Number, stoppingToken);
                        }
                        continue;
                    }
                    if (await queue.HoldsAsync(job.Id, stoppingToken)) continue;
                    logger.LogInformation("job {JobId}: not held by the job engine, queued again", job.Id);
                    await queue.EnqueueAsync(job, stoppingToken);
                }
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or SchedulerException)
            {
                // The database is away for a moment: the next sweep tries again.
                logger.LogWarning("sweep failed: {Message}", e.Message);
                await Task.Delay(Interval, stoppingToken);
            }
        }
    }
}
