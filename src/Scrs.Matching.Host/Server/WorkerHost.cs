using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scrs.Matching.Host.Server.Jobs;

namespace Scrs.Matching.Host.Server;

/// <summary>
/// The worker host: the roster API (ASP.NET Core minimal APIs) in front of a job store and the Quartz.NET job engine,
/// both in one SQLite file or one PostgreSQL database.
/// </summary>
internal static class WorkerHost
{
    /// <summary>Serves until Ctrl+C or SIGTERM; returns the exit code (0, or 2 when the host cannot start).</summary>
    public static int Serve(ServeOptions options, TextWriter error)
    {
        try
        {
            using var owner = options.Postgres is null ? OwnStore(options.StorePath) : null;
            Build(options).Run();
            return 0;
        }
        catch (StoreInUseException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException or null)
        {
            error.WriteLine($"error: cannot listen on {string.Join(", ", options.Urls)}: {e.Message}");
            return 2;
        }
        catch (InvalidOperationException e) when (options.Urls.Any(u => u.Scheme == Uri.UriSchemeHttps) && e.Message.Contains("certificate", StringComparison.Ordinal))
        {
            // Kestrel's configuration (from the environment, as any ASP.NET Core host) names the certificate.
            error.WriteLine($"error: cannot listen on {string.Join(", ", options.Urls.Where(u => u.Scheme == Uri.UriSchemeHttps))}: no server certificate; "
                + "name one with the environment variables Kestrel__Certificates__Default__Path and Kestrel__Certificates__Default__Password "
                + "(or __KeyPath for a PEM key)");
            return 2;
        }
        catch (System.Data.Common.DbException e)
        {
            error.WriteLine($"error: cannot open the job store ({(options.Postgres is null ? options.StorePath : "--postgres")}): {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// Takes the SQLite store for this process alone: two hosts on one file would both recover, and so run, the jobs that
    /// were running (the job engine runs non-clustered on SQLite). The lock is the operating system's on a file beside
    /// the store, so it goes with the process, however the process ends.
    /// </summary>
    private static FileStream OwnStore(string storePath)
    {
        var lockPath = storePath + ".host-lock";
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new StoreInUseException($"another host serves the store {storePath} (it holds {lockPath}); "
                + "hosts that share jobs use one PostgreSQL database (--postgres)");
        }
    }

    private sealed class StoreInUseException(string message) : Exception(message);

    /// <summary>Builds the host for <paramref name="options"/>; <c>RunAsync</c> serves until Ctrl+C or SIGTERM.</summary>
    public static WebApplication Build(ServeOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls([.. options.Urls.Select(u => u.ToString())]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.ConfigureEndpointDefaults(KestrelRejections.Use);
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        // Quartz and ASP.NET Core are chatty at Information; the host's own lines (one per job state change) stay.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        // A host that cannot start says why in one error: line (Serve); the hosting's own log of it is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ApiErrors.Customize);
        // The OpenAPI document describes numbers as numbers (the web defaults would also admit numbers in strings); the
        // bodies themselves are read by the library's readers.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Scrs.Matching worker host";
            document.Info.Description = "Roster jobs: submit a problem, watch the solve, take the roster, cancel. "
                + "Errors are RFC 9457 problem details. With --api-key-file, every request but /health and /alive carries the key "
                + "as X-Api-Key or Authorization: Bearer. POSTs beyond --max-submissions-per-minute answer 429 with Retry-After.";
            return Task.CompletedTask;
        }));
        var store = options.Postgres is { } postgres ? JobStore.Postgres(postgres) : JobStore.Sqlite(options.StorePath);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(HostIdentity.Create());
        builder.Services.AddSingleton<RosterJobRunner>();
        builder.Services.AddSingleton<SimulationRunner>();
        JobQueue.AddTo(builder.Services, options);
        HostTelemetry.AddTo(builder.Services, Environment.GetEnvironmentVariable);
        RateLimits.AddTo(builder.Services, options);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(KestrelRejections.Observe(app.Services.GetRequiredService<DiagnosticListener>()).Dispose);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (options.ApiKey is { } key) app.Use(RequireKey(key));
        // After the key check: a request without the key is refused before it counts.
        if (options.MaxSubmissionsPerMinute > 0) app.UseRateLimiter();
        app.MapOpenApi();
        app.MapGet("/alive", (HostIdentity host) => Results.Json(new { status = "alive", host = host.Name }))
            .WithSummary("Whether the host process answers, without asking the job store: for liveness probes (/health for readiness).");
        app.MapGet("/health", async (JobStore jobs, HostIdentity host, CancellationToken cancellationToken) =>
            await jobs.PingAsync(cancellationToken)
                ? Results.Json(new { status = "healthy", host = host.Name })
                : ApiErrors.Status(StatusCodes.Status503ServiceUnavailable, "Store unavailable", "the job store does not answer"))
            .WithSummary("Whether the host and its job store answer.");
        RosterEndpoints.Map(app);
        SimulationEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// Every request but <c>/health</c> and <c>/alive</c> carries the key (probes know no key), as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. The
    /// hashes are compared, in constant time, so neither the key nor its length leaks through timing.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> RequireKey(string key)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return async (context, next) =>
        {
            if (context.Request.Path.Equals("/health", StringComparison.Ordinal) || context.Request.Path.Equals("/alive", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }
            var headers = context.Request.Headers;
            var given = headers["X-Api-Key"].FirstOrDefault()
                ?? (headers.Authorization.FirstOrDefault() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null);
            if (given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected))
            {
                await next(context);
                return;
            }
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiErrors.Status(StatusCodes.Status401Unauthorized, "Unauthorized",
                given is null ? "this host needs an API key: send it as X-Api-Key or Authorization: Bearer" : "the API key is wrong")
                .ExecuteAsync(context);
        };
    }
}
