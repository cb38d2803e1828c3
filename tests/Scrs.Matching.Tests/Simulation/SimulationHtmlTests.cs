using System.Text.RegularExpressions;
using Scrs.Matching.Input;
using Scrs.Matching.Simulation;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Simulation;

/// <summary>The simulation's HTML report: self-contained, one band and one median per priority, and drawn in a real browser.</summary>
public sealed class SimulationHtmlTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scrs-sim-html-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_report_is_self_contained_has_a_band_per_priority_and_a_headless_browser_draws_it()
    {
        var scenario = ScenarioJson.Read("""
            { "sample": { "family": "small" }, "replications": 20, "seed": 5,
              "declines": { "standby": 0.3 }, "attritionPerYear": { "reserve": 0.2 }, "sustain": { "critical": 0.9 } }
            """).Value!;
        var results = Simulator.Run(scenario, new SimulationOptions { Parallel = 2 });
        var html = SimulationHtml.Write(results, scenario);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=|@import|url\\(", RegexOptions.IgnoreCase), html);
        var priorities = results.Priorities.Where(p => p.Mean is not null).Select(p => JsonNames.Priorities.Name(p.Priority)).ToList();
        Assert.Equal(priorities, Regex.Matches(html, "<polygon class=\"band\" data-priority=\"(\\w+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(priorities, Regex.Matches(html, "<polyline class=\"median\" data-priority=\"(\\w+)\"").Select(m => m.Groups[1].Value));
        foreach (var month in results.Months) Assert.Contains($">{month.Month}</text>", html, StringComparison.Ordinal);

        var page = Path.Combine(_folder, "report.html");
        File.WriteAllText(page, html);
        var shot = Screenshot.Take(page, Path.Combine(_folder, "report.png"));
        Assert.Equal(1100, shot.Width);
        Assert.True(shot.InkShare() > 0.02, $"the page looks blank: {shot.InkShare():P2} of its pixels are not white");
        // The critical band, its median and the unfilled bars are drawn in the critical colour (#c0392b).
        Assert.True(shot.Count((192, 57, 43)) > 200, $"only {shot.Count((192, 57, 43))} pixels of the critical colour");
    }
}
