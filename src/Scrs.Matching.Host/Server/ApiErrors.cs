using Microsoft.AspNetCore.Http;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Host.Server;

/// <summary>One input error of a request, as the problem details' <c>errors</c> list it (the command line's list).</summary>
/// <param name="Field">The field's path (<c>members[3].component</c>), or the query parameter's name.</param>
/// <param name="Id">The id of the record the field belongs to, or null.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record ApiError(string Field, string? Id, string Message)
{
    public static ApiError From(InputError e, string prefix = "") => new(prefix + e.Field, e.Id, e.Message);
}

/// <summary>The API's errors as RFC 9457 problem details (<c>application/problem+json</c>), never with a stack trace.</summary>
internal static class ApiErrors
{
    /// <summary>A 400 for input errors: every error found at once.</summary>
    public static IResult Invalid(string title, IReadOnlyList<ApiError> errors) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title,
            detail: $"{errors.Count} error(s): " + string.Join("; ", errors.Take(5).Select(e => e.Id is null ? $"{e.Field}: {e.Message}" : $"{e.Field} (id '{e.Id}'): {e.Message}"))
                + (errors.Count > 5 ? "; ..." : ""),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>A problem with one status code and a sentence.</summary>
    public static IResult Status(int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: statusCode, title: title, detail: detail, extensions: extensions);

    public static IResult UnknownJob(string id) =>
        Status(StatusCodes.Status404NotFound, "Unknown job", $"there is no roster job '{id}'");

    public static IResult UnsupportedMediaType(HttpRequest request) =>
        Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"the body must be application/json, got '{request.ContentType ?? "no content type"}'");

    public static IResult TooLarge(long limitBytes) =>
        Status(StatusCodes.Status413PayloadTooLarge, "Body too large",
            $"the body is larger than the host's limit of {limitBytes / (1024 * 1024)} MB (--max-body-mb)");
}
