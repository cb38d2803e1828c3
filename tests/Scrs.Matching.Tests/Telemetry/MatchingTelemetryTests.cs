using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Simulation;
using Scrs.Matching.Telemetry;
using Scrs.Matching.Tests.Host.Server;

namespace Scrs.Matching.Tests.Telemetry;

/// <summary>
/// The telemetry tests count every solve of the process, so they run alone: no other test solves while they listen.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

/// <summary>The library's spans and counters, as an application subscribing with OpenTelemetry (in-memory exporters) sees them.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MatchingTelemetryTests
{
    [Fact]
    public void A_solve_is_one_span_with_a_child_span_per_level_and_the_counters_record_it()
    {
        var problem = ProblemJson.Read(ServerClient.TinyProblem).Value!;
        // Nobody listens yet: a solve would start no span at all.
        Assert.False(MatchingTelemetry.Source.HasListeners());
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        Roster roster;
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(MatchingTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter(MatchingTelemetry.SourceName).AddInMemoryExporter(metrics).Build())
        {
            roster = RosterPlanner.Plan(problem, PlannerOptions.Default with { Engine = SolverEngine.Highs });
            meters.ForceFlush();

            Assert.Equal(RosterStatus.Optimal, roster.Status);
            var solve = Assert.Single(spans, s => s.OperationName == "solve");
            Assert.Equal("optimal", solve.GetTagItem("scrs.status"));
            Assert.Equal("highs", solve.GetTagItem("scrs.engine"));
            Assert.Equal(2, solve.GetTagItem("scrs.members"));
            Assert.Equal(2, solve.GetTagItem("scrs.positions"));
            var levels = spans.Where(s => s.OperationName == "level").ToList();
            Assert.All(levels, l => Assert.Equal(solve.SpanId, l.ParentSpanId));
            // One level span per stage of the report, in order, with its status, value and bound.
            var stages = roster.Statistics.Stages;
            Assert.Equal(stages.Select(s => s.Level), levels.Select(l => (string)l.GetTagItem("scrs.level")!));
            Assert.Contains("critical", stages.Select(s => s.Level));
            foreach (var (stage, span) in stages.Zip(levels))
            {
                Assert.Equal(JsonNames.Statuses.Name(stage.Status), span.GetTagItem("scrs.status"));
                Assert.Equal(stage.Value, span.GetTagItem("scrs.value"));
                Assert.Equal(stage.Bound, span.GetTagItem("scrs.bound"));
                Assert.Equal("highs", span.GetTagItem("scrs.engine"));
            }

            Assert.Equal(new Dictionary<string, long> { ["optimal"] = 1 }, Sums(metrics, "scrs.matching.solves", "scrs.status"));
            Assert.Equal(stages.Where(s => s.Status == RosterStatus.Optimal).ToDictionary(s => s.Level, _ => 1L),
                Sums(metrics, "scrs.matching.levels.proven", "scrs.level"));
        }
    }

    [Fact]
    public void The_replications_counter_counts_the_replications_measured()
    {
        var scenario = ScenarioJson.Read(SimulationApiTests.Scenario).Value!;
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(MatchingTelemetry.SourceName).AddInMemoryExporter(metrics).Build();
        var batch = Simulator.RunBatch(scenario, 0, 3);
        meters.ForceFlush();
        Assert.Equal(3, batch.Outcomes.Length);
        Assert.Equal(new Dictionary<string, long> { [""] = 3 }, Sums(metrics, "scrs.matching.replications", null));
    }

    /// <summary>The sums of counter <paramref name="name"/>, by the value of tag <paramref name="tag"/> ("" without one).</summary>
    private static Dictionary<string, long> Sums(List<Metric> metrics, string name, string? tag)
    {
        var sums = new Dictionary<string, long>();
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var key = "";
                foreach (var t in point.Tags)
                {
                    if (t.Key == tag) key = (string)t.Value!;
                }
                sums[key] = sums.GetValueOrDefault(key) + point.GetSumLong();
            }
        }
        return sums;
    }
}
