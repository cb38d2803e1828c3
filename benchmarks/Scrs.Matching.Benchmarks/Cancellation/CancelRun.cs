using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Benchmarks.WhatIf;
using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks.Cancellation;

/// <summary>
/// How soon a cancelled solve returns: each family's corps solved by each engine, the token cancelled after each of a
/// seeded set of delays; the time from <c>Cancel()</c> to <see cref="RosterPlanner.Plan"/> returning, p50, p95 and worst
/// per engine, the stage the solve was in, and the longest stretch after the cancel without a progress message (the
/// message that ended it names the work that did not observe the token).
/// </summary>
internal static class CancelRun
{
    public static int Run(IReadOnlyList<string> families, IReadOnlyList<SolverEngine> engines, int count, int seed, double maxDelaySeconds,
        TextWriter output)
    {
        var random = new Random(seed);
        // The same delays for every family and engine, so that runs before and after a change pair up.
        double[] delays = [.. Enumerable.Range(0, count).Select(_ => Math.Round(1 + random.NextDouble() * (maxDelaySeconds - 1), 1)).Order()];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cancel: families {string.Join(",", families)}, engines {string.Join(",", engines).ToLowerInvariant()}, delays {string.Join(" ", delays)} s (seed {seed}), {Environment.ProcessorCount} processors"));
        output.WriteLine($"{"family",-12} {"engine",-6} {"delay",6} {"stage",-12} {"status",-9} {"latency",8}  longest quiet stretch after the cancel (ms, then what ended it)");
        var latencies = new Dictionary<SolverEngine, List<double>>();
        var failures = 0;
        foreach (var family in families)
        {
            var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily(family));
            foreach (var engine in engines)
            {
                foreach (var delay in delays)
                {
                    var run = Once(problem, engine, TimeSpan.FromSeconds(delay));
                    var latency = run.Latency is { } l ? l.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "-";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{family,-12} {engine.ToString().ToLowerInvariant(),-6} {delay,6:F1} {run.Stage,-12} {run.Status,-9} {latency,8}  {run.Quiet}"));
                    if (run.Latency is not { } took) continue;
                    (latencies.TryGetValue(engine, out var list) ? list : latencies[engine] = []).Add(took.TotalMilliseconds);
                    if (run.Status != RosterStatus.Cancelled) failures++;
                }
            }
        }
        output.WriteLine();
        output.WriteLine("ms from Cancel() to the return (runs that finished before their delay are left out):");
        foreach (var (engine, list) in latencies)
        {
            double[] sorted = [.. list.Order()];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{engine.ToString().ToLowerInvariant(),-6} n {sorted.Length,3}  p50 {WhatIfRun.Percentile(sorted, 0.5),7:F0}  p95 {WhatIfRun.Percentile(sorted, 0.95),7:F0}  worst {sorted[^1],7:F0}"));
        }
        if (failures == 0) return 0;
        output.WriteLine($"!!! {failures} cancelled run(s) did not return status Cancelled");
        return 1;
    }

    /// <summary>One solve cancelled after <paramref name="delay"/>; no latency when it returned first.</summary>
    private static (TimeSpan? Latency, string Stage, RosterStatus Status, string Quiet) Once(DeploymentProblem problem, SolverEngine engine, TimeSpan delay)
    {
        var clock = Stopwatch.StartNew();
        var events = new List<(TimeSpan At, string Stage, string Message)>();
        var gate = new Lock();
        TimeSpan? cancelledAt = null;
        using var cancel = new CancellationTokenSource();
        using var timer = new Timer(_ =>
        {
            lock (gate) cancelledAt = clock.Elapsed;
            cancel.Cancel();
        }, null, delay, Timeout.InfiniteTimeSpan);
        var roster = RosterPlanner.Plan(problem, PlannerOptions.Default with
        {
            Engine = engine,
            Progress = new Recorder(events, gate, clock),
        }, cancel.Token);
        var returned = clock.Elapsed;
        timer.Dispose();
        lock (gate)
        {
            if (cancelledAt is not { } at || at > returned) return (null, events.LastOrDefault().Stage ?? "-", roster.Status, "");
            var stage = events.LastOrDefault(e => e.At <= at).Stage ?? "start";
            // The stretches between the cancel, each later message, and the return.
            var after = events.Where(e => e.At > at).Append((At: returned, Stage: "", Message: "(returned)")).ToList();
            var (quiet, ended, previous) = (TimeSpan.Zero, "", at);
            foreach (var e in after)
            {
                if (e.At - previous > quiet) (quiet, ended) = (e.At - previous, $"{e.Stage} {e.Message}".Trim());
                previous = e.At;
            }
            var shown = ended.Length > 110 ? ended[..110] + "..." : ended;
            return (returned - at, stage, roster.Status, string.Create(CultureInfo.InvariantCulture, $"{quiet.TotalMilliseconds:F0} ms, then: {shown}"));
        }
    }

    /// <summary>Keeps each progress message with its time; CP-SAT reports from its own threads.</summary>
    private sealed class Recorder(List<(TimeSpan At, string Stage, string Message)> events, Lock gate, Stopwatch clock) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value)
        {
            lock (gate) events.Add((clock.Elapsed, value.Stage, value.Message));
        }
    }
}
