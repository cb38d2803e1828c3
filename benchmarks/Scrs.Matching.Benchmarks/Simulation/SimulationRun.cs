using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Simulation;

namespace Scrs.Matching.Benchmarks.Simulation;

/// <summary>
/// A scenario's replications through each engine, side by side in one run: the static base's solve, seconds per
/// replication after it, the projected time
/// of the issue's target count (demo corps in 10 minutes: 1,000 static replications, 100 rolling ones), and the mean
/// critical fill (which every engine must agree on).
/// </summary>
internal static class SimulationRun
{
    /// <summary>The repository's shipped scenario (samples/three-operations-twelve-months.json) above <paramref name="folder"/>, or null.</summary>
    public static string? FindScenario(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "three-operations-twelve-months.json");
            if (File.Exists(path)) return path;
        }
        return null;
    }

    public static int Run(string path, int replications, int parallel, IReadOnlyList<SolverEngine> engines, SimulationMode? mode, TextWriter output)
    {
        var read = ScenarioJson.Read(File.ReadAllText(path));
        if (!read.Ok) throw new UsageException($"{path}: {string.Join("; ", read.Errors)}");
        var scenario = read.Value! with { Replications = replications, Mode = mode ?? read.Value!.Mode };
        var target = scenario.Mode == SimulationMode.Rolling ? 100 : 1000;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulation: {path}, {scenario.Mode.ToString().ToLowerInvariant()} mode, {replications} replications, {parallel} at once, {scenario.Problem.Members.Length} members"));
        output.WriteLine($"{"engine",-8} {"base s",7} {"seconds",9} {"s/replication",14} {$"{target:N0} (min)",12} {"unproven",9} {"critical mean",14}");
        var fills = new List<double?>();
        foreach (var engine in engines)
        {
            var options = new SimulationOptions { Parallel = parallel, Engine = engine };
            // A static run solves the scenario problem once and forks it for every replication: that solve is timed
            // apart (replication 0 run on its own: the base and one replication), so the projection counts it once, not once
            // per replication.
            var clock = Stopwatch.StartNew();
            var baseSeconds = 0.0;
            if (scenario.Mode == SimulationMode.Static)
            {
                Simulator.RunBatch(scenario, 0, 1, options);
                baseSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
            }
            var results = Simulator.Run(scenario, options);
            var seconds = clock.Elapsed.TotalSeconds;
            var critical = results.Priorities.Single(p => p.Priority == Domain.Priority.Critical).Mean;
            fills.Add(results.UnprovenReplications == 0 ? critical : null);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{engine.ToString().ToLowerInvariant(),-8} {baseSeconds,7:F1} {seconds,9:F1} {seconds / replications,14:F2} {(baseSeconds + seconds / replications * target) / 60,12:F1} {results.UnprovenReplications,9} {critical,14:P3}"));
        }
        // Every replication proven: the engines' coverage optima, and so the fill rates, are the same.
        var proven = fills.OfType<double>().Distinct().Count();
        if (proven > 1)
        {
            output.WriteLine("FAILED: engines that proved every replication disagree on the critical fill rate");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// A static scenario's base problem solved as the simulator solves it, then each of the first
    /// <paramref name="replications"/> replications as the simulator runs it (a fork with its future applied as edits),
    /// one at a time, with every progress message timed and each replication's phases; then the distribution of the
    /// replications' times and each level's time over them.
    /// </summary>
    public static int Profile(string path, int replications, SolverEngine engine, IProgress<PlanProgress> progress, TextWriter output)
    {
        var read = ScenarioJson.Read(File.ReadAllText(path));
        if (!read.Ok) throw new UsageException($"{path}: {string.Join("; ", read.Errors)}");
        var scenario = read.Value!;
        var options = Simulator.PlannerOptions(SimulationOptions.Default with { Engine = engine }) with { Progress = progress };
        output.WriteLine($"base: {scenario.Problem.Members.Length} members");
        var clock = Stopwatch.StartNew();
        var session = Sessions.PlanningSession.Create(scenario.Problem, options);
        Phases(session.Solve(), clock, output);
        var seconds = new double[replications];
        var levels = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < replications; r++)
        {
            output.WriteLine($"replication {r}");
            clock.Restart();
            var fork = session.Fork();
            fork.Apply([.. ReplicationSampler.Edits(scenario, r)]);
            var applied = clock.ElapsedMilliseconds;
            var roster = fork.Solve();
            Phases(roster, clock, output, applied);
            seconds[r] = clock.Elapsed.TotalSeconds;
            foreach (var stage in roster.Statistics.Stages) levels[stage.Level] = levels.GetValueOrDefault(stage.Level) + stage.Millis;
        }
        if (replications == 0) return 0;
        Array.Sort(seconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replications: p50 {WhatIf.WhatIfRun.Percentile(seconds, 0.5):F2} s, p95 {WhatIf.WhatIfRun.Percentile(seconds, 0.95):F2} s, max {seconds[^1]:F2} s, "
            + $"mean {seconds.Average():F2} s; by level in all: {string.Join(", ", levels.Select(l => $"{l.Key} {l.Value / 1000.0:F1} s"))}"));
        return 0;
    }

    private static void Phases(Report.Roster roster, Stopwatch clock, TextWriter output, long applyMillis = 0)
    {
        var s = roster.Statistics;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {roster.Status} in {clock.ElapsedMilliseconds} ms: apply {applyMillis}, eligibility {s.EligibilityMillis}, model {s.ModelMillis}, search {s.SolveMillis}, verify {s.VerifyMillis}, report and the rest {roster.SolveMillis - s.EligibilityMillis - s.ModelMillis - s.SolveMillis - s.VerifyMillis}"));
    }
}
