using System.Text.RegularExpressions;
using Scrs.Matching.Input;
using Scrs.Matching.Planning;
using Scrs.Matching.Report;
using Scrs.Matching.Samples;
using Scrs.Matching.Tests.Oracles;

namespace Scrs.Matching.Tests.Report;

/// <summary>The roster's page: self-contained, a bar per tour, names escaped, broken rules shown, and drawn in a real browser.</summary>
public sealed class RosterHtmlTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scrs-roster-html-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Lazy<(Domain.DeploymentProblem Problem, Roster Roster)> Small = new(() =>
    {
        var problem = SampleCorps.Generate(SampleCorps.Families.ForFamily("small"));
        return (problem, RosterPlanner.Plan(problem));
    });

    private static int Count(string html, string pattern) => Regex.Matches(html, pattern).Count;

    [Fact]
    public void The_page_has_one_bar_per_tour_a_chart_per_surge_limit_and_a_headless_browser_draws_it()
    {
        var (problem, roster) = Small.Value;
        Assert.NotEmpty(roster.Unfilled);
        var html = RosterHtml.Write(problem, roster);

        Assert.Equal(roster.Assignments.Length, Count(html, "<rect class=\"tour\""));
        Assert.Equal(problem.Operations.Sum(o => o.Positions.Sum(p => p.Headcount)), Count(html, "<rect class=\"seat\""));
        Assert.Equal(problem.Policy.Surge.Length, Count(html, "<svg class=\"surge\""));
        Assert.Equal(problem.Policy.Surge.Length, Count(html, "<polyline class=\"capacity\""));
        foreach (var u in roster.Unfilled) Assert.Contains(System.Net.WebUtility.HtmlEncode(u.Reason), html, StringComparison.Ordinal);
        // Critical and high open, normal and low collapsed.
        Assert.Equal(["critical", "high"], Regex.Matches(html, "<details open data-priority=\"(\\w+)\"").Select(m => m.Groups[1].Value).Distinct());
        Assert.Equal(["normal", "low"], Regex.Matches(html, "<details data-priority=\"(\\w+)\"").Select(m => m.Groups[1].Value).Distinct());
        Assert.DoesNotContain("id=\"violations\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"stale\"", html, StringComparison.Ordinal);

        var page = Path.Combine(_folder, "roster.html");
        File.WriteAllText(page, html);
        var shot = Screenshot.Take(page, Path.Combine(_folder, "roster.png"));
        Assert.Equal(1100, shot.Width);
        Assert.True(shot.InkShare() > 0.05, $"the page looks blank: {shot.InkShare():P2} of its pixels are not white");
        // The bars of active members (#117a65) fill the open critical and high charts at the top.
        Assert.True(shot.Count((0x11, 0x7a, 0x65)) > 3000, $"only {shot.Count((0x11, 0x7a, 0x65))} pixels of the active colour");
    }

    [Fact]
    public void A_team_is_drawn_as_a_framed_group_and_each_slot_it_leaves_empty_as_one_band()
    {
        // p and q deploy together over three 10-day slots; nobody can serve q's last slot (unavailable), so the team
        // deploys on the first two slots only.
        var b = Planning.ProblemBuilder.Member("b", unavailable: [new Domain.DateRange(Planning.ProblemBuilder.D(25), Planning.ProblemBuilder.D(26))]);
        var problem = Planning.ProblemBuilder.Problem([Planning.ProblemBuilder.Member("a"), b],
            [Planning.ProblemBuilder.Position("p", 0, 29, rotation: 10), Planning.ProblemBuilder.Position("q", 0, 29, rotation: 10)], restDays: 0);
        problem = problem with { Operations = [problem.Operations[0] with { Teams = [new Domain.Team("t1", "Team one", ["p", "q"])] }] };
        var roster = RosterPlanner.Plan(problem);
        Assert.Equal(RosterStatus.Optimal, roster.Status);

        var html = RosterHtml.Write(problem, roster);
        Assert.Equal(1, Count(html, "<details open data-team=\"t1\"><summary><b>team t1</b> Team one: 2 positions deploying together</summary>"));
        Assert.Equal(1, Count(html, "<rect class=\"team\""));
        Assert.Equal(1, Count(html, "<rect class=\"team-empty\""));
        // The band's hover text is the reason of its own slot.
        var reason = roster.Unfilled.First(u => u.Position == "p").Reason;
        Assert.StartsWith($"team t1, slot {Planning.ProblemBuilder.D(20):yyyy-MM-dd}..", reason, StringComparison.Ordinal);
        Assert.Contains($"<title>{System.Net.WebUtility.HtmlEncode(reason)}</title></rect>", html, StringComparison.Ordinal);
        // The team's positions are drawn in its group only.
        Assert.Equal(2, Count(html, "<rect class=\"seat\""));
        Assert.DoesNotContain("data-priority", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_member_trained_has_a_line_with_a_gold_bar_per_training_and_their_tours()
    {
        var (problem, roster) = Enumerable.Range(0, 200).Select(seed => TinyProblems.GenerateWithCourses(seed))
            .Select(p => (p, RosterPlanner.Plan(p))).First(x => x.Item2.Training.Length >= 1);
        var html = RosterHtml.Write(problem, roster);
        var trained = roster.Training.Select(t => t.Member).Distinct().ToList();
        Assert.Equal(roster.Training.Length, Count(html, "<rect class=\"training\""));
        Assert.Equal(1, Count(html, "data-training"));
        // Each tour of a trained member is drawn twice: on its position's chart and on the member's line.
        Assert.Equal(roster.Assignments.Length + roster.Assignments.Count(a => trained.Contains(a.Member)), Count(html, "<rect class=\"tour\""));
        var t = roster.Training[0];
        Assert.Contains($"{t.Credential} in session {t.Session}, {t.Days}; valid through", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-training", RosterHtml.Write(problem, roster with { Training = [] }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained_and_escapes_every_name()
    {
        var problem = ProblemJson.Read("""
            { "planningDate": "2025-03-01",
              "members": [ { "id": "M<1>", "name": "Ann <kbd>&amp;</kbd> \"Bo\"", "component": "active", "agency": "A&B" } ],
              "operations": [ { "id": "OP&1", "name": "Op <q>one</q>", "positions": [
                { "id": "P<1>", "title": "<script>alert(1)</script>", "start": "2025-04-01", "end": "2025-06-29", "priority": "critical" },
                { "id": "P2", "title": "Second 'seat'", "start": "2025-04-01", "end": "2025-06-29" } ] } ],
              "policy": { "surge": [ { "agency": "A&B", "maxConcurrent": 1 } ] } }
            """).Value!;
        var roster = RosterPlanner.Plan(problem);
        Assert.Single(roster.Assignments);
        var html = RosterHtml.Write(problem, roster);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=|@import|url\\(", RegexOptions.IgnoreCase), html);
        foreach (var raw in new[] { "<kbd>", "<q>", "\"Bo\"", "M<1>", "P<1>", "OP&1", "A&B" })
            Assert.DoesNotContain(raw, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Ann &lt;kbd&gt;&amp;amp;&lt;/kbd&gt; &quot;Bo&quot;", html, StringComparison.Ordinal);
        Assert.Contains("agency=A&amp;B", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_roster_that_breaks_rules_is_drawn_with_its_violations_and_an_edited_one_says_its_report_is_stale()
    {
        var (problem, roster) = Small.Value;
        var first = roster.Assignments[0];
        // The same member twice at once on another position: a double booking, and coverage the report does not count.
        var other = problem.Operations.SelectMany(o => o.Positions).First(p => p.Id != first.Position && p.Window.Covers(first.Days));
        var broken = roster with { Assignments = roster.Assignments.Add(first with { Position = other.Id }) };
        var html = RosterHtml.Write(problem, broken);

        Assert.Contains("id=\"violations\"", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(first.Member), html[html.IndexOf("id=\"violations\"", StringComparison.Ordinal)..html.IndexOf("</div>", StringComparison.Ordinal)],
            StringComparison.Ordinal);
        Assert.Contains("id=\"stale\"", html, StringComparison.Ordinal);
        Assert.Equal(broken.Assignments.Length, Count(html, "<rect class=\"tour\""));
    }

    [Fact]
    public void A_roster_document_reads_back_whole_and_writes_the_same_text()
    {
        var (problem, roster) = Small.Value;
        var written = RosterJson.Write(roster);
        var read = RosterJson.Read(written);
        Assert.True(read.Ok, string.Join("; ", read.Errors));
        Assert.Equal(written, RosterJson.Write(read.Value!));

        // A re-plan has changes (with previous tours) and the changes level.
        var replanned = RosterPlanner.Plan(problem, PlannerOptions.Default with { Previous = roster.Assignments.RemoveAt(0) });
        Assert.NotNull(replanned.Objective?.Changes);
        var text = RosterJson.Write(replanned);
        Assert.Equal(text, RosterJson.Write(RosterJson.Read(text).Value!));
        Assert.Contains("changes (person-days not kept)", RosterHtml.Write(problem, RosterJson.Read(text).Value!, roster.Assignments.RemoveAt(0)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_roster_document_with_format_errors_names_every_field()
    {
        var read = RosterJson.Read("""{ "status": "great", "assignments": [ { "member": "M1" } ], "gap": "x", "extra": 1 }""");
        Assert.False(read.Ok);
        Assert.Equal(["assignments[0].end", "assignments[0].operation", "assignments[0].position", "assignments[0].start", "extra", "gap", "status"],
            read.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(["assignments"], RosterJson.Read("""{ "status": "optimal" }""").Errors.Select(e => e.Field));
    }
}
