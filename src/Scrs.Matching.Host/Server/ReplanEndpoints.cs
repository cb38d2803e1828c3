using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Scrs.Matching.Domain;
using Scrs.Matching.Host.Server.Jobs;
using Scrs.Matching.Host.Server.Schema;
using Scrs.Matching.Input;
using Scrs.Matching.Replanning;
using Scrs.Matching.Sessions;
using Scrs.Matching.Report;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Host.Server;

/// <summary>
/// What follows a roster job's roster (docs/replanning.md): the answers to its offers, which start a re-plan job
/// (<c>respond</c> then <c>solve --previous</c>), the ranked candidates for a seat (<c>recommend</c>), and the roster's
/// page (<c>report</c>).
/// </summary>
internal static class ReplanEndpoints
{
    private static readonly string[] AnswerFields = ["accepted", "declined"];
    private static readonly string[] OfferFields = ["member", "position"];

    /// <summary>The most candidates a recommendation ranks: each is a re-plan, so a large top is minutes of a worker's time.</summary>
    internal const int MaxTop = 100;

    /// <summary>Maps the routes under <c>/v1/rosters</c>.</summary>
    public static void Map(RouteGroupBuilder rosters)
    {
        rosters.MapPost("/{id}/responses", Respond)
            .WithQuery()
            .WithSummary("Answers the offers of a job's roster (accepted: locks, declined: exclusions) and starts the re-plan from that roster, "
                + "as a new roster job whose roster has the changes section.")
            .Accepts<ResponsesDocument>("application/json")
            .AsSubmission<JobDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        rosters.MapGet("/{id}/recommendations", Recommend)
            .WithQuery("position", "top", "start", "member")
            .WithSummary("Ranks the members for a seat of a position by the exact effect of giving it to them (a re-plan each, with the job's options); "
                + "answers when done, in seconds.")
            .WithDescription("Query: position (required), top (how many to rank, 1 to 100; default 5), start (yyyy-MM-dd: a day of the seat's "
                + "rotation slot; default: the first slot with an empty seat), member (a member to explain: why not them).")
            .Produces<RecommendationsDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        rosters.MapGet("/{id}/report", Report)
            .WithQuery()
            .WithSummary("The job's roster as one self-contained HTML page (the report command's, docs/report.md): Gantt chart, fill, "
                + "surge use, unfilled positions with their reasons, objective, bound and gap.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Report(string id, HttpContext http, JobStore store)
    {
        var (job, solved, error) = await SolvedAsync(id, http, store);
        if (error is not null) return error;
        return Results.Content(RosterHtml.Write(solved!.Input.Problem, solved.Roster, solved.Input.Previous), "text/html", Encoding.UTF8);
    }

    private static async Task<IResult> Respond(string id, HttpContext http, JobStore store, JobQueue queue, ILoggerFactory loggers, ServeOptions serve)
    {
        var (job, solved, error) = await SolvedAsync(id, http, store);
        if (error is not null) return error;
        var body = await RosterEndpoints.ReadBody(http.Request, serve);
        if (body.Error is { } refused) return refused;
        var answers = ReadAnswers(body.Text!);
        if (!answers.Ok) return ApiErrors.Invalid(RosterEndpoints.Title(answers.Errors, "Invalid answers"), [.. answers.Errors.Select(e => ApiError.From(e))]);
        DeploymentProblem next;
        try
        {
            next = OfferResponses.Apply(solved!.Input.Problem, solved.Roster.Assignments, answers.Value.Accepted, answers.Value.Declined);
        }
        catch (InvalidProblemException e)
        {
            return ApiErrors.Invalid("Invalid answers", [.. e.Errors.Select(x => ApiError.From(x))]);
        }
        // The re-plan keeps the job's options, and the roster as the host wrote it: nothing of either job is lost.
        return await RosterEndpoints.Queue(JobInput.Replan(ProblemJson.Write(next), job!.Roster!), job.Options, job.Id, http, store, queue, loggers);
    }

    private static async Task<IResult> Recommend(string id, HttpContext http, JobStore store, RosterJobRunner runner)
    {
        var (job, solved, error) = await SolvedAsync(id, http, store);
        if (error is not null) return error;
        var query = http.Request;
        var errors = new List<ApiError>();
        var position = query.Query["position"].FirstOrDefault() is { Length: > 0 } p ? p : null;
        if (position is null) errors.Add(new ApiError("position", null, "is required"));
        var top = RosterEndpoints.Query<int?>(query, "top", errors,
            v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxTop ? n : null,
            string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1 to {MaxTop}")) ?? 5;
        var start = RosterEndpoints.Query<DateOnly?>(query, "start", errors,
            v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null, "must be a date (yyyy-MM-dd)");
        var member = query.Query["member"].FirstOrDefault() is { Length: > 0 } m ? m : null;
        var problem = solved!.Input.Problem;
        var request = new RecommendationRequest(position ?? "") { Start = start, Top = top, Member = member, Training = solved.Roster.Training };
        // The library's checks name the query parameters (position, top, start, member); with the format errors, all at once.
        if (position is not null) errors.AddRange(Recommender.Check(problem, request).Select(x => ApiError.From(x)));
        if (errors.Count > 0) return ApiErrors.Invalid("Invalid query", errors);
        var options = RosterJobRunner.PlannerOptions(job!.Options);
        // Each candidate is a re-plan: CPU-bound, on a thread of its own; a client that goes away stops the ranking.
        // The best re-plan without a lock starts from the job's session, resumed from its stored roster: the coverage
        // that roster proved holds again without search.
        PlanningSession Replan(Planning.PlannerOptions planner) => runner.Resume(id, solved.Input, solved.Roster, options).Fork(planner);
        var recommendations = await Task.Factory.StartNew(() => Recommender.Recommend(problem, solved.Roster.Assignments, request, options,
                solved.Roster.Objective is null ? null : (Func<Planning.PlannerOptions, PlanningSession>)Replan, http.RequestAborted),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return RosterEndpoints.Json(RecommendationsJson.Write(recommendations));
    }

    /// <summary>What a job's roster was planned for, and the roster: a 404 for no roster job, a 409 for one with no roster yet.</summary>
    private static async Task<(Job? Job, Solved? Solved, IResult? Error)> SolvedAsync(string id, HttpContext http, JobStore store)
    {
        if (await store.GetAsync(id, http.RequestAborted) is not { Kind: JobKind.Roster } job) return (null, null, ApiErrors.UnknownJob(id));
        if (job.Roster is null)
        {
            return (job, null, ApiErrors.Status(StatusCodes.Status409Conflict, "No roster yet",
                $"job '{id}' is {JobStore.Name(job.Status)} and has no roster; wait for it to complete",
                new Dictionary<string, object?> { ["jobStatus"] = JobStore.Name(job.Status) }));
        }
        // Both were read when the job was submitted and written by this host: they read again.
        var (input, roster) = await store.SolvedAsync(job, http.RequestAborted)
            ?? throw new InvalidOperationException($"job '{id}': its stored input or roster does not read");
        return (job, new Solved(input, roster), null);
    }

    /// <summary>
    /// A job's input (its problem, and for a re-plan the roster it was re-planned from) and its roster, read once: the
    /// whole roster as this host wrote it (the report page needs its bound, gap and reasons, the recommendations its
    /// proven stages).
    /// </summary>
    private sealed record Solved(JobInput Input, Roster Roster);

    /// <summary>Reads <c>{"accepted": [{"member", "position"}], "declined": [...]}</c>: every format error at once.</summary>
    internal static ReadResult<(ImmutableArray<Offer> Accepted, ImmutableArray<Offer> Declined)> ReadAnswers(string json) => JsonOutput.Parse(json, root =>
    {
        var errors = new ReadErrors();
        ImmutableArray<Offer> accepted = [], declined = [];
        if (JsonRecord.Open(root, "", null, null, errors) is { } document)
        {
            document.Expect(AnswerFields);
            accepted = document.Records("accepted", ownRecords: true, ReadOffer, out _);
            declined = document.Records("declined", ownRecords: true, ReadOffer, out _);
            if (errors.Count == 0 && accepted.IsEmpty && declined.IsEmpty)
                errors.Add(ErrorLocation.Document, null, "give at least one answer, in accepted or declined");
        }
        return errors.Count == 0
            ? ReadResult<(ImmutableArray<Offer>, ImmutableArray<Offer>)>.Success((accepted, declined))
            : ReadResult<(ImmutableArray<Offer>, ImmutableArray<Offer>)>.Failure(errors.ToImmutable());
    });

    private static Offer ReadOffer(JsonRecord r)
    {
        r.Id = ErrorLocation.PairId(r.Peek("member"), r.Peek("position"));
        r.Expect(OfferFields);
        return new Offer(r.String("member", required: true) ?? "", r.String("position", required: true) ?? "");
    }
}
