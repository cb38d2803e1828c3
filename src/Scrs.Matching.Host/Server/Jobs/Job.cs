using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Scrs.Matching.Host.Server.Jobs;

/// <summary>Where a roster job is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
internal enum JobStatus
{
    /// <summary>Accepted and stored, waiting for a worker.</summary>
    [JsonStringEnumMemberName("queued")] Queued,
    /// <summary>A worker is solving it (after a host's crash, again from the start).</summary>
    [JsonStringEnumMemberName("running")] Running,
    /// <summary>Solved: the roster is there (optimal, or the best within the time limit or gap, or infeasible with its reasons).</summary>
    [JsonStringEnumMemberName("completed")] Completed,
    /// <summary>Stopped by a DELETE; the best roster found so far is there if one was found.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    /// <summary>The solve could not run (a solver engine missing on this platform, an internal error): see the error.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>The options of a roster job, as the query string of the POST gave them; null for the planner's default.</summary>
[Description("The options a job was submitted with (null: the planner's default).")]
internal sealed record JobOptions(double? TimeLimitSeconds, double? Gap, int? Seed, string? Engine)
{
    /// <summary>A simulation's replications, overriding the scenario's; null for the scenario's (and for roster jobs).</summary>
    [Description("A simulation's replications (null: the scenario's; roster jobs: always null).")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Replications { get; init; }

    /// <summary>A simulation's precision (see <c>SimulationOptions.Precision</c>), or null.</summary>
    [Description("A simulation's precision: it stops once every priority's 95% interval is at most this wide.")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Precision { get; init; }
}

/// <summary>What a job computes.</summary>
internal enum JobKind
{
    /// <summary>A roster (POST /v1/rosters): the problem in, the roster out.</summary>
    Roster,
    /// <summary>A scenario simulation (POST /v1/simulations): the scenario in, the results out, in batches of replications.</summary>
    Simulation,
}

/// <summary>The latest progress of a running job.</summary>
/// <param name="Stage">The planner's stage (eligibility, model, critical ... load, done).</param>
/// <param name="Message">What happened.</param>
/// <param name="ElapsedSeconds">Seconds since this run of the job started.</param>
/// <param name="Objective">The value the stage reached, once it ended, in the roster's units; else null.</param>
/// <param name="Bound">The bound the stage proved, once it ended; else null.</param>
[Description("The latest progress of a job.")]
internal sealed record JobProgress(
    [property: Description("The planner's stage (eligibility, model, critical ... load, done).")] string Stage,
    [property: Description("What happened.")] string Message,
    [property: Description("Seconds since this run started.")] double ElapsedSeconds,
    [property: Description("At a level's end: the value reached (cost in money).")] double? Objective,
    [property: Description("At a level's end: the bound proved.")] double? Bound);

/// <summary>A roster job as the store holds it.</summary>
/// <param name="Id">Its id (a version 7 UUID, so ids sort by submission time).</param>
/// <param name="Number">Its place in submission order across all hosts.</param>
/// <param name="Kind">What it computes.</param>
/// <param name="Roster">The result: the roster JSON as <c>solve --out</c> writes it, or a simulation's results JSON; or null.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="CancelRequested">Whether a DELETE asked for it to stop.</param>
/// <param name="Attempts">How many times a worker has started it (more than one after a crash).</param>
/// <param name="Host">The host that ran it last.</param>
internal sealed record Job(string Id, long Number, JobKind Kind, JobStatus Status, DateTimeOffset Submitted, DateTimeOffset? Started,
    DateTimeOffset? Finished, JobOptions Options, JobProgress? Progress, string? Roster, string? Error, bool CancelRequested,
    int Attempts, string? Host)
{
    /// <summary>The roster job whose roster this one re-plans, with the answers to its offers; null for any other job.</summary>
    public string? Replans { get; init; }

    /// <summary>Whether the job has reached an end state.</summary>
    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Cancelled or JobStatus.Failed;
}

/// <summary>One entry of a job's event stream: a status change or a progress message.</summary>
/// <param name="Number">Increasing over all jobs; the event stream's <c>id</c>.</param>
/// <param name="Kind"><c>status</c> or <c>progress</c>.</param>
/// <param name="Data">The event's JSON.</param>
internal sealed record JobEvent(long Number, string Kind, string Data);

/// <summary>One batch of a simulation job's replications.</summary>
/// <param name="Number">Its place among the simulation's batches, from 0.</param>
/// <param name="First">Its first replication.</param>
/// <param name="Count">How many replications it has.</param>
/// <param name="Done">Whether its outcomes are stored.</param>
/// <param name="Outcomes">The outcomes (<c>ReplicationBatch.ToJson</c>), once done.</param>
internal sealed record SimulationBatch(int Number, int First, int Count, bool Done, string? Outcomes);
