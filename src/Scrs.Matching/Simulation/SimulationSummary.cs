using System.Globalization;
using System.Text;
using Scrs.Matching.Input;

namespace Scrs.Matching.Simulation;

/// <summary>Simulation results as a planner reads them: fill per priority, the sustain probability, the weak spots.</summary>
public static class SimulationSummary
{
    /// <summary>How many positions and requirements the summary lists.</summary>
    private const int Top = 10;

    /// <summary>The summary of <paramref name="results"/> of <paramref name="scenario"/>.</summary>
    public static string ToText(SimulationResults results, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scenario);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        var ending = (results.Partial ? " (PARTIAL: stopped before the end)" : "") + (results.StoppedBy is { } why ? $"; stopped: {why}" : "");
        Line($"{results.Replications} replication(s), seed {results.Seed}, {JsonNames.Modes.Name(results.Mode)} mode, {results.Elapsed.TotalSeconds:F1} s{ending}");
        var unproven = results.Mode == SimulationMode.Rolling
            ? "not proven (a plan stopped by its time limit, or planned with an operation's share capped)"
            : "stopped by their time limit (coverage not proven)";
        if (results.UnprovenReplications > 0) Line($"{results.UnprovenReplications} replication(s) {unproven}");
        text.AppendLine();
        Line($"{"fill rate",-10} {"mean",8}  {"95% interval",-17}  {"p5",6} {"p50",6} {"p95",6}");
        foreach (var fill in results.Priorities)
        {
            if (fill.Mean is not { } mean) continue;
            var interval = fill.Confidence95 is { } i ? $"[{i.Low:P1}, {i.High:P1}]" : "";
            Line($"{JsonNames.Priorities.Name(fill.Priority),-10} {mean,8:P1}  {interval,-17}  {fill.Percentiles!.P5,6:P0} {fill.Percentiles.P50,6:P0} {fill.Percentiles.P95,6:P0}");
        }
        if (results.SustainProbability is { } sustained && !scenario.Sustain.IsEmpty)
        {
            text.AppendLine();
            var thresholds = string.Join(", ", scenario.Sustain.OrderBy(t => t.Key).Select(t => string.Create(CultureInfo.InvariantCulture, $"{JsonNames.Priorities.Name(t.Key)} >= {t.Value:P0}")));
            Line($"sustained in every month ({thresholds}): {sustained.Estimate:P1} of replications, 95% interval [{sustained.Confidence95.Low:P1}, {sustained.Confidence95.High:P1}]");
        }
        var weak = results.Positions.Where(p => p.UnfilledProbability > 0)
            .OrderByDescending(p => p.UnfilledProbability).ThenByDescending(p => p.MeanUncoveredSeatDays).Take(Top).ToList();
        if (weak.Count > 0)
        {
            text.AppendLine();
            Line($"positions most likely to stay unfilled (of {results.Positions.Count(p => p.UnfilledProbability > 0)} ever unfilled):");
            foreach (var p in weak)
                Line($"  {p.Position,-16} {p.Operation,-12} {JsonNames.Priorities.Name(p.Priority),-8} unfilled in {p.UnfilledProbability,6:P0}, {p.MeanUncoveredSeatDays,8:F1} seat-days on average");
        }
        if (!results.Bottlenecks.IsEmpty)
        {
            text.AppendLine();
            text.AppendLine("requirements behind the empty seats (expected uncovered seat-days per replication):");
            foreach (var b in results.Bottlenecks.Take(Top)) Line($"  {b.Requirement,-32} {b.ExpectedUncoveredSeatDays,10:F1}");
        }
        return text.ToString();
    }

}
