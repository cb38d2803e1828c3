using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Scrs.Matching.Input;
using Scrs.Matching.Validation;

namespace Scrs.Matching.Host.Server;

/// <summary>One input error of a request, as the problem details' <c>errors</c> list it (the command line's list).</summary>
/// <param name="Field">The field's path (<c>members[3].component</c>), or the query parameter's name.</param>
/// <param name="Id">The id of the record the field belongs to, or null.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record ApiError(string Field, string? Id, string Message)
{
    /// <summary>The error of <paramref name="e"/>, under <paramref name="prefix"/>; values it repeats are cut (<see cref="ReadErrors.Echo"/>).</summary>
    public static ApiError From(InputError e, string prefix = "") => new(ReadErrors.Echo(prefix + e.Field), e.Id is null ? null : ReadErrors.Echo(e.Id), e.Message);
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

    /// <summary>What the bodies must be.</summary>
    private const string Expected = "the body must be application/json in UTF-8 (no charset, or charset=utf-8), not compressed";

    /// <summary>
    /// A 415 for a body this host does not read, naming what was sent and what is expected: a media type other than
    /// JSON, a charset other than UTF-8 (read as UTF-8 it would change the text), or a <c>Content-Encoding</c>.
    /// Null when the body is JSON this host reads.
    /// </summary>
    public static IResult? UnsupportedBody(HttpRequest request) =>
        UnsupportedBodyDetail(request) is { } detail
            ? Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail,
                new Dictionary<string, object?>
                {
                    ["contentType"] = request.ContentType is { } type ? ReadErrors.Echo(type) : null,
                    ["contentEncoding"] = Encoding(request) is { } encoding ? ReadErrors.Echo(encoding) : null,
                })
            : null;

    /// <summary>Why the body of <paramref name="request"/> is not read, or null when it is.</summary>
    private static string? UnsupportedBodyDetail(HttpRequest request)
    {
        if (Encoding(request) is { } encoding) return $"Content-Encoding '{ReadErrors.Echo(encoding)}' is not supported: {Expected}";
        if (!request.HasJsonContentType()) return $"Content-Type '{ReadErrors.Echo(request.ContentType ?? "")}' is not supported: {Expected}";
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? $"charset '{ReadErrors.Echo(charset.ToString())}' is not supported: {Expected}"
            : null;
    }

    /// <summary>The request's <c>Content-Encoding</c>, or null for none (<c>identity</c> is none).</summary>
    private static string? Encoding(HttpRequest request) =>
        request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)
            ? encoding : null;

    /// <summary>
    /// Fills in the problem details ASP.NET Core writes itself: the 415 of a route that takes JSON says what was sent.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
            context.ProblemDetails.Detail = UnsupportedBodyDetail(context.HttpContext.Request) ?? Expected;
    }

    public static IResult TooLarge(long limitBytes) =>
        Status(StatusCodes.Status413PayloadTooLarge, "Body too large",
            $"the body is larger than the host's limit of {limitBytes / (1024 * 1024)} MB (--max-body-mb)");
}
