using System.Collections.Immutable;
using System.Globalization;
using Scrs.Matching.Benchmarks.Compare;
using Scrs.Matching.Benchmarks.Gap;
using Scrs.Matching.Benchmarks.Scaling;
using Scrs.Matching.Planning;
using Scrs.Matching.Samples;

namespace Scrs.Matching.Benchmarks;

/// <summary>A mistake on the command line; the message says which.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The sub-commands <c>compare</c>, <c>gap</c> and <c>scaling</c>. Exit codes: 0 good, 1 a check failed, 2 usage.</summary>
internal static class Commands
{
    public const string Usage = """
        usage:
          dotnet run -c Release --project benchmarks/Scrs.Matching.Benchmarks -- --filter '*'        (BenchmarkDotNet phase benchmarks)
          ... -- compare --family small|corps|corps-ready|surge|large [--time-limit SECONDS (120)] [--warm-start true|false (true)] [--engines cpsat,highs,cbc,auto (all)] [--work DIR]
          ... -- gap [FILE|FOLDER ...] [--time-limit SECONDS (10)] [--engine cpsat|highs|cbc|auto (cbc)]     (default: the repository's benchmarks/gap)
          ... -- scaling [--sizes 1000,2000,5000,10000,20000] [--time-limit SECONDS (60)] [--engine auto|cpsat|highs|cbc (auto)]
          ... -- host [--jobs 60] [--workers N (one per core)]     (the worker host over HTTP: latency, throughput, cancellation)
          ... -- replan [--family small|corps|corps-ready|surge|large (corps)] [--seats 3] [--time-limit SECONDS (300)]     (re-plan and recommend against a plain solve)
          ... -- replan --answers N [--family corps] [--time-limit SECONDS (300)]     (answers to offers re-planned as the worker host does, against fresh re-plans)
          ... -- replan --budget-family SEEDS [--top 3] [--time-limit SECONDS (300)]     (recommendations on 100-member corps whose budget binds, one per seed)
          ... -- whatif [--first 0] [--count 30] [--time-limit SECONDS (300)] [--engine auto|cpsat|highs|cbc (auto)] [--write FOLDER] [--sessions true [--families small,corps,surge]] [--corps-base corps-ready] [--coverage-only true]     (the what-if family, issue 21; --write: only write the instances' problem files; --sessions: each as a fork of its solved base beside a fresh solve; --corps-base: the corps instances only, varied from this family; --coverage-only: the four coverage levels)
          ... -- profile PROBLEM.json [--time-limit SECONDS (300)] [--engine auto|cpsat|highs|cbc (auto)]     (one solve with every progress message timed)
          ... -- profile --scenario PATH [--replications 3] [--engine (the simulation's)]     (a static scenario's base solve, then each replication's fork, every progress message timed; then the replications' p50, p95, max and mean, and the time of each level)
          ... -- advise [--family small|corps|corps-ready|surge|large (corps)] [--seeds 5] [--top 10] [--time-limit SECONDS (300)]     (advise as the command line runs it, one corps per seed: p50, p95, max)
          ... -- cancel [--families corps,corps-ready] [--engines cpsat,highs,cbc] [--delays 5] [--seed 1] [--max-delay SECONDS (40)]     (solves cancelled after seeded delays: ms from Cancel() to the return, p50, p95, worst per engine, and where the time went)
          ... -- classes [--families small,corps,corps-ready,large]     (members the model cannot tell apart: classes per family, their largest, the tours they keep)
          ... -- simulation [--scenario PATH (samples/three-operations-twelve-months.json)] [--replications 20] [--parallel 2] [--engines highs,cbc,cpsat] [--mode static|rolling (the scenario's)]
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var options = Options.Parse(args[1..]);
            return args[0] switch
            {
                "compare" => Compare(options, output),
                "gap" => Gap(options, output),
                "scaling" => Scale(options, output),
                "host" => HostBenchmark(options, output),
                "simulation" => SimulationBenchmark(options, output),
                "replan" => ReplanBenchmark(options, output),
                "whatif" => WhatIfBenchmark(options, output),
                "profile" => Profile(options, output),
                "advise" => AdviseBenchmark(options, output),
                "cancel" => CancelBenchmark(options, output),
                "classes" => ClassesBenchmark(options, output),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }
    }

    private static int Compare(Options options, TextWriter output)
    {
        options.Only("--family", "--time-limit", "--warm-start", "--engines", "--work");
        var family = options.Value("--family") ?? throw new UsageException("compare needs --family");
        if (!SampleCorps.Families.Names.Contains(family.ToLowerInvariant()))
            throw new UsageException($"unknown family '{family}'; valid: {string.Join(", ", SampleCorps.Families.Names)}");
        var work = options.Value("--work") ?? Path.Combine(Path.GetTempPath(), "scrs-matching-benchmarks");
        var warmStart = options.Value("--warm-start") is not { } text || (bool.TryParse(text, out var on)
            ? on : throw new UsageException($"--warm-start: '{text}' is not true or false"));
        var engines = options.Value("--engines") is { } list
            ? list.Split(',').Select(name => Engine("--engines", name)).ToImmutableArray()
            : Comparison.AllEngines;
        var result = Comparison.Run(new ComparisonOptions(family.ToLowerInvariant(), options.Seconds("--time-limit", 120), work, warmStart, engines), output);
        ComparisonTable.Write(result, output);
        return result.Agrees ? 0 : 1;
    }

    private static int Gap(Options options, TextWriter output)
    {
        options.Only("--time-limit", "--engine");
        var engine = options.Value("--engine") is { } name ? Engine("--engine", name) : SolverEngine.Cbc;
        var paths = options.Positionals;
        if (paths.Count == 0)
        {
            var folder = GapSuite.FindFolder(Directory.GetCurrentDirectory())
                ?? throw new UsageException($"no benchmarks/gap (with {GapSuite.DataFile}) above {Directory.GetCurrentDirectory()}; name the instance files or folders");
            paths = [folder];
        }
        IReadOnlyList<string> files;
        try
        {
            files = GapSuite.Expand(paths);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
        var limit = options.Seconds("--time-limit", 10);
        output.WriteLine($"GAP: {files.Count} instance(s), engine {engine.ToString().ToLowerInvariant()} through the library with the roster engine's options, {limit.TotalSeconds} s each");
        output.WriteLine(GapSuite.Header);
        var report = GapSuite.Run(files, limit, output, engine);
        output.WriteLine();
        foreach (var (set, run, proven) in report.BySet())
            output.WriteLine($"{set}: {proven} of {run} proven optimal within {limit.TotalSeconds} s each");
        var failures = report.Failures.ToList();
        if (failures.Count == 0)
        {
            output.WriteLine("OK: no answer contradicts a known optimum or bound, and every solution is feasible.");
            return 0;
        }
        output.WriteLine($"!!! {failures.Count} answer(s) contradict what is known:");
        foreach (var f in failures) output.WriteLine($"!!!   {f.Instance}: {f.Failure}");
        return 1;
    }

    private static int Scale(Options options, TextWriter output)
    {
        options.Only("--sizes", "--time-limit", "--engine");
        var sizes = options.Value("--sizes") is { } text
            ? text.Split(',').Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new UsageException($"--sizes: '{s}' is not a positive member count")).ToList()
            : [.. ScalingRun.DefaultSizes];
        var limit = options.Seconds("--time-limit", 60);
        var engine = options.Value("--engine") is { } name ? Engine("--engine", name) : SolverEngine.Auto;
        output.WriteLine($"scaling: JSON in to verified roster out, time limit {limit.TotalSeconds} s per size, engine {engine.ToString().ToLowerInvariant()}; times in ms");
        output.WriteLine(ScalingRun.Header);
        var points = new List<ScalingPoint>();
        foreach (var members in sizes)
        {
            var point = ScalingRun.Measure(members, limit, engine);
            output.WriteLine(ScalingRun.Format(point));
            points.Add(point);
        }
        if (points.Select(p => p.Members).Distinct().Count() >= 2)
        {
            var exponent = ScalingRun.FittedExponent([.. points.Select(p => ((double)p.Members, (double)p.TotalMillis))]);
            output.WriteLine($"fitted exponent of total time vs members (least squares, log-log): {exponent:F2}");
        }
        if (points.Any(p => p.Roster.Status != Report.RosterStatus.Optimal))
            output.WriteLine("note: sizes not proven optimal stopped at the time limit; their time is the limit, which flattens the exponent.");
        return 0;
    }

    private static int HostBenchmark(Options options, TextWriter output)
    {
        options.Only("--jobs", "--workers");
        return Host.HostRun.RunAsync(options.Count("--jobs", 60), options.Count("--workers", Environment.ProcessorCount), output).GetAwaiter().GetResult();
    }

    private static int SimulationBenchmark(Options options, TextWriter output)
    {
        options.Only("--scenario", "--replications", "--parallel", "--engines", "--mode");
        var path = options.Value("--scenario") ?? Simulation.SimulationRun.FindScenario(Directory.GetCurrentDirectory())
            ?? throw new UsageException("no samples/three-operations-twelve-months.json above the working folder; give --scenario");
        var engines = options.Value("--engines") is { } list
            ? list.Split(',').Select(name => Engine("--engines", name)).ToList()
            : [SolverEngine.Highs, SolverEngine.Cbc, SolverEngine.CpSat];
        var mode = options.Value("--mode") is { } name
            ? Scrs.Matching.Input.JsonNames.Modes.TryParse(name, out var parsed) ? parsed
                : throw new UsageException($"--mode: '{name}' is not static or rolling")
            : (Scrs.Matching.Simulation.SimulationMode?)null;
        return Simulation.SimulationRun.Run(path, options.Count("--replications", 20), options.Count("--parallel", 2), engines, mode, output);
    }

    private static int AdviseBenchmark(Options options, TextWriter output)
    {
        options.Only("--family", "--seeds", "--top", "--time-limit");
        var family = options.Value("--family") ?? "corps";
        if (!SampleCorps.Families.Names.Contains(family.ToLowerInvariant()))
            throw new UsageException($"unknown family '{family}'; valid: {string.Join(", ", SampleCorps.Families.Names)}");
        return Advice.AdviseRun.Run(family.ToLowerInvariant(), options.Count("--seeds", 5), options.Count("--top", 10), options.Seconds("--time-limit", 300), output);
    }

    private static int CancelBenchmark(Options options, TextWriter output)
    {
        options.Only("--families", "--engines", "--delays", "--seed", "--max-delay");
        var families = Families(options, SampleCorps.Families.Corps, SampleCorps.Families.CorpsReady);
        var engines = options.Value("--engines") is { } list
            ? list.Split(',').Select(name => Engine("--engines", name)).ToList()
            : [SolverEngine.CpSat, SolverEngine.Highs, SolverEngine.Cbc];
        return Cancellation.CancelRun.Run(families, engines, options.Count("--delays", 5), options.Count("--seed", 1),
            options.Seconds("--max-delay", 40).TotalSeconds, output);
    }

    private static int ClassesBenchmark(Options options, TextWriter output)
    {
        options.Only("--families");
        var families = Families(options, SampleCorps.Families.Small, SampleCorps.Families.Corps, SampleCorps.Families.CorpsReady, SampleCorps.Families.Large);
        return Classes.MemberClassesRun.Run(families, output);
    }

    /// <summary>The sample families of <c>--families</c> (comma-separated), or <paramref name="defaults"/>.</summary>
    private static string[] Families(Options options, params string[] defaults)
    {
        var families = options.Value("--families")?.Split(',') ?? defaults;
        foreach (var family in families.Where(f => !SampleCorps.Families.Names.Contains(f)))
            throw new UsageException($"--families: '{family}' is not one of {string.Join(", ", SampleCorps.Families.Names)}");
        return families;
    }

    private static int ReplanBenchmark(Options options, TextWriter output)
    {
        if (options.Value("--budget-family") is { } seeds)
        {
            options.Only("--budget-family", "--top", "--time-limit");
            return Replanning.BudgetRecommendRun.Run(int.TryParse(seeds, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : throw new UsageException($"--budget-family: '{seeds}' is not a positive count of seeds"), options.Count("--top", 3), options.Seconds("--time-limit", 300), output);
        }
        options.Only("--family", "--seats", "--answers", "--time-limit");
        var family = options.Value("--family") ?? "corps";
        if (!SampleCorps.Families.Names.Contains(family.ToLowerInvariant()))
            throw new UsageException($"unknown family '{family}'; valid: {string.Join(", ", SampleCorps.Families.Names)}");
        if (options.Value("--answers") is not null)
            return Replanning.AnswersRun.Run(family.ToLowerInvariant(), options.Count("--answers", 10), options.Seconds("--time-limit", 300), output);
        return Replanning.ReplanRun.Run(family.ToLowerInvariant(), options.Count("--seats", 3), options.Seconds("--time-limit", 300), output);
    }

    private static int Profile(Options options, TextWriter output)
    {
        options.Only("--time-limit", "--engine", "--scenario", "--replications");
        if (options.Value("--scenario") is { } scenarioPath)
        {
            if (options.Positionals.Count > 0) throw new UsageException("profile takes a problem file or --scenario, not both");
            return Simulation.SimulationRun.Profile(scenarioPath, options.Count("--replications", 3),
                options.Value("--engine") is { } named ? Engine("--engine", named) : Scrs.Matching.Simulation.SimulationOptions.Default.Engine, new Timed(output), output);
        }
        if (options.Positionals is not [var path]) throw new UsageException("profile needs one problem file");
        var problem = Scrs.Matching.Input.ProblemJson.Read(File.ReadAllText(path)) is { Value: { } read } ? read
            : throw new UsageException($"{path} is not a valid problem");
        var engine = options.Value("--engine") is { } name ? Engine("--engine", name) : SolverEngine.Auto;
        var roster = RosterPlanner.Plan(problem, PlannerOptions.Default with
        {
            TimeLimit = options.Seconds("--time-limit", 300),
            Engine = engine,
            Progress = new Timed(output),
        });
        output.WriteLine($"{roster.Status} in {roster.SolveMillis} ms: {roster.Objective}");
        return 0;
    }

    /// <summary>Writes each progress message at once with its time.</summary>
    internal sealed class Timed(TextWriter output) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Elapsed.TotalSeconds,8:F2} {value.Stage,-12} {value.Message}"));
    }

    private static int WhatIfBenchmark(Options options, TextWriter output)
    {
        options.Only("--first", "--count", "--time-limit", "--engine", "--write", "--sessions", "--families", "--corps-base", "--coverage-only");
        var first = options.Value("--first") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--first: '{text}' is not a whole number")
            : 0;
        var engine = options.Value("--engine") is { } name ? Engine("--engine", name) : SolverEngine.Auto;
        var corpsBase = options.Value("--corps-base");
        if (corpsBase is not null && !SampleCorps.Families.Names.Contains(corpsBase))
            throw new UsageException($"--corps-base: '{corpsBase}' is not one of {string.Join(", ", SampleCorps.Families.Names)}");
        if (options.Value("--write") is { } folder)
        {
            Directory.CreateDirectory(folder);
            for (var seed = first; seed < first + options.Count("--count", 30); seed++)
            {
                if (corpsBase is not null && WhatIf.WhatIfFamily.FamilyOf(seed) != SampleCorps.Families.Corps) continue;
                var instance = WhatIf.WhatIfFamily.Instance(seed, f => WhatIf.WhatIfFamily.Base(f, corpsBase));
                var file = Path.Combine(folder, instance.Name.Replace('/', '-') + ".json");
                File.WriteAllText(file, Scrs.Matching.Input.ProblemJson.Write(instance.Problem));
                output.WriteLine($"{file}: {instance.Detail}");
            }
            return 0;
        }
        var sessions = options.Value("--sessions") is { } flag && (bool.TryParse(flag, out var on) ? on
            : throw new UsageException($"--sessions: '{flag}' is not true or false"));
        var families = options.Value("--families")?.Split(',') ?? [.. WhatIf.WhatIfFamily.Families];
        foreach (var family in families.Where(f => !WhatIf.WhatIfFamily.Families.Contains(f)))
            throw new UsageException($"--families: '{family}' is not one of {string.Join(", ", WhatIf.WhatIfFamily.Families)}");
        if (!sessions && options.Value("--families") is not null) throw new UsageException("--families goes with --sessions true");
        var coverageOnly = options.Value("--coverage-only") is { } only && (bool.TryParse(only, out var yes) ? yes
            : throw new UsageException($"--coverage-only: '{only}' is not true or false"));
        if (sessions && (corpsBase is not null || coverageOnly)) throw new UsageException("--corps-base and --coverage-only go without --sessions");
        if (sessions)
            return WhatIf.WhatIfRun.RunSessions(first, options.Count("--count", 30), options.Seconds("--time-limit", 300), engine,
                families, output);
        return WhatIf.WhatIfRun.Run(first, options.Count("--count", 30), options.Seconds("--time-limit", 300), engine, output, corpsBase, coverageOnly);
    }

    /// <summary>The engine <paramref name="name"/> names (<c>cpsat</c>, <c>highs</c>, <c>cbc</c>, <c>auto</c>, any case).</summary>
    private static SolverEngine Engine(string option, string name) =>
        Enum.GetValues<SolverEngine>().Cast<SolverEngine?>().FirstOrDefault(e => e.ToString()!.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"{option}: '{name}' is not one of {string.Join(", ", Enum.GetNames<SolverEngine>()).ToLowerInvariant()}");

    /// <summary><c>--name value</c> options and positional arguments.</summary>
    private sealed class Options
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public List<string> Positionals { get; } = [];

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (var k = 0; k < args.Length; k++)
            {
                if (!args[k].StartsWith("--", StringComparison.Ordinal))
                {
                    options.Positionals.Add(args[k]);
                    continue;
                }
                if (k + 1 >= args.Length) throw new UsageException($"{args[k]} needs a value");
                options._values[args[k]] = args[++k];
            }
            return options;
        }

        public void Only(params string[] names)
        {
            foreach (var name in _values.Keys.Where(n => !names.Contains(n)))
                throw new UsageException($"unknown option {name}");
        }

        public string? Value(string name) => _values.GetValueOrDefault(name);

        public int Count(string name, int fallback) => Value(name) is not { } text ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new UsageException($"{name}: '{text}' is not a positive whole number");

        public TimeSpan Seconds(string name, double defaultSeconds)
        {
            if (Value(name) is not { } text) return TimeSpan.FromSeconds(defaultSeconds);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && double.IsFinite(s)
                ? TimeSpan.FromSeconds(s)
                : throw new UsageException($"{name}: '{text}' is not a positive number of seconds");
        }
    }
}
