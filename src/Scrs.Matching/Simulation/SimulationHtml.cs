using System.Globalization;
using System.Net;
using System.Text;
using Scrs.Matching.Domain;
using Scrs.Matching.Input;

namespace Scrs.Matching.Simulation;

/// <summary>
/// Simulation results as one self-contained HTML page: the monthly fill bands per priority (5th to 95th percentile,
/// median line) as inline SVG, the fill table, and the positions most likely to stay unfilled. No script, no font or
/// image from the network.
/// </summary>
public static class SimulationHtml
{
    private const int Width = 960, Height = 360, Left = 56, Right = 40, Top = 16, Bottom = 48;
    private const int TopPositions = 25, TopBottlenecks = 12;

    private static readonly Dictionary<Priority, string> Colours = new()
    {
        [Priority.Critical] = "#c0392b",
        [Priority.High] = "#e67e22",
        [Priority.Normal] = "#2e86c1",
        [Priority.Low] = "#7f8c8d",
    };

    /// <summary>The page for <paramref name="results"/> of <paramref name="scenario"/>.</summary>
    public static string Write(SimulationResults results, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scenario);
        var html = new StringBuilder();
        void Add(FormattableString text) => html.Append(text.ToString(CultureInfo.InvariantCulture));
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Scenario simulation</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1000px; }
            h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
            table { border-collapse: collapse; font-size: 13px; } td, th { padding: 3px 10px; text-align: right; border-bottom: 1px solid #ddd; }
            th { background: #f4f4f4; } td.name, th.name { text-align: left; }
            .bar { display: inline-block; height: 10px; background: #c0392b; vertical-align: middle; }
            .key { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 14px; }
            .partial { color: #c0392b; font-weight: bold; }
            </style></head><body>
            """);
        Add($"<h1>Scenario simulation: {results.Replications} replications, seed {results.Seed}</h1>");
        if (results.Partial) html.Append("<p class=\"partial\">Partial results: the run was stopped before its end.</p>");
        if (results.StoppedBy is { } why) Add($"<p>Stopped early: {Encode(why)}.</p>");
        if (results.SustainProbability is { } sustained && !scenario.Sustain.IsEmpty)
        {
            var thresholds = string.Join(", ", scenario.Sustain.OrderBy(t => t.Key).Select(t => string.Create(CultureInfo.InvariantCulture, $"{Name(t.Key)} &ge; {t.Value:P0}")));
            Add($"<p>Sustained in every month ({thresholds}) in <b>{sustained.Estimate:P1}</b> of replications (95% interval {sustained.Confidence95.Low:P1} to {sustained.Confidence95.High:P1}).</p>");
        }

        html.Append("<h2>Fill rate over the horizon</h2><table><tr><th class=\"name\">priority</th><th>mean</th><th>95% interval</th><th>p5</th><th>p50</th><th>p95</th></tr>");
        foreach (var fill in results.Priorities)
        {
            if (fill.Mean is not { } mean) continue;
            var interval = fill.Confidence95 is { } i ? string.Create(CultureInfo.InvariantCulture, $"{i.Low:P1} to {i.High:P1}") : "";
            Add($"<tr><td class=\"name\">{Name(fill.Priority)}</td><td>{mean:P1}</td><td>{interval}</td><td>{fill.Percentiles!.P5:P1}</td><td>{fill.Percentiles.P50:P1}</td><td>{fill.Percentiles.P95:P1}</td></tr>");
        }
        html.Append("</table>");

        html.Append("<h2>Monthly fill rate: 5th to 95th percentile band, median line</h2>");
        html.Append(Bands(results));
        html.Append("<p>");
        foreach (var (priority, colour) in Colours) Add($"<span class=\"key\" style=\"background:{colour}\"></span>{Name(priority)}");
        html.Append("</p>");

        var weak = results.Positions.Where(p => p.UnfilledProbability > 0)
            .OrderByDescending(p => p.UnfilledProbability).ThenByDescending(p => p.MeanUncoveredSeatDays).Take(TopPositions).ToList();
        Add($"<h2>Positions most likely to stay unfilled ({results.Positions.Count(p => p.UnfilledProbability > 0)} of {results.Positions.Length} ever unfilled)</h2>");
        html.Append("<table><tr><th class=\"name\">position</th><th class=\"name\">operation</th><th class=\"name\">priority</th><th class=\"name\">unfilled in</th><th>mean uncovered seat-days</th></tr>");
        foreach (var p in weak)
        {
            Add($"<tr><td class=\"name\">{Encode(p.Position)}</td><td class=\"name\">{Encode(p.Operation)}</td><td class=\"name\">{Name(p.Priority)}</td>");
            Add($"<td class=\"name\"><span class=\"bar\" style=\"width:{Math.Round(p.UnfilledProbability * 120)}px\"></span> {p.UnfilledProbability:P0}</td><td>{p.MeanUncoveredSeatDays:F1}</td></tr>");
        }
        html.Append("</table>");

        if (!results.Bottlenecks.IsEmpty)
        {
            html.Append("<h2>Requirements behind the empty seats</h2><table><tr><th class=\"name\">requirement</th><th>expected uncovered seat-days</th></tr>");
            foreach (var b in results.Bottlenecks.Take(TopBottlenecks))
                Add($"<tr><td class=\"name\">{Encode(b.Requirement)}</td><td>{b.ExpectedUncoveredSeatDays:F1}</td></tr>");
            html.Append("</table>");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>The chart: one band (polygon, p5 to p95) and one median line (polyline) per priority with data.</summary>
    private static string Bands(SimulationResults results)
    {
        var svg = new StringBuilder();
        void Add(FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));
        var months = results.Months;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int m) => Left + (months.Length <= 1 ? plotWidth / 2.0 : m * plotWidth / (double)(months.Length - 1));
        double Y(double rate) => Top + (1 - rate) * plotHeight;
        Add($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"monthly fill bands\">");
        Add($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = Y(tick / 4.0);
            Add($"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#e3e3e3\"/><text x=\"{Left - 6}\" y=\"{y + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{tick * 25}%</text>");
        }
        for (var m = 0; m < months.Length; m++)
            Add($"<text x=\"{X(m):F1}\" y=\"{Height - Bottom + 16}\" font-size=\"10\" text-anchor=\"middle\">{months[m].Month}</text>");
        foreach (var (priority, colour) in Colours)
        {
            var points = Enumerable.Range(0, months.Length)
                .Select(m => (m, p: months[m].Priorities.GetValueOrDefault(priority))).Where(x => x.p is not null).ToList();
            if (points.Count == 0) continue;
            var upper = points.Select(x => string.Create(CultureInfo.InvariantCulture, $"{X(x.m):F1},{Y(x.p!.P95):F1}"));
            var lower = points.AsEnumerable().Reverse().Select(x => string.Create(CultureInfo.InvariantCulture, $"{X(x.m):F1},{Y(x.p!.P5):F1}"));
            Add($"<polygon class=\"band\" data-priority=\"{Name(priority)}\" points=\"{string.Join(' ', upper.Concat(lower))}\" fill=\"{colour}\" fill-opacity=\"0.25\" stroke=\"none\"/>");
            var median = points.Select(x => string.Create(CultureInfo.InvariantCulture, $"{X(x.m):F1},{Y(x.p!.P50):F1}"));
            Add($"<polyline class=\"median\" data-priority=\"{Name(priority)}\" points=\"{string.Join(' ', median)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Name(Priority priority) => JsonNames.Priorities.Name(priority);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
