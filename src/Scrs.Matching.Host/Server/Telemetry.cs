using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scrs.Matching.Telemetry;

namespace Scrs.Matching.Host.Server;

/// <summary>
/// The host's traces and metrics: the library's (<see cref="MatchingTelemetry.SourceName"/>: a span per solve and per
/// level, counters of solves, levels proven and replications) and ASP.NET Core's (a span per request, request metrics),
/// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class HostTelemetry
{
    /// <summary>The variable that turns the export on; the exporter reads its other <c>OTEL_*</c> settings itself.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Registers OpenTelemetry with the OTLP exporter when <paramref name="environment"/> gives
    /// <see cref="EndpointVariable"/>; otherwise registers nothing, so that no span is made for nobody (and no exporter
    /// tries a default address).
    /// </summary>
    public static void AddTo(IServiceCollection services, Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(environment(EndpointVariable))) return;
        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, when set, names the service (the default resource reads it); a name set here would win.
                if (string.IsNullOrWhiteSpace(environment("OTEL_SERVICE_NAME"))) resource.AddService("scrs-matching");
            })
            .WithTracing(tracing => tracing.AddSource(MatchingTelemetry.SourceName).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(MatchingTelemetry.SourceName).AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
    }
}
