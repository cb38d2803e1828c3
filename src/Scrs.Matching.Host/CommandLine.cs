using System.Globalization;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Solver;
using Scrs.Matching.Verification;

namespace Scrs.Matching.Host;

/// <summary>The <c>scrs-matching</c> command line: solve, validate, demo, generate.</summary>
/// <remarks>A user's mistake (bad file, bad option, invalid input) prints a clear message and exits 2; a roster that breaks a rule exits 1.</remarks>
internal static class CommandLine
{
    public const string Usage = """
        usage:
          scrs-matching solve PROBLEM.json --out ROSTER.json [--time-limit SECONDS] [--gap G] [--seed N] [--threads N] [--engine auto|cpsat|highs|cbc] [--export-mps MODEL.mps]
          scrs-matching validate PROBLEM.json ROSTER.json
          scrs-matching demo [--time-limit SECONDS (default 600)] [--engine auto|cpsat|highs|cbc]
          scrs-matching generate --out PROBLEM.json [--seed N] [--family small|corps|surge|large] [--active N] [--standby N] [--reserve N] [--contractors N] [--operations N] [--positions N]
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length == 0) throw new UsageException("no command given");
            var options = Options.Parse(args[1..]);
            return args[0] switch
            {
                "solve" => Solve(options, output),
                "validate" => Validate(options, output),
                "demo" => Demo(options, output),
                "generate" => Generate(options, output),
                "help" or "--help" or "-h" => Help(output),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (Exception e) when (e is UsageException or ArgumentException)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Message}");
            foreach (var line in e.Lines) error.WriteLine($"  {line}");
            return 2;
        }
        catch (SolverUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 3;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    private static int Solve(Options options, TextWriter output)
    {
        var problem = ReadProblem(options.Positional(0, "PROBLEM.json"));
        var outPath = options.Required("--out");
        var roster = RosterPlanner.Plan(problem, PlannerOptions(options));
        File.WriteAllText(outPath, RosterJson.Write(roster));
        output.WriteLine(RosterSummary.ToText(problem, roster));
        output.WriteLine($"roster written to {outPath}");
        return roster.Status == RosterStatus.Infeasible ? 1 : 0;
    }

    private static int Validate(Options options, TextWriter output)
    {
        var problem = ReadProblem(options.Positional(0, "PROBLEM.json"));
        var rosterPath = options.Positional(1, "ROSTER.json");
        var read = RosterJson.ReadAssignments(ReadFile(rosterPath));
        if (!read.Ok) throw new InputException($"{rosterPath} is not a valid roster", read.Errors.Select(e => e.ToString()));
        var violations = RosterValidator.Validate(problem, read.Value);
        if (violations.IsEmpty)
        {
            output.WriteLine($"valid: {read.Value.Length} assignments keep every rule");
            output.WriteLine(RosterEvaluator.Evaluate(problem, read.Value).ToString());
            return 0;
        }
        output.WriteLine($"invalid: {violations.Length} violation(s)");
        foreach (var v in violations) output.WriteLine($"  {v}");
        return 1;
    }

    private static int Demo(Options options, TextWriter output)
    {
        var problem = SampleCorps.Generate(SampleCorpsOptions.Default);
        output.WriteLine($"Sample corps (seed {SampleCorpsOptions.Default.Seed}): {problem.Members.Length} members, "
            + $"{problem.Operations.Length} operations, {problem.Operations.Sum(o => o.Positions.Length)} positions");
        var roster = RosterPlanner.Plan(problem, PlannerOptions(options, DemoTimeLimitSeconds) with { Progress = new ConsoleProgress(output) });
        output.WriteLine(RosterSummary.ToText(problem, roster));
        return 0;
    }

    private static int Generate(Options options, TextWriter output)
    {
        var outPath = options.Required("--out");
        var sample = options.Value("--family") is { } family ? Family(family) : SampleCorpsOptions.Default;
        sample = sample with
        {
            Seed = options.Int("--seed") ?? sample.Seed,
            ActiveMembers = options.Int("--active") ?? sample.ActiveMembers,
            StandbyMembers = options.Int("--standby") ?? sample.StandbyMembers,
            ReserveMembers = options.Int("--reserve") ?? sample.ReserveMembers,
            Contractors = options.Int("--contractors") ?? sample.Contractors,
            Operations = options.Int("--operations") ?? sample.Operations,
            PositionsPerOperation = options.Int("--positions") ?? sample.PositionsPerOperation,
        };
        var problem = SampleCorps.Generate(sample);
        File.WriteAllText(outPath, ProblemJson.Write(problem));
        output.WriteLine($"wrote {outPath}: {problem.Members.Length} members, {problem.Operations.Length} operations, "
            + $"{problem.Operations.Sum(o => o.Positions.Length)} positions");
        return 0;
    }

    private static SampleCorpsOptions Family(string name)
    {
        try
        {
            return SampleCorps.Families.ForFamily(name);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The demo sets out to prove its roster optimal (about two minutes on two cores), so it allows more time than a solve.</summary>
    private const double DemoTimeLimitSeconds = 600;

    private static PlannerOptions PlannerOptions(Options options, double defaultTimeLimit = 30) => new()
    {
        TimeLimit = TimeSpan.FromSeconds(options.Double("--time-limit") ?? defaultTimeLimit),
        RelativeGap = options.Double("--gap") ?? 0,
        Seed = options.Int("--seed") ?? 0,
        Threads = options.Int("--threads") ?? 1,
        ModelExportPath = options.Value("--export-mps"),
        Engine = options.Value("--engine") is { } engine ? Engine(engine) : SolverEngine.Auto,
    };

    private static SolverEngine Engine(string name) =>
        Enum.GetValues<SolverEngine>().Cast<SolverEngine?>().FirstOrDefault(e => e.ToString()!.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"option --engine must be auto, cpsat, highs or cbc, got '{name}'");

    private static DeploymentProblem ReadProblem(string path)
    {
        var read = ProblemJson.Read(ReadFile(path));
        if (!read.Ok) throw new InputException($"{path} has {read.Errors.Length} error(s)", read.Errors.Select(e => e.ToString()));
        return read.Value!;
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {path}: {e.Message}", []);
        }
    }

    private sealed class ConsoleProgress(TextWriter output) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{value.Elapsed.TotalSeconds,7:F2} s] {value.Stage}: {value.Message}"));
    }
}

/// <summary>A malformed command line.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>An input file that cannot be read or is invalid; <see cref="Lines"/> lists every problem.</summary>
internal sealed class InputException(string message, IEnumerable<string> lines) : Exception(message)
{
    public IReadOnlyList<string> Lines { get; } = [.. lines];
}

/// <summary>Positional arguments and <c>--name value</c> options.</summary>
internal sealed class Options
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { options._positional.Add(args[i]); continue; }
            if (i + 1 >= args.Length) throw new UsageException($"option {args[i]} needs a value");
            if (!options._named.TryAdd(args[i], args[++i])) throw new UsageException($"option {args[i - 1]} is given twice");
        }
        return options;
    }

    public string Positional(int k, string name) =>
        k < _positional.Count ? _positional[k] : throw new UsageException($"missing argument {name}");

    public string? Value(string name) => _named.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new UsageException($"missing option {name}");

    public int? Int(string name) => Value(name) is not { } v ? null
        : int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new UsageException($"option {name} must be a whole number, got '{v}'");

    public double? Double(string name) => Value(name) is not { } v ? null
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : throw new UsageException($"option {name} must be a number, got '{v}'");
}
