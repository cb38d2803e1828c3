using System.ComponentModel;
using System.Text.Json.Serialization;
using Scrs.Matching.Host.Server.Jobs;

namespace Scrs.Matching.Host.Server.Schema;

// The job API's bodies, for the OpenAPI document (the host writes them with JobJson; a test checks they match).

/// <summary>The fields every job has, roster or simulation.</summary>
internal abstract record JobHeadDocument
{
    [Description("The job's id.")]
    public required string Id { get; init; }

    [Description("queued, running, completed, cancelled or failed.")]
    public required JobStatus Status { get; init; }

    [Description("When it was accepted (UTC).")]
    public required DateTimeOffset Submitted { get; init; }

    [Description("When its last run started.")]
    public required DateTimeOffset? Started { get; init; }

    [Description("When it reached its end state.")]
    public required DateTimeOffset? Finished { get; init; }

    [Description("Why it failed.")]
    public required string? Error { get; init; }

    [Description("How many times a worker started it (more than one after a host's crash).")]
    public required int Attempts { get; init; }

    [Description("The host that ran it last.")]
    public required string? Host { get; init; }

    [Description("The latest progress.")]
    public required JobProgress? Progress { get; init; }

    [Description("The options it was submitted with.")]
    public required JobOptions Options { get; init; }
}

[Description("A roster job.")]
internal sealed record JobDocument : JobHeadDocument
{
    [Description("The roster job whose roster this one re-plans (POST /v1/rosters/{id}/responses); null for any other job.")]
    [JsonPropertyOrder(1)]
    public required string? Replans { get; init; }

    [Description("The roster as solve --out writes it: when completed, and when cancelled if one was found.")]
    [JsonPropertyOrder(1)]
    public required RosterDocument? Roster { get; init; }
}

[Description("A simulation job.")]
internal sealed record SimulationJobDocument : JobHeadDocument
{
    [Description("The results as simulate --out writes them: when completed, and when cancelled (partial).")]
    [JsonPropertyOrder(1)]
    public required SimulationResultsDocument? Results { get; init; }
}

[Description("A page of jobs, newest first, without their rosters.")]
internal sealed record JobPageDocument(
    [property: Description("The jobs (roster left out).")] JobDocument[] Jobs,
    [property: Description("The after of the next page, or null on the last.")] string? Next);

[Description("A problem and a roster to check against it.")]
internal sealed record ValidateRequestDocument(
    [property: JsonRequired] ProblemDocument Problem,
    [property: JsonRequired, Description("A roster; only its assignments are read.")] RosterDocument Roster);

[Description("What the validator found.")]
internal sealed record ValidateResultDocument(
    [property: Description("Whether the roster keeps every rule.")] bool Valid,
    [property: Description("How many assignments it has.")] int Assignments,
    [property: Description("Every rule broken.")] ViolationDocument[] Violations,
    [property: Description("The roster's value on each level.")] ObjectiveDocument Objective);

[Description("A broken rule.")]
internal sealed record ViolationDocument(
    [property: Description("The rule (Skills, Overlap, Surge ...).")] string Rule,
    string? Member, string? Position, string Message,
    [property: Description("The line the validate command prints.")] string Text);
