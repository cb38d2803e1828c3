using Scrs.Matching.Samples;
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
    /// <summary>
    /// Each instance solved as a fork of its family's solved base session (the variation given as the problem that
    /// replaces the base's) and fresh, side by side: the fork's time, the fresh time, their ratio; exit 1 when a fork's
    /// levels differ from the fresh solve's.
    /// </summary>
    public static int RunSessions(int first, int count, TimeSpan timeLimit, SolverEngine engine, IReadOnlyCollection<string> families, TextWriter output)
    {
        var options = PlannerOptions.Default with { TimeLimit = timeLimit, Engine = engine };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"what-if family through sessions: seeds {first}..{first + count - 1}, engine {engine.ToString().ToLowerInvariant()}, time limit {timeLimit.TotalSeconds} s, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
        var bases = new Dictionary<string, Sessions.PlanningSession>();
        foreach (var family in WhatIfFamily.Families.Where(families.Contains))
        {
            var clock = Stopwatch.StartNew();
            var session = Sessions.PlanningSession.Create(WhatIfFamily.Base(family), options);
            var roster = session.Solve();
            bases[family] = session;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"base {family}: {roster.Status}, {clock.Elapsed.TotalSeconds:F1} s"));
        }
        output.WriteLine($"{"instance",-22} {"fork",-9} {"fork s",7} {"fresh",-9} {"fresh s",7} {"ratio",6}  levels of the fork with no nodes in under 5 ms (proven without search, or at once)");
        var ratios = new List<double>();
        var forkSeconds = new List<double>();
        var disagree = 0;
        for (var seed = first; seed < first + count; seed++)
        {
            if (!families.Contains(WhatIfFamily.FamilyOf(seed))) continue;
            var instance = WhatIfFamily.Instance(seed, family => bases[family].Problem);
            var fork = bases[instance.Family].Fork();
            fork.Apply(new Sessions.ProblemReplaced(instance.Problem));
            var clock = Stopwatch.StartNew();
            var forked = fork.Solve();
            var forkTook = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var fresh = RosterPlanner.Plan(instance.Problem, options);
            var freshTook = clock.Elapsed.TotalSeconds;
            // Only proven answers must agree: a time limit leaves either where it stopped.
            var same = forked.Status != RosterStatus.Optimal || fresh.Status != RosterStatus.Optimal || forked.Objective == fresh.Objective;
            if (!same) disagree++;
            ratios.Add(forkTook / freshTook);
            forkSeconds.Add(forkTook);
            var noSearch = forked.Statistics.Stages.Count(st => st.Nodes == 0 && st.Millis < 5);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{instance.Name,-22} {forked.Status,-9} {forkTook,7:F1} {fresh.Status,-9} {freshTook,7:F1} {forkTook / freshTook,6:F2}  {noSearch}{(same ? "" : "  DISAGREE: " + forked.Objective + " vs " + fresh.Objective)}"));
        }
        var sortedRatios = ratios.Order().ToArray();
        var sortedForks = forkSeconds.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fork s p50 {Percentile(sortedForks, 0.5):F1} p95 {Percentile(sortedForks, 0.95):F1} max {sortedForks[^1]:F1}; fork/fresh p50 {Percentile(sortedRatios, 0.5):F2} p95 {Percentile(sortedRatios, 0.95):F2} max {sortedRatios[^1]:F2}; {disagree} disagree"));
        return disagree == 0 ? 0 : 1;
    }

    /// <summary>The what-if instances <paramref name="first"/>.. solved fresh, each against its base.</summary>
    /// <param name="corpsBase">
    /// When given, only the corps instances run, each with its variation applied to this family instead (corps-ready: the
    /// same corps with teams, credentials and courses; the same seeds, so the two runs pair instance by instance).
    /// </param>
    /// <param name="coverageOnly">Whether to solve the four coverage levels only (the what-if speed target).</param>
    public static int Run(int first, int count, TimeSpan timeLimit, SolverEngine engine, TextWriter output, string? corpsBase = null, bool coverageOnly = false)
    {
        var options = PlannerOptions.Default with { TimeLimit = timeLimit, Engine = engine, CoverageOnly = coverageOnly };
        var bases = new ConcurrentDictionary<string, DeploymentProblem>();
        DeploymentProblem Base(string family) => bases.GetOrAdd(family, f => WhatIfFamily.Base(f, corpsBase));
        var baseSeconds = new Dictionary<string, double>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"what-if family: seeds {first}..{first + count - 1}, engine {engine.ToString().ToLowerInvariant()}, time limit {timeLimit.TotalSeconds} s, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
        foreach (var family in WhatIfFamily.Families.Where(f => corpsBase is null || f == SampleCorps.Families.Corps))
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
            if (corpsBase is not null && WhatIfFamily.FamilyOf(seed) != SampleCorps.Families.Corps) continue;
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
        if (corpsBase is not null) output.WriteLine($"(the corps instances varied from {corpsBase}{(coverageOnly ? ", coverage levels only" : "")})");
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
