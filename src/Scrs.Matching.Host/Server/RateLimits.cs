using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Scrs.Matching.Host.Server;

/// <summary>
/// <c>serve --max-submissions-per-minute N</c>: every POST (the submissions of rosters, re-plans and simulations, and
/// validations) counts against a fixed one-minute window of N, per API key when the host has one, or else per client
/// address; a POST beyond it answers 429 with <c>Retry-After</c> (seconds until the
/// window ends) and problem details. Other methods are not limited. 0 turns the limit off.
/// </summary>
internal static class RateLimits
{
    /// <summary>Registers the limiter for <paramref name="options"/>; does nothing when the limit is off.</summary>
    public static void AddTo(IServiceCollection services, ServeOptions options)
    {
        var limit = options.MaxSubmissionsPerMinute;
        if (limit == 0) return;
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(Client(context, options.ApiKey is not null), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiErrors.Status(StatusCodes.Status429TooManyRequests, "Too many submissions",
                    $"this client may POST {limit} request(s) a minute (--max-submissions-per-minute); retry in {seconds} s")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        services.Configure<OpenApiOptions>("v1", openApi => openApi.AddOperationTransformer(DescribeLimit));
    }

    /// <summary>The 429 in the OpenAPI document, on every POST.</summary>
    private static Task DescribeLimit(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(context.Description.HttpMethod ?? "")) return Task.CompletedTask;
        operation.Responses ??= [];
        operation.Responses["429"] = new OpenApiResponse
        {
            Description = "Too Many Requests: a POST beyond --max-submissions-per-minute",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds until the limit's window ends.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// Who a POST counts against: the API key when the host has one (the key check before the limiter has passed, and a
    /// host has one key, so its clients share one limit), or else the client's address.
    /// </summary>
    private static string Client(HttpContext context, bool keyed) =>
        keyed ? "api-key" : "address:" + context.Connection.RemoteIpAddress;
}
