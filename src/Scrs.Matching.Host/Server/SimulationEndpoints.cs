using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Scrs.Matching.Host.Server.Jobs;
using Scrs.Matching.Host.Server.Schema;
using Scrs.Matching.Input;
using Scrs.Matching.Simulation;

namespace Scrs.Matching.Host.Server;

/// <summary>
/// Simulation jobs: the roster jobs' contract (202 and Location, GET, events, DELETE) for a scenario, with
/// <c>results</c> (results.json, docs/scenario-format.md) in place of <c>roster</c>.
/// </summary>
internal static class SimulationEndpoints
{
    /// <summary>The most replications one simulation job runs (10,000 batches): each batch is a row and a job of the engine.</summary>
    internal const int MaxReplications = 100_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var simulations = app.MapGroup("/v1/simulations").WithTags("simulations");
        simulations.MapPost("", Submit)
            .WithQuery("replications", "seed", "precision")
            .WithSummary("Submits a scenario (docs/scenario-format.md); its replications run in batches of 10 on every host of the store.")
            .Accepts<string>("application/json")
            .AsSubmission<SimulationJobDocument>();
        RosterEndpoints.MapJobRoutes<SimulationJobDocument>(simulations, JobKind.Simulation, "the results of the replications done so far (partial)");
    }

    private static async Task<IResult> Submit(HttpContext http, JobStore store, JobQueue queue, ILoggerFactory loggers, ServeOptions serve)
    {
        var request = http.Request;
        var errors = new List<ApiError>();
        var replications = RosterEndpoints.Query<int?>(request, "replications", errors,
            v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxReplications ? n : null,
            string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1 to {MaxReplications:#,0}"));
        var seed = RosterEndpoints.Query<int?>(request, "seed", errors,
            v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null, "must be a whole number");
        var precision = RosterEndpoints.Query<double?>(request, "precision", errors,
            v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && double.IsFinite(d) ? d : null, "must be a number above 0");
        var body = await RosterEndpoints.ReadBody(request, serve);
        if (body.Error is { } refused) return refused;
        var read = ScenarioJson.Read(body.Text!);
        if (!read.Ok) errors.AddRange(read.Errors.Select(e => ApiError.From(e)));
        else if (replications is null && read.Value!.Replications > MaxReplications)
        {
            errors.Add(new ApiError("replications", null, string.Create(CultureInfo.InvariantCulture,
                $"the scenario's {read.Value.Replications:#,0} replications are more than a job runs (at most {MaxReplications:#,0}); pass ?replications= or split the scenario")));
        }
        if (errors.Count > 0) return ApiErrors.Invalid(read.Ok ? "Invalid scenario" : RosterEndpoints.Title(read.Errors), errors);
        var options = new JobOptions(null, null, seed, null) { Replications = replications, Precision = precision };
        var batches = SimulationRunner.Batches(replications ?? read.Value!.Replications);
        var job = await store.SubmitAsync(JobKind.Simulation, body.Text!, options, batches, null, http.RequestAborted);
        RosterEndpoints.Log(loggers).LogInformation("job {JobId}: queued (simulation, {Batches} batches)", job.Id, batches.Count);
        for (var k = 0; k < batches.Count; k++) await queue.EnqueueBatchAsync(job, k, CancellationToken.None);
        return new RosterEndpoints.WithLocation(Results.Text(JobJson.Full(job), "application/json", Encoding.UTF8, StatusCodes.Status202Accepted),
            $"/v1/simulations/{job.Id}");
    }
}
