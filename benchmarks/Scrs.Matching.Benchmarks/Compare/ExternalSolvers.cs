using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrs.Matching.Benchmarks.Compare;

/// <summary>How a solver run ended, as the comparison reports it.</summary>
internal enum RunStatus
{
    Optimal,
    Feasible,
    TimeLimit,
    Infeasible,
    Failed,
    Unavailable,
    Heuristic,
}

/// <summary>An external solver's answer on an exported MPS file, in the file's terms (a minimization).</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Values">Non-zero column values by column name; <see langword="null"/> without a solution.</param>
/// <param name="FileObjective">Objective value of the file's minimization, as the solver reported it.</param>
/// <param name="FileBound">Proven lower bound of the file's minimization; <see langword="null"/> when unknown.</param>
/// <param name="Elapsed">Wall time of the process (reading the file included).</param>
/// <param name="Detail">A short note for the table (for example why it failed).</param>
internal sealed record ExternalResult(
    RunStatus Status,
    IReadOnlyDictionary<string, double>? Values,
    double? FileObjective,
    double? FileBound,
    TimeSpan Elapsed,
    string Detail);

/// <summary>
/// Runs the <c>cbc</c> and <c>glpsol</c> command lines on an MPS file with their default settings and a time limit, and
/// reads their solutions back. A process that overruns its own time limit by more than the grace period is killed
/// (by its own id) and reported as a time limit without a solution.
/// </summary>
internal static partial class ExternalSolvers
{
    public static ExternalResult Cbc(string mpsPath, TimeSpan limit, string workDirectory)
    {
        var solution = Path.Combine(workDirectory, Path.GetFileNameWithoutExtension(mpsPath) + ".cbc.sol");
        File.Delete(solution);
        var run = ProcessRun.Start("cbc", [mpsPath, "sec", Seconds(limit), "solve", "solu", solution], Grace(limit));
        if (run.Unavailable) return Unavailable("cbc", run.Elapsed);
        if (run.Killed) return new ExternalResult(RunStatus.TimeLimit, null, null, null, run.Elapsed, "killed after the grace period");
        if (!File.Exists(solution))
            return new ExternalResult(RunStatus.Failed, null, null, null, run.Elapsed, $"no solution file (exit {run.ExitCode})");

        var lines = File.ReadAllLines(solution);
        var head = lines.Length == 0 ? "" : lines[0];
        // On a time limit without an integer solution CBC writes the LP relaxation's values: they are not a roster.
        var noSolution = run.Output.Contains("No feasible solution found", StringComparison.Ordinal)
            || head.Contains("no integer solution", StringComparison.Ordinal);
        var status = head.StartsWith("Optimal", StringComparison.Ordinal) ? RunStatus.Optimal
            : head.Contains("infeasible", StringComparison.OrdinalIgnoreCase) ? RunStatus.Infeasible
            : head.Contains("time", StringComparison.OrdinalIgnoreCase) ? RunStatus.TimeLimit
            : RunStatus.Failed;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            // "index name value objective", with "**" in front of a value that breaks a bound.
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields is ["**", ..]) fields = fields[1..];
            if (fields.Length >= 3) values[fields[1]] = double.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        var objective = Number(CbcObjective(), run.Output);
        var bound = status == RunStatus.Optimal ? objective : Number(CbcLowerBound(), run.Output);
        var hasSolution = !noSolution && status is RunStatus.Optimal or RunStatus.TimeLimit;
        return new ExternalResult(status, hasSolution ? values : null, hasSolution ? objective : null, bound, run.Elapsed, head);
    }

    public static ExternalResult Glpsol(string mpsPath, MpsFile file, TimeSpan limit, string workDirectory)
    {
        var solution = Path.Combine(workDirectory, Path.GetFileNameWithoutExtension(mpsPath) + ".glpsol.sol");
        File.Delete(solution);
        var run = ProcessRun.Start("glpsol", ["--freemps", mpsPath, "--tmlim", Seconds(limit), "-w", solution], Grace(limit));
        if (run.Unavailable) return Unavailable("glpsol", run.Elapsed);
        if (run.Killed) return new ExternalResult(RunStatus.TimeLimit, null, null, null, run.Elapsed, "killed after the grace period");
        var timeLimit = run.Output.Contains("TIME LIMIT EXCEEDED", StringComparison.Ordinal);
        if (!File.Exists(solution))
        {
            return new ExternalResult(timeLimit ? RunStatus.TimeLimit : RunStatus.Failed, null, null, null, run.Elapsed,
                $"no solution file (exit {run.ExitCode})");
        }

        // GLPK raw MIP solution: "s mip ROWS COLS STATUS OBJECTIVE", then "i ROW VALUE" and "j COLUMN VALUE" (1-based, file order).
        char state = 'u';
        double? objective = null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(solution))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is ["s", "mip", _, _, var s, var value])
            {
                state = s[0];
                objective = double.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (fields is ["j", var column, var value2] && double.Parse(value2, CultureInfo.InvariantCulture) is var v && v != 0)
            {
                values[file.Columns[int.Parse(column, CultureInfo.InvariantCulture) - 1]] = v;
            }
        }
        var status = state switch
        {
            'o' => RunStatus.Optimal,
            'f' => timeLimit ? RunStatus.TimeLimit : RunStatus.Feasible,
            'n' => RunStatus.Infeasible,
            _ => timeLimit ? RunStatus.TimeLimit : RunStatus.Failed,
        };
        var hasSolution = state is 'o' or 'f';
        return new ExternalResult(status, hasSolution ? values : null, hasSolution ? objective : null,
            status == RunStatus.Optimal ? objective : GlpsolBound(run.Output), run.Elapsed, $"raw status '{state}'");
    }

    /// <summary>The bound of glpsol's last progress line <c>mip = BEST &gt;= BOUND GAP</c>, when it is a number.</summary>
    private static double? GlpsolBound(string output)
    {
        var matches = GlpsolProgress().Matches(output);
        if (matches.Count == 0) return null;
        return double.TryParse(matches[^1].Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound)
            && double.IsFinite(bound) ? bound : null;
    }

    private static double? Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static ExternalResult Unavailable(string program, TimeSpan elapsed) =>
        new(RunStatus.Unavailable, null, null, null, elapsed, $"'{program}' not installed (Debian packages coinor-cbc, glpk-utils)");

    private static string Seconds(TimeSpan limit) => Math.Max(1, Math.Ceiling(limit.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Reading a large file and cleaning up come on top of the solver's own limit.</summary>
    private static TimeSpan Grace(TimeSpan limit) => limit * 2 + TimeSpan.FromSeconds(60);

    [GeneratedRegex(@"Objective value:\s+(\S+)")]
    private static partial Regex CbcObjective();

    [GeneratedRegex(@"Lower bound:\s+(\S+)")]
    private static partial Regex CbcLowerBound();

    [GeneratedRegex(@"mip =\s+.+?\s+>=\s+(\S+)")]
    private static partial Regex GlpsolProgress();

    /// <summary>One run of a command-line program with its whole output captured.</summary>
    private sealed record ProcessRun(bool Unavailable, bool Killed, int ExitCode, string Output, TimeSpan Elapsed)
    {
        public static ProcessRun Start(string program, IEnumerable<string> arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception)
            {
                return new ProcessRun(true, false, -1, "", clock.Elapsed);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                var killed = !process.WaitForExit(timeout);
                if (killed) process.Kill(entireProcessTree: true);
                process.WaitForExit();
                var elapsed = clock.Elapsed;
                return new ProcessRun(false, killed, process.ExitCode, output.Result + error.Result, elapsed);
            }
        }
    }
}
