using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Domain;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;

namespace Scrs.Matching.Benchmarks.WhatIf;

/// <summary>How one what-if solved: the time to prove the coverage levels and all levels, and where the time went.</summary>
internal sealed record WhatIfPoint(WhatIfInstance Instance, Roster Roster, double CoverageSeconds, double TotalSeconds,
    double BaseSeconds, IReadOnlyList<LevelProfile> Levels);

/// <summary>One level's share of a solve: its time, its pricing rounds, and its restricted searches with their columns.</summary>
internal sealed record LevelProfile(string Level, double Seconds, int PricingRounds, int CutRounds, IReadOnlyList<int> SearchedColumns, long Nodes);

/// <summary>
/// Solves the what-if family (<see cref="WhatIfFamily"/>) from scratch, each instance beside the fresh solve of its base,
/// and reports per instance and as p50/p95/max the time to prove the four coverage levels and all six.
/// </summary>
internal static class WhatIfRun
{
    public static int Run(int first, int count, TimeSpan timeLimit, SolverEngine engine, TextWriter output)
    {
        var options = PlannerOptions.Default with { TimeLimit = timeLimit, Engine = engine };
        var bases = new ConcurrentDictionary<string, DeploymentProblem>();
        DeploymentProblem Base(string family) => bases.GetOrAdd(family, WhatIfFamily.Base);
        var baseSeconds = new Dictionary<string, double>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"what-if family: seeds {first}..{first + count - 1}, engine {engine.ToString().ToLowerInvariant()}, time limit {timeLimit.TotalSeconds} s, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
        foreach (var family in WhatIfFamily.Families)
        {
            var (roster, seconds, _) = Solve(Base(family), options);
            baseSeconds[family] = seconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"base {family}: {roster.Status}, all levels {seconds:F1} s"));
        }
        output.WriteLine();
        output.WriteLine($"{"instance",-22} {"status",-9} {"coverage s",10} {"all s",7} {"/base",6}  slowest level (s, LP rounds, cut rounds, searches: columns) | variation");
        var points = new List<WhatIfPoint>();
        for (var seed = first; seed < first + count; seed++)
        {
            var instance = WhatIfFamily.Instance(seed, Base);
            var (roster, total, profile) = Solve(instance.Problem, options);
            var coverage = profile.Where(p => p.Level is "critical" or "high" or "normal" or "low").Sum(p => p.Seconds)
                + (roster.Statistics is { } s ? (s.EligibilityMillis + s.ModelMillis) / 1000.0 : 0);
            var point = new WhatIfPoint(instance, roster, coverage, total, baseSeconds[instance.Family], profile);
            points.Add(point);
            var slowest = profile.OrderByDescending(p => p.Seconds).FirstOrDefault();
            var where = slowest is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $"{slowest.Level} {slowest.Seconds:F1} s, {slowest.PricingRounds} LP, {slowest.CutRounds} cut, searches: {string.Join("/", slowest.SearchedColumns)}, {slowest.Nodes} nodes");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{instance.Name,-22} {roster.Status,-9} {coverage,10:F1} {total,7:F1} {total / point.BaseSeconds,6:F2}  {where} | {instance.Detail}"));
        }
        output.WriteLine();
        Summary(output, "all", points);
        foreach (var family in WhatIfFamily.Families) Summary(output, family, points.Where(p => p.Instance.Family == family).ToList());
        var unproven = points.Where(p => p.Roster.Status != RosterStatus.Optimal).ToList();
        output.WriteLine($"not proven optimal at every level: {unproven.Count} of {points.Count}{(unproven.Count > 0 ? ": " + string.Join(", ", unproven.Select(p => p.Instance.Name)) : "")}");
        return 0;
    }

    private static void Summary(TextWriter output, string label, List<WhatIfPoint> points)
    {
        if (points.Count == 0) return;
        static string Stats(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return string.Create(CultureInfo.InvariantCulture,
                $"p50 {Percentile(sorted, 0.5),6:F1}  p95 {Percentile(sorted, 0.95),6:F1}  max {sorted[^1],6:F1}");
        }
        output.WriteLine($"{label,-6} ({points.Count,2}): coverage s {Stats(points.Select(p => p.CoverageSeconds))} | all s {Stats(points.Select(p => p.TotalSeconds))} | all/base {Stats(points.Select(p => p.TotalSeconds / p.BaseSeconds))}");
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Solves with progress recorded, and returns the roster, the wall time and each level's profile.</summary>
    private static (Roster Roster, double Seconds, IReadOnlyList<LevelProfile> Profile) Solve(DeploymentProblem problem, PlannerOptions options)
    {
        var messages = new List<PlanProgress>();
        var progress = new Recorder(messages);
        var clock = Stopwatch.StartNew();
        var roster = RosterPlanner.Plan(problem, options with { Progress = progress });
        var seconds = clock.Elapsed.TotalSeconds;
        var profile = new List<LevelProfile>();
        foreach (var stage in roster.Statistics?.Stages ?? [])
        {
            var mine = messages.Where(m => m.Stage == stage.Level).Select(m => m.Message).ToList();
            var searched = mine.Where(m => m.StartsWith("pricing: searched ", StringComparison.Ordinal))
                .Select(m => int.Parse(m["pricing: searched ".Length..m.IndexOf(' ', "pricing: searched ".Length)], CultureInfo.InvariantCulture)).ToList();
            profile.Add(new LevelProfile(stage.Level, stage.Millis / 1000.0, mine.Count(m => m.StartsWith("pricing round", StringComparison.Ordinal)),
                mine.Count(m => m.StartsWith("pricing: cut round", StringComparison.Ordinal)), searched, stage.Nodes));
        }
        return (roster, seconds, profile);
    }

    /// <summary>Records progress synchronously (<see cref="Progress{T}"/> would post to the thread pool and lose the order).</summary>
    private sealed class Recorder(List<PlanProgress> messages) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value)
        {
            lock (messages) messages.Add(value);
        }
    }
}
