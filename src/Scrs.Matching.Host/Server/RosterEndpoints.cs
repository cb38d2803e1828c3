using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;
using Scrs.Matching.Host.Server.Jobs;
using Scrs.Matching.Host.Server.Schema;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Solver;
using Scrs.Matching.Validation;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Host.Server;

/// <summary>The roster API (a contract: paths, codes and field names are kept; see the README's worker host section).</summary>
internal static class RosterEndpoints
{
    /// <summary>How long a DELETE waits for a running job's worker to stop and store its roster before answering.</summary>
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(1.5);

    /// <summary>Largest page of <c>GET /v1/rosters</c>.</summary>
    private const int MaxPage = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var rosters = app.MapGroup("/v1/rosters").WithTags("rosters");
        rosters.MapPost("", Submit)
            .WithSummary("Submits a problem, or a re-plan (ReplanDocument: a problem and the roster to re-plan from); the job is stored before the answer.")
            .Accepts<ProblemDocument>("application/json")
            .AddOpenApiOperationTransformer(OrReplan)
            .AsSubmission<JobDocument>();
        MapJobRoutes<JobDocument>(rosters, JobKind.Roster, "the best roster so far");
        ReplanEndpoints.Map(rosters);
        app.MapPost("/v1/validate", Validate).WithTags("validate")
            .WithSummary("Checks a roster against every rule of a problem: the validate command's violations.")
            .Accepts<ValidateRequestDocument>("application/json")
            .Produces<ValidateResultDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>The body of a roster submission in the OpenAPI document: one of a problem and a re-plan.</summary>
    private static async Task OrReplan(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var content = operation.RequestBody!.Content!["application/json"];
        context.Document!.AddComponent(nameof(ReplanDocument), await context.GetOrCreateSchemaAsync(typeof(ReplanDocument), null, cancellationToken));
        content.Schema = new OpenApiSchema { OneOf = [content.Schema!, new OpenApiSchemaReference(nameof(ReplanDocument), context.Document)] };
    }

    /// <summary>What a submission answers: the job (202), or problem details for a bad body.</summary>
    internal static RouteHandlerBuilder AsSubmission<TDocument>(this RouteHandlerBuilder submit) => submit
        .Produces<TDocument>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// The routes every kind of job has in its <paramref name="group"/>: the paged list, one job, its events and its
    /// cancellation, each answering only for jobs of <paramref name="kind"/>; <paramref name="partial"/> says what a
    /// cancelled job keeps.
    /// </summary>
    internal static void MapJobRoutes<TDocument>(RouteGroupBuilder group, JobKind kind, string partial)
    {
        group.MapGet("", (HttpContext http, JobStore store) => List(kind, http, store))
            .WithSummary("The jobs, newest first, paged: pass the answer's next as after.")
            .Produces<JobPageDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", (string id, HttpContext http, JobStore store) => Get(kind, id, http, store))
            .WithSummary("One job: its status, progress and, once there, its result.")
            .Produces<TDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/events", (string id, HttpContext http, JobStore store) => Events(kind, id, http, store))
            .WithSummary("Server-sent events: one per progress message and status change, closing at the end state.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", (string id, HttpContext http, JobStore store, RosterJobRunner runner, SimulationRunner simulations, ILoggerFactory loggers) =>
                Cancel(kind, id, http, store, runner, simulations, loggers))
            .WithSummary($"Stops a queued or running job within 2 s; answers the job, cancelled, with {partial}.")
            .Produces<TDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Submit(HttpContext http, JobStore store, JobQueue queue, ILoggerFactory loggers, ServeOptions serve)
    {
        var request = http.Request;
        var errors = new List<ApiError>();
        var options = new JobOptions(
            Query<double?>(request, "timeLimitSeconds", errors, v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && d > 0 && d <= Cli.MaxSeconds ? d : null,
                string.Create(CultureInfo.InvariantCulture, $"must be a number of seconds above 0 and at most {Cli.MaxSeconds:#,0}")),
            Query<double?>(request, "gap", errors, v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and < 1 ? d : null,
                "must be a number in [0, 1)"),
            Query<int?>(request, "seed", errors, v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (int?)null,
                "must be a whole number"),
            Query<string?>(request, "engine", errors, v => Enum.TryParse<SolverEngine>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) && !int.TryParse(v, out _)
                ? e.ToString().ToLowerInvariant() : null,
                "must be one of " + string.Join(", ", Enum.GetNames<SolverEngine>().Select(n => n.ToLowerInvariant()))));
        if (!request.HasJsonContentType()) return ApiErrors.UnsupportedMediaType(request);
        var body = await ReadBody(request, serve);
        if (body.Error is { } tooLarge) return tooLarge;
        var read = JobInput.Read(body.Text!);
        errors.AddRange(read.Errors.IsDefaultOrEmpty ? [] : read.Errors.Select(e => ApiError.From(e)));
        if (errors.Count > 0) return ApiErrors.Invalid(Title(read.Errors.IsDefaultOrEmpty ? null : read.Errors), errors);
        return await Queue(body.Text!, options, null, http, store, queue, loggers);
    }

    /// <summary>Stores and queues a roster job; answers 202 with the job and its location.</summary>
    internal static async Task<IResult> Queue(string input, JobOptions options, string? replans, HttpContext http, JobStore store, JobQueue queue,
        ILoggerFactory loggers)
    {
        var job = await store.SubmitAsync(input, options, replans, http.RequestAborted);
        if (replans is null) Log(loggers).LogInformation("job {JobId}: queued", job.Id);
        else Log(loggers).LogInformation("job {JobId}: queued (re-plan of {Replans})", job.Id, replans);
        await queue.EnqueueAsync(job, CancellationToken.None);
        return new WithLocation(Results.Text(JobJson.Full(job), "application/json", Encoding.UTF8, StatusCodes.Status202Accepted),
            $"/v1/rosters/{job.Id}");
    }

    /// <summary>The jobs of <paramref name="kind"/>, newest first, paged.</summary>
    internal static async Task<IResult> List(JobKind kind, HttpContext http, JobStore store)
    {
        var request = http.Request;
        var errors = new List<ApiError>();
        var status = Query<JobStatus?>(request, "status", errors, v => Enum.TryParse<JobStatus>(v, ignoreCase: true, out var s) && !int.TryParse(v, out _) ? s : (JobStatus?)null,
            "must be one of queued, running, completed, cancelled, failed");
        var limit = Query<int?>(request, "limit", errors, v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPage ? n : (int?)null,
            $"must be a whole number from 1 to {MaxPage}") ?? 50;
        var after = request.Query["after"].FirstOrDefault();
        if (after is not null && !await store.ExistsAsync(after, http.RequestAborted))
            errors.Add(new ApiError("after", after, "no job has this id"));
        if (errors.Count > 0) return ApiErrors.Invalid("Invalid query", errors);
        var jobs = await store.ListAsync(kind, status, limit + 1, after, http.RequestAborted);
        var page = jobs.Take(limit).ToList();
        return Json(JobJson.Page(page, jobs.Count > limit ? page[^1].Id : null));
    }

    /// <summary>Job <paramref name="id"/> if it is of <paramref name="kind"/>.</summary>
    internal static async Task<IResult> Get(JobKind kind, string id, HttpContext http, JobStore store) =>
        await store.GetAsync(id, http.RequestAborted) is { } job && job.Kind == kind ? Json(JobJson.Full(job)) : ApiErrors.UnknownJob(id);

    /// <summary>Stops job <paramref name="id"/> of <paramref name="kind"/>: a queued one at once, a running one within 2 s.</summary>
    internal static async Task<IResult> Cancel(JobKind kind, string id, HttpContext http, JobStore store, RosterJobRunner runner,
        SimulationRunner simulations, ILoggerFactory loggers)
    {
        if (await store.GetAsync(id, http.RequestAborted) is not { } known || known.Kind != kind) return ApiErrors.UnknownJob(id);
        var (job, finished) = await store.CancelAsync(id, http.RequestAborted);
        if (job is null) return ApiErrors.UnknownJob(id);
        if (finished)
        {
            return ApiErrors.Status(StatusCodes.Status409Conflict, "Job finished",
                $"job '{id}' is {JobStore.Name(job.Status)} already; only a queued or running job can be cancelled",
                new Dictionary<string, object?> { ["jobStatus"] = JobStore.Name(job.Status) });
        }
        var logger = Log(loggers);
        if (job.Status == JobStatus.Cancelled) logger.LogInformation("job {JobId}: cancelled before it ran", id);
        else logger.LogInformation("job {JobId}: cancel requested", id);
        if (job.Status == JobStatus.Running && kind == JobKind.Simulation)
        {
            // The batches done so far are the partial results; batches still running see the end and stop.
            await simulations.CancelAsync(job);
            job = await store.GetAsync(id, http.RequestAborted);
        }
        else if (job.Status == JobStatus.Running)
        {
            runner.Cancel(id);
            // Wait for the worker (here or on another host) to stop and store the best roster; past the wait the job is
            // shown cancelled at once, and the worker adds its roster when it gets there.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (job is { Status: JobStatus.Running } && waited.Elapsed < CancelWait)
            {
                await Task.Delay(50, http.RequestAborted);
                job = await store.GetAsync(id, http.RequestAborted);
            }
            if (job is { Status: JobStatus.Running })
            {
                job = await store.ForceCancelledAsync(id, http.RequestAborted);
                logger.LogInformation("job {JobId}: cancelled; its worker adds the roster when it has stopped", id);
            }
        }
        return Json(JobJson.Full(job!));
    }

    /// <summary>The server-sent events of job <paramref name="id"/> of <paramref name="kind"/>, to its end state.</summary>
    internal static async Task Events(JobKind kind, string id, HttpContext http, JobStore store)
    {
        var cancel = http.RequestAborted;
        if (await store.GetAsync(id, cancel) is not { } job || job.Kind != kind)
        {
            await ApiErrors.UnknownJob(id).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // A client that reconnects says where it was (the event stream's Last-Event-ID), and gets only what it missed.
        var last = long.TryParse(http.Request.Headers["Last-Event-ID"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var ended = false;
                foreach (var e in await store.EventsAsync(id, last, cancel))
                {
                    await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {e.Number}\nevent: {e.Kind}\ndata: {e.Data}\n\n"), cancel);
                    last = e.Number;
                    ended |= e.Kind == "status" && IsEndState(e.Data);
                }
                await http.Response.Body.FlushAsync(cancel);
                if (ended) return;
                await Task.Delay(200, cancel);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task<IResult> Validate(HttpContext http, ServeOptions serve)
    {
        var request = http.Request;
        if (!request.HasJsonContentType()) return ApiErrors.UnsupportedMediaType(request);
        var body = await ReadBody(request, serve);
        if (body.Error is { } tooLarge) return tooLarge;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Text!, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return ApiErrors.Invalid("Malformed JSON", [ApiError.From(ReadErrors.Malformed(e))]);
        }
        using (document)
        {
            var errors = new List<ApiError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ApiErrors.Invalid("Invalid request", [new ApiError(ErrorLocation.Document, null, "must be an object with problem and roster")]);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("problem" or "roster")) errors.Add(new ApiError(property.Name, null, "unknown property (the body has problem and roster)"));
            }
            string? Part(string name)
            {
                if (root.TryGetProperty(name, out var part) && part.ValueKind != JsonValueKind.Null) return part.GetRawText();
                errors.Add(new ApiError(name, null, "is required"));
                return null;
            }
            var problemText = Part("problem");
            var rosterText = Part("roster");
            var problem = problemText is null ? null : ProblemJson.Read(problemText);
            var roster = rosterText is null ? null : RosterJson.ReadAssignments(rosterText);
            var training = rosterText is null ? null : RosterJson.ReadTraining(rosterText);
            if (problem is { Ok: false }) errors.AddRange(problem.Errors.Select(e => ApiError.From(e, "problem.")));
            if (roster is { Ok: false }) errors.AddRange(roster.Errors.Select(e => ApiError.From(e, "roster.")));
            else if (training is { Ok: false }) errors.AddRange(training.Errors.Select(e => ApiError.From(e, "roster.")));
            if (errors.Count > 0) return ApiErrors.Invalid("Invalid request", errors);
            var violations = RosterValidator.Validate(problem!.Value!, roster!.Value, null, training!.Value);
            var objective = RosterEvaluator.Evaluate(problem.Value!, roster.Value, null, training.Value);
            return Results.Json(new ValidateResultDocument(violations.IsEmpty, roster.Value.Length,
                [.. violations.Select(v => new ViolationDocument(v.Rule.ToString(), v.Member, v.Position, v.Message, v.ToString()))],
                ObjectiveDocument.From(objective)), JobJson.Options);
        }
    }

    private static bool IsEndState(string statusData)
    {
        using var document = JsonDocument.Parse(statusData);
        return document.RootElement.GetProperty("status").GetString() is "completed" or "cancelled" or "failed";
    }

    /// <summary>The title of a 400 for a body's <paramref name="errors"/>: <c>Malformed JSON</c>, else <paramref name="invalid"/>.</summary>
    internal static string Title(System.Collections.Immutable.ImmutableArray<InputError>? errors, string invalid = "Invalid problem") =>
        errors is { Length: 1 } e && e[0].Field == ErrorLocation.Document && e[0].Message.StartsWith("malformed JSON", StringComparison.Ordinal)
            ? "Malformed JSON" : invalid;

    internal static async Task<(string? Text, IResult? Error)> ReadBody(HttpRequest request, ServeOptions serve)
    {
        // A declared length over the limit is answered before any byte is read: a client that sent "Expect: 100-continue"
        // then never uploads the body (reading it is what makes Kestrel send the 100).
        if (request.ContentLength > serve.MaxBodyBytes) return (null, ApiErrors.TooLarge(serve.MaxBodyBytes));
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return (await reader.ReadToEndAsync(request.HttpContext.RequestAborted), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiErrors.TooLarge(serve.MaxBodyBytes));
        }
    }

    internal static T? Query<T>(HttpRequest request, string name, List<ApiError> errors, Func<string, T?> parse, string rule)
    {
        if (request.Query[name].FirstOrDefault() is not { } text || text.Length == 0) return default;
        var value = parse(text);
        if (value is null) errors.Add(new ApiError(name, null, $"{rule}, got '{text}'"));
        return value;
    }

    internal static ILogger Log(ILoggerFactory loggers) => loggers.CreateLogger(typeof(RosterEndpoints).FullName!);

    internal static IResult Json(string json) => Results.Text(json, "application/json", Encoding.UTF8);

    /// <summary>A result with a <c>Location</c> header (the 202 of a submission points at its job).</summary>
    internal sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
