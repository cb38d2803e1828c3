using System.Globalization;

namespace Scrs.Matching.Benchmarks.Compare;

/// <summary>Prints a <see cref="ComparisonResult"/> as one table with the ratios and the verdict.</summary>
internal static class ComparisonTable
{
    public static void Write(ComparisonResult result, TextWriter output)
    {
        var s = result.Statistics;
        output.WriteLine();
        output.WriteLine($"compare {result.Family}: {s.Members:N0} members, {s.Positions:N0} positions, {s.CandidateTours:N0} candidate tours; "
            + $"model {s.Columns:N0} columns, {s.Rows:N0} rows, {s.NonZeros:N0} non-zeros");
        output.WriteLine($"exported model: objective level '{result.ExportedLevel ?? "none (weighted)"}', earlier levels fixed as rows; "
            + $"MPS formatting {result.ExportMillis} ms is included in the library's time");
        foreach (var library in result.LibraryRuns)
        {
            var stats = library.Statistics!;
            output.WriteLine($"{library.Solver} stages: " + string.Join(", ",
                stats.Stages.Select(st => $"{st.Level} {Millis(st.Millis)} ({st.Status.ToString().ToLowerInvariant()})")
                    .Prepend($"eligibility {Millis(stats.EligibilityMillis)}, model {Millis(stats.ModelMillis)}")
                    .Append($"verification {Millis(stats.VerifyMillis)}")));
        }
        output.WriteLine();

        string[] header = ["solver", "status", "time s", "critical", "high", "normal", "low", "cost", "load", $"bound ({result.ExportedLevel ?? "-"})", "violations", "note"];
        var rows = result.Runs.Select(r => new[]
        {
            r.Solver,
            Comparison.Describe(r.Status),
            r.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture),
            Level(r, 0), Level(r, 1), Level(r, 2), Level(r, 3), Level(r, 4), Level(r, 5),
            r.Bound is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) : "-",
            r.Violations.Length.ToString(CultureInfo.InvariantCulture),
            r.Detail,
        }).ToList();
        var widths = header.Select((h, k) => rows.Select(row => row[k].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Line(row, widths));
        output.WriteLine();

        foreach (var library in result.LibraryRuns)
        {
            foreach (var external in new[] { Comparison.CbcCli, Comparison.Glpsol })
                output.WriteLine($"{library.Solver}/{external} time: {Ratio(result.TimeRatio(library, external))}{Limited(result, external)}");
        }
        output.WriteLine($"greedy/library coverage (person-days, all priorities): {(result.GreedyCoverageRatio is { } g ? g.ToString("F4", CultureInfo.InvariantCulture) : "-")}");
        foreach (var note in result.Notes) output.WriteLine($"note: {note}");
        output.WriteLine();
        if (result.Agrees)
        {
            var proven = result.Runs.Count(r => r.Status == RunStatus.Optimal);
            output.WriteLine(proven >= 2
                ? $"AGREE: the {proven} solvers that proved optimality reached the same value on every level; every roster keeps every rule."
                : $"NOT CHECKED: {proven} solver(s) proved optimality, so there is nothing to agree on; every roster keeps every rule.");
            return;
        }
        output.WriteLine("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        output.WriteLine($"DISAGREEMENT on {result.Family}: {result.Disagreements.Length} failed check(s)");
        foreach (var d in result.Disagreements) output.WriteLine($"  - {d}");
        output.WriteLine("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    }

    private static string Level(SolverRun run, int level) =>
        run.Values is null ? "-" : Comparison.Levels(run.Values).ElementAt(level).Value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("F3", CultureInfo.InvariantCulture);

    private static string Limited(ComparisonResult result, string solver) =>
        result.Run(solver).Status == RunStatus.Optimal ? "" : $" ({solver} ended with {Comparison.Describe(result.Run(solver).Status)}: this is not a ratio of times to a proven optimum)";

    private static string Millis(long millis) => $"{millis} ms";

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, k) => k is 0 or 1 or 11 ? c.PadRight(widths[k]) : c.PadLeft(widths[k]))).TrimEnd();
}
