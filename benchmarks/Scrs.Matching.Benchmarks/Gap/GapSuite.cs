using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Scrs.Matching.Solver;
using Scrs.Matching.Planning;
using Scrs.Matching.Solver.Gap;

namespace Scrs.Matching.Benchmarks.Gap;

/// <summary>What is known about an instance from a <c>data.csv</c> beside it (minimization).</summary>
/// <param name="Set">The data set (for example <c>chu1997</c>).</param>
/// <param name="Optimum">The proven optimum, when there is one.</param>
/// <param name="Bound">The best known lower bound.</param>
/// <param name="BestKnown">The best known solution value.</param>
internal sealed record GapKnown(string Set, double? Optimum, double? Bound, double? BestKnown);

/// <summary>One instance solved.</summary>
/// <param name="Instance">Path relative to its <c>data.csv</c>, else the file path.</param>
/// <param name="Known">What is known about it, or <see langword="null"/> for a file no <c>data.csv</c> lists.</param>
/// <param name="Status">How the solve ended.</param>
/// <param name="Value">Cost of our solution, recomputed from the instance; <see langword="null"/> without one.</param>
/// <param name="Bound">Our proven lower bound.</param>
/// <param name="Elapsed">Wall time of the solve (model building included).</param>
/// <param name="Failure">Why this answer contradicts what is known, or <see langword="null"/>.</param>
internal sealed record GapRun(string Instance, GapKnown? Known, MipStatus Status, double? Value, double Bound, TimeSpan Elapsed, string? Failure)
{
    public bool ProvenOptimal => Status == MipStatus.Optimal;
}

/// <summary>The answers on a list of instances.</summary>
internal sealed record GapReport(ImmutableArray<GapRun> Runs)
{
    public IEnumerable<GapRun> Failures => Runs.Where(r => r.Failure is not null);

    /// <summary>Per data set: instances run and instances proven optimal.</summary>
    public IEnumerable<(string Set, int Run, int Proven)> BySet() =>
        Runs.Where(r => r.Known is not null).GroupBy(r => r.Known!.Set).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Count(r => r.ProvenOptimal)));
}

/// <summary>
/// The OR-Library Generalized Assignment Problem instances (or any file in that format) solved through one of the
/// library's engines (CBC by default; without a warm start it solves the whole model) with the options the roster engine passes (<see cref="MipOptions"/> defaults: gap 0, one thread, seed 0),
/// checked against the known optima, bounds and feasibility computed from the instance itself.
/// </summary>
internal static class GapSuite
{
    public const string DataFile = "data.csv";

    /// <summary>The repository's instances: <c>benchmarks/gap</c> (with its <c>data.csv</c>) of the nearest ancestor of <paramref name="start"/> that has one.</summary>
    public static string? FindFolder(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var folder = Path.Combine(directory.FullName, "benchmarks", "gap");
            if (File.Exists(Path.Combine(folder, DataFile))) return folder;
        }
        return null;
    }

    /// <summary>The instance files named: files as given, folders searched recursively (documentation and <c>data.csv</c> left out).</summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public static ImmutableArray<string> Expand(IEnumerable<string> paths)
    {
        var files = ImmutableArray.CreateBuilder<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(Path.GetFullPath(path));
            else if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Path.GetFileName(f) != DataFile && Path.GetExtension(f) is not (".md" or ".txt"))
                    .Select(Path.GetFullPath).Order(StringComparer.Ordinal));
            else throw new FileNotFoundException($"GAP instance '{path}' is neither a file nor a folder.", path);
        }
        return files.ToImmutable();
    }

    /// <summary>Solves every file with <paramref name="engine"/>'s solver and checks each answer.</summary>
    public static GapReport Run(IReadOnlyList<string> files, TimeSpan timeLimit, TextWriter progress, SolverEngine engine = SolverEngine.Cbc)
    {
        var runs = ImmutableArray.CreateBuilder<GapRun>();
        foreach (var file in files)
        {
            var (name, known) = Lookup(file);
            var run = Solve(name, known, file, timeLimit, engine);
            progress.WriteLine(Format(run));
            runs.Add(run);
        }
        return new GapReport(runs.ToImmutable());
    }

    /// <summary>Solves the instance in <paramref name="file"/> and checks the answer against <paramref name="known"/>.</summary>
    public static GapRun Solve(string name, GapKnown? known, string file, TimeSpan timeLimit, SolverEngine engine = SolverEngine.Cbc)
    {
        var solver = SolverEngines.Create(engine);
        var instance = GapInstance.Parse(File.ReadAllText(file));
        var clock = Stopwatch.StartNew();
        var model = instance.ToModel(name);
        var solution = solver.Solve(model, new MipOptions(TimeLimit: timeLimit), CancellationToken.None);
        var elapsed = clock.Elapsed;
        string? infeasibility = null;
        double? value = null;
        if (solution.Values is { } values) value = Cost(instance, values, out infeasibility);
        var failure = infeasibility
            ?? (value is { } v && Math.Abs(v - solution.Objective) > 1e-6 ? $"{solver.Name} reports {solution.Objective}, the solution costs {v}" : null)
            ?? (solution.Status == MipStatus.Optimal && known?.Optimum is { } optimum && value != optimum ? $"proven optimum {value} but the known optimum is {optimum}" : null)
            ?? (value < known?.Bound - 1e-6 ? $"solution {value} below the known lower bound {known!.Bound}" : null)
            ?? (solution.Bound > (known?.Optimum ?? known?.BestKnown) + 1e-6 ? $"bound {solution.Bound} above the known value {known!.Optimum ?? known.BestKnown}" : null)
            ?? (solution.Status == MipStatus.Infeasible && known is not null ? "proven infeasible, but a solution is known" : null)
            ?? (solution.Status == MipStatus.Failed ? "the solver failed" : null);
        return new GapRun(name, known, solution.Status, value, solution.Bound, elapsed, failure);
    }

    /// <summary>The cost of an assignment, computed from the instance alone, and why it is infeasible if it is.</summary>
    private static long Cost(GapInstance instance, double[] values, out string? infeasibility)
    {
        infeasibility = null;
        var load = new long[instance.Agents];
        long cost = 0;
        for (var j = 0; j < instance.Items; j++)
        {
            var agents = Enumerable.Range(0, instance.Agents).Where(i => values[instance.Column(i, j)] > 0.5).ToList();
            if (agents.Count != 1)
            {
                infeasibility ??= $"item {j} is assigned to {agents.Count} agents";
                continue;
            }
            cost += instance.Cost(agents[0], j);
            load[agents[0]] += instance.Weight(agents[0], j);
        }
        for (var i = 0; i < instance.Agents; i++)
        {
            if (load[i] > instance.Capacity(i)) infeasibility ??= $"agent {i} carries {load[i]} over its capacity {instance.Capacity(i)}";
        }
        return cost;
    }

    /// <summary>The instance's name and what the nearest <c>data.csv</c> above it says about it.</summary>
    private static (string Name, GapKnown? Known) Lookup(string file)
    {
        for (var directory = Directory.GetParent(file); directory is not null; directory = directory.Parent)
        {
            var data = Path.Combine(directory.FullName, DataFile);
            if (!File.Exists(data)) continue;
            var relative = Path.GetRelativePath(directory.FullName, file).Replace('\\', '/');
            foreach (var line in File.ReadLines(data).Skip(1))
            {
                // Path, Format, Dataset, Item number, Agent number, Best known bound, Optimum, Best known solution value
                var f = line.Split(',');
                if (f.Length >= 8 && f[0] == relative) return (relative, new GapKnown(f[2], Number(f[6]), Number(f[5]), Number(f[7])));
            }
            return (relative, null);
        }
        return (file, null);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static string Header { get; } = $"{"instance",-30}  {"known",-13}  {"value",9}  {"bound",9}  {"status",-10}  {"time s",6}";

    public static string Format(GapRun run)
    {
        var known = run.Known switch
        {
            { Optimum: { } o } => $"{o:0}",
            { Bound: { } b, BestKnown: { } best } => $"[{b:0},{best:0}]",
            _ => "-",
        };
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{run.Instance,-30}  {known,-13}  {(run.Value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "-"),9}  {run.Bound,9:0.##}  {Status(run.Status),-10}  {run.Elapsed.TotalSeconds,6:F2}");
        return run.Failure is null ? line : line + "  !!! " + run.Failure;
    }

    public static string Status(MipStatus status) => status switch
    {
        MipStatus.TimeLimit => "time limit",
        MipStatus.GapReached => "gap",
        _ => status.ToString().ToLowerInvariant(),
    };
}
