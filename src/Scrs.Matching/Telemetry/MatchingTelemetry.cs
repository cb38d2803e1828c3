using System.Diagnostics;
using System.Diagnostics.Metrics;
using Scrs.Matching.Input;
using Scrs.Matching.Report;

namespace Scrs.Matching.Telemetry;

/// <summary>
/// The library's traces and metrics, through <see cref="System.Diagnostics"/>: an <see cref="ActivitySource"/> and a
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="SourceName"/>. An application subscribes with
/// OpenTelemetry (<c>AddSource(MatchingTelemetry.SourceName)</c>, <c>AddMeter(MatchingTelemetry.SourceName)</c>) or any
/// <see cref="ActivityListener"/>/<see cref="MeterListener"/>; with none, a solve starts no span and records nothing.
/// </summary>
/// <remarks>
/// Spans: <c>solve</c>, one per solve (tags <c>scrs.status</c>, <c>scrs.engine</c>, <c>scrs.members</c>,
/// <c>scrs.positions</c>), and under it <c>level</c>, one per objective level searched or proven (tags <c>scrs.level</c>,
/// <c>scrs.status</c>, <c>scrs.value</c>, <c>scrs.bound</c>, <c>scrs.engine</c>). Counters: <c>scrs.matching.solves</c>
/// (tag <c>scrs.status</c>), <c>scrs.matching.levels.proven</c> (tag <c>scrs.level</c>) and
/// <c>scrs.matching.replications</c> (simulation replications measured).
/// </remarks>
public static class MatchingTelemetry
{
    /// <summary>The name of the library's <see cref="ActivitySource"/> and of its <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "Scrs.Matching";

    internal static readonly ActivitySource Source = new(SourceName, typeof(MatchingTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(SourceName, typeof(MatchingTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Solves = Meter.CreateCounter<long>("scrs.matching.solves", "{solve}", "Solves finished, by status.");

    private static readonly Counter<long> LevelsProven = Meter.CreateCounter<long>("scrs.matching.levels.proven", "{level}",
        "Objective levels proven optimal, by level.");

    private static readonly Counter<long> Replications = Meter.CreateCounter<long>("scrs.matching.replications", "{replication}",
        "Simulation replications measured.");

    /// <summary>Starts the span of one solve, or returns null when nobody listens.</summary>
    internal static Activity? StartSolve(Domain.DeploymentProblem problem, string engine)
    {
        var span = Source.StartActivity("solve");
        span?.SetTag("scrs.engine", engine)
            .SetTag("scrs.members", problem.Members.Length)
            .SetTag("scrs.positions", problem.Operations.Sum(o => o.Positions.Length));
        return span;
    }

    /// <summary>Records a solve's end: its status on the span and in the solves counter.</summary>
    internal static void Solved(Activity? span, RosterStatus status)
    {
        var name = JsonNames.Statuses.Name(status);
        span?.SetTag("scrs.status", name);
        Solves.Add(1, new KeyValuePair<string, object?>("scrs.status", name));
    }

    /// <summary>Records a solve that threw: the span's status is an error, and the solves counter counts it as <c>error</c>.</summary>
    internal static void Failed(Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.Message).SetTag("error.type", exception.GetType().FullName);
        Solves.Add(1, new KeyValuePair<string, object?>("scrs.status", "error"));
    }

    /// <summary>Starts the span of one objective level, under the solve's, or returns null when nobody listens.</summary>
    internal static Activity? StartLevel(string level, string engine) =>
        Source.StartActivity("level")?.SetTag("scrs.level", level).SetTag("scrs.engine", engine);

    /// <summary>Records a level's end on its span (status, value and bound, in the roster's units) and counts it if proven; returns <paramref name="stage"/>.</summary>
    internal static StageReport Level(Activity? span, StageReport stage)
    {
        if (span is not null)
        {
            span.SetTag("scrs.status", JsonNames.Statuses.Name(stage.Status));
            if (double.IsFinite(stage.Value)) span.SetTag("scrs.value", stage.Value);
            if (double.IsFinite(stage.Bound)) span.SetTag("scrs.bound", stage.Bound);
        }
        if (stage.Status == RosterStatus.Optimal) LevelsProven.Add(1, new KeyValuePair<string, object?>("scrs.level", stage.Level));
        return stage;
    }

    /// <summary>Counts <paramref name="count"/> simulation replications measured.</summary>
    internal static void Replicated(int count)
    {
        if (count > 0) Replications.Add(count);
    }
}
