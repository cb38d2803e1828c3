using System.ComponentModel;
using System.Text.Json.Serialization;
using Scrs.Matching.Host.Server.Jobs;

namespace Scrs.Matching.Host.Server.Schema;

// The job API's bodies, for the OpenAPI document (the host writes them with JobJson; a test checks they match).

[Description("A roster job.")]
internal sealed record JobDocument(
    [property: Description("The job's id.")] string Id,
    [property: Description("queued, running, completed, cancelled or failed.")] JobStatus Status,
    [property: Description("When it was accepted (UTC).")] DateTimeOffset Submitted,
    [property: Description("When its last run started.")] DateTimeOffset? Started,
    [property: Description("When it reached its end state.")] DateTimeOffset? Finished,
    [property: Description("Why it failed.")] string? Error,
    [property: Description("How many times a worker started it (more than one after a host's crash).")] int Attempts,
    [property: Description("The host that ran it last.")] string? Host,
    [property: Description("The latest progress.")] JobProgress? Progress,
    [property: Description("The options of the solve.")] JobOptions Options,
    [property: Description("The roster as solve --out writes it: when completed, and when cancelled if one was found.")] RosterDocument? Roster);

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
