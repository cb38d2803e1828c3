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
            .WithQuery("timeLimitSeconds", "gap", "seed", "engine")
            .WithSummary("Submits a problem, or a re-plan (ReplanDocument: a problem and the roster to re-plan from); the job is stored before the answer.")
            .Accepts<ProblemDocument>("application/json")
            .AddOpenApiOperationTransformer(OrReplan)
            .AsSubmission<JobDocument>();
        MapJobRoutes<JobDocument>(rosters, JobKind.Roster, "the best roster so far");
        ReplanEndpoints.Map(rosters);
        app.MapPost("/v1/validate", Validate).WithTags("validate").WithQuery()
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
            .WithQuery("status", "limit", "after")
            .WithSummary("The jobs, newest first, paged: pass the answer's next as after.")
            .Produces<JobPageDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", (string id, HttpContext http, JobStore store) => Get(kind, id, http, store))
            .WithQuery()
            .WithSummary("One job: its status, progress and, once there, its result.")
            .Produces<TDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/events", (string id, HttpContext http, JobStore store) => Events(kind, id, http, store))
            .WithQuery()
            .WithSummary("Server-sent events: one per progress message and status change, closing at the end state.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", (string id, HttpContext http, JobStore store, RosterJobRunner runner, SimulationRunner simulations, ILoggerFactory loggers) =>
                Cancel(kind, id, http, store, runner, simulations, loggers))
            .WithQuery()
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
                && d is >= Cli.MinSeconds and <= Cli.MaxSeconds ? d : null,
                string.Create(CultureInfo.InvariantCulture, $"must be a number of seconds from {Cli.MinSeconds} to {Cli.MaxSeconds:#,0}")),
            Query<double?>(request, "gap", errors, v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and < 1 ? d : null,
                "must be a number in [0, 1)"),
            Query<int?>(request, "seed", errors, v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (int?)null,
                "must be a whole number"),
            Query<string?>(request, "engine", errors, v => Enum.TryParse<SolverEngine>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) && !int.TryParse(v, out _)
                ? e.ToString().ToLowerInvariant() : null,
                "must be one of " + string.Join(", ", Enum.GetNames<SolverEngine>().Select(n => n.ToLowerInvariant()))));
        var body = await ReadBody(request, serve);
        if (body.Error is { } refused) return refused;
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
            errors.Add(new ApiError("after", ReadErrors.Echo(after), "no job has this id"));
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
            // The headers go at once, whether or not there is an event to send.
            await http.Response.StartAsync(cancel);
            while (!cancel.IsCancellationRequested)
            {
                // Read before the events: a job finished by then has all its events stored, so when none of them is
                // past last (a client that reconnects after the end state), the stream has nothing more to send.
                var finished = job.IsFinished;
                var ended = false;
                foreach (var e in await store.EventsAsync(id, last, cancel))
                {
                    await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {e.Number}\nevent: {e.Kind}\ndata: {e.Data}\n\n"), cancel);
                    last = e.Number;
                    ended |= e.Kind == "status" && IsEndState(e.Data);
                }
                await http.Response.Body.FlushAsync(cancel);
                if (ended || finished) return;
                await Task.Delay(200, cancel);
                job = await store.GetAsync(id, cancel) ?? job;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task<IResult> Validate(HttpContext http, ServeOptions serve)
    {
        var body = await ReadBody(http.Request, serve);
        if (body.Error is { } refused) return refused;
        var parts = ReadValidateRequest(body.Text!);
        if (!parts.Ok) return ApiErrors.Invalid(Title(parts.Errors, "Invalid request"), [.. parts.Errors.Select(e => ApiError.From(e))]);
        var errors = new List<ApiError>();
        var (problemText, rosterText) = parts.Value;
        var problem = ProblemJson.Read(problemText);
        var roster = RosterJson.ReadTours(rosterText);
        if (!problem.Ok) errors.AddRange(problem.Errors.Select(e => ApiError.From(e, "problem.")));
        if (!roster.Ok) errors.AddRange(roster.Errors.Select(e => ApiError.From(e, "roster.")));
        if (errors.Count > 0) return ApiErrors.Invalid("Invalid request", errors);
        var (assignments, training) = roster.Value;
        var violations = RosterValidator.Validate(problem.Value!, assignments, null, training);
        var objective = RosterEvaluator.Evaluate(problem.Value!, assignments, null, training);
        return Results.Json(new ValidateResultDocument(violations.IsEmpty, assignments.Length,
            [.. violations.Select(v => new ViolationDocument(v.Rule.ToString(), v.Member, v.Position, v.Message, v.ToString()))],
            ObjectiveDocument.From(objective)), JobJson.Options);
    }

    private static readonly string[] ValidateFields = ["problem", "roster"];

    /// <summary>Reads <c>{"problem", "roster"}</c> into the text of each part, for their own readers.</summary>
    private static ReadResult<(string Problem, string Roster)> ReadValidateRequest(string json) => JsonOutput.Parse(json, root =>
    {
        var errors = new ReadErrors();
        (string Problem, string Roster) parts = ("", "");
        if (JsonRecord.Open(root, "", null, null, errors) is { } document)
        {
            document.Expect(ValidateFields);
            parts = (document.Raw("problem", required: true)?.GetRawText() ?? "", document.Raw("roster", required: true)?.GetRawText() ?? "");
        }
        return errors.Count == 0 ? ReadResult<(string, string)>.Success(parts) : ReadResult<(string, string)>.Failure(errors.ToImmutable());
    });

    private static bool IsEndState(string statusData)
    {
        using var document = JsonDocument.Parse(statusData);
        return document.RootElement.GetProperty("status").GetString() is "completed" or "cancelled" or "failed";
    }

    /// <summary>The title of a 400 for a body's <paramref name="errors"/>: <c>Malformed JSON</c>, else <paramref name="invalid"/>.</summary>
    internal static string Title(System.Collections.Immutable.ImmutableArray<InputError>? errors, string invalid = "Invalid problem") =>
        errors is { Length: 1 } e && e[0].Field == ErrorLocation.Document && e[0].Message.StartsWith("malformed JSON", StringComparison.Ordinal)
            ? "Malformed JSON" : invalid;

    /// <summary>
    /// The body of <paramref name="request"/> as text, or the error to answer: a 415 for a body that is not UTF-8 JSON
    /// (<see cref="ApiErrors.UnsupportedBody"/>), a 413 for one over the limit.
    /// </summary>
    internal static async Task<(string? Text, IResult? Error)> ReadBody(HttpRequest request, ServeOptions serve)
    {
        if (ApiErrors.UnsupportedBody(request) is { } unsupported) return (null, unsupported);
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
        if (value is null) errors.Add(new ApiError(name, null, $"{rule}, got '{ReadErrors.Echo(text)}'"));
        return value;
    }

    /// <summary>
    /// Answers 400 before the handler runs when the query has a parameter not in <paramref name="names"/> (with the one
    /// probably meant), or one given more than once: ignored, <c>?timeLimit=5</c> would run with the default.
    /// </summary>
    internal static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder route, params string[] names) => route.AddEndpointFilter(async (context, next) =>
    {
        var errors = new List<ApiError>();
        foreach (var (name, values) in context.HttpContext.Request.Query)
        {
            // The query's names compare ignoring case, as the handlers read them.
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new ApiError(ReadErrors.Echo(name), null, names.Length == 0 ? "unknown query parameter; this request takes none"
                    : $"unknown query parameter{Spelling.Suggest(name, names)}; allowed: {string.Join(", ", names)}"));
            }
            else if (values.Count > 1)
            {
                errors.Add(new ApiError(name, null, string.Create(CultureInfo.InvariantCulture, $"is given {values.Count} times; give it once")));
            }
        }
        return errors.Count > 0 ? ApiErrors.Invalid("Invalid query", errors) : await next(context);
    });

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
